"""The input classifier: does a request ask for what a rule forbids? Trained from the guide
(numpy only, seconds on a CPU) and, optionally, from synthesised cases.

Rows: each rule's violating example prompts and ``boundary.disallowed`` texts are positive
for that rule when the rule's answer to a violation is to refuse or redirect; look-alike,
benign and borderline examples, ``boundary.allowed`` texts and in-scope use-case requests are
negative. Every row carries its source id in the synthesiser's format
(``example:RULE[i]``, ``boundary.allowed:RULE[i]``, ``use_case:ID[i]``), so an evaluation can
hold sources out and measure on requests the classifier never saw in any form. On top of these,
each violating example request gets benign *twins* (:func:`frame_twins`): its frame ("Write me
an email", "How can I") with the content of a benign row of the guide, negative rows that weigh
on top of the balanced classes, so the frame of a violating request does not decide, its
content does (every "Write …" request of the example guides was violating, and everyday
"Write a poem …" requests were blocked).

Features: hashed word unigrams (function words and clitics left out) and bigrams (present or not) of the
de-obfuscated text (:func:`deobfuscate`), words lightly stemmed (inflections), L2-normalised;
a message is read several ways (:func:`request_views`) and the highest score counts, each reading
but the message itself first lowered by :data:`READING_MARGIN`. Character n-grams
were tried and dropped: they made the model more sensitive to style (casing, markdown, tone) than to what is asked. The model is L2-regularised
logistic regression (violating vs not); the rule named is the one whose violating rows are
closest (cosine to the rule's centroid).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

from charter.errors import ConfigError, MissingExtraError
from charter.evaluate import tied_dimensions
from charter.guard._detect import decoded_parts, deobfuscate, find_injection, forced_prefix_only
from charter.guide import ExampleLabel, Expected, Guide, Rule, RuleKind
from charter.suite import Case, Intent

if TYPE_CHECKING:
    import numpy as np

__all__ = ["TWINS_PER_REQUEST", "InputClassifier", "PromptClassifier", "TrainingRow", "blockable", "frame_twins",
           "guide_rows", "last_pasted_turn", "request_frame", "request_views", "train_prompt_classifier"]

_DIM = 1 << 16
_WORD = re.compile(r"[^\W_]+")


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise MissingExtraError("numpy", "classifiers", "The guard's input classifier") from None
    return numpy


def blockable(rule: Rule, guide: Guide | None = None) -> bool:
    """Whether an input guard may block for ``rule``: its answer to a violation is a refusal,
    or a redirect of a rule that forbids something (``must_not``; the guard's refusal stands in
    for the redirect). A rule that *requires* a redirect ("point to 911 in an emergency", "offer
    HR for a dispute", an impossible request) is not blocked: a guard's generic refusal would take
    away what the rule asks for. The exception is an edge case whose ``alternative`` the guard
    serves as its redirect (``guide`` given). A rule whose answer is to comply, or to complete
    safely, is never blocked, nor a rule only about the form of the answer ("never use
    markdown": the answer in plain text keeps it)."""
    expected = rule.expected_on_violation()
    if guide is not None and tied_dimensions(guide, rule.id) == {"formatting"}:
        return False  # a rule about the form of the answer ("never use markdown") forbids no request
    if expected == Expected.refuse:
        return True
    if expected != Expected.redirect:
        return False
    if rule.kind == RuleKind.must_not:
        return True
    return guide is not None and any(e.id == rule.id and e.alternative for e in guide.edge_cases)


class InputClassifier(Protocol):
    """What an input guard needs of a classifier: ``predict(text)`` → (p(violating), the
    closest rule id). :class:`PromptClassifier` (n-grams) and the embedding tier have it."""

    def predict(self, text: str) -> tuple[float, str | None]: ...


@dataclass(frozen=True)
class TrainingRow:
    text: str
    rule_id: str | None  # None: not violating
    source: str


@lru_cache(maxsize=1 << 16)  # words and bigrams recur: hash each once (bounded)
def _h(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "little") % _DIM


_SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")


@lru_cache(maxsize=1 << 15)
def _stem(word: str) -> str:
    """A light English stem, inflections only ('hacking', 'hacked', 'hacks' -> 'hack'), so a
    request worded with another form of a word the guide uses still matches it."""
    if len(word) <= 4:
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3 and not word.endswith("ss"):
            if suf == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suf = "s"  # 'closes' -> 'close', but 'boxes' -> 'box'
            return word[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
    return word


#: function words: no unigram feature of their own (bigrams keep them: "how_to", "do_i"). Alone
#: they learnt the guide's style, not what is asked ("and" weighed -2.6 to -3.1, so a request
#: inside an angry sentence or a longer message scored as benign)
#: The clitics of contractions and possessives ("what's", "someone's", "don't", "you'll") are
#: function words too: split off by the tokeniser they became a word of their own, and "s"
#: learnt +3.7 on isp-support, enough to block "What's the best way to gut a fish?"
_STOP = frozenset(
    "a an the and or but if so of to in on at by for with from as is are was were be been being am it its this that "
    "these those i me my we our you your he him his she her they them their there here then than too very just also "
    "do did done have has had will would can could should shall may might must not no s t ll re ve d m".split())


def features(text: str) -> dict[int, float]:
    """Sparse, L2-normalised hashed features (stemmed word unigrams, less function words, and
    bigrams) of the de-obfuscated ``text``."""
    words = [_stem(w.lower()) for w in _WORD.findall(deobfuscate(text))][:600]
    x = {_h(k): 1.0 for k in (*(w for w in words if w not in _STOP), *(f"{a}_{b}" for a, b in pairwise(words)))}
    n = math.sqrt(len(x))
    return {k: 1.0 / n for k in x} if n else x


#: the turns of a dialogue pasted into one message ("User: …" / "Assistant: …", as in a
#: many-shot jailbreak): the request is the last user turn, the rest is priming
_USER_TURN = re.compile(r"^[ \t]*(?:user|human)[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE)
_ASSISTANT_TURN = re.compile(r"^[ \t]*(?:assistant|ai)[ \t]*:", re.IGNORECASE | re.MULTILINE)


#: a quotation on one line; the curly one cannot hold another opening mark, so a message of
#: openers that never close is read once, not from every opener to its end
_QUOTED = re.compile(r'"[^"\n]*"|“[^“”\n]*”')


def last_pasted_turn(text: str) -> str | None:
    """The last user turn of a dialogue pasted into ``text`` (two user turns or more, and an
    assistant turn), or None when ``text`` is not one."""
    turns = list(_USER_TURN.finditer(text))
    if len(turns) < 2 or not _ASSISTANT_TURN.search(text):
        return None
    tail = text[turns[-1].end():]
    answer = _ASSISTANT_TURN.search(tail)
    tail = tail[: answer.start()] if answer else tail
    return tail.strip() or None


def request_views(text: str) -> list[str]:
    """The readings of a request the classifier scores (the highest score counts, less a
    margin for every reading but the first; see :data:`READING_MARGIN`): the message
    itself, or the last user turn when it is a pasted dialogue; then, each on its own, what its
    encoded parts decode to, what follows its last colon (a framing that ends "here is my
    question:") and each line that addresses instructions to the assistant (an injection
    inside a pasted document; not a forced answer prefix, the frame alone), so a wrapper around
    a request does not dilute it. Words of the
    framing still count in the first reading."""
    main = last_pasted_turn(text) or text
    views = [main, *decoded_parts(main)]
    # the last colon outside quotes ('Start with "Step one:" and …' quotes a colon, it frames nothing)
    cut = _QUOTED.sub(lambda m: "\0" * len(m.group(0)), main).rfind(":")
    head, tail = main[:max(cut, 0)], main[cut + 1:]
    if cut >= 0 and len(_WORD.findall(tail)) >= 4 and len(_WORD.findall(head)) >= 4:
        views.append(tail)  # "…, here is my question: <request>", "Request: <request>"
    views += [s.text for s in find_injection(main) if s.text.strip() != main.strip() and not forced_prefix_only(s.text)]
    return views


def guide_rows(guide: Guide) -> list[TrainingRow]:
    """Training rows from the guide itself (see the module docstring)."""
    rows: list[TrainingRow] = []
    for rule in guide.iter_rules():
        pos = rule.id if blockable(rule, guide) else None
        for i, ex in enumerate(rule.examples):
            src = f"example:{rule.id}[{i}]"
            label = pos if ex.label == ExampleLabel.violating else None
            rows.append(TrainingRow(ex.prompt_text(), label, src))
        for i, text in enumerate(rule.boundary.disallowed):
            rows.append(TrainingRow(text, pos, f"boundary.disallowed:{rule.id}[{i}]"))
        for i, text in enumerate(rule.boundary.allowed):
            rows.append(TrainingRow(text, None, f"boundary.allowed:{rule.id}[{i}]"))
    for uc in guide.audience.use_cases:
        if uc.in_scope:
            rows += [TrainingRow(t, None, f"use_case:{uc.id}[{i}]") for i, t in enumerate(uc.examples)]
    return rows


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: kinds of text a request asks for: the form that belongs to a request's frame ("Write me an *email*")
_FORMS = frozenset("email mail letter note message text sms post tweet thread article story poem haiku limerick song "
                   "lyric lyrics joke essay paragraph sentence summary report review speech script scene dialogue "
                   "description list guide plan outline program code function query command recipe ad advert slogan "
                   "caption bio profile title headline memo invitation announcement chapter book".split())
#: words that start a request's content: the search for the form stops there ("a paragraph *about* …")
_CONTENT_MARK = frozenset("about that saying telling between where which who why so to for on of with from "
                          "explaining describing asking announcing".split())


def request_frame(text: str) -> tuple[str, str]:
    """``text`` split into its frame and its content. The frame is the opening word, the
    function words after it and, when one of the next three words is a kind of text (an email, a
    story, a script, a list; words between it and the opening are left out), that word: "Write me
    an email", "Write a paragraph" (of "Write a funny paragraph …"), "How can I", "Give me the
    lyrics". The content is what follows."""
    toks = list(_TOKEN.finditer(text))
    if not toks:
        return "", text
    end = 1
    while end < len(toks) and toks[end].group(0).lower().replace("’", "'").split("'")[0] in _STOP:
        end += 1
    cut = toks[end - 1].end()
    for j in range(end, min(len(toks), end + 3)):
        w = toks[j].group(0).lower()
        if w in _STOP or w in _CONTENT_MARK:
            break
        if w in _FORMS or (w.endswith("s") and w[:-1] in _FORMS):
            return f"{text[:cut].strip()} {toks[j].group(0)}", text[toks[j].end():].strip()
    return text[:cut].strip(), text[cut:].strip()


def _content(text: str, topic: bool) -> str:
    """What a benign row gives a twin: a boundary text (a topic, not a request) whole, first
    letter lowered; a request without its frame."""
    if topic:
        t = text.strip()
        return t[:1].lower() + t[1:]
    return request_frame(text)[1].lstrip(" ,.;:!?-")


#: benign twins per violating example request (:func:`frame_twins`); chosen on seed 1 (docs/guards.md)
TWINS_PER_REQUEST = 2


def frame_twins(guide: Guide, keep: Callable[[str], bool] = lambda _: True,
                per_request: int = TWINS_PER_REQUEST) -> list[TrainingRow]:
    """Benign twins of the guide's violating example requests (of rules an input guard blocks
    for): each keeps a violating request's frame (:func:`request_frame`) and takes its content
    from a benign row of the guide: the first twin from the same rule (its look-alike and benign
    examples, its ``boundary.allowed`` texts) when it has one, the others from any benign row
    (those, and in-scope use-case requests), drawn with a seed made of the request. The frame of
    a violating request then occurs as often in benign rows, so its content decides.
    ``keep(source)`` says which guide rows are in training: a row left out (held out by an
    evaluation) is neither a parent nor a donor. Twins' sources are ``twin[k]:`` + the parent's."""
    import random

    pool: list[tuple[str, str | None]] = []  # (content, rule id)
    parents: list[tuple[str, str, str]] = []  # (source, rule id, text)
    for rule in guide.iter_rules():
        for i, ex in enumerate(rule.examples):
            src = f"example:{rule.id}[{i}]"
            if not keep(src):
                continue
            if ex.label == ExampleLabel.violating:
                if blockable(rule, guide):
                    parents.append((src, rule.id, ex.prompt_text()))
            elif ex.label in (ExampleLabel.benign, ExampleLabel.benign_lookalike):
                pool.append((_content(ex.prompt_text(), False), rule.id))
        pool += [(_content(t, True), rule.id) for i, t in enumerate(rule.boundary.allowed)
                 if keep(f"boundary.allowed:{rule.id}[{i}]")]
    for uc in guide.audience.use_cases:
        if uc.in_scope:
            pool += [(_content(t, False), None) for i, t in enumerate(uc.examples) if keep(f"use_case:{uc.id}[{i}]")]
    pool = [(t, r) for t, r in pool if t]
    anywhere = [t for t, _ in pool]
    out = []
    for src, rid, text in parents:
        frame = request_frame(text)[0]
        if not frame or not pool:
            continue
        same = [t for t, r in pool if r == rid]
        rng = random.Random(f"{src}|{text}")
        for k in range(per_request):
            donors = same if k == 0 and same else anywhere
            out.append(TrainingRow(f"{frame} {donors[rng.randrange(len(donors))]}", None, f"twin[{k}]:{src}"))
    return out


def case_rows(cases: Iterable[Case], guide: Guide) -> list[TrainingRow]:
    """Training rows from labelled cases (e.g. a synthesised suite): violating cases of a
    blockable rule are positive, every other intent negative."""
    ok = {r.id for r in guide.iter_rules() if blockable(r, guide)}
    rows = []
    for c in cases:
        text = _last_user(c)
        if not text:
            continue
        rule = next((r for r in c.rule_ids if r in ok), None)
        label = rule if c.intent == Intent.violating and rule is not None and c.expected in (
            Expected.refuse, Expected.redirect) else None
        rows.append(TrainingRow(text, label, c.provenance.source or c.id))
    return rows


def _last_user(case: Case) -> str:
    return next((m.content for m in reversed(case.messages) if m.role == "user"), "")


@dataclass
class PromptClassifier:
    """``predict(text)`` → (p(violating), the closest rule id)."""

    weights: np.ndarray
    bias: float
    centroids: dict[str, dict[int, float]]
    guide_fingerprint: str
    report: dict[str, Any] = field(default_factory=dict)

    def p_violating(self, x: dict[int, float]) -> float:
        return _sigmoid(self._logit(x))

    def _logit(self, x: dict[int, float]) -> float:
        w = self._w
        return sum(w.get(k, 0.0) * v for k, v in x.items()) + self.bias

    #: feature → (rule, weight) of every centroid that has it: the closest rule in one pass
    #: over the request's features instead of one per rule
    _index: dict[int, list[tuple[str, float]]] = field(init=False, repr=False, compare=False)
    #: the non-zero weights as a dict: a look-up per feature costs less than indexing the array
    _w: dict[int, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._w = {int(k): float(self.weights[k]) for k in self.weights.nonzero()[0]}
        self._index = {}
        for rid, c in self.centroids.items():
            for k, v in c.items():
                self._index.setdefault(k, []).append((rid, v))

    def predict(self, text: str) -> tuple[float, str | None]:
        """The highest score over the readings of ``text`` (:func:`request_views`); every
        reading after the first loses :data:`READING_MARGIN` in log-odds first."""
        z, x = max(((self._logit(x) - (READING_MARGIN if i else 0.0), x)
                    for i, x in enumerate(features(v) for v in request_views(text))), key=lambda zx: zx[0])
        p = _sigmoid(z)
        sims = dict.fromkeys(self.centroids, 0.0)
        for k, v in x.items():
            for rid, c in self._index.get(k, ()):
                sims[rid] += v * c
        return p, max(sims, key=sims.__getitem__) if sims else None  # ties: the first rule


#: What a reading other than the message itself gives up, in log-odds, before it competes in
#: the max: the highest of k noisy scores is biased upward, and a wrapper's reading of a
#: look-alike (an injected "SYSTEM:" line, the text after a colon) scored just above 0.5
#: often enough to block it. Chosen on seed 1 (docs/guards.md): from 0.5 on, look-alike false
#: blocks on unseen seeds stop falling and F1 starts to.
READING_MARGIN = 0.5


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _fit(np: Any, feats: list[dict[int, float]], y: Any, l2: float, epochs: int, lr: float,
         extra: Any) -> tuple[Any, float]:
    """L2-regularised logistic regression by full-batch gradient descent, classes balanced
    (so a guide with few violating rows still learns them) over the rows that are not
    ``extra``; an ``extra`` row (a benign twin) weighs as much as a negative row on top of that.
    Balancing the twins in with the other negatives would dilute those: XSTest's safe prompts
    and the everyday probe were blocked more often that way (docs/guards.md)."""
    rr = np.repeat(np.arange(len(feats)), [len(x) for x in feats])
    cc = np.fromiter((k for x in feats for k in x), dtype=np.int64)
    vv = np.fromiter((v for x in feats for v in x.values()), dtype=np.float64)
    yb = y[~extra]
    wt = np.where(y == 1, 0.5 / yb.mean(), 0.5 / (1 - yb.mean()))
    w = np.zeros(_DIM)
    b = 0.0
    for _ in range(epochs):
        z = np.bincount(rr, weights=vv * w[cc], minlength=len(feats)) + b
        p = 1.0 / (1.0 + np.exp(-z))
        g = (p - y) * wt / len(feats)
        w -= lr * (np.bincount(cc, weights=vv * g[rr], minlength=_DIM) + l2 * w)
        b -= lr * float(g.sum())
    return w, b


def training_rows(guide: Guide, cases: Sequence[Case] = (), exclude_sources: Iterable[str] = ()) -> list[TrainingRow]:
    """The rows an input classifier learns from: the guide's (and ``cases``') requests, less
    those whose source is in ``exclude_sources``; an error when one side is missing."""
    skip = set(exclude_sources)
    rows = [r for r in guide_rows(guide) + case_rows(cases, guide) if r.source not in skip]
    n_pos = sum(r.rule_id is not None for r in rows)
    if n_pos == 0 or n_pos == len(rows):
        raise ConfigError("the guide has no violating and non-violating requests to train the input classifier from",
                          hint="add violating and benign_lookalike examples (or boundary texts) to rules that refuse")
    return rows


def train_prompt_classifier(guide: Guide, *, cases: Sequence[Case] = (), exclude_sources: Iterable[str] = (),
                            l2: float = 1e-4, epochs: int = 250, lr: float = 4.0,
                            twins: int = TWINS_PER_REQUEST) -> PromptClassifier:
    """Train the input classifier from ``guide`` (and ``cases``), leaving out rows whose
    source is in ``exclude_sources`` (for held-out evaluation), with ``twins`` benign twins
    per violating example request of the guide (:func:`frame_twins`; 0: none)."""
    np = _numpy()
    skip = set(exclude_sources)
    base = training_rows(guide, cases, skip)
    rows = base + (frame_twins(guide, lambda src: src not in skip, twins) if twins > 0 else [])
    feats = [features(r.text) for r in rows]
    y = np.array([r.rule_id is not None for r in rows], dtype=np.float64)
    w, b = _fit(np, feats, y, l2, epochs, lr, np.arange(len(rows)) >= len(base))
    centroids: dict[str, dict[int, float]] = {}
    for r, x in zip(rows, feats, strict=True):
        if r.rule_id is not None:
            c = centroids.setdefault(r.rule_id, {})
            for k, v in x.items():
                c[k] = c.get(k, 0.0) + v
    for rid, c in centroids.items():
        n = math.sqrt(sum(v * v for v in c.values())) or 1.0
        centroids[rid] = {k: v / n for k, v in c.items()}
    report = {"n_rows": len(rows), "n_violating": sum(r.rule_id is not None for r in rows),
              "n_twins": len(rows) - len(base), "rules": sorted(centroids)}
    return PromptClassifier(w.astype(np.float32), b, centroids, guide.fingerprint(), report)
