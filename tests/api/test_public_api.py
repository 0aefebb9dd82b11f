"""The public API: every exported name resolves, and each package's __all__ is sorted and
complete (no public name left out, none missing)."""

from __future__ import annotations

import importlib
import inspect

import pytest

import charter

PACKAGES = ["charter", "charter.compile", "charter.curate", "charter.data", "charter.evaluate", "charter.guard",
            "charter.guide", "charter.harness", "charter.iterate", "charter.model", "charter.redteam", "charter.report", "charter.runner", "charter.store",
            "charter.suite", "charter.synth", "charter.types"]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_resolves(name: str) -> None:
    mod = importlib.import_module(name)
    exported = list(mod.__all__)
    assert len(set(exported)) == len(exported), f"{name}.__all__ has duplicates"
    assert exported == sorted(exported) or exported == sorted(exported, key=lambda s: (not s.isupper(), s)), \
        f"{name}.__all__ is not sorted"
    for attr in exported:
        assert getattr(mod, attr) is not None, f"{name}.{attr} does not resolve"


@pytest.mark.parametrize("name", [p for p in PACKAGES if p != "charter"])
def test_no_public_name_is_left_out(name: str) -> None:
    mod = importlib.import_module(name)
    public = {n for n, v in vars(mod).items() if not n.startswith("_") and not inspect.ismodule(v)
              and n != "TYPE_CHECKING"
              and getattr(v, "__module__", name).startswith("charter")}
    missing = public - set(mod.__all__)
    assert not missing, f"{name} defines public names not in __all__: {sorted(missing)}"


def test_top_level_entry_points_are_the_packages_objects() -> None:
    from charter.compile import compile_prompt
    from charter.guide import load_guide

    assert charter.load_guide is load_guide
    assert charter.compile_prompt is compile_prompt
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = charter.nope  # type: ignore[attr-defined]
