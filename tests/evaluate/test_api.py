"""The public API of charter.evaluate: sorted __all__ naming exactly the public names."""

from __future__ import annotations

import importlib

import pytest

MODULES = ["charter.evaluate", "charter.evaluate.checks", "charter.evaluate.classifiers", "charter.evaluate.judges"]


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    mod = importlib.import_module(name)
    assert mod.__all__ == sorted(mod.__all__, key=_isort_key)
    for n in mod.__all__:
        assert hasattr(mod, n), n
    # the package may load its names lazily: what is defined is public, and __all__ is complete
    public = {n for n in vars(mod) if not n.startswith("_")} - {"annotations", "Any", "TYPE_CHECKING"}
    submodules = {n for n in public if type(getattr(mod, n)).__name__ == "module"}
    assert public - submodules <= set(mod.__all__)
    assert set(mod.__all__) <= set(dir(mod))


def test_registry_holds_every_builtin_scorer() -> None:
    from charter.evaluate import create_scorer, scorers

    create_scorer("refusal")  # loads the built-ins
    names = set(scorers.names())
    assert {"refusal", "verbosity", "formatting", "pii", "leakage", "blocklist", "preachy", "human_claim",
            "context", "reference", "language", "profanity", "guide_classifier", "rubric", "yesno"} <= names
    families = {scorers.get(n).family for n in names}
    assert families == {"check", "classifier", "judge"}
