"""`local/<name>`: the embedded default — llama.cpp in-process through ``xllamacpp``.

``local/qwen2.5-1.5b-instruct`` (default judge / generator), ``local/qwen2.5-0.5b-instruct``
(fast default target), ``local/smollm2-135m-instruct`` (tests), or any GGUF file:
``local/path/to/model.gguf`` / ``path=``. Files are resolved and sha256-verified by
:mod:`charter.model._gguf`.

Options: ``parallel`` (slots decoded together, default 4; also the default concurrency),
``n_ctx`` (context per slot, default 4096), ``threads`` (default 0: generate on half the
usable cores, process prompts on all of them),
``gpu_layers`` (layers offloaded when the wheel has a GPU backend, default all),
``flash_attn`` (``auto``, the default: llama.cpp decides; ``on``; ``off``: on a CPU, generating
after a system prompt of thousands of tokens is about a fifth faster without it, while reading
prompts is about a tenth slower; see docs/performance.md),
``path`` and ``sha256`` (an explicit GGUF file and, optionally, the hash it must have).
Without ``max_tokens`` in the GenerateConfig a request stops after
:data:`DEFAULT_MAX_TOKENS` (1024) tokens; ``developer`` messages are sent as ``system``.

One llama.cpp server runs per (model file, settings) in a process, shared by every
``Model`` that uses it through :func:`server_pool`, an explicit :class:`LocalServerPool`
owned by the :class:`charter.Context` and counting references: the server stops when its
last model is closed, and when the context closes (the default one at interpreter exit). llama.cpp's HTTP listener binds 127.0.0.1 on a free port and requires a
random API key; Charter itself calls the server in-process. Requests are streamed
internally so that a timeout or a cancelled task frees its slot at the next token.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter.errors import (
    ConfigError,
    ContextOverflowError,
    MissingExtraError,
    ModelError,
    ModelFileError,
)
from charter.model._api import ModelAPI, provider
from charter.model._gguf import (
    LocalModelSpec,
    local_model_spec,
    lock_llama_listener,
    resolve_local_model,
)
from charter.model._types import GenerateConfig, ModelOutput, TokenLogprob, Usage
from charter.registry import Context, current_context
from charter.types import Message

__all__ = ["LocalModel", "LocalServer", "LocalServerPool", "LocalServerSettings", "llama_cpu_only", "server_pool"]

#: cap on generated tokens when GenerateConfig.max_tokens is not set
DEFAULT_MAX_TOKENS = 1024
_OPTIONS = ("flash_attn", "gpu_layers", "n_ctx", "parallel", "path", "sha256", "threads")
#: values of the flash_attn option
FLASH_ATTN = ("auto", "on", "off")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def llama_cpu_only() -> bool:
    """Whether llama.cpp computes on the CPU here: the ``xllamacpp`` build has no GPU device
    (False when it is not installed: nothing is known). Settings tuned for a CPU, such as
    ``flash_attn=off`` after a long system prompt, apply only then."""
    try:
        import xllamacpp
    except ImportError:
        return False
    cpu = xllamacpp.ggml_backend_dev_type.GGML_BACKEND_DEVICE_TYPE_CPU
    return all(d.get("type") == cpu for d in xllamacpp.get_device_info())


@dataclass(frozen=True)
class LocalServerSettings:
    """What makes two models share one llama.cpp server: the same file and settings."""

    path: str
    parallel: int = 4
    n_ctx: int = 4096
    threads: int = 0
    gpu_layers: int = -1
    flash_attn: str = "auto"


class LocalServer:
    """One loaded llama.cpp server and the threads that call it."""

    def __init__(self, settings: LocalServerSettings) -> None:
        import xllamacpp

        self.settings = settings
        p = xllamacpp.CommonParams()
        p.model.path = settings.path
        p.n_parallel = settings.parallel
        p.n_ctx = settings.n_ctx * settings.parallel  # llama.cpp splits it between the slots
        # Generation is memory-bound: half the cores generate about as fast as all of them and
        # leave room for a second server (target + judge); prompt processing uses every core.
        p.cpuparams.n_threads = settings.threads or max(1, _cores() // 2)
        p.cpuparams_batch.n_threads = settings.threads or _cores()
        # no busy-waiting: with two servers (target + judge) or other work on few cores,
        # spinning threads starve each other and generation slows down tens of times
        p.cpuparams.poll = 0
        p.cpuparams_batch.poll = 0
        p.n_gpu_layers = settings.gpu_layers
        fa = xllamacpp.llama_flash_attn_type
        p.flash_attn_type = {"auto": fa.LLAMA_FLASH_ATTN_TYPE_AUTO, "on": fa.LLAMA_FLASH_ATTN_TYPE_ENABLED,
                             "off": fa.LLAMA_FLASH_ATTN_TYPE_DISABLED}[settings.flash_attn]
        lock_llama_listener(p, http_threads=2)
        try:
            self._server: Any = xllamacpp.Server(p)
        except Exception as e:
            raise ModelFileError(
                f"llama.cpp could not load {settings.path} ({e})",
                hint="the file may be truncated or not a model llama.cpp supports; if it came "
                "from the cache, delete it and run again; with a large model, lower n_ctx or parallel",
            ) from None
        self.address: str = self._server.listening_address
        self.refs = 0
        self.executor = ThreadPoolExecutor(settings.parallel + 2, thread_name_prefix="charter-llama")
        self._closing = threading.Event()

    def chat(self, body: dict[str, Any], cancel: threading.Event) -> list[dict[str, Any]]:
        """Run one streamed chat completion; blocks (call from :attr:`executor`)."""
        chunks: list[dict[str, Any]] = []

        def on_chunk(chunk: dict[str, Any]) -> bool:
            chunks.append(chunk)
            return cancel.is_set() or self._closing.is_set()  # True stops the slot

        server = self._server
        if server is None or self._closing.is_set():
            raise ModelError("the local model server was shut down", retryable=True)
        server.handle_chat_completions(body, on_chunk)
        if self._closing.is_set():
            raise ModelError("the local model server was shut down during the request", retryable=True)
        return chunks

    @property
    def closed(self) -> bool:
        return self._server is None

    def close(self) -> None:
        """Stop running requests at their next token, then free the model."""
        self._closing.set()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._server = None  # xllamacpp terminates and joins its loop on dealloc


class LocalServerPool:
    """Owns the llama.cpp servers of a process: one per :class:`LocalServerSettings`,
    reference-counted. :func:`server_pool` gives the instance the ``local`` provider uses (one per
    :class:`charter.Context`);
    pass ``pool=`` to a model to use another one (tests, isolation)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._servers: dict[LocalServerSettings, LocalServer] = {}
        self._loading: dict[LocalServerSettings, threading.Lock] = {}

    def acquire(self, settings: LocalServerSettings) -> LocalServer:
        """The running server for ``settings``, loading it on first use (blocking)."""
        with self._lock:
            key_lock = self._loading.setdefault(settings, threading.Lock())
        with key_lock:
            with self._lock:
                server = self._servers.get(settings)
                if server is not None:
                    server.refs += 1
                    return server
            server = LocalServer(settings)  # slow: loads the model, outside the pool lock
            with self._lock:
                server.refs = 1
                self._servers[settings] = server
            return server

    def release(self, server: LocalServer) -> None:
        """Drop one reference; the last one stops the server."""
        with self._lock:
            if server.closed:  # already stopped by close_all()
                return
            server.refs -= 1
            if server.refs > 0:
                return
            if self._servers.get(server.settings) is server:
                del self._servers[server.settings]
        server.close()

    def servers(self) -> list[LocalServer]:
        with self._lock:
            return list(self._servers.values())

    def close_all(self) -> None:
        """Stop every server (run when the owning context closes)."""
        with self._lock:
            servers = list(self._servers.values())
            self._servers.clear()
            for server in servers:
                server.refs = 0
        for server in servers:
            server.close()


def server_pool(context: Context | None = None) -> LocalServerPool:
    """The pool of ``context`` (default: the current :class:`charter.Context`), made on first
    use and closed with the context (the default context closes at interpreter exit)."""
    ctx = context or current_context()
    return ctx.resource("model.local_server_pool", LocalServerPool, close=LocalServerPool.close_all)


# ----------------------------------------------------------------------- request / response


def build_request(messages: list[Message], config: GenerateConfig) -> dict[str, Any]:
    """The llama.cpp (OpenAI-style) chat request for ``messages`` and ``config``."""
    body: dict[str, Any] = {
        "messages": [
            {**m.to_openai(), "role": "system"} if m.role == "developer" else m.to_openai()
            for m in messages
        ],
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": config.max_tokens or DEFAULT_MAX_TOKENS,
        "n": config.n,
    }
    for key in ("temperature", "top_p", "seed", "stop"):
        value = getattr(config, key)
        if value is not None:
            body[key] = value
    if config.logprobs or config.top_logprobs:
        body["logprobs"] = True
        body["top_logprobs"] = config.top_logprobs or 0
    if config.response_schema is not None:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "response", "schema": config.response_schema, "strict": True},
        }
    return body


def _error(err: Any, settings: LocalServerSettings, name: str) -> ModelError:
    if not isinstance(err, dict):
        return ModelError(f"{name}: llama.cpp error: {err}")
    code = err.get("code")
    message = str(err.get("message", err))
    if err.get("type") == "exceed_context_size_error":
        need = int(err.get("n_prompt_tokens") or 0)
        suggest = max(settings.n_ctx * 2, 1 << max(need, 1).bit_length())
        return ContextOverflowError(
            f"{name}: the conversation ({need} tokens) does not fit the context of a slot "
            f"({settings.n_ctx} tokens)", status=code,
            hint=f"raise the n_ctx option (context per slot), e.g. get_model('{name}', "
            f"n_ctx={suggest}), or shorten the input",
        )
    return ModelError(f"{name}: llama.cpp error: {message}", status=code, retryable=code == 503,
                      hint="check the request settings" if code == 400 else None)


def parse_chunks(chunks: list[dict[str, Any]], *, name: str, settings: LocalServerSettings,
                 latency: float) -> ModelOutput:
    """Fold streamed chat chunks into one :class:`ModelOutput` (choice 0's logprobs; llama.cpp's
    ``timings`` in ``raw``)."""
    texts: dict[int, list[str]] = defaultdict(list)
    finish: dict[int, str] = {}
    logprobs: list[TokenLogprob] = []
    input_tokens = output_tokens = 0
    timings: dict[str, Any] | None = None
    for chunk in chunks:
        if "error" in chunk:
            raise _error(chunk["error"], settings, name)
        if chunk.get("timings"):
            timings = chunk["timings"]
        for choice in chunk.get("choices") or []:
            i = int(choice.get("index", 0))
            content = (choice.get("delta") or {}).get("content")
            if content:
                texts[i].append(content)
            if choice.get("finish_reason"):
                finish[i] = choice["finish_reason"]
            if i == 0 and choice.get("logprobs"):
                for tok in choice["logprobs"].get("content") or []:
                    logprobs.append(TokenLogprob(
                        token=tok["token"], logprob=float(tok["logprob"]),
                        top={t["token"]: float(t["logprob"]) for t in tok.get("top_logprobs") or []},
                    ))
        usage = chunk.get("usage")
        if usage:  # one usage chunk per choice: the prompt is shared, completions add up
            input_tokens = max(input_tokens, int(usage.get("prompt_tokens", 0)))
            output_tokens += int(usage.get("completion_tokens", 0))
    n = max([*texts, *finish], default=-1) + 1
    return ModelOutput(
        model=name,
        choices=["".join(texts.get(i, [])) for i in range(n)],
        finish_reason=finish.get(0),
        usage=Usage(input_tokens=input_tokens, output_tokens=output_tokens),
        logprobs=logprobs if logprobs else None,
        latency_s=latency,
        # llama.cpp's own account of the request: prompt tokens processed (prompt_n) and taken
        # from the slot's cache (cache_n), tokens generated (predicted_n), and their times
        raw={"timings": timings} if timings else None,
    )


# -------------------------------------------------------------------------------- provider


def _positive_int(options: dict[str, Any], key: str, default: int, *, minimum: int = 1) -> int:
    value = options.get(key, default)
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = minimum - 1
    if n < minimum:
        raise ConfigError(f"local model option {key}={value!r} must be an integer >= {minimum}")
    return n


@provider("local")
class LocalModel(ModelAPI):
    """A GGUF model run in-process by llama.cpp (see the module docstring)."""

    extra = "local"

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        unknown = sorted(set(options) - {*_OPTIONS, "pool"})
        if unknown:
            raise ConfigError(f"unknown option(s) for local/{model}: {', '.join(unknown)}",
                              hint=f"local models take: {', '.join(_OPTIONS)}")
        self.parallel = _positive_int(options, "parallel", 4)
        self.n_ctx = _positive_int(options, "n_ctx", 4096, minimum=64)
        # 0: automatic (half the cores generate, all of them process prompts)
        self.threads = _positive_int(options, "threads", 0, minimum=0)
        self.gpu_layers = _positive_int(options, "gpu_layers", -1, minimum=-1)
        self.flash_attn = str(options.get("flash_attn", "auto")).lower()
        if self.flash_attn not in FLASH_ATTN:
            raise ConfigError(f"local model option flash_attn={options['flash_attn']!r} must be one of "
                              f"{', '.join(FLASH_ATTN)}", hint="auto lets llama.cpp decide (the default)")
        self.default_concurrency = self.parallel
        self.path: str | None = str(options["path"]) if options.get("path") else None
        self.sha256: str | None = options.get("sha256")
        self.spec: LocalModelSpec | None = None
        if self.path is None and not model.lower().endswith(".gguf"):
            self.spec = local_model_spec(model)  # an unknown name fails now, with the known ones
        self.pool: LocalServerPool = options.get("pool") or server_pool()
        self._server: LocalServer | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"local/{self.model}"

    def _start(self) -> LocalServer:
        with self._lock:
            if self._server is None or self._server.closed:
                try:
                    import xllamacpp  # noqa: F401
                except ImportError:
                    raise MissingExtraError("xllamacpp", "local", "the local/ model provider") from None
                file = resolve_local_model(self.spec or self.model, path=self.path, sha256=self.sha256)
                self._server = self.pool.acquire(LocalServerSettings(
                    path=str(Path(file).resolve()), parallel=self.parallel, n_ctx=self.n_ctx,
                    threads=self.threads, gpu_layers=self.gpu_layers, flash_attn=self.flash_attn,
                ))
            return self._server

    async def start(self) -> LocalServer:
        """Resolve, verify and load the model now (otherwise the first request does)."""
        if self._server is not None and not self._server.closed:
            return self._server
        return await asyncio.to_thread(self._start)

    def prices(self) -> tuple[float, float] | None:
        """Free: nothing is billed."""
        return (0.0, 0.0)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        server = await self.start()
        body = build_request(messages, config)
        cancel = threading.Event()
        loop = asyncio.get_running_loop()
        t0 = time.perf_counter()
        try:
            fut = loop.run_in_executor(server.executor, server.chat, body, cancel)
        except RuntimeError:  # its executor was shut down: the server is closing
            raise ModelError(f"{self.name}: the local model server was shut down",
                             retryable=True) from None
        try:
            chunks = await asyncio.wait_for(fut, config.timeout) if config.timeout else await fut
        except TimeoutError:
            cancel.set()
            raise ModelError(f"{self.name} did not answer within {config.timeout:g} s",
                             retryable=True, hint="raise the timeout or lower max_tokens") from None
        except asyncio.CancelledError:
            cancel.set()
            raise
        except ModelError:
            raise
        except Exception as e:  # llama.cpp rejected the request (bad schema, template error)
            hint = "check that response_schema is a valid JSON Schema" if config.response_schema else None
            raise ModelError(f"{self.name}: llama.cpp rejected the request: {e}", hint=hint) from None
        return parse_chunks(chunks, name=self.name, settings=server.settings,
                            latency=time.perf_counter() - t0)

    async def aclose(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            await asyncio.to_thread(self.pool.release, server)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "provider": "local", "model": self.model, "parallel": self.parallel, "n_ctx": self.n_ctx,
        }
        if self.flash_attn != "auto":
            out["flash_attn"] = self.flash_attn
        if self.spec is not None:
            out |= {"file": self.spec.filename, "sha256": self.spec.sha256}
        else:
            out["file"] = Path(self.path or self.model).name
        return out
