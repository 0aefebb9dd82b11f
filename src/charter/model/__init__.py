"""Models: a provider-neutral async chat client with roles, and the provider registry."""

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
from charter.model._gguf import (
    LocalModelInfo,
    LocalModelSpec,
    LocalModelState,
    cache_dir,
    local_models,
    resolve_local_model,
)
from charter.model._types import (
    GenerateConfig,
    ModelOutput,
    ModelRole,
    TokenLogprob,
    Usage,
    request_key,
)

__all__ = [
    "GenerateConfig",
    "LocalModelInfo",
    "LocalModelSpec",
    "LocalModelState",
    "MessagesLike",
    "Model",
    "ModelAPI",
    "ModelOutput",
    "ModelRole",
    "TokenLogprob",
    "Usage",
    "cache_dir",
    "case_scope",
    "current_case_id",
    "get_model",
    "local_models",
    "provider",
    "providers",
    "request_key",
    "resolve_local_model",
    "to_messages",
]
