"""Models: a provider-neutral async chat client with roles, and the provider registry."""

from charter.model._api import MessagesLike, Model, ModelAPI, get_model, provider, providers, to_messages
from charter.model._types import GenerateConfig, ModelOutput, ModelRole, TokenLogprob, Usage, request_key

__all__ = [
    "GenerateConfig",
    "MessagesLike",
    "Model",
    "ModelAPI",
    "ModelOutput",
    "ModelRole",
    "TokenLogprob",
    "Usage",
    "get_model",
    "provider",
    "providers",
    "request_key",
    "to_messages",
]
