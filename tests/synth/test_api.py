"""The public API of charter.synth is explicit and sorted."""

from __future__ import annotations

import charter.synth as synth


def test_all_is_sorted_and_complete() -> None:
    assert synth.__all__ == sorted(synth.__all__)
    public = {n for n in vars(synth) if not n.startswith("_")} - {"techniques", "variations"}
    assert set(synth.__all__) == public
    for name in synth.__all__:
        assert getattr(synth, name).__doc__, name
