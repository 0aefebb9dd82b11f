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
   Alternatives that still open with the same group (one too long to distribute: the refusal
   patterns' "(?:i|i'm|i am|…)\\s+…" nine times) share one copy of it, ``(?:a|b)x|(?:a|b)y`` →
   ``(?:a|b)(?:x|y)``, and an opening group is itself put in trie form (step 3);
3. alternatives that open with the same literal character share it, ``ab|ac`` → ``a(?:b|c)``,
   recursively, so each attempt is one character comparison until a prefix matches.

4. with ``ascii=True``, for a regex compiled with ``re.ASCII`` that reads only ASCII text, an
   alternative that cannot match without a non-ASCII character is dropped
   (:func:`needs_non_ascii`): the Hebrew, Arabic, Thai, Korean, Hindi, Chinese and Japanese
   refusal patterns cost an English clause as much as the English ones (a lookbehind such as
   ``(?<![\u05d0-\u05ea])`` that opens one is tried at every position), and match none of it.
   ``above=LATIN_TOP`` does the same for text in the Latin script (no character above
   U+024F): an accented English or Spanish clause is read without the other scripts' patterns.

:class:`GatedSearch` searches groups of alternatives (a language's refusal patterns) only in
a text that holds one of the strings every match of them needs (:func:`required_words`).

Each step keeps the set of strings the pattern matches at each position (on ASCII text, for
step 4), so ``factor(p)`` finds a match in a text exactly when ``p`` does. It can find *another* match
(alternatives change order), so use it only where the caller reads ``search(...) is not None``.
``tests/evaluate/test_refusal_fast_paths.py`` checks that on random and real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from charter import _regex

__all__ = ["EXPAND_LIMIT", "GATE_MIN", "LATIN_TOP", "GatedSearch", "StartSearch", "TrieFinder", "ascii_alternatives", "ascii_alternatives_cached", "factor", "factor_cached", "needs_non_ascii", "opens_with_word", "required_words",
           "split_alternatives", "trie"]

#: the highest code point of the Latin script's blocks (Basic Latin to Latin Extended-B): a
#: text of these characters only is read by the regexes that leave out what needs another script
LATIN_TOP = 0x24F

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


def _merge_groups(alts: list[str]) -> list[str]:
    """Step 2b: alternatives that open with the same unquantified group (one too long to
    distribute) share one copy of it, ``(?:a|b)x|(?:a|b)y`` → ``(?:a|b)(?:x|y)``, the group
    itself in trie form: an attempt at a position that none of its words opens costs one
    comparison per first letter instead of one attempt per alternative."""
    by_group: dict[str, list[str]] = {}
    for a in alts:
        if a.startswith("(?:"):
            end = _group_end(a, 0)
            if end == len(a) or a[end] not in _QUANTIFIERS:
                by_group.setdefault(a[:end], []).append(a[end:])
    out: list[str] = []
    done: set[str] = set()
    for a in alts:
        group = a[:_group_end(a, 0)] if a.startswith("(?:") else None
        if group is None or group not in by_group:
            out.append(a)
        elif len(by_group[group]) == 1:
            out.append(f"(?:{trie(split_alternatives(group[3:-1]))})" + by_group[group][0])
        elif group not in done:
            done.add(group)
            out.append(f"(?:{trie(split_alternatives(group[3:-1]))})(?:{'|'.join(by_group[group])})")
    return out


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


def _parse_exact(fragment: str) -> Any | None:
    """Python's own parse of the regex ``fragment``, or None when it cannot be read on its own
    (a back-reference to a group outside it) or folds case as a whole (``(?i)``): the readers
    below then claim nothing about it."""
    import re._parser as parser  # (Python 3.11+, as pyproject requires)

    try:
        parsed = parser.parse(fragment)
    except (re.error, RecursionError, OverflowError):
        return None
    # (Unicode case folding maps some non-ASCII letters to ASCII ones, and a word to other cases)
    return None if parsed.state.flags & re.IGNORECASE else parsed


def _repeats() -> set[Any]:
    import re._constants as c

    return {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}


def needs_non_ascii(fragment: str, *, lookarounds: bool = False, above: int = 127) -> bool:
    """Whether every match of the regex ``fragment`` holds a character outside ASCII, so that
    compiled with ``re.ASCII`` it matches no ASCII text. Read from Python's own parse of it: a
    sequence needs one when one of its required items does (a non-ASCII literal, a class of
    only non-ASCII characters, a group, a branch each of whose ways needs one, a repeat of at
    least one); lookarounds, ``\\w``-like categories and negated classes need none. What the
    parser cannot read on its own (a back-reference to a group outside it) needs none: kept.

    ``lookarounds``: a positive lookahead or lookbehind needs what its own pattern needs (it
    succeeds only where that pattern matches the text, so the text holds such a character
    there): "``,\\s*(?=(?:но|однако)\\b)``" matches no ASCII text. A negative one needs none.

    ``above``: whether every match holds a character above this code point instead (127:
    outside ASCII; :data:`LATIN_TOP`: outside the Latin script). A case-folded group needs
    none, whatever the bound (case folding maps the Kelvin sign to "k", "ſ" to "s")."""
    import re._constants as c

    repeats = _repeats()

    def item_needs(op: Any, av: Any) -> bool:
        if op is c.LITERAL:
            return bool(av > above)
        if op is c.IN:
            return bool(av) and all((o is c.LITERAL and a > above) or (o is c.RANGE and a[0] > above) for o, a in av)
        if op is c.SUBPATTERN:
            return not (av[1] & re.IGNORECASE) and seq_needs(av[-1])  # ("(?i:…)": see below)
        if op is getattr(c, "ATOMIC_GROUP", None):
            return seq_needs(av)
        if op is c.BRANCH:
            return all(seq_needs(way) for way in av[1])
        if op in repeats:
            return bool(av[0] >= 1) and seq_needs(av[2])
        if op is c.ASSERT and lookarounds:
            return seq_needs(av[1])
        return False

    def seq_needs(items: Any) -> bool:
        return any(item_needs(op, av) for op, av in items)

    parsed = _parse_exact(fragment)
    return parsed is not None and seq_needs(parsed)


def factor(pattern: str, limit: int = EXPAND_LIMIT, ascii: bool = False, *, above: int | None = None) -> str:
    """``pattern`` in trie form: the same matches exist (see the module's docstring).

    The top-level alternatives that open with ``\\b`` (or are a group of such) are factored
    behind one ``\\b``; any other top-level alternative is kept as it is. ``ascii``: for a
    regex compiled with ``re.ASCII`` that reads ASCII text only, the alternatives that cannot
    match it are left out (:func:`needs_non_ascii`; a pattern none of whose alternatives can
    match it becomes one that never matches). ``above``: the same for a regex that reads text
    without characters above this code point (:data:`LATIN_TOP`), compiled as it is."""
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
    if ascii:
        above = 127
    if above is not None:
        bounded = [a for a in bounded if not needs_non_ascii(a, above=above)]
        other = [a for a in other if not needs_non_ascii(a, above=above)]
        if not bounded and not other:
            return "(?!)"
    return "|".join(([f"\\b(?:{trie(_merge_groups(bounded))})"] if bounded else []) + other)


@lru_cache(maxsize=1)
def _code_digest() -> str | None:
    """A digest of this module's source (what :func:`factor` computes depends on nothing else)."""
    import hashlib
    from pathlib import Path

    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def factor_cached(pattern: str, limit: int = EXPAND_LIMIT, ascii: bool = False, *, above: int | None = None) -> str:
    """:func:`factor`, kept between processes in the regex cache (:mod:`charter._regex`),
    under a name that changes with this module's code."""
    digest = _code_digest()
    if digest is None:
        return factor(pattern, limit, ascii, above=above)
    kind = "ascii/" if ascii else f"above{above}/" if above is not None else ""
    return _regex.derived(f"trie.factor/{limit}/{kind}{digest}", pattern,
                          lambda p: factor(p, limit, ascii, above=above))


def opens_with_word(fragment: str, flags: int = 0, above: int | None = None) -> bool:
    """Whether every match of the regex ``fragment`` (compiled with ``flags``) opens with a word
    character (``\\w`` under those flags), read from Python's own parse of it: a literal, a class
    of word characters only, a group, a branch each of whose ways does, a repeat of at least one,
    or an optional item that does before a rest that does. Anything else (a lookaround, a
    boundary, case folding) says no. ``above``: the text holds no character above this code
    point, so one above it opens nothing (a class ``[üu]`` on ASCII text opens with "u")."""
    import re._constants as c

    if flags & re.IGNORECASE:
        return False
    word = re.compile(r"\w", flags & re.ASCII)
    repeats = _repeats()

    def is_word(code: int) -> bool:
        return (above is not None and code > above) or word.match(chr(code)) is not None

    def seq_opens(items: Any) -> bool:
        if not items:
            return False
        op, av = items[0]
        if op is c.LITERAL:
            return is_word(av)
        if op is c.IN:
            return bool(av) and all(
                (o is c.LITERAL and is_word(a))
                or (o is c.RANGE and all(is_word(x) for x in range(a[0], a[1] + 1)))
                or (o is c.CATEGORY and a in (c.CATEGORY_WORD, c.CATEGORY_DIGIT)) for o, a in av)
        if op is c.SUBPATTERN:
            return not (av[1] & re.IGNORECASE) and seq_opens([*av[-1], *items[1:]])
        if op is c.BRANCH:
            return all(seq_opens([*way, *items[1:]]) for way in av[1])
        if op in repeats:
            # at least once: the body opens; else the body or, skipped, what follows it does
            return seq_opens(av[2]) and (av[0] >= 1 or seq_opens(items[1:]))
        return False

    parsed = _parse_exact(fragment)
    return parsed is not None and seq_opens(list(parsed))


def _anchored(alt: str) -> bool:
    """Whether the alternative ``alt`` opens with ``^`` (each way of a group that is all of it)."""
    if alt.startswith("^"):
        return True
    return (alt.startswith("(?:") and _group_end(alt, 0) == len(alt)
            and all(_anchored(way) for way in split_alternatives(alt[3:-1])))


class StartSearch:
    """``re.compile(pattern, flags).search(text)`` for a pattern in trie form (:func:`factor`),
    looked for only where a match can start; read only whether it is None (another match may
    be found). Past position 0, the ways of ``\\b(?:…)`` that open with a word character match
    only right after a character that is not one, so they are looked for with ``\\W(?=(?:…))``:
    the engine skips to the next such character in C (about a fifth of the positions of English
    text) instead of trying the alternatives at every position. Position 0 is tried with the
    whole pattern (``match``); the other ways (``\\b(?:\\?…)``) and the other top-level
    alternatives (``\\$``) are searched as they are, and an anchored one (``^…``) matches at 0 or
    nowhere. ``above``: the text holds no character above this code point
    (:func:`opens_with_word`). A pattern without that shape is searched as it is."""

    def __init__(self, pattern: str, flags: int = 0, *, above: int | None = None) -> None:
        whole = _regex.compile(pattern, flags)
        self._parts: tuple[Callable[[str], re.Match[str] | None], ...] = (whole.search,)
        plan = _start_plan_cached(pattern, flags, above)
        if plan is None:
            return
        scan, rest = plan
        self._parts = (whole.match, _regex.compile(scan, flags).search,
                       *((_regex.compile(rest, flags).search,) if rest else ()))

    def search(self, text: str) -> re.Match[str] | None:
        for part in self._parts:
            if (m := part(text)) is not None:
                return m
        return None


def _start_plan(pattern: str, flags: int, above: int | None) -> tuple[str, str] | None:
    """:class:`StartSearch`'s two patterns for ``pattern``: the scan ``\\W(?=(?:…))`` of the ways
    of its ``\\b(?:…)`` that open with a word character, and the rest (the other ways, the other
    top-level alternatives but the anchored ones; ``""``: none), or None when it has not that
    shape."""
    alts = split_alternatives(pattern)
    bounded = [i for i, a in enumerate(alts) if a.startswith("\\b(?:") and _group_end(a, 2) == len(a)]
    if len(bounded) != 1 or flags & re.MULTILINE:
        return None
    ways = split_alternatives(alts[bounded[0]][5:-1])
    opening = [opens_with_word(w, flags, above) for w in ways]
    if not any(opening):
        return None
    word = "|".join(w for w, o in zip(ways, opening, strict=True) if o)
    other = [w for w, o in zip(ways, opening, strict=True) if not o]
    rest = [a for i, a in enumerate(alts) if i != bounded[0] and not _anchored(a)]
    rest += [f"\\b(?:{'|'.join(other)})"] if other else []
    return f"\\W(?=(?:{word}))", "|".join(rest)


def _start_plan_cached(pattern: str, flags: int, above: int | None) -> tuple[str, str] | None:
    """:func:`_start_plan`, kept between processes as :func:`factor_cached` is (reading each way
    of a trie with Python's parser cost 5-10 ms a regex at every start)."""
    digest = _code_digest()
    if digest is None:
        return _start_plan(pattern, flags, above)

    def make(p: str) -> str:
        plan = _start_plan(p, flags, above)
        return "" if plan is None else "\x00".join(plan)

    got = _regex.derived(f"trie.start/{int(flags)}/{above}/{digest}", pattern, make)
    if not got:
        return None
    scan, _, rest = got.partition("\x00")
    return scan, rest


def ascii_alternatives(pattern: str) -> str:
    """The top-level alternatives of ``pattern`` that can match ASCII text, in their order
    (:func:`needs_non_ascii`, a positive lookaround needing what its pattern needs): compiled
    with ``re.ASCII``, on ASCII text it matches where ``pattern`` does, each match the same
    alternative's (one that cannot match is never the first that does). ``(?!)`` when none can."""
    kept = [a for a in split_alternatives(pattern) if not needs_non_ascii(a, lookarounds=True)]
    return "|".join(kept) if kept else "(?!)"


def ascii_alternatives_cached(pattern: str) -> str:
    """:func:`ascii_alternatives`, kept between processes as :func:`factor_cached` is."""
    digest = _code_digest()
    if digest is None:
        return ascii_alternatives(pattern)
    return _regex.derived(f"trie.ascii_alternatives/{digest}", pattern, ascii_alternatives)


class TrieFinder:
    """``exact.finditer`` with the matches ``exact`` itself gives, found faster.

    :func:`factor` keeps the set of strings matched at each position, so its trie form and
    ``exact`` match at the same positions; only which alternative wins at a position may
    differ. The trie form finds the next position cheaply, and ``exact.match`` there gives
    ``exact``'s own match (its first alternative that matches), so the spans are those of
    ``exact.finditer`` (a test compares them) for a pattern that matches no empty string. ``ascii``: both compiled with ``re.ASCII`` for
    :func:`~charter.evaluate.checks._text.ascii_safe` text only (the trie form then leaves out
    the alternatives that need another script; the exact pattern keeps them and matches alike)."""

    def __init__(self, pattern: str, flags: int = 0, *, ascii: bool = False) -> None:
        if ascii:
            flags = (flags & ~re.UNICODE) | re.ASCII
        self.exact = _regex.compile(pattern, flags)
        self.fast = _regex.compile(factor_cached(pattern, ascii=ascii), flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos, n = 0, len(text)
        while pos <= n:
            found = self.fast.search(text, pos)
            if found is None:
                return
            m = self.exact.match(text, found.start())
            if m is None:  # (cannot happen: the same positions match) the exact search decides
                m = self.exact.search(text, found.start())
                if m is None:
                    return
            yield m
            # past an empty match by one character, as ``finditer`` goes on
            pos = m.end() if m.end() > m.start() else m.end() + 1

    def sub(self, repl: str, text: str) -> str:
        """``exact.sub(repl, text)`` for a plain ``repl`` (no group references)."""
        out: list[str] = []
        last = 0
        for m in self.finditer(text):
            out.append(text[last:m.start()])
            out.append(repl)
            last = m.end()
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)


def required_words(fragment: str) -> frozenset[str] | None:
    """Strings one of which every match of the regex ``fragment`` contains, read from Python's
    own parse of it, or None when that cannot be shown. A sequence contains each run of literal
    characters it holds outside a quantifier, and what one of its required items contains (a
    group, a branch each of whose ways contains one of its strings, a repeat of at least one);
    of these it gives the longest-shortest set. Anything case-folded, lookarounds, classes and
    back-references give nothing (so an unsure fragment is never gated). The words are the
    pattern's own characters, for a case-sensitive substring test; :mod:`._prefilter` reads
    case-folded words for patterns searched with ``re.IGNORECASE``."""
    import re._constants as c

    repeats = _repeats()

    def item_words(op: Any, av: Any) -> frozenset[str] | None:
        if op is c.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else seq_words(av[-1])
        if op is getattr(c, "ATOMIC_GROUP", None):
            return seq_words(av)
        if op is c.BRANCH:
            ways: list[frozenset[str]] = []
            for way in av[1]:
                words = seq_words(way)
                if words is None:
                    return None
                ways.append(words)
            return frozenset[str]().union(*ways)
        if op in repeats and av[0] >= 1:
            return seq_words(av[2])
        return None

    def better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        if a is None or b is None:
            return a if b is None else b
        return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))

    def seq_words(items: Any) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                best = better(best, frozenset(["".join(run)]))
                run = []
            if op is not None:
                best = better(best, item_words(op, av))
        return best

    parsed = _parse_exact(fragment)
    if parsed is None:
        return None
    found = seq_words(parsed)
    return found if found and all(found) else None


#: a gate's shortest string must have this many characters: a shorter one is in nearly every
#: clause, and its alternatives cost less searched with the ungated ones
GATE_MIN = 3


class GatedSearch:
    """``re.compile("|".join(groups' alternatives)).search(text) is not None``, searched by parts.

    ``always``: alternatives searched in every text (English's refusal patterns); ``groups``:
    lists of other top-level alternatives (another language's refusal patterns, say). A group
    whose every alternative has :func:`required_words` of at least :data:`GATE_MIN` characters is
    searched only in a text that contains one of them (the union of its alternatives' words:
    without one, none of them can match); the other alternatives are searched together, always.
    Each part is in trie form (:func:`factor`, ``ascii`` and ``above`` as there: for text with no
    character above ``above``), so ``search`` finds a match exactly when the whole alternation
    does; which match differs, so read only ``is not None``."""

    def __init__(self, always: list[str], groups: list[list[str]], flags: int = 0, *, ascii: bool = False,
                 above: int | None = None, join: Callable[[list[str]], str] = "|".join) -> None:
        if ascii:
            flags = (flags & ~re.UNICODE) | re.ASCII
            above = 127
        always = [a for a in always if not (above is not None and needs_non_ascii(a, above=above))]
        gated: list[tuple[tuple[str, ...], str]] = []
        for alts in groups:
            if above is not None:
                alts = [a for a in alts if not needs_non_ascii(a, above=above)]
            if not alts:
                continue
            read = [required_words(a) for a in alts]
            words = [w for w in read if w is not None]
            # (the gates are tested case-sensitively: a case-folded search is never gated)
            if not flags & re.IGNORECASE and len(words) == len(read) and all(min(map(len, w)) >= GATE_MIN for w in words):
                gated.append((tuple(sorted(frozenset[str]().union(*words))), join(alts)))
            else:
                always = always + alts

        def compiled(alts_pattern: str) -> StartSearch:
            return StartSearch(factor_cached(alts_pattern, ascii=ascii, above=None if ascii else above), flags,
                               above=above)
        self.always = compiled(join(always)) if always else None
        self.gated = [(gate, compiled(p)) for gate, p in gated]
        # one search for every gate's words at once: most texts hold none of them
        every = sorted({w for gate, _ in gated for w in gate})
        self.any_gate = _regex.compile(trie([re.escape(w) for w in every]), flags) if every else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.always is not None and (m := self.always.search(text)) is not None:
            return m
        if self.any_gate is None or self.any_gate.search(text) is None:
            return None
        for gate, rx in self.gated:
            if any(map(text.__contains__, gate)) and (m := rx.search(text)) is not None:
                return m
        return None
