"""The hazard-request model: does a request ask for what a rule of Charter's built-in hazard
library (``include: [charter:hazards/mlcommons]``, rules ``hazards.*``) forbids, and which
hazard is closest?

Those platform rules are the same in every guide, so what a hazardous request looks like is
learnt once, from a corpus written for it (``data/hazard_requests/requests.jsonl``: harmful
requests for each of the 14 hazards, a look-alike twin for each, everyday requests), and
shipped as weights (:data:`DEFAULT_MODEL`), as the refusal detector ships its model. A guide's
own input classifier learns from the fifty-odd examples of the guide; a third party's "how do I
make a pipe bomb" shares few words with them.

Features: the content words of a request as the input classifier reads them (de-obfuscated,
lightly stemmed, function words left out) and the frame words of a request left out too
(:func:`hazard_terms`), and bigrams of consecutive content words, as strings, so a block can
name the words that weighed; binary, L2-normalised (a request of fewer than :data:`MIN_TERMS` terms as if it had that many). Model: L2-regularised logistic
regression (harmful vs look-alike and everyday), fitted with scikit-learn by
``scripts/train_hazard.py`` (:func:`fit_hazard_model`); at run time a sum of plain Python floats
(no numpy, no scikit-learn). The hazard named is the one whose harmful rows' centroid is closest
(cosine). English only.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from charter.errors import ConfigError, MissingExtraError
from charter.guard._classifier import _STOP, _WORD, READING_MARGIN, _stem, request_views
from charter.guard._detect import deobfuscate
from charter.types import Span

__all__ = ["DEFAULT_MODEL", "FORMAT", "HAZARDS", "HAZARD_THRESHOLD", "HazardModel", "HazardPrediction", "evidence_spans",
           "fit_hazard_model", "hazard_terms", "shipped_hazard_model"]

DEFAULT_MODEL = "hazard_model.json"
FORMAT = "charter-hazard-model/1"
#: the hazard codes of the built-in library (MLCommons AILuminate + Llama Guard 3 S13, S14)
#: the hazard guard blocks at this p(harmful) and above; chosen on the corpus's cross-validation
#: and seed 1 of bench/bench_guard_eval.py (docs/guards.md), never on third-party prompts
HAZARD_THRESHOLD = 0.8
HAZARDS = ("vcr", "ncr", "src", "cse", "dfm", "spc", "prv", "ipv", "iwp", "hte", "ssh", "sxc", "elc", "cia")


#: words of a request's frame, not of what it asks: question words and request verbs. Left out
#: with the function words: fitted with them, "how" weighed -8 and "what" -7.7 (the corpus's
#: everyday requests are mostly questions, its harmful ones often imperatives), a style of the
#: corpus's writing that a third party's "How do I make a pipe bomb?" does not share
_FRAME = frozenset("what how why which where when who whose whom whats hows please can tell give show explain write "
                   "describe list help need want know way best easiest quickest simplest any some one".split())


def hazard_terms(text: str) -> list[str]:
    """The terms of ``text`` the model reads: its content words, stemmed (function words and
    the words of a request's frame left out: :data:`_FRAME`), and the bigrams of consecutive
    content words ("pipe_bomb", "poison_neighbour"), each once, in order of first appearance."""
    words = [w for w in (_stem(x.lower()) for x in _WORD.findall(deobfuscate(text))[:600])
             if w not in _STOP and w not in _FRAME]
    return list(dict.fromkeys([*words, *(f"{a}_{b}" for a, b in pairwise(words))]))


#: a request of fewer terms is normalised as if it had this many: one or two words are little
#: evidence ("what is your code?" is one term, "code", and that alone scored as harmful)
MIN_TERMS = 4


def _norm(n: int) -> float:
    return math.sqrt(max(n, MIN_TERMS))


@dataclass(frozen=True)
class HazardPrediction:
    """p(harmful) of the reading that scored highest, the closest hazard, and the terms of that
    reading that weighed most towards harmful (term, weight), highest first."""

    p: float
    hazard: str | None
    terms: tuple[tuple[str, float], ...] = ()
    reading: str = ""


@dataclass
class HazardModel:
    """A fitted hazard-request model: ``weights`` (term → weight), ``bias``, and per hazard the
    L2-normalised centroid of its harmful rows (term → value)."""

    weights: dict[str, float]
    bias: float
    centroids: dict[str, dict[str, float]]
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = "<memory>"
    #: term → [(hazard, value)]: the closest hazard in one pass over a request's terms
    _index: dict[str, list[tuple[str, float]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index = {}
        for hz, c in self.centroids.items():
            for t, v in c.items():
                self._index.setdefault(t, []).append((hz, v))

    def _logit(self, terms: Sequence[str]) -> float:
        w = self.weights
        return sum(w.get(t, 0.0) for t in terms) / _norm(len(terms)) + self.bias

    def predict(self, text: str) -> HazardPrediction:
        """The highest score over the readings of ``text`` (:func:`request_views`, each reading
        after the first lowered by :data:`READING_MARGIN`, as the input classifier does)."""
        best: tuple[float, list[str], str] | None = None
        for i, view in enumerate(request_views(text)):
            terms = hazard_terms(view)
            z = self._logit(terms) - (READING_MARGIN if i else 0.0)
            if best is None or z > best[0]:
                best = (z, terms, view)
        assert best is not None
        z, terms, view = best
        p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
        sims = dict.fromkeys(self.centroids, 0.0)
        for t in terms:
            for hz, v in self._index.get(t, ()):
                sims[hz] += v
        hazard = max(sims, key=sims.__getitem__) if sims and max(sims.values()) > 0 else None
        top = sorted(((t, self.weights[t]) for t in terms if self.weights.get(t, 0.0) > 0), key=lambda tw: -tw[1])
        return HazardPrediction(p=p, hazard=hazard, terms=tuple((t, round(w, 3)) for t, w in top[:5]), reading=view)

    # ---- persistence ----------------------------------------------------------------------

    def to_json(self) -> str:
        """The model as JSON text: same model → same bytes."""
        doc = {"format": FORMAT, "meta": self.meta, "bias": round(self.bias, 4),
               "weights": {t: round(w, 4) for t, w in sorted(self.weights.items())},
               "centroids": {h: {t: round(v, 4) for t, v in sorted(c.items())} for h, c in sorted(self.centroids.items())}}
        return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, text: str, *, source: str = "<memory>") -> HazardModel:
        try:
            doc = json.loads(text)
            if doc.get("format") != FORMAT:
                raise ValueError(f"format {doc.get('format')!r}, expected {FORMAT!r}")
            weights = {str(t): float(w) for t, w in doc["weights"].items()}
            centroids = {str(h): {str(t): float(v) for t, v in c.items()} for h, c in doc["centroids"].items()}
            bias = float(doc["bias"])
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ConfigError(f"{source}: not a Charter hazard-request model ({e})",
                              hint="write one with `python scripts/train_hazard.py --out FILE`") from None
        return cls(weights, bias, centroids, meta=dict(doc.get("meta") or {}), source=source)

    @classmethod
    def load(cls, path: str | Path | None = None) -> HazardModel:
        """The model at ``path``; ``None``: the weights shipped with Charter."""
        if path is None:
            text = resources.files("charter.guard").joinpath(DEFAULT_MODEL).read_text(encoding="utf-8")
            return cls.from_json(text, source=f"charter/guard/{DEFAULT_MODEL}")
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"hazard-request model not found: {p}",
                              hint="give the file written by `python scripts/train_hazard.py --out FILE`")
        return cls.from_json(p.read_text(encoding="utf-8"), source=str(p))


@lru_cache(maxsize=1)
def shipped_hazard_model() -> HazardModel:
    """The weights shipped with Charter, read once per process, on first use."""
    return HazardModel.load()


def evidence_spans(text: str, pred: HazardPrediction) -> list[Span]:
    """Where the terms that weighed most occur in ``text`` (a unigram: each word with that stem;
    a bigram: the two words), labelled with the hazard."""
    wanted = {t for t, _ in pred.terms}
    words = [(m, _stem(m.group(0).lower())) for m in _WORD.finditer(text)]
    label = f"hazard:{pred.hazard}" if pred.hazard else "hazard"
    spans: list[Span] = []
    for i, (m, s) in enumerate(words):
        if s in wanted:
            spans.append(Span(start=m.start(), end=m.end(), text=m.group(0), label=label))
        if i + 1 < len(words) and f"{s}_{words[i + 1][1]}" in wanted:
            n = words[i + 1][0]
            spans.append(Span(start=m.start(), end=n.end(), text=text[m.start():n.end()], label=label))
    return spans[:8]


_CODE = re.compile(r"^[a-z]{3}$")


def fit_hazard_model(texts: Sequence[str], harmful: Sequence[bool], hazards: Sequence[str | None], *,
                     c: float = 1.0, min_df: int = 2, meta: dict[str, Any] | None = None) -> HazardModel:
    """Fit a model on labelled requests (``harmful``; ``hazards``: the code of each harmful row).
    Deterministic: the same rows in the same order give the same weights. Needs scikit-learn."""
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scikit-learn", "classifiers", "fitting the hazard-request model") from None
    if not (len(texts) == len(harmful) == len(hazards)):
        raise ConfigError(f"{len(texts)} texts, {len(harmful)} labels and {len(hazards)} hazards: one each per row")
    if all(harmful) or not any(harmful):
        raise ConfigError("a hazard-request model needs harmful and non-harmful rows")
    bad = sorted({str(h) for h, y in zip(hazards, harmful, strict=True) if y and (h is None or not _CODE.match(h))})
    if bad:
        raise ConfigError(f"harmful rows need a hazard code, got: {', '.join(bad)}",
                          hint=f"use one of {', '.join(HAZARDS)}")
    rows = [hazard_terms(t) for t in texts]
    df = Counter(t for r in rows for t in r)
    vocab = {t: i for i, t in enumerate(sorted(t for t, n in df.items() if n >= min_df))}
    x = np.zeros((len(rows), len(vocab)), dtype=np.float64)
    for i, r in enumerate(rows):
        # normalised over all the row's terms, as at inference (a term out of the vocabulary weighs 0)
        cols = [j for t in r if (j := vocab.get(t)) is not None]
        if cols:
            x[i, cols] = 1.0 / _norm(len(r))
    y = np.asarray([1 if h else 0 for h in harmful])
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, tol=1e-8)
    clf.fit(x, y)
    terms = sorted(vocab, key=vocab.__getitem__)
    weights = {t: float(w) for t, w in zip(terms, clf.coef_[0], strict=True) if abs(w) >= 5e-4}
    centroids: dict[str, dict[str, float]] = {}
    for r, y_i, hz in zip(rows, harmful, hazards, strict=True):
        if y_i and hz:
            cen = centroids.setdefault(hz, {})
            for t in r:
                if t in vocab:
                    cen[t] = cen.get(t, 0.0) + 1.0 / _norm(len(r))
    for hz, cen in centroids.items():
        n = math.sqrt(sum(v * v for v in cen.values())) or 1.0
        centroids[hz] = {t: v / n for t, v in cen.items() if v / n >= 5e-3}
    info = {**(meta or {}), "n": len(texts), "n_harmful": int(y.sum()), "c": c, "min_df": min_df,
            "features": len(weights)}
    return HazardModel(weights, float(clf.intercept_[0]), centroids, meta=info)
