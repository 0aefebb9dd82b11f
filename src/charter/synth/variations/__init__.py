"""Built-in variation operators: how a request is phrased (one module per axis)."""

from charter.synth.variations import ambiguity, format, language, length, tone, typos  # noqa: F401

__all__: list[str] = []
