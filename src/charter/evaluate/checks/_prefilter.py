"""Keyword pre-filters read from a regex: strings one of which every match holds.

A pattern searched on every request (the other languages' "are you human?" question, 42 µs on
an English sentence for a guide that lists eighteen languages) need not run on a text that
holds none of the words its matches are made of. :func:`required_words` reads them from
Python's own parse of the pattern: a literal run ("bist du"), the ways of a group
("(?:eres|es usted)"), a class of a few characters ("n[aã]o" gives "nao", "não"), joined while
they follow one another; a repeat of at least one, a group and each way of a branch pass on
what they require. Anything else (``\\s``, ``\\w``, a class of many characters, a lookaround, a
word boundary, an optional part) requires nothing and ends a run. Of the runs of a sequence, the
one whose shortest string is longest is kept.

The words are folded as :func:`~charter.evaluate.checks._text.ignorecase_fold` folds the text,
and only characters that fold alike in every form ``re.IGNORECASE`` lets them match are used
(ASCII, and characters without case, which match only themselves): where the pattern matches,
the folded text holds one of the words. So ``words`` empty or absent in the folded text means
no match; a pattern from which no word can be read gives ``None`` (always search).

With ``cased=True`` a letter outside ASCII that has case (Cyrillic "я", Vietnamese "à", Turkish
"ş") is read too when every character it can match folds to one same character. What
``re.IGNORECASE`` lets a letter ``c`` match is read from the compiler (``re._compiler``): a
character ``x`` with ``tolower(x)`` (``_sre.unicode_tolower``) among ``tolower(c)`` and its
extra cases (``re._casefix``); the letter is read when each of those folds to the same single
character, because every character folds as its ``tolower`` does
(``tests/evaluate/test_prefilter.py`` checks this of every code point).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_WORDS", "required_word_sets", "required_words"]

#: the most strings a run may expand to (the ways of consecutive groups multiply)
MAX_WORDS = 64

_Strings = frozenset[str]
#: (exact, strings, starts): ``exact``: the part matches exactly one of ``strings`` (folded);
#: else every match of it holds one of ``strings`` and begins with one of ``starts`` (``None``:
#: nothing known)
_Read = tuple[bool, _Strings | None, _Strings | None]
_NOTHING: _Read = (False, None, None)


def _char(code: int, cased: bool = False) -> str | None:
    """The character as the folded text holds it wherever the pattern's ``code`` matches under
    ``re.IGNORECASE``, or ``None`` when that is not one character. ``cased``: read a letter
    outside ASCII with case too (see the module's docstring)."""
    import _sre

    c = chr(code)
    if code < 128:
        return c.lower()
    if not _sre.unicode_iscased(code) and c.casefold() == c and c not in ("\u0131", "\u0307"):
        return c  # no case: matches only itself, and folding keeps it
    if cased:
        return _cased_char(code)
    return None


def _cased_char(code: int) -> str | None:
    """What every character that ``code`` matches under ``re.IGNORECASE`` folds to, when that
    is one character (see the module's docstring)."""
    import _sre
    from re._casefix import _EXTRA_CASES

    from charter.evaluate.checks._text import ignorecase_fold

    low = _sre.unicode_tolower(code)
    folded = {ignorecase_fold(chr(k)) for k in (low, code, *_EXTRA_CASES.get(low, ()))}
    only = folded.pop()
    return only if not folded and len(only) == 1 else None


def _best(found: list[_Strings]) -> _Strings | None:
    """The requirement that rules out the most text: the longest shortest string, then fewest."""
    usable = [s for s in found if s and "" not in s]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)))


def _join(a: _Strings, b: _Strings) -> _Strings | None:
    return frozenset(x + y for x in a for y in b) if len(a) * len(b) <= MAX_WORDS else None


def _sequence(items: Any, cased: bool = False, every: list[_Strings] | None = None) -> _Read:
    """What the sequence ``items`` requires; ``every``: a list that gets each requirement read
    (every match holds one string of each), not only the best."""
    import re._constants as c

    found: list[_Strings] = []
    run: _Strings = frozenset({""})
    starts: _Strings | None = None  # what every match begins with, once the run has ended
    for op, av in items:
        exact, strings, begins = _item(op, av, c, cased)
        joined = _join(run, strings) if exact and strings is not None else None
        if joined is not None:
            run = joined
            continue
        # the run ends here: it is followed by what this item begins with
        after = _join(run, begins) if begins is not None else None
        for s in (run, strings, after):
            if s is not None:
                found.append(s)
        if starts is None:
            starts = after if after is not None else (run if "" not in run else None)
            if starts is None and run == {""}:
                starts = begins
        if starts is None:
            starts = frozenset()  # (known to be unknown: no more is read)
        run = strings if exact and strings is not None and len(strings) <= MAX_WORDS else frozenset({""})
    if starts is None:
        if every is not None:
            every.append(run)
        return True, run, run
    found.append(run)
    if every is not None:
        every.extend(found)
    return False, _best(found), starts or None


def _item(op: Any, av: Any, c: Any, cased: bool = False) -> _Read:
    if op is c.LITERAL:
        ch = _char(av, cased)
        return (True, frozenset({ch}), frozenset({ch})) if ch is not None else _NOTHING
    if op is c.IN:
        chars = {_char(a, cased) if o is c.LITERAL else None for o, a in av}
        if not av or None in chars or len(chars) > 4:
            return _NOTHING
        got = frozenset(x for x in chars if x is not None)
        return True, got, got
    if op is c.SUBPATTERN:
        return _sequence(av[-1], cased)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(av, cased)
    if op is c.BRANCH:
        ways = [_sequence(way, cased) for way in av[1]]
        strings = None if any(s is None for _, s, _ in ways) else frozenset().union(*(s for _, s, _ in ways if s))
        starts = None if any(b is None for _, _, b in ways) else frozenset().union(*(b for _, _, b in ways if b))
        return all(e for e, _, _ in ways) and strings is not None, strings, starts
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, high, sub = av
        if low < 1:
            return _NOTHING
        exact, strings, begins = _sequence(sub, cased)
        if exact and strings is not None and low == high and low <= 8:
            # every way in every copy: "(?:a|b){2}" is "aa", "ab", "ba" or "bb"
            repeated: _Strings | None = frozenset({""})
            for _ in range(low):
                repeated = _join(repeated, strings) if repeated is not None else None
            if repeated is not None:
                return True, repeated, repeated
        return False, strings, begins
    return _NOTHING


def required_words(pattern: str, flags: int = 0, *, cased: bool = False) -> tuple[str, ...] | None:
    """Strings, folded as :func:`~charter.evaluate.checks._text.ignorecase_fold` folds a text,
    one of which the folded text holds wherever ``pattern`` compiled with ``flags`` (with or
    without ``re.IGNORECASE``) matches; ``None`` when none can be read (see the module's
    docstring). ``cased``: read letters outside ASCII that have case too."""
    import re._parser as parser

    try:
        parsed = parser.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    _, strings, _ = _sequence(parsed, cased)
    if strings is None or "" in strings or not strings:
        return None
    return tuple(sorted(strings))


def required_word_sets(pattern: str, flags: int = 0, *, cased: bool = False) -> list[list[tuple[str, ...]]] | None:
    """For each way of ``pattern`` (the ways of its one branch at the top, each with what comes
    before and after the branch: the parser puts the ways' common start before it; else the
    whole pattern as one way), every set of strings read from it (as :func:`required_words` reads them) one of
    which the folded text holds wherever that way matches: a text that lacks all of any one set
    holds no match of the way. Sets of fewest strings first. ``None`` when it cannot be parsed."""
    import re._constants as c
    import re._parser as parser

    try:
        items: Any = parser.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    while len(items) == 1 and items[0][0] is c.SUBPATTERN:
        items = items[0][1][-1]
    branches = [i for i, (op, _) in enumerate(items) if op is c.BRANCH]
    if len(branches) == 1:
        at = branches[0]
        ways = [[*items[:at], *way, *items[at + 1:]] for way in items[at][1][1]]
    else:
        ways = [items]
    out = []
    for way in ways:
        found: list[_Strings] = []
        _sequence(way, cased, found)
        out.append(sorted({tuple(sorted(s)) for s in found if s and "" not in s}, key=lambda t: (len(t), t)))
    return out
