"""Pytest fixtures for the stubs; import them in a conftest::

    from tests.stubs.fixtures import anthropic_stub, openai_stub  # noqa: F401

Each yields a started stub with default knobs (change any attribute in the test, e.g.
``openai_stub.fault_sequence = ["429", "ok"]``), stopped at the end of the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.stubs.anthropic_stub import AnthropicStub
from tests.stubs.openai_stub import OpenAIStub

__all__ = ["anthropic_stub", "openai_stub"]


@pytest_asyncio.fixture
async def openai_stub() -> AsyncIterator[OpenAIStub]:
    async with OpenAIStub() as stub:
        yield stub


@pytest_asyncio.fixture
async def anthropic_stub() -> AsyncIterator[AnthropicStub]:
    async with AnthropicStub() as stub:
        yield stub
