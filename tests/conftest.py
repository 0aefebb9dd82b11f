"""Shared fixtures. Tests use the mock provider or the smallest local model; never a network."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's store, cache and outputs inside its own tmp dir."""
    monkeypatch.setenv("CHARTER_HOME", str(tmp_path / "charter-home"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)


@pytest.fixture
def minimal_guide_path() -> Path:
    return FIXTURES / "guides" / "minimal.yaml"


@pytest.fixture
def minimal_guide(minimal_guide_path: Path):  # type: ignore[no-untyped-def]
    from charter.guide import load_guide

    return load_guide(minimal_guide_path)


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "examples"
