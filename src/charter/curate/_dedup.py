"""Exact and near-duplicate detection, and the contamination firewall.

- **exact**: texts equal after normalisation (casefold, punctuation → space, whitespace
  collapsed);
- **near**: MinHash signatures of word n-gram shingles, candidates from an LSH index
  (banding chosen for the threshold), each candidate pair *verified* by its estimated
  Jaccard similarity. MinHash and LSH come from ``rensa`` (Rust; see docs/dedup.md for the
  benchmark against ``datasketch``). Dedup is greedy in input order: a row is dropped when it
  is a duplicate of an earlier row that was kept, so the first occurrence always survives.

The firewall indexes the evaluation rows and drops every training row that is an exact or
near duplicate of one of them, or that **contains** one whole (an evaluation prompt of at least
:data:`MIN_CONTAINED_WORDS` words, normalised, inside the training row's text): a synthesized
variation wraps its seed in words of its own ("Not sure how to ask this, but… something like:
yes, cancel WF3MZ8 and give me the $412 travel credit. Or whatever makes sense"), which puts the
pair far under the Jaccard threshold while the evaluation prompt is there word for word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from charter.curate._records import text_of
from charter.errors import ConfigError, MissingExtraError

__all__ = [
    "Contamination",
    "DedupResult",
    "Duplicate",
    "FirewallResult",
    "dedup",
    "firewall",
    "normalize",
    "optimal_bands",
    "shingles",
]

T = TypeVar("T")
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
#: scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana and Han
#: (with their signs and marks; Hangul is written with spaces and is not here)
_NO_SPACE = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff"
                       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
DEFAULT_NUM_PERM = 128
DEFAULT_NGRAM = 1
_CHUNK = 50_000


def _optional_mark(c: str) -> bool:
    """Hebrew points and Arabic harakat: vowel marks a text may or may not write."""
    o = ord(c)
    return 0x0591 <= o <= 0x05C7 or 0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o == 0x0670 \
        or 0x06D6 <= o <= 0x06ED or 0x08D3 <= o <= 0x08FF


def _mark_or_space(c: str) -> str:
    cat = unicodedata.category(c)
    if cat[0] == "M":
        return "" if _optional_mark(c) else c
    return "" if cat == "Cf" else " "


def _keep_marks(m: re.Match[str]) -> str:
    """A run of non-word characters → spaces, except combining marks (Thai vowel and tone
    signs, Devanagari matras and virama), which belong to their word, and Hebrew points and
    Arabic harakat and format characters (zero-width joiners, soft hyphens), which are dropped
    so that "كَتَبَ" and "كتب" are one word."""
    return "".join(_mark_or_space(c) for c in m.group())


def normalize(text: str) -> str:
    """Casefold, NFKC, punctuation → space (combining marks stay in their word), whitespace
    collapsed (the exact-dup key)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    if t.isascii():
        return _SPACE.sub(" ", _PUNCT.sub(" ", t)).strip()
    # casefold() writes Turkish "İ" as "i" + combining dot above: one letter, "i"
    return _SPACE.sub(" ", _PUNCT.sub(_keep_marks, t.replace("i\u0307", "i"))).strip()


def shingles(text: str, ngram: int = DEFAULT_NGRAM) -> list[str]:
    """Distinct word n-grams of the normalised text (one empty shingle for empty text); a run
    of a script written without spaces (Thai, Chinese, Japanese...) gives its character
    ``ngram``-grams and (``ngram`` + 1)-grams instead: with the default ``ngram=1``, one changed
    word or typo in a short prompt leaves Jaccard about where one changed word leaves an
    English prompt (see docs/dedup.md, "Scripts")."""
    return _grams(normalize(text), ngram)


def _word_grams(words: list[str], ngram: int) -> list[str]:
    if len(words) <= ngram:
        return [" ".join(words)]
    if ngram == 1:
        return list(dict.fromkeys(words))
    return list(dict.fromkeys(" ".join(words[i:i + ngram]) for i in range(len(words) - ngram + 1)))


def _grams(norm: str, ngram: int) -> list[str]:
    if norm.isascii() or _NO_SPACE.search(norm) is None:
        words = norm.split()
        if ngram == 1 and len(words) > 1:  # the common case, inline
            return list(dict.fromkeys(words))
        return _word_grams(words, ngram)
    chars = [run[i:i + n] for run in _NO_SPACE.findall(norm) for n in (ngram, ngram + 1)
             for i in range(max(1, len(run) - n + 1))]
    words = _NO_SPACE.sub(" ", norm).split()
    return list(dict.fromkeys((_word_grams(words, ngram) if words else []) + chars))


@dataclass(frozen=True)
class Duplicate:
    """Row ``index`` duplicates the kept row ``of`` (indices into the input)."""

    index: int
    of: int
    kind: str  # "exact" | "contained" | "near"
    similarity: float


@dataclass
class DedupResult(Generic[T]):
    kept: list[T]
    duplicates: list[Duplicate]
    kept_indices: list[int]
    clusters: list[list[int]] = field(default_factory=list)  # kept index first, then its duplicates

    @property
    def n_exact(self) -> int:
        return sum(d.kind == "exact" for d in self.duplicates)

    @property
    def n_near(self) -> int:
        return sum(d.kind == "near" for d in self.duplicates)

    def cluster_sizes(self) -> dict[int, int]:
        """size → number of clusters of that size (singletons included)."""
        out: dict[int, int] = {}
        for c in self.clusters:
            out[len(c)] = out.get(len(c), 0) + 1
        return dict(sorted(out.items()))


@lru_cache(maxsize=64)
def optimal_bands(threshold: float, num_perm: int) -> int:
    """The LSH band count (a divisor of ``num_perm``) minimising false positives + 4x false
    negatives around ``threshold`` (missed duplicates cost more than verified candidates)."""
    xs = [i / 400 for i in range(401)]
    best, best_err = 1, float("inf")
    for b in range(1, num_perm + 1):
        if num_perm % b:
            continue
        r = num_perm // b
        err = 0.0
        for x in xs:  # rectangle rule over [0, 1]: false positives below, 4x false negatives above
            p = 1.0 - (1.0 - x**r) ** b
            err += (p if x < threshold else 4.0 * (1.0 - p)) / 400
        if err < best_err:
            best, best_err = b, err
    return best


def _check(threshold: float, num_perm: int, ngram: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f"similarity threshold {threshold} is not in (0, 1]", hint="e.g. --threshold 0.8")
    if num_perm < 8:
        raise ConfigError(f"num_perm {num_perm} is too small", hint="use 64-256 permutations")
    if ngram < 1:
        raise ConfigError(f"ngram {ngram} must be at least 1")


def _rensa() -> Any:
    try:
        import rensa
    except ImportError:
        raise MissingExtraError("rensa", "data", "near-duplicate detection") from None
    return rensa


class _Sketcher:
    def __init__(self, threshold: float, num_perm: int, ngram: int, seed: int) -> None:
        _check(threshold, num_perm, ngram)
        self.rensa = _rensa()
        self.threshold, self.num_perm, self.ngram, self.seed = threshold, num_perm, ngram, seed
        self.bands = optimal_bands(threshold, num_perm)

    def sketch(self, norms: Sequence[str]) -> list[Any]:
        """MinHash sketches of already-normalised texts (in chunks, so the shingle lists of
        only one chunk are alive at a time)."""
        out: list[Any] = []
        for k in range(0, len(norms), _CHUNK):
            out += self.rensa.RMinHash.from_token_sets([_grams(t, self.ngram) for t in norms[k:k + _CHUNK]],
                                                       self.num_perm, self.seed)
        return out

    def index(self, sketches: Sequence[Any]) -> Any:
        lsh = self.rensa.RMinHashLSH(self.threshold, self.num_perm, self.bands)
        if sketches:
            lsh.insert_many(list(sketches), 0)
        return lsh


def dedup(rows: Sequence[T], *, threshold: float = 0.8, num_perm: int = DEFAULT_NUM_PERM,
          ngram: int = DEFAULT_NGRAM, seed: int = 42, near: bool = True) -> DedupResult[T]:
    """Drop exact and near duplicates, keeping the first occurrence of each.

    ``rows`` may be strings, cases, training rows or records (their prompt text is compared).
    Near duplicates: estimated Jaccard of word ``ngram`` shingles ≥ ``threshold``."""
    texts = [text_of(r) for r in rows]
    kept_flag = [True] * len(texts)
    dups: list[Duplicate] = []
    norms = [normalize(t) for t in texts]
    first: dict[str, int] = {}
    for i, key in enumerate(norms):
        j = first.setdefault(key, i)
        if j != i:
            kept_flag[i] = False
            dups.append(Duplicate(i, j, "exact", 1.0))
    if near:
        uniq = [i for i in range(len(texts)) if kept_flag[i]]
        sk = _Sketcher(threshold, num_perm, ngram, seed)
        sketches = sk.sketch([norms[i] for i in uniq])
        lsh = sk.index(sketches)
        cands = lsh.query_all(sketches) if sketches else []
        local_kept = [True] * len(uniq)
        for a, cand in enumerate(cands):
            if len(cand) < 2:
                continue
            for b in sorted(cand):
                if b >= a:
                    break
                if not local_kept[b]:
                    continue
                sim = sketches[a].jaccard(sketches[b])
                if sim >= threshold:
                    local_kept[a] = False
                    kept_flag[uniq[a]] = False
                    dups.append(Duplicate(uniq[a], uniq[b], "near", round(sim, 4)))
                    break
    dups.sort(key=lambda d: d.index)
    kept_idx = [i for i, k in enumerate(kept_flag) if k]
    members: dict[int, list[int]] = {i: [i] for i in kept_idx}
    root = {d.index: d.of for d in dups}
    for d in dups:
        r = d.of
        while r in root:
            r = root[r]
        members[r].append(d.index)
    return DedupResult(kept=[rows[i] for i in kept_idx], duplicates=dups, kept_indices=kept_idx,
                       clusters=list(members.values()))


@dataclass(frozen=True)
class Contamination:
    """Training row ``index`` matches evaluation row ``eval_index`` (id ``eval_id``)."""

    index: int
    eval_index: int
    eval_id: str
    kind: str  # "exact" | "contained" | "near"
    similarity: float


@dataclass
class FirewallResult(Generic[T]):
    clean: list[T]
    contaminated: list[Contamination]

    @property
    def n_dropped(self) -> int:
        return len(self.contaminated)


#: an evaluation prompt this long (normalised words) found whole inside a training row
#: contaminates it; shorter ones ("hi", "cancel it") occur inside unrelated prompts
MIN_CONTAINED_WORDS = 6
_KEY_WORDS = 4
#: a run of a script written without spaces counts as one word per this many characters
#: toward MIN_CONTAINED_WORDS (a Chinese word is 1-2 characters, a Thai one 3-6 code points)
CHARS_PER_WORD = 3


def _n_words(norm: str, words: list[str]) -> int:
    if norm.isascii() or _NO_SPACE.search(norm) is None:
        return len(words)
    runs = _NO_SPACE.findall(norm)
    return len(_NO_SPACE.sub(" ", norm).split()) + sum(max(1, len(r) // CHARS_PER_WORD) for r in runs)


def _containing(train_norms: Sequence[str], eval_norms: Sequence[str], skip: set[int]) -> dict[int, int]:
    """Training index → the first evaluation index whose normalised text (≥
    MIN_CONTAINED_WORDS words, a run without spaces counting :data:`CHARS_PER_WORD` characters
    a word) occurs whole, on word boundaries, inside the training text. Indexed by each
    evaluation text's first (up to four) words, so the cost is linear in the words."""
    keys: dict[tuple[str, ...], list[int]] = {}
    for j, t in enumerate(eval_norms):
        words = t.split()
        if _n_words(t, words) >= MIN_CONTAINED_WORDS:
            keys.setdefault(tuple(words[:_KEY_WORDS]), []).append(j)
    out: dict[int, int] = {}
    if not keys:
        return out
    sizes = sorted({len(k) for k in keys}, reverse=True)
    for i, t in enumerate(train_norms):
        if i in skip:
            continue
        words = t.split()
        padded = f" {t} "
        for k in range(len(words)):
            found = next((j for n in sizes if k + n <= len(words) for j in keys.get(tuple(words[k:k + n]), ())
                          if f" {eval_norms[j]} " in padded), None)
            if found is not None:
                out[i] = found
                break
    return out


def _id_of(row: Any, i: int) -> str:
    rid = getattr(row, "id", None)
    return str(rid) if rid is not None else f"#{i}"


def firewall(train_rows: Sequence[T], eval_rows: Sequence[Any], *, threshold: float = 0.8,
             num_perm: int = DEFAULT_NUM_PERM, ngram: int = DEFAULT_NGRAM, seed: int = 42,
             near: bool = True) -> FirewallResult[T]:
    """Drop every training row that is an exact duplicate of an evaluation row, contains one
    whole (at least :data:`MIN_CONTAINED_WORDS` words), or (with ``near``, which needs the
    ``data`` extra) is a near duplicate of one."""
    train_texts = [text_of(r) for r in train_rows]
    eval_texts = [text_of(r) for r in eval_rows]
    eval_norms = [normalize(t) for t in eval_texts]
    train_norms = [normalize(t) for t in train_texts]
    exact: dict[str, int] = {}
    for j, t in enumerate(eval_norms):
        exact.setdefault(t, j)
    hits: dict[int, Contamination] = {}
    for i, t in enumerate(train_norms):
        first = exact.get(t)
        if first is not None:
            hits[i] = Contamination(i, first, _id_of(eval_rows[first], first), "exact", 1.0)
    for i, j in _containing(train_norms, eval_norms, set(hits)).items():
        hits[i] = Contamination(i, j, _id_of(eval_rows[j], j), "contained", 1.0)
    rest = [i for i in range(len(train_texts)) if i not in hits]
    if near and eval_norms and rest:
        sk = _Sketcher(threshold, num_perm, ngram, seed)
        eval_sk = sk.sketch(eval_norms)
        lsh = sk.index(eval_sk)
        train_sk = sk.sketch([train_norms[i] for i in rest])
        for i, mh, cand in zip(rest, train_sk, lsh.query_all(train_sk), strict=True):
            best_j, best = -1, 0.0
            for j in cand:
                sim = mh.jaccard(eval_sk[j])
                if sim > best:
                    best_j, best = j, sim
            if best_j >= 0 and best >= threshold:
                hits[i] = Contamination(i, best_j, _id_of(eval_rows[best_j], best_j), "near", round(best, 4))
    clean = [r for i, r in enumerate(train_rows) if i not in hits]
    return FirewallResult(clean=clean, contaminated=[hits[i] for i in sorted(hits)])
