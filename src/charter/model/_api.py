"""`ModelAPI` (what a provider implements), the provider registry, and `Model`.

A provider implements one method, ``generate(messages, config) -> ModelOutput``, and raises
:class:`~charter.errors.ModelError` (``retryable=True`` for 429/5xx/timeouts/resets, with
``retry_after`` when the server said so). Retries, concurrency limits, caching and storage
belong to the runner, not to providers.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncGenerator, Callable, Sequence
from typing import Any, TypeVar

from charter.errors import ProviderNotFound
from charter.model._types import GenerateConfig, ModelOutput, ModelRole, StreamChunk
from charter.registry import Context, Registry, current_context, use_context
from charter.types import Message

__all__ = ["MessagesLike", "Model", "ModelAPI", "get_model", "provider", "providers", "to_messages"]

MessagesLike = str | Sequence[Message] | Sequence[dict[str, Any]]


class ModelAPI(abc.ABC):
    """One provider's client for one model name (the part after ``provider/``)."""

    #: registry name, e.g. "openai"
    provider_name: str = ""
    #: extra to install when an optional dependency is missing
    extra: str | None = None
    #: how many requests the provider handles at once by default (the runner may lower it)
    default_concurrency: int = 8

    def __init__(self, model: str, **options: Any) -> None:
        self.model = model
        self.options = options

    @abc.abstractmethod
    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        """Answer the conversation. Raise ModelError on failure."""

    async def generate_stream(self, messages: list[Message], config: GenerateConfig) -> AsyncGenerator[StreamChunk, None]:
        """The answer piece by piece as the provider sends it; the last chunk carries the whole
        :class:`ModelOutput`. Default: one chunk from :meth:`generate` (providers that can
        stream override it). Raise ModelError on failure, before or during the stream."""
        out = await self.generate(messages, config)
        yield StreamChunk(text=out.text, output=out)

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release connections, processes, file handles."""

    def prices(self) -> tuple[float, float] | None:
        """USD per 1M (input, output) tokens when known before calling, else None. A run with
        ``max_cost`` reserves each request's worst-case price from them. Default: the
        ``price_in`` / ``price_out`` options when either is given."""
        pin, pout = self.options.get("price_in"), self.options.get("price_out")
        if pin in (None, "") and pout in (None, ""):
            return None
        return float(pin or 0.0), float(pout or 0.0)

    def describe(self) -> dict[str, Any]:
        """Metadata stored with runs (never secrets)."""
        return {"provider": self.provider_name, "model": self.model}


#: every model provider, built-in or plugin; the built-ins live in ``charter.model._providers``
_HOMES = {"openai": "openai", "ollama": "openai", "vllm": "openai", "anthropic": "anthropic", "http": "http",
          "python": "python", "replay": "replay", "hf": "hf", "local": "local", "mock": "mock"}
providers: Registry[type[ModelAPI]] = Registry(
    "model provider",
    builtins=tuple(f"charter.model._providers.{m}" for m in sorted(set(_HOMES.values()))),
    homes={name: f"charter.model._providers.{m}" for name, m in _HOMES.items()},
)

A = TypeVar("A", bound=type[ModelAPI])


def provider(name: str) -> Callable[[A], A]:
    """Class decorator registering a :class:`ModelAPI` under ``name`` (built-ins use it too)."""

    def deco(cls: A) -> A:
        cls.provider_name = name
        providers.add(name, cls)
        return cls

    return deco


def to_messages(messages: MessagesLike) -> list[Message]:
    if isinstance(messages, str):
        return [Message(role="user", content=messages)]
    out: list[Message] = []
    for m in messages:
        out.append(m if isinstance(m, Message) else Message.model_validate(m))
    return out


class Model:
    """A provider-neutral async chat model with a role and default generation settings.

    >>> model = get_model("mock/refuse")
    >>> out = await model.generate("How do I pick a lock?")      # doctest: +SKIP
    """

    def __init__(self, api: ModelAPI, *, role: ModelRole | str = ModelRole.target,
                 config: GenerateConfig | None = None) -> None:
        self.api = api
        self.role = ModelRole(role)
        self.config = config or GenerateConfig()

    @property
    def name(self) -> str:
        return f"{self.api.provider_name}/{self.api.model}"

    async def generate(self, messages: MessagesLike, config: GenerateConfig | None = None) -> ModelOutput:
        return await self.api.generate(to_messages(messages), self.config.merged(config))

    def stream(self, messages: MessagesLike, config: GenerateConfig | None = None) -> AsyncGenerator[StreamChunk, None]:
        """Answer piece by piece as the provider streams it (one piece when it cannot); the
        last :class:`StreamChunk` carries the whole output. Close it (``aclose``) to stop early.

        >>> async for chunk in model.stream("Hi"):     # doctest: +SKIP
        ...     print(chunk.text, end="")
        """
        return self.api.generate_stream(to_messages(messages), self.config.merged(config))

    async def aclose(self) -> None:
        await self.api.aclose()

    async def __aenter__(self) -> Model:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"Model({self.name!r}, role={self.role.value!r})"


def get_model(name: str, *, role: ModelRole | str = ModelRole.target,
              config: GenerateConfig | None = None, context: Context | None = None, **options: Any) -> Model:
    """Build a :class:`Model` from a ``provider/model`` name, e.g. ``openai/gpt-4o-mini``,
    ``local/qwen2.5-0.5b-instruct``, ``mock/refuse``. ``options`` go to the provider
    (``base_url``, ``api_key``, ``path``, ...); ``context`` is whose provider registry and
    model servers to use (default: the current :class:`charter.Context`)."""
    if "/" not in name:
        raise ProviderNotFound(
            f"model name '{name}' has no provider prefix",
            hint="write provider/model, e.g. local/qwen2.5-0.5b-instruct, openai/gpt-4o-mini, mock/refuse",
        )
    prov, _, model = name.partition("/")
    ctx = context or current_context()
    cls = providers.find(prov, context=ctx)
    if cls is None:
        import difflib

        known = providers.names(context=ctx)
        near = difflib.get_close_matches(prov, known, n=1)
        raise ProviderNotFound(
            f"unknown model provider '{prov}' in '{name}'",
            hint=(f"did you mean '{near[0]}/{model}'? " if near else "") + f"known providers: {', '.join(known)}",
        )
    with use_context(ctx):  # the provider keeps its process-lived objects (servers) in ctx
        return Model(cls(model, **options), role=role, config=config)
