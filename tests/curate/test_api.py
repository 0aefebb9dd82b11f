"""The public API of charter.data and charter.curate is explicit and importable."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("name", ["charter.data", "charter.curate"])
def test_all_lists_every_public_name(name: str) -> None:
    mod = importlib.import_module(name)
    public = {n for n in vars(mod) if not n.startswith("_") and not isinstance(getattr(mod, n), type(importlib))}
    public -= {"annotations"}
    assert set(mod.__all__) == public
    assert len(mod.__all__) == len(set(mod.__all__))
    for n in mod.__all__:
        assert getattr(mod, n) is not None
