"""The output stage's canary search: it runs the canary pattern only on text that holds each
of the canary's digits (digits have no other case, so a text without one holds no canary), and
finds exactly what the pattern finds on every text."""

from __future__ import annotations

import random

import pytest

from charter.guard import Guard, compile_guard_config

from .conftest import CANARY


def _plain_canary_spans(guard: Guard, text: str) -> list[tuple[int, int, str]]:
    assert guard._canary_rx is not None
    return [(m.start(), m.end(), m.group(0)) for m in guard._canary_rx.finditer(text)]


@pytest.mark.parametrize("canary", [CANARY, "CHARTER-CANARY-9cb907dc0284", "no-digits-in-this-one", "K\u017fk-7"])
def test_the_canary_digit_test_finds_what_the_pattern_finds(isp_guide, canary: str) -> None:  # type: ignore[no-untyped-def]
    """The output stage looks for the canary only in text that holds each of its digits; on
    random text made of the canary's pieces (case flips, separators, a digit dropped or swapped
    for another script's, Kelvin sign and long s) it finds exactly what the pattern finds."""
    guard = Guard(compile_guard_config(isp_guide, canary=canary), isp_guide)
    rng = random.Random(7)
    seps = [" ", "-", ".", "·", "*", "`", "'", '"', "\n", "_", ""]
    swaps = {"0": "\u0660", "1": "\uff11", "7": "\u0967", "k": "\u212a", "s": "\u017f", "K": "k"}
    for _ in range(3000):
        chars = list(canary)
        if rng.random() < 0.5:
            i = rng.randrange(len(chars))
            chars[i] = swaps.get(chars[i], "") if rng.random() < 0.5 else ""
        piece = "".join((c.swapcase() if rng.random() < 0.3 else c) + (rng.choice(seps) if rng.random() < 0.3 else "")
                        for c in chars)
        text = rng.choice(["", "Your code is ", "$64.99 from 1 October; "]) + piece + rng.choice(["", " ok", "0123"])
        got = [(s.start, s.end, s.text) for s in guard._canary_spans(text)]
        assert got == _plain_canary_spans(guard, text), text
    spaced = " ".join(canary.lower())
    assert [s.text for s in guard._canary_spans(f"the code: {spaced}.")] == [spaced]
