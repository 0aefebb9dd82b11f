"""charter.guide re-exports its public names with a sorted __all__."""

from __future__ import annotations

import charter.guide as guide


def test_all_is_sorted_and_complete() -> None:
    assert guide.__all__ == sorted(guide.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in guide.__all__:
        assert getattr(guide, name) is not None
    for name in ("LINT_CODES", "SourceMap", "lint_guide", "load_guide_with_positions", "load_guide_text_with_positions"):
        assert name in guide.__all__
