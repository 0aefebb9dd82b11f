"""Guides used by the compiler tests: the minimal fixture and the three examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.guide import Guide, load_guide

ROOT = Path(__file__).resolve().parents[2]
GUIDE_PATHS = [
    ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml",
    ROOT / "examples" / "isp-support.yaml",
    ROOT / "examples" / "kids-tutor.yaml",
    ROOT / "examples" / "coding-agent.yaml",
]
_CACHE: dict[Path, Guide] = {}


def _load(path: Path) -> Guide:
    if path not in _CACHE:
        _CACHE[path] = load_guide(path)
    return _CACHE[path]


@pytest.fixture(params=GUIDE_PATHS, ids=[p.stem for p in GUIDE_PATHS])
def any_guide(request: pytest.FixtureRequest) -> Guide:
    return _load(request.param)


@pytest.fixture
def isp_guide() -> Guide:
    return _load(GUIDE_PATHS[1])

