"""Faster alternations for regexes whose callers only ask *whether* they match.

Python's regex engine tries the alternatives of ``a|b|c`` one by one at every position. It
skips an alternative at once when its first operation is a literal character other than the
one under the cursor, but an alternative that opens with a group (``(?:please|you can) …``) or
with a word boundary costs a full attempt. The refusal detector's support regex has about a
hundred alternatives, so at every word boundary it made about a hundred attempts.

:func:`factor` rewrites a pattern into the same language in trie form:

1. a ``\\b`` that opens an alternative inside ``\\b(?:…)`` is dropped (the outer one asserts it);
2. a leading group without a quantifier is distributed over the rest of its alternative,
   ``(?:a|b)c`` → ``ac|bc``, while the copies stay small (:data:`EXPAND_LIMIT`);
3. alternatives that open with the same literal character share it, ``ab|ac`` → ``a(?:b|c)``,
   recursively, so each attempt is one character comparison until a prefix matches.

Each step keeps the set of strings the pattern matches at each position, so
``factor(p)`` finds a match in a text exactly when ``p`` does. It can find *another* match
(alternatives change order), so use it only where the caller reads ``search(...) is not None``.
``tests/evaluate/test_refusal_fast_paths.py`` checks that on random and real text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from charter import _regex

__all__ = ["EXPAND_LIMIT", "factor", "factor_cached", "split_alternatives", "trie"]

#: distribute ``(?:a|b)rest`` only while the extra copies of ``rest`` stay under this many
#: characters: a bigger pattern compiles slower (start-up) for little gain
EXPAND_LIMIT = 400
_SPECIAL = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIERS = frozenset("*+?{")


def _class_end(p: str, i: int) -> int:
    """End of the character class that opens at ``p[i] == '['``."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def _group_end(p: str, i: int) -> int:
    """End of the group that opens at ``p[i] == '('``."""
    depth, j = 0, i
    while True:
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1


def split_alternatives(p: str) -> list[str]:
    """``p`` cut at its top-level ``|``."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(p, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(p[start:i])
            start = i + 1
        i += 1
    out.append(p[start:])
    return out


def _strip_boundary(alt: str) -> str:
    while alt.startswith("\\b"):
        alt = alt[2:]
    return alt


def _expand(alt: str, limit: int) -> list[str]:
    """``alt`` (inside ``\\b(?:…)``) as alternatives, its leading group distributed."""
    alt = _strip_boundary(alt)
    if alt.startswith("(?:"):
        end = _group_end(alt, 0)
        if end == len(alt) or alt[end] not in _QUANTIFIERS:
            subs, rest = split_alternatives(alt[3:end - 1]), alt[end:]
            if len(subs) == 1 or len(rest) * (len(subs) - 1) <= limit:
                return [x for sub in subs for x in _expand(sub + rest, limit)]
    return [alt]


def _first_literal(alt: str) -> str | None:
    """The literal character ``alt`` opens with (not quantified), or None."""
    if not alt or alt[0] in _SPECIAL or (len(alt) > 1 and alt[1] in _QUANTIFIERS):
        return None
    return alt[0]


def trie(alts: list[str]) -> str:
    """The alternatives ``alts`` as one alternation in trie form (step 3)."""
    groups: dict[str, list[str]] = {}
    other: list[str] = []
    for a in alts:
        c = _first_literal(a)
        if c is None:
            other.append(a)
        else:
            groups.setdefault(c, []).append(a[1:])
    parts = []
    for c, rests in groups.items():
        tails = [r for r in rests if r]
        head = re.escape(c)
        if len(tails) < len(rests):  # one alternative ends here: the rest is optional
            parts.append(head + (f"(?:{trie(tails)})?" if tails else ""))
        elif len(tails) == 1:
            parts.append(head + tails[0])
        else:
            parts.append(head + f"(?:{trie(tails)})")
    return "|".join(parts + other)


def factor(pattern: str, limit: int = EXPAND_LIMIT) -> str:
    """``pattern`` in trie form: the same matches exist (see the module's docstring).

    The top-level alternatives that open with ``\\b`` (or are a group of such) are factored
    behind one ``\\b``; any other top-level alternative is kept as it is."""
    bounded: list[str] = []
    other: list[str] = []
    for alt in split_alternatives(pattern):
        if alt.startswith("\\b"):
            bounded += _expand(alt, limit)
        elif alt.startswith("(?:") and _group_end(alt, 0) == len(alt) and all(
                s.startswith("\\b") for s in split_alternatives(alt[3:-1])):
            bounded += [x for s in split_alternatives(alt[3:-1]) for x in _expand(s, limit)]
        else:
            other.append(alt)
    return "|".join(([f"\\b(?:{trie(bounded)})"] if bounded else []) + other)


@lru_cache(maxsize=1)
def _code_digest() -> str | None:
    """A digest of this module's source (what :func:`factor` computes depends on nothing else)."""
    import hashlib
    from pathlib import Path

    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def factor_cached(pattern: str, limit: int = EXPAND_LIMIT) -> str:
    """:func:`factor`, kept between processes in the regex cache (:mod:`charter._regex`),
    under a name that changes with this module's code."""
    digest = _code_digest()
    if digest is None:
        return factor(pattern, limit)
    return _regex.derived(f"trie.factor/{limit}/{digest}", pattern, lambda p: factor(p, limit))
