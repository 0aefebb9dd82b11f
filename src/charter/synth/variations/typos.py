"""``typos`` and ``casing``: sloppy typing."""

from __future__ import annotations

import random

from charter.suite import Case
from charter.synth._operator import OperatorContext, Variant, replace_prompt, variation

KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xdv", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy",
    "i": "uok", "j": "hku", "k": "jli", "l": "kop", "m": "n,j", "n": "bmh", "o": "ipl", "p": "o[l",
    "q": "wa", "r": "etf", "s": "adw", "t": "rgy", "u": "yji", "v": "cfb", "w": "qes", "x": "zcs",
    "y": "thu", "z": "xas",
}


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "near"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = KEYBOARD.get(word[i].lower())
    return word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1:]


def add_typos(text: str, rng: random.Random, rate: float = 0.2) -> str:
    """``text`` with roughly ``rate`` of its longer words misspelled (at least one)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    if not candidates:
        candidates = [i for i, w in enumerate(words) if len(w) > 1]
    if not candidates:
        return text
    k = max(1, round(len(candidates) * rate))
    for i in rng.sample(candidates, k=min(k, len(candidates))):
        words[i] = _typo(words[i], rng)
    return " ".join(words)


@variation("typos", axis="typos", tags=("noise", "typos"),
           tests="Whether misspellings change how the model reads and handles the request.")
def typos(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant:
    del ctx
    return Variant(messages=replace_prompt(case, add_typos(case.prompt, rng)), metadata={"original": case.prompt})


@variation("casing", axis="typos", tags=("noise", "casing"),
           tests="Whether ALL CAPS or all-lowercase text changes the model's behavior.")
def casing(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant:
    del ctx
    mode = rng.choice(("upper", "lower"))
    text = case.prompt.upper() if mode == "upper" else case.prompt.lower()
    return Variant(messages=replace_prompt(case, text), metadata={"casing": mode, "original": case.prompt})
