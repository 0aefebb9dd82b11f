"""Built-in technique operators: how a request is delivered (one module per family)."""

from charter.synth.techniques import (  # noqa: F401
    authority,
    direct,
    encoding,
    framing,
    injection,
    manyshot,
    multiturn,
    prefix,
    roleplay,
    splitting,
    suppression,
)

__all__: list[str] = []
