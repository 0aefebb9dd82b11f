"""Decimal digits of every script as ASCII ones, shared by the checks (``checks._text``) and the
expectation module (``_expect``), which cannot import the checks package (it imports them)."""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_digits"]

#: decimal digits of every script (Eastern Arabic ٠-٩, Persian ۰-۹, Devanagari, full-width …) → ASCII
_DIGIT_MAP = {cp: ord("0") + unicodedata.digit(chr(cp)) for cp in range(0x80, 0x10000)
              if unicodedata.category(chr(cp)) == "Nd"}


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written as an ASCII one, one character for one (spans
    found in the result are spans of ``text``): "٩٩١" is 991 to the checks that compare or
    validate numbers."""
    return text if text.isascii() else text.translate(_DIGIT_MAP)
