"""Models: a provider-neutral async chat client with roles, and the provider registry.

``HTTPChatAPI`` / ``HTTPRequest`` (the base of JSON-over-HTTP providers, for plugins too) load
on first use, so importing this package does not import aiohttp; so do the embedded models'
file helpers (``LocalModelSpec``, ``local_models``, ...).
"""

from typing import TYPE_CHECKING

from charter._cache import cache_dir
from charter._lazy import lazy_exports as _lazy_exports
from charter.model._api import (
    MessagesLike,
    Model,
    ModelAPI,
    get_model,
    provider,
    providers,
    to_messages,
)
from charter.model._context import case_scope, current_case_id
from charter.model._types import (
    GenerateConfig,
    ModelOutput,
    ModelRole,
    StreamChunk,
    TokenLogprob,
    Usage,
    request_key,
)

if TYPE_CHECKING:  # pragma: no cover
    from charter.model._gguf import (
        LocalModelInfo,
        LocalModelSpec,
        LocalModelState,
        local_models,
        lock_llama_listener,
        resolve_local_model,
    )
    from charter.model._http import HTTPChatAPI, HTTPRequest
    from charter.model._providers.local import LocalServerPool, llama_cpu_only

__all__ = [
    "GenerateConfig",
    "HTTPChatAPI",
    "HTTPRequest",
    "LocalModelInfo",
    "LocalModelSpec",
    "LocalModelState",
    "LocalServerPool",
    "MessagesLike",
    "Model",
    "ModelAPI",
    "ModelOutput",
    "ModelRole",
    "StreamChunk",
    "TokenLogprob",
    "Usage",
    "cache_dir",
    "case_scope",
    "current_case_id",
    "get_model",
    "llama_cpu_only",
    "local_models",
    "lock_llama_listener",
    "provider",
    "providers",
    "request_key",
    "resolve_local_model",
    "to_messages",
]

# the embedded models' files (GGUF, the local cache) load with the local provider or on first use
__getattr__, __dir__ = _lazy_exports("charter.model", {
    "HTTPChatAPI": "charter.model._http", "HTTPRequest": "charter.model._http",
    "LocalServerPool": "charter.model._providers.local", "llama_cpu_only": "charter.model._providers.local",
    **dict.fromkeys(("LocalModelInfo", "LocalModelSpec", "LocalModelState", "local_models", "lock_llama_listener",
                     "resolve_local_model"), "charter.model._gguf"),
}, globals())
