"""`python/<module:function>`: any Python callable as a model (a RAG chain, an agent, a
guarded pipeline). ``python/myapp.bot:answer`` or ``python/path/to/file.py:answer``; a module
is looked up on ``sys.path`` with the working directory first, as ``python -m`` does.

Signature::

    def answer(messages: list[dict[str, str]], config: dict[str, object]) -> str | dict | ModelOutput
    async def answer(messages: list[dict[str, str]]) -> str   # config may be left out

The function takes ``(messages, config)`` — messages as a list of ``{role, content}`` dicts,
config as a dict of GenerateConfig fields — or just ``(messages)``, may be sync (run in a
worker thread) or async, and returns a string, a dict ``{"text": ..., "usage":
{"input_tokens", "output_tokens"}, "finish_reason": ...}``, or a ModelOutput. Raising
ModelError passes through (set ``retryable=True`` for transient failures); TimeoutError and
ConnectionError count as retryable; any other exception is a non-retryable ModelError.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charter.errors import ConfigError, ModelError
from charter.model._api import ModelAPI, provider
from charter.model._types import GenerateConfig, ModelOutput, Usage
from charter.types import Message

__all__ = ["PythonModel", "load_callable"]


def load_callable(spec: str) -> Callable[..., Any]:
    """Import ``module:function`` (or ``file.py:function``; dotted attributes allowed)."""
    mod_name, sep, attr = spec.rpartition(":")
    if not sep or not mod_name or not attr:
        raise ConfigError(f"python/ target '{spec}' is not module:function",
                          hint="write python/package.module:function or python/path/to/file.py:function")
    try:
        if mod_name.endswith(".py"):
            path = Path(mod_name)
            if not path.is_file():
                raise ConfigError(f"python/ target file '{mod_name}' not found",
                                  hint="give a path relative to the working directory")
            name = f"charter_user_{abs(hash(str(path.resolve())))}"
            loader_spec = importlib.util.spec_from_file_location(name, path)
            assert loader_spec is not None and loader_spec.loader is not None
            module = importlib.util.module_from_spec(loader_spec)
            sys.modules[name] = module
            loader_spec.loader.exec_module(module)
        else:
            cwd = str(Path.cwd())
            if "" not in sys.path and cwd not in sys.path:
                sys.path.insert(0, cwd)  # a module in the working directory, as `python -m` finds it
            module = importlib.import_module(mod_name)
    except ModuleNotFoundError as e:
        raise ConfigError(f"python/{spec}: cannot import module '{mod_name}' ({e})",
                          hint="is it installed, or is its folder on PYTHONPATH / the working directory?") from None
    except ConfigError:
        raise
    except Exception as e:
        raise ConfigError(f"python/{spec}: importing '{mod_name}' failed: {type(e).__name__}: {e}",
                          hint="fix the module so it imports cleanly") from e
    obj: Any = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            public = [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n))]
            raise ConfigError(f"python/{spec}: '{mod_name}' has no attribute '{attr}'",
                              hint=f"callables there: {', '.join(public[:15]) or 'none'}")
        obj = getattr(obj, part)
    if not callable(obj):
        raise ConfigError(f"python/{spec}: '{attr}' is not callable", hint="point at a function")
    fn: Callable[..., Any] = obj
    return fn


def _arity(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 2
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return 2
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return 1 if len(positional) == 1 else 2


@provider("python")
class PythonModel(ModelAPI):
    """A Python function as a model."""

    default_concurrency = 8

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.fn = load_callable(model)
        call = getattr(type(self.fn), "__call__", None) if not inspect.isroutine(self.fn) else None  # noqa: B004 - we need the method itself, to see if it is async
        self.is_async = inspect.iscoroutinefunction(self.fn) or inspect.iscoroutinefunction(call)
        self.arity = _arity(self.fn)
        self.full_name = f"python/{model}"

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        msgs = [m.to_openai() for m in messages]
        args: tuple[Any, ...] = (msgs,) if self.arity == 1 else (msgs, config.model_dump())
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        try:
            if self.is_async:
                result = await self.fn(*args)
            else:
                result = await asyncio.to_thread(self.fn, *args)
                if inspect.isawaitable(result):
                    result = await result
        except ModelError:
            raise
        except (TimeoutError, ConnectionError) as e:
            raise ModelError(f"{self.full_name} raised {type(e).__name__}: {e}",
                             hint="a transient failure; the runner retries", retryable=True) from e
        except Exception as e:
            raise ModelError(f"{self.full_name} raised {type(e).__name__}: {e}",
                             hint="fix the function; run with CHARTER_DEBUG=1 for the traceback") from e
        return self._output(result, config, loop.time() - t0)

    def _output(self, result: Any, config: GenerateConfig, latency: float) -> ModelOutput:
        if isinstance(result, ModelOutput):
            return result if result.latency_s else result.model_copy(update={"latency_s": latency})
        if isinstance(result, str):
            return ModelOutput(model=self.full_name, choices=[result] * config.n,
                               finish_reason="stop", latency_s=latency)
        if isinstance(result, dict) and isinstance(result.get("text"), str):
            u = result.get("usage") or {}
            try:
                usage = Usage(**u) if isinstance(u, dict) else Usage()
            except Exception as e:
                raise ModelError(f"{self.full_name} returned bad usage {u!r}: {e}",
                                 hint="usage is {input_tokens, output_tokens, cost}") from None
            choices = result.get("choices") or [result["text"]] * config.n
            return ModelOutput(model=self.full_name, choices=[str(c) for c in choices],
                               finish_reason=result.get("finish_reason", "stop"), usage=usage,
                               latency_s=latency)
        raise ModelError(f"{self.full_name} returned {type(result).__name__}: {str(result)[:200]!r}",
                         hint='return a str or a dict like {"text": "..."}')
