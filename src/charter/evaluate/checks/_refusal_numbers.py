"""Which numbers in a clause carry information (issue 14).

A clause after a decline that offers help or lectures ("If you have any other questions about
the game, I'd be happy to help") is support; a number in it used to make it content, whatever
the number was. A number serves a request when it is a quantity, a measure, a dose, a time, an
amount, a date, a step or a phone number ("take 2 tablets", "call 988", "by 5 pm", "in 2019");
it says nothing when it is part of a name or a title ("The Witcher 3", "Windows 11", "Section
230", "COVID-19", "GPT-4") or an era ("the 1990s", "the '80s", "the 19th century"): the clause
is then what its words make it. Read on the clause as written (capitals tell a name).
"""

from __future__ import annotations

import re

from charter import _regex

__all__ = ["informative_number"]

#: a number: digits, with decimal, thousands, time or date separators between digits
_NUMBER_RE = _regex.compile(r"\d+(?:[.,:/]\d+)*")
#: letters or a hyphenated word right before the number, in the same token: "COVID-19",
#: "GPT-4", "MP3", "B12", "Xbox360" (with four digits or more, a code: "ORD-20931", "A1234")
_GLUED_BEFORE_RE = _regex.compile(r"[^\W\d_](?:-|‐|‑)?$")
#: an era: "1990s", "90s", "'80s", "1800's"; a century or millennium: "19th century", "21st-century"
_ERA_AFTER_RE = _regex.compile(r"(?:['’]?s\b)|(?:st|nd|rd|th)[\s-]+(?:centur|millenni)", re.IGNORECASE)
#: letters glued after the number: a unit or an ordinal keeps it a quantity ("10mg", "5km",
#: "9am", "3rd", "1er janvier"); other letters make it a name ("3D", "4K", "5G", "PS5" is caught before)
_GLUED_AFTER_RE = _regex.compile(r"[^\W\d_]+")
_UNITS = frozenset(
    "mg mcg µg ug g kg ml cl dl l oz lb lbs km m cm mm mi ft yd mph kph kmh h hr hrs min mins s sec secs ms "
    "am pm st nd rd th er re e ème eme x gb mb kb tb hz khz mhz ghz v w kw kwh mah yr yrs wk wks d".split())
#: capitalised words that do not make a name of the number after them: months and days (a date),
#: and the German and Dutch polite pronouns ("Rufen Sie 112 an")
_NOT_A_NAME = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday sie ihnen ihr u".split())
#: what may end the text before a clause's first word, after any non-word characters (the
#: capital of a first word is no name's): a sentence or clause end, a quote, a bracket, a bullet
_OPENERS = frozenset(".!?:;\n\"'“‘([*#>•-")
#: a digit anywhere (the numbers ``_NUMBER_RE`` finds hold one)
_DIGIT_RE = _regex.compile(r"\d")


def _letter(c: str) -> bool:
    """``[^\\W\\d_]``: a word character that is no decimal digit and no underscore."""
    return c.isalnum() and not c.isdecimal()


def _in_word(c: str) -> bool:
    """``[\\w'’&.-]``: what a word before a number may hold after its first letter."""
    return c.isalnum() or c in "_'’&.-"


def _word_before(clause: str, start: int) -> tuple[int, int] | None:
    """Where the word right before the number at ``start`` lies (``[^\\W\\d_][\\w'’&.-]*`` then
    white space up to the number; the leftmost such start, as a regex search finds it), or None.
    A scan back from the number: each character is read by the number it precedes only, so a
    clause's numbers cost its length in all (a regex search of the text before each number
    grew with the square of the clause: 4.8 s for 32 KB of "about Witcher 3")."""
    q = start
    while q > 0 and clause[q - 1].isspace():
        q -= 1
    if q == start:
        return None
    r = q
    while r > 0 and _in_word(clause[r - 1]):
        r -= 1
    for i in range(r, q):
        if _letter(clause[i]):
            return i, q
    return None


def _opens(clause: str, end: int) -> bool:
    """Whether ``clause[:end]`` ends where a clause opens: at the start, or after one of
    :data:`_OPENERS` followed by non-word characters only."""
    k = end
    while k > 0 and not (clause[k - 1].isalnum() or clause[k - 1] == "_"):
        k -= 1
    return k == 0 or any(c in _OPENERS for c in clause[k:end])


def _part_of_name(clause: str, start: int, end: int, has_lower: bool) -> bool:
    """Whether the number at ``clause[start:end]`` is part of a name, a title or an era
    (``has_lower``: whether the clause holds a lower-case letter)."""
    if _GLUED_BEFORE_RE.search(clause, max(0, start - 2), start):
        # a code of four digits or more is an identifier the answer gives ("ORD-20931"), not a name
        return end - start < 4
    if _ERA_AFTER_RE.match(clause, end):
        return True
    glued = _GLUED_AFTER_RE.match(clause, end)
    if glued is not None and (glued.group().lower() not in _UNITS or glued.group() in ("G", "K", "D")):
        return True  # "3D", "4K", "5G" ("5g", "10mg", "9am", "3rd" are quantities and times)
    word = _word_before(clause, start)
    if word is None or not has_lower:
        return False  # (a clause in capitals only shouts: "PLEASE CALL 911")
    w = clause[word[0]:word[1]]
    if w.lower().rstrip(".") in _NOT_A_NAME or not any(c.isupper() for c in w):
        return False
    # a capital that opens the clause or a sentence is no sign of a name ("In 2019", "Call 911")
    return not _opens(clause, word[0])


def informative_number(clause: str) -> bool:
    """Whether ``clause`` (as written, not lower-cased) holds a number that carries information:
    any number but one that is part of a name, a title or an era (see the module's docstring).
    A clause without a digit holds none."""
    if _DIGIT_RE.search(clause) is None:
        return False
    has_lower = any(map(str.islower, clause))
    return any(not _part_of_name(clause, m.start(), m.end(), has_lower) for m in _NUMBER_RE.finditer(clause))
