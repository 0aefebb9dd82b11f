"""One Unicode form for all text Charter reads.

Vietnamese (and other text with stacked diacritics) arrives in two canonically equivalent forms:
precomposed (NFC, "không") and decomposed (NFD, "kho\u0302ng", as pasted from some Mac and iOS
apps and web forms). Every pattern, word list and number cue is written in NFC, so NFD text was
silently unread: a decline in NFD was ``unreadable_language``, a rule's cue word was missed. Text
is brought to NFC once, where it enters: a :class:`~charter.types.Message`'s content, a
:class:`~charter.types.Response`'s text, and a guide's YAML text (``charter.guide``); evidence
spans index the NFC text.
"""

from __future__ import annotations

import unicodedata

__all__ = ["nfc"]


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (itself when it already is: ASCII always is)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
