"""Loopback stub servers (OpenAI-compatible, Anthropic-style) for provider, runner and
benchmark tests: ``from tests.stubs import OpenAIStub, AnthropicStub``. Pytest fixtures
``openai_stub`` and ``anthropic_stub`` live in :mod:`tests.stubs.fixtures` (import them into
a conftest); :func:`tests.stubs.threaded.serve_in_thread` runs a stub for synchronous tests.

Imports are lazy so that ``python -m tests.stubs.openai_stub`` runs the module only once.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AnthropicStub", "OpenAIStub"]


def __getattr__(name: str) -> Any:
    if name == "OpenAIStub":
        from tests.stubs.openai_stub import OpenAIStub

        return OpenAIStub
    if name == "AnthropicStub":
        from tests.stubs.anthropic_stub import AnthropicStub

        return AnthropicStub
    raise AttributeError(name)
