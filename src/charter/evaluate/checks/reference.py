"""``reference``: is the response (near-)verbatim a reply that people already labelled for
this case?

A regression suite exists so that a reply humans judged is judged as they judged it. A case
can carry labelled replies in two places:

* ``case.metadata["candidates"]``: a list of ``{verdict: good|bad|ok, text, comment, cites}``
  (what ``charter import model-spec --suite`` and :func:`charter.synth.example_suite` write);
* the guide itself: an example of one of the case's rules whose conversation (or the part a
  mid-conversation reply answers) is the end of the case's conversation, with its ``good`` /
  ``bad`` / ``ok`` replies — e.g. a case ``charter synth`` drew from that example.

The first wins when it is a non-empty list. The response and each labelled reply are
normalised (Unicode NFKC, casefolded, curly quotes straightened, then cut into words: markdown
emphasis, punctuation, emoji and whitespace differences vanish) and compared with
:func:`reference_similarity`, the ``difflib`` ratio over the two word sequences
(2 × matched words / total words). It respects word order, so it measures *near-verbatim*
text, not topic: a paraphrase, a reply with sentences reordered or one dropped scores well
below the threshold. Only a reply at ``threshold`` (default 0.9) or more counts:

* the closest one is BAD (no GOOD or OK reply is at least as close) → ``fail``, the reason
  quoting the label, the comment and the rule the label cites;
* the closest is GOOD or OK → ``pass``;
* none is close enough → ``n/a``: the check does not apply. A paraphrase of a BAD reply is
  **not** caught here; only a judge can score it.

Ties on the normalised words (two labelled replies that differ only in punctuation,
formatting or emoji) are broken by the same ratio over the raw words and punctuation marks.

Malformed ``metadata.candidates`` (not a list, an entry without a ``text`` string or with a
verdict other than good / bad / ok) is an ``error`` score that says which entry and how to fix
it: a suite whose labels cannot be read must not pass silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from operator import itemgetter
from typing import Any

from charter import _regex
from charter.errors import ConfigError, SuiteError
from charter.evaluate._base import CheckScorer, truncate
from charter.evaluate._registry import check
from charter.evaluate.checks._text import WORD_RE, ascii_safe, ascii_twin
from charter.guide import Guide
from charter.suite import Case
from charter.types import Response, Score, Verdict

__all__ = ["DEFAULT_REFERENCE_THRESHOLD", "LabelledReply", "ReferenceCheck", "labelled_replies",
           "reference_similarity", "reference_words"]

#: the similarity from which a response counts as a labelled reply, near-verbatim
DEFAULT_REFERENCE_THRESHOLD = 0.9

_VERDICTS = ("good", "bad", "ok")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"'})
_SURFACE = _regex.compile(r"\w+|[^\w\s]", re.UNICODE)
_ASCII_SURFACE = ascii_twin(_SURFACE)
#: a word of :data:`WORD_RE` in lower-case ASCII text (see :func:`_unicode_words`)
_ASCII_WORD = _regex.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
#: a response this many times longer than every labelled reply (plus a margin) cannot be one
_LENGTH_FACTOR = 20
_LENGTH_MARGIN = 2000
_LENGTH = itemgetter(2)
#: the most pairs of equal words :func:`_similarity` lists (about 90 bytes each); past it, as
#: when a word recurs hundreds of times in both texts, ``difflib`` searches without the list
_MAX_PAIRS = 200_000

Words = tuple[str, ...]


def reference_words(text: str) -> Words:
    """``text`` as the check compares it: NFKC, casefolded, curly quotes straightened, cut into
    words (markdown emphasis, punctuation, emoji and whitespace are dropped)."""
    if text.isascii():  # the same words (tests/evaluate/test_reference.py), three times as fast
        return tuple(_ASCII_WORD.findall(text.lower()))
    return _unicode_words(text)


def _unicode_words(text: str) -> Words:
    """:func:`reference_words` of any text. On ASCII text NFKC, the quotes table and the marks
    are identities, casefolding is ``lower()`` and a word of :data:`WORD_RE` is a run of ASCII
    letters and digits joined by apostrophes: what :data:`_ASCII_WORD` finds."""
    return tuple(WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)))


def _surface(text: str) -> Words:
    if ascii_safe(text):  # NFKC is the identity on ASCII; the ASCII twin reads it as the Unicode regex
        return tuple(_ASCII_SURFACE.findall(text))
    return tuple(_SURFACE.findall(unicodedata.normalize("NFKC", text)))


def reference_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """The ``difflib`` ratio of two word sequences: 2 × words in matching blocks / total words
    (1.0: identical; two empty sequences are identical). Word order counts."""
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return 1.0 if la == lb else 0.0
    if a == b:  # what the matcher finds (one block of every word: 2n / 2n), without the search
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _positions(words: Words) -> dict[str, list[int]]:
    """Where each word occurs in ``words`` (what ``difflib`` builds for its second sequence)."""
    out: dict[str, list[int]] = {}
    for j, w in enumerate(words):
        out.setdefault(w, []).append(j)
    return out


def _similarity(a: Words, b: Words, b_positions: dict[str, list[int]]) -> float:
    """:func:`reference_similarity` of ``a`` and ``b`` given ``_positions(b)``, kept for each
    labelled reply: ``difflib``'s matching blocks (without junk) found the way it finds them,
    the longest block first (the first of the longest, in ``a`` then in ``b``), then the same
    in what lies before and after it, so the same blocks and the same ratio.

    The pairs of equal words are listed once, in ``a``'s then ``b``'s order, each with the
    length of the block that ends there; a window keeps only its own pairs, the lengths cut at
    its start (where ``difflib`` scans every word of the window again and builds the runs
    anew). In a window where no block is longer than one word, ``difflib`` takes the first
    pair, then the first pair after it in both sequences, and so on: one pass. Past
    :data:`_MAX_PAIRS` pairs, ``difflib`` itself (the same ratio, without the list's memory)."""
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return 1.0 if la == lb else 0.0
    if a == b:
        return 1.0
    pairs: list[tuple[int, int, int]] = []
    add = pairs.append
    run: dict[int, int] = {}
    get = b_positions.get
    for i, w in enumerate(a):
        row = get(w)
        if row is None:
            run = {}
            continue
        runget = run.get
        new_run: dict[int, int] = {}
        for j in row:
            k = new_run[j] = runget(j - 1, 0) + 1
            add((i, j, k))
        run = new_run
        if len(pairs) > _MAX_PAIRS:  # a word repeated hundreds of times in both: difflib's own search
            return SequenceMatcher(None, a, b, autojunk=False).ratio()
    matched = 0
    windows = [pairs] if pairs else []
    while windows:
        window = windows.pop()
        i, j, size = max(window, key=_LENGTH)  # the first of the longest: (i, j) ends it
        if size == 1:
            last_i = last_j = -1
            for i, j, _ in window:
                if i > last_i and j > last_j:
                    matched += 1
                    last_i, last_j = i, j
            continue
        matched += size
        end_i, end_j = i + 1, j + 1
        start_i, start_j = end_i - size, end_j - size
        before = [p for p in window if p[0] < start_i and p[1] < start_j]
        if before:
            windows.append(before)
        # a block after it is cut where the window starts
        after = [(x, y, k if k <= x - end_i and k <= y - end_j else min(k, x - end_i + 1, y - end_j + 1))
                 for x, y, k in window if x >= end_i and y >= end_j]
        if after:
            windows.append(after)
    return 2.0 * matched / (la + lb)


def _similarity_bound(a: Counter[str], b: Counter[str], total: int) -> float:
    """At least :func:`reference_similarity` of the word sequences counted in ``a`` and ``b``
    (``total`` words in all): a matching block matches words both have, so at most the words
    they share, counted with repeats (``difflib``'s ``quick_ratio``, in the same formula)."""
    common = a.keys() & b.keys()
    return 2.0 * sum(map(min, map(a.__getitem__, common), map(b.__getitem__, common))) / total


@dataclass(frozen=True)
class LabelledReply:
    """A reply people labelled for a case: its verdict, text, comment, the rule the verdict
    cites, and where it was found (``metadata.candidates[i]`` or ``example:RULE[k]``)."""

    verdict: str
    text: str
    comment: str = ""
    cites: str | None = None
    source: str = ""
    by_guide: bool = True


def _from_metadata(case: Case) -> list[LabelledReply] | None:
    raw = case.metadata.get("candidates")
    if raw is None:
        return None
    fix = ("fix the suite line, or drop metadata.candidates: each candidate is "
           "{verdict: good|bad|ok, text: ..., comment: ..., cites: ...}")
    if not isinstance(raw, list):
        raise SuiteError(f"case {case.id}: metadata.candidates is a {type(raw).__name__}, expected a list "
                          "of labelled replies", hint=fix)
    by_guide = case.provenance is not None and case.provenance.generator == "guide-example"
    out = []
    for i, c in enumerate(raw):
        where = f"case {case.id}: metadata.candidates[{i}]"
        if not isinstance(c, Mapping):
            raise SuiteError(f"{where} is a {type(c).__name__}, expected an object", hint=fix)
        verdict, text = c.get("verdict"), c.get("text")
        if not isinstance(verdict, str) or verdict.strip().lower() not in _VERDICTS:
            raise SuiteError(f"{where} has the verdict {verdict!r}, expected good, bad or ok", hint=fix)
        if not isinstance(text, str):
            raise SuiteError(f"{where} has no 'text' string (got {type(text).__name__})", hint=fix)
        comment, cites = c.get("comment") or "", c.get("cites")
        if not isinstance(comment, str) or not (cites is None or isinstance(cites, str)):
            raise SuiteError(f"{where}: 'comment' and 'cites' must be strings", hint=fix)
        out.append(LabelledReply(verdict.strip().lower(), text, comment, cites or None,
                                 f"metadata.candidates[{i}]", by_guide))
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


Point = tuple[tuple[tuple[str, str], ...], list[LabelledReply]]


def _guide_points(guide: Guide) -> dict[str, list[Point]]:
    """rule id → every judged point of its examples: (the turns answered, the replies)."""
    out: dict[str, list[Point]] = {}
    for rule in guide.iter_rules(include_disabled=True):
        for k, ex in enumerate(rule.examples):
            turns = ex.turns()
            by_at: dict[int | None, list[LabelledReply]] = {}
            for r in ex.candidates():
                by_at.setdefault(r.at, []).append(LabelledReply(r.verdict.value, r.text, r.comment, r.cites,
                                                                f"example:{rule.id}[{k}]"))
            for at, replies in by_at.items():
                key = tuple((t.role, _flat(t.content)) for t in (turns[:at] if at is not None else turns))
                if key:
                    out.setdefault(rule.id, []).append((key, replies))
    return out


def labelled_replies(case: Case, guide: Guide | None = None) -> list[LabelledReply]:
    """The replies people labelled for ``case``: its ``metadata.candidates`` when a non-empty
    list, else the replies of ``guide``'s examples of the case's rules whose judged point is
    the end of the case's conversation. Raises :class:`~charter.errors.SuiteError` when
    ``metadata.candidates`` is malformed."""
    return _labelled(case, _guide_points(guide) if guide is not None else {})


def _labelled(case: Case, points: Mapping[str, list[Point]]) -> list[LabelledReply]:
    given = _from_metadata(case)
    if given:
        return given
    found = [p for rid in case.rule_ids for p in points.get(rid, ())]
    if not found:
        return []
    convo = tuple((m.role, _flat(m.content)) for m in case.messages)
    return [r for key, replies in found if len(key) <= len(convo) and convo[len(convo) - len(key):] == key
            for r in replies]


@check("reference")
class ReferenceCheck(CheckScorer):
    """Known replies: a response that is near-verbatim (similarity ≥ ``threshold``, default
    0.9, over normalised words) a reply people labelled for the case (``metadata.candidates``,
    or the guide example the case is) fails when that reply is BAD and passes when it is GOOD
    or OK; ``n/a`` when the case has no labelled reply or none is that close (a paraphrase is
    left to the judge). ``guide_examples=False``: use ``metadata.candidates`` only."""

    def __init__(self, guide: Guide | None = None, *, rule_id: str | None = None,
                 threshold: float = DEFAULT_REFERENCE_THRESHOLD, guide_examples: bool = True,
                 **options: Any) -> None:
        super().__init__(guide, rule_id=rule_id, **options)
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"reference threshold {threshold} is outside (0, 1]",
                              hint="a near-verbatim match needs a high similarity, e.g. 0.9")
        self.threshold = threshold
        self.guide_examples = guide_examples
        self._points: dict[str, list[Point]] | None = None
        self._words: dict[str, tuple[Words, Counter[str], dict[str, list[int]]]] = {}

    def _index(self) -> dict[str, list[Point]]:
        if self._points is None:
            self._points = _guide_points(self.guide) if self.guide is not None and self.guide_examples else {}
        return self._points

    def _words_of(self, text: str) -> tuple[Words, Counter[str], dict[str, list[int]]]:
        """A labelled reply's words, their counts and positions (kept: replies recur from case
        to case)."""
        got = self._words.get(text)
        if got is None:
            if len(self._words) > 4096:
                self._words.clear()
            words = reference_words(text)
            got = self._words[text] = (words, Counter(words), _positions(words))
        return got

    def evaluate(self, case: Case, response: Response) -> Score:
        try:
            replies = _labelled(case, self._index())
        except SuiteError as e:
            return self.make(case, Verdict.error, label="malformed_candidates",
                             explanation=f"{e.message} ({e.hint})")
        if not replies:
            return self.make_fixed(case, Verdict.na, label="no_labelled_replies",
                                   explanation="no labelled replies for this case (metadata.candidates, or an "
                                               "example of its rule in the guide)")
        counts = ", ".join(f"{n} {v.upper()}" for v in _VERDICTS
                           if (n := sum(r.verdict == v for r in replies)))
        longest = max(len(r.text) for r in replies)
        if len(response.text) > _LENGTH_FACTOR * longest + _LENGTH_MARGIN:
            return self.make(case, Verdict.na, label="no_reference_match",
                             explanation=f"the response ({len(response.text)} characters) is far longer than every "
                                         f"labelled reply ({counts}; the longest has {longest}): none matches it")
        words = reference_words(response.text)
        if not words:
            return self.make(case, Verdict.na, label="no_reference_match",
                             explanation=f"the response has no words to compare with the labelled replies ({counts})")
        bound = 0.0
        candidates: list[tuple[Words, Counter[str], LabelledReply]] = []
        positions: list[dict[str, list[int]]] = []
        for r in replies:
            theirs, theirs_counted, where = self._words_of(r.text)
            # the ratio is at most 2·min/(sum) of the lengths: a far shorter or longer reply cannot match
            cap = 2.0 * min(len(words), len(theirs)) / (len(words) + len(theirs))
            if cap < self.threshold:
                bound = max(bound, cap)
            else:
                candidates.append((theirs, theirs_counted, r))
                positions.append(where)
        mine: Counter[str] | None = None
        sims: dict[int, float] = {}
        bounds: list[float] = []
        near: list[tuple[float, LabelledReply]] = []
        for i, (theirs, theirs_counted, r) in enumerate(candidates):
            # a reply whose shared words cannot reach the threshold is not near: no matcher run
            # (its similarity counts only when no reply is near, below). A lone reply is
            # matched either way: no bound
            if theirs == words or len(candidates) == 1:
                bounds.append(1.0)
            else:
                mine = Counter(words) if mine is None else mine
                bounds.append(_similarity_bound(mine, theirs_counted, len(words) + len(theirs)))
                if bounds[i] < self.threshold:
                    continue
            sim = sims[i] = _similarity(words, theirs, positions[i])
            if sim >= self.threshold:
                near.append((sim, r))
        if not near:
            # the closest reply, the first of the closest as the replies are ordered: the matcher
            # runs from the highest bound down, until a bound falls below the best found
            best = -1.0
            for i in sorted(range(len(candidates)), key=bounds.__getitem__, reverse=True):
                if bounds[i] < best:
                    break
                if i not in sims:
                    sims[i] = _similarity(words, candidates[i][0], positions[i])
                best = max(best, sims[i])
            scored = [(sims[i], r) for i, (_, _, r) in enumerate(candidates) if i in sims]
            if scored:
                closest, r = max(scored, key=lambda x: x[0])
                why = f"the closest, {r.verdict.upper()}, has similarity {closest:.2f} < {self.threshold:.2f}"
            else:
                closest = bound
                why = f"their lengths differ too much from the response's (similarity at most {bound:.2f})"
            return self.make(case, Verdict.na, value=round(closest, 4), label="no_reference_match",
                             explanation=f"no labelled reply ({counts}) is near-verbatim the response: {why} "
                                         "(a paraphrase is left to the judge)",
                             similarity=round(closest, 4), threshold=self.threshold)
        surface = _surface(response.text)

        def key(item: tuple[float, LabelledReply]) -> tuple[float, float]:
            return item[0], reference_similarity(surface, _surface(item[1].text))

        bad = [x for x in near if x[1].verdict == "bad"]
        fine = [x for x in near if x[1].verdict != "bad"]
        best_bad = max(bad, key=key) if bad else None
        best_fine = max(fine, key=key) if fine else None
        if best_bad is not None and (best_fine is None or key(best_bad) > key(best_fine)):
            sim, r, verdict = best_bad[0], best_bad[1], Verdict.fail
        else:
            assert best_fine is not None
            sim, r, verdict = best_fine[0], best_fine[1], Verdict.pass_
        who = "the guide labels" if r.by_guide else "the suite labels"
        why = f"matches the reply {who} {r.verdict.upper()} (similarity {sim:.2f})"
        why += f": {truncate(r.comment, 300)}" if r.comment else ""
        why += f" [cites {r.cites}]" if r.cites else ""
        why += f" ({r.source})"
        return self.make(case, verdict, value=round(sim, 4), label=f"matches_{r.verdict}", explanation=why,
                         similarity=round(sim, 4), threshold=self.threshold, reference=r.verdict,
                         comment=r.comment, cites=r.cites, source=r.source)
