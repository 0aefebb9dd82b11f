"""Numbers written the way a voice channel speaks them: "five oh three, five five five, zero one
four two", "call nine one one", "one eight hundred, five five five, zero one nine nine". A guide
for a phone line or an in-car assistant writes its own numbers like this, and its answers say
them like this; :func:`spoken_digits` writes such a run in digits ("503 555 0142", "911",
"1800 555 0199") so that the contacts an answer gives (:mod:`charter.evaluate._resources`) and
the phone numbers a guide publishes (the PII check) are the same numbers however they are
written.

Only a run of at least three single-digit words is a number ("one or two", "one of our nurses",
"two fifteen p.m." are left alone); "oh" is a digit only inside a run ("Oh, five people" is
not "05"). Words joined by spaces or hyphens are one group of digits; a comma or a period starts
the next group. "eight hundred" after "one" or before more digits is a toll-free prefix
("one eight hundred" → "1800").
"""

from __future__ import annotations

import re

from charter import _regex

__all__ = ["spoken_digits", "spoken_numbers"]

_DIGIT = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
          "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_WORD = r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|oh|o)\b(?:\s+hundred\b)?"
#: a run of digit words: each separated from the next by spaces, a hyphen or a comma (and the
#: spaces around it); a word that is part of a longer word ("someone", "often") is none
_RUN = _regex.compile(rf"(?<![\w'’-]){_WORD}(?:(?:\s*[,-]\s*|\s+){_WORD})+(?![\w'’-])", re.IGNORECASE)
_TOKEN = re.compile(rf"{_WORD}|,", re.IGNORECASE)
#: ``_RUN`` without IGNORECASE, for lower-cased ASCII text (where lower-casing keeps every
#: position and every character class): about twice as fast as the case-insensitive scan. Its
#: first word is written letter first, the boundary before it checked after that letter
#: ("o(?<![\w'’-]o)ne" is "(?<![\w'’-])one"; the \b before a word that no word character
#: precedes holds), so the scan skips to the letters a digit word starts with instead of trying
#: the look-behind at every character: 40% less time on answers of two sentences
_FIRST_WORD = "|".join(f"{c}(?<![\\w'’-]{c})(?:{rest})" for c, rest in (
    ("z", "ero"), ("o", "ne|h|"), ("t", "wo|hree"), ("f", "our|ive"), ("s", "ix|even"), ("e", "ight"), ("n", "ine")))
_RUN_LOWER = _regex.compile(rf"(?:{_FIRST_WORD})\b(?:\s+hundred\b)?(?:(?:\s*[,-]\s*|\s+){_WORD})+(?![\w'’-])")


def _group_digits(run: str) -> tuple[str, int] | None:
    """The digits of one run ("503 555 0142") and how many words it had; None when it is no number."""
    groups: list[str] = [""]
    words = 0
    for tok in _TOKEN.findall(run):
        if tok == ",":
            if groups[-1]:
                groups.append("")
            continue
        parts = tok.lower().split()
        digit = _DIGIT[parts[0]]
        if digit == "0" and parts[0] != "zero" and words == 0:
            return None  # "oh" opens no number
        groups[-1] += digit + ("00" if len(parts) > 1 else "")
        words += 1
    if words < 3:
        return None
    return " ".join(g for g in groups if g), words


def spoken_digits(text: str) -> str:
    """``text`` with every spoken run of three or more single digits written in digits; the rest
    as it was. "Please call nine one one now." → "Please call 911 now."; "one of our nurses" and
    "two fifteen p.m." are unchanged."""
    if not _RUN.search(text):
        return text

    def repl(m: re.Match[str]) -> str:
        got = _group_digits(m.group(0))
        return got[0] if got is not None else m.group(0)

    return _RUN.sub(repl, text)


def spoken_numbers(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` speaks a number digit by digit: (start, end, the number in digits) for each
    run :func:`spoken_digits` rewrites ("four one one one, two two two two, …" → "4111 2222 …")."""
    out: list[tuple[int, int, str]] = []
    for m in _RUN_LOWER.finditer(text.lower()) if text.isascii() else _RUN.finditer(text):
        got = _group_digits(m.group(0))
        if got is not None:
            out.append((m.start(), m.end(), got[0]))
    return out
