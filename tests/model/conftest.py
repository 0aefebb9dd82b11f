"""Fixtures for the model tests: loopback stubs, and a working directory without a .env."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stubs.fixtures import anthropic_stub, openai_stub  # noqa: F401


@pytest.fixture(autouse=True)
def _clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in an empty folder (no stray .env) with no provider settings set."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for name in ("OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "OLLAMA_BASE_URL", "VLLM_BASE_URL",
                 "OLLAMA_API_KEY", "VLLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
