"""Small text helpers shared by the checks: sentences, clauses, words."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["WORD_RE", "clauses", "sentences", "word_count"]

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SENT_RE = re.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+|\n|$)", re.UNICODE)
# a clause boundary inside a sentence: ", but", "; ", ", however,", " — ", ", though"...
_CLAUSE_SPLIT = re.compile(
    r"(?:[,;:]\s*|\s+[—–-]\s+|\s+)(?=(?:but|however|though|although|that said|still|yet|"
    r"instead|anyway|pero|mais|aber|ma|sin embargo|cependant)\b)"
    r"|;\s+|:\s+(?=\S)|\s+[—–]\s+",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


def sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, sentence) spans; code blocks count as one sentence each."""
    pos = 0
    for m in re.finditer(r"```.*?(?:```|$)", text, re.S):
        yield from _plain_sentences(text, pos, m.start())
        yield m.start(), m.end(), m.group(0)
        pos = m.end()
    yield from _plain_sentences(text, pos, len(text))


def _plain_sentences(text: str, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    for m in _SENT_RE.finditer(text, a, b):
        s = m.group(0)
        if s.strip():
            lead = len(s) - len(s.lstrip())
            yield m.start() + lead, m.end(), s.strip()


def clauses(sentence: str) -> list[str]:
    """A sentence split at contrast connectives and semicolons ("I can't, but here is …")."""
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(sentence)]
    return [p for p in parts if p]
