"""Decimal digits of every script as ASCII ones, shared by the checks (``checks._text``) and the
expectation module (``_expect``), which cannot import the checks package (it imports them)."""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_digits"]


class _DigitMap(dict[int, int]):
    """Decimal digits of every script below U+10000 (Eastern Arabic ٠-٩, Persian ۰-۹,
    Devanagari, full-width …) → ASCII, for ``str.translate``: each code point is looked up in
    ``unicodedata`` the first time a text holds it, then kept (any other character maps to
    itself). Building the whole table at import took 7-11 ms of every start."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        out = ord("0") + unicodedata.digit(ch) if 0x80 <= cp < 0x10000 and unicodedata.category(ch) == "Nd" else cp
        self[cp] = out
        return out


_DIGIT_MAP = _DigitMap()


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written as an ASCII one, one character for one (spans
    found in the result are spans of ``text``): "٩٩١" is 991 to the checks that compare or
    validate numbers."""
    return text if text.isascii() else text.translate(_DIGIT_MAP)
