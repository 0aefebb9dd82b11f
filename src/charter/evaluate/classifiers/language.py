"""``language``: the response's language against the guide's supported languages (py3langid)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar

from charter.errors import MissingExtraError
from charter.evaluate._base import Aspect, BaseScorer
from charter.evaluate._registry import classifier
from charter.evaluate.checks._text import word_count
from charter.guide import Guide
from charter.registry import current_context
from charter.suite import Case
from charter.types import Response, Score, Verdict

__all__ = ["NON_LATIN", "LanguageClassifier", "detect_language", "detect_language_among", "latin_share"]

def _langid_module() -> Any:
    try:
        import py3langid.langid
    except ImportError:
        raise MissingExtraError("py3langid", "classifiers", "Language identification") from None
    return py3langid.langid


def _load_identifier() -> Any:
    """py3langid's identifier. Its model ships lzma-compressed (decompressing takes most of a
    second); the decompressed arrays are cached under ``$CHARTER_CACHE_DIR/langid/``, keyed by
    the model file, one ``.npy`` file per array, and memory-mapped: loading costs a few
    milliseconds, pages are read as texts need them, and processes share them (no 65 MB copy
    each, no 140 MB peak while loading)."""
    langid = _langid_module()
    try:
        return _from_cache(langid)
    except Exception:  # a read-only cache, another py3langid layout: its own (slow) loader
        return _identifier_class(langid).from_model_file(langid.MODEL_FILE, norm_probs=True)


#: (DFA state, word, last word) walks kept per identifier; about 200 bytes each
_WALKS = 20_000
_WORD_BYTES = 48
_CLASSES: dict[Any, Any] = {}


def _word_walk(lid: Any, text: bytes) -> Counter[int] | None:
    """py3langid's ``visit_counts`` over ``text`` (UTF-8 bytes), one word at a time: the
    features' counts, in the order they are first found (None when there are none)."""
    walks: dict[tuple[int, bytes, bool], tuple[int, tuple[int, ...]]] | None = lid.__dict__.get("_walks")
    if walks is None:
        walks = lid.__dict__["_walks"] = {}
    nm, rowbase, out = lid.tk_nextmove, lid._rowbase, lid.tk_output
    state = 0
    found: list[int] = []
    words = text.split(b" ")
    last = len(words) - 1
    for i, word in enumerate(words):
        key = (state, word, i == last)
        got = walks.get(key)
        if got is None:
            feats = []
            for letter in (word if i == last else word + b" "):
                state = nm[rowbase[state] + letter]
                f = out[state]
                if f >= 0:
                    feats.append(f)
            got = (state, tuple(feats))
            if len(word) <= _WORD_BYTES:  # a long run without spaces (a URL, base64) is not kept
                if len(walks) >= _WALKS:
                    walks.clear()
                walks[key] = got
        state = got[0]
        found.extend(got[1])
    return Counter(found) if found else None


def _identifier_class(langid: Any) -> Any:
    """py3langid's identifier, walking its tokenizer one word at a time when its internals are
    the ones this was written for (else the class itself).

    py3langid counts byte n-grams with a DFA, one Python step per byte of the text (about
    90 us of the 210 us of a 700-character response). The walk over a word (its bytes and
    the space after it) from a given state always ends in the same state with the same
    features, and words recur: each (state, word) walk is done once and kept (bounded). The
    features come out in the same order, so the counts and every probability are the same
    (``tests/evaluate/test_classifiers.py`` compares them with py3langid's own walk)."""
    base = langid.LanguageIdentifier
    walk_all = getattr(langid, "visit_counts", None)
    if walk_all is None or not all(hasattr(base, a) for a in ("_raw_score", "_sparse_score", "_rowbase", "_decide",
                                                              "set_languages")):
        return base
    cached = _CLASSES.get(base)
    if cached is not None:
        return cached
    def raw_score(self: Any, text: Any) -> Any:
        if isinstance(text, bytes):
            visits = _word_walk(self, text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
        return base._raw_score(self, text)

    def decide(self: Any, text: Any) -> Any:
        # one response is identified by up to three scorers in a row (the language check, the
        # profanity check's whole text, the refusal patterns' language gate): the scores of the
        # last text *object* are kept, so a new response (a new string, even if equal) is
        # always identified afresh; the array is read-only, as every caller only reads it
        last = self.__dict__.get("_last")
        if last is not None and last[0] is text:
            return last[1]
        scores = base._decide(self, text)
        scores.flags.writeable = False
        self.__dict__["_last"] = (text, scores)
        return scores

    def set_languages(self: Any, langs: Any = None) -> Any:
        self.__dict__.pop("_last", None)  # other columns: the kept scores no longer apply
        return base.set_languages(self, langs)

    WordWalkIdentifier = type("WordWalkIdentifier", (base,), {"_raw_score": raw_score, "_visits": _word_walk,
                                                              "_decide": decide, "set_languages": set_languages})
    _CLASSES[base] = WordWalkIdentifier
    return WordWalkIdentifier


#: the arrays of py3langid's model file, as this cache stores them
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _build_cache(src: Path, folder: Path) -> None:
    import lzma
    import os
    import shutil
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", suffix=".tmp", dir=folder.parent))
    tmp.chmod(0o755)
    try:
        npz = tmp / "model.npz"
        with lzma.open(src) as f, npz.open("wb") as out:
            shutil.copyfileobj(f, out, length=1 << 20)
        with np.load(npz, allow_pickle=False) as d:
            for name in _ARRAYS:
                np.save(tmp / f"{name}.npy", d[name], allow_pickle=False)
        npz.unlink()
        try:
            os.replace(tmp, folder)
        except OSError:  # another process cached it first
            if not folder.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _from_cache(langid: Any) -> Any:
    import numpy as np

    from charter.model import cache_dir

    src = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    st = src.stat()
    folder = cache_dir() / "langid" / f"model-{st.st_size}-{int(st.st_mtime)}"
    if not folder.is_dir():
        _build_cache(src, folder)

    def load(name: str) -> Any:  # a plain array over the mapping (np.memmap's indexing costs ~50 us a call)
        return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)

    def table(a: Any) -> memoryview[int]:  # indexed like the array.array py3langid keeps its tokenizer in
        raw = memoryview(a).cast("B")
        size = a.dtype.itemsize
        return raw.cast("H") if size == 2 else raw.cast("I") if size == 4 else raw.cast("L")

    return _identifier_class(langid)(load("ptc"), np.array(load("pc")), load("classes").tolist(),
                                     table(load("nextmove")), load("out_feat").tolist(), norm_probs=True,
                                     tk_row=table(load("nextmove_row")))


def _lid() -> Any:
    """py3langid's identifier, loaded once per :class:`charter.Context` (it takes a second)."""
    return current_context().resource("evaluate.language_identifier", _load_identifier)


def _installed(guide: Guide) -> bool:
    import importlib.util

    return importlib.util.find_spec("py3langid") is not None


#: py3langid's Chinese varieties, read as Chinese (``zh`` is the macrolanguage): its model
#: called the Mandarin "请立即拨打95386挂失！" Wu (``wuu``, p=0.60), so the language check failed a
#: Chinese guide's own answer as written in another language
_MACRO = {"wuu": "zh", "yue": "zh"}


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text``, from py3langid's bundled model (its Chinese
    varieties, Wu and Cantonese, as ``zh``: their probabilities added to Chinese's)."""
    lid = _lid()
    lang, prob = lid.classify(text)
    lang = str(lang)
    if lang in _MACRO or lang == "zh":
        p = sum(float(q) for code, q in lid.rank(text) if code == "zh" or code in _MACRO)
        return "zh", min(1.0, p)
    return lang, float(prob)


def _columns(lid: Any, wanted: frozenset[str]) -> list[tuple[str, int]] | None:
    """The score column of each label of ``wanted`` that py3langid's ``rank()`` reports, in the
    order it merges them (the first column of a label holds its merged score), or None when the
    identifier lacks the internals this reads. ``rank()`` sorts all ~100 labels in Python on
    every call; the classifiers ask for two or three."""
    if not hasattr(lid, "_decide") or not hasattr(lid, "nb_classes"):
        return None
    table: dict[frozenset[str], list[tuple[str, int]]] | None = lid.__dict__.get("_columns")
    if table is None:
        table = lid.__dict__["_columns"] = {}
    got = table.get(wanted)
    if got is None:
        first: dict[str, int] = {}
        for i, lang in enumerate(lid.nb_classes):
            first.setdefault(str(lang), i)
        got = table[wanted] = [(lang, i) for lang, i in first.items() if lang in wanted]
    return got


def detect_language_among(text: str, languages: Iterable[str]) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text`` when it is known to be written in one of
    ``languages``: py3langid's probabilities renormalised over them (a short text that is 78%
    English among 97 languages is 99% English between English and French). ``("", 0.0)``
    when none of ``languages`` is in the model."""
    wanted = frozenset(languages)
    # a wanted language's varieties (Wu and Cantonese for Chinese) count as that language
    labels = wanted | {k for k, v in _MACRO.items() if v in wanted}
    lid = _lid()
    columns = _columns(lid, labels)
    if columns is None:
        pairs = [(str(lang), float(p)) for lang, p in lid.rank(text)]
    else:  # rank()'s answer for these labels, without ranking every label of the model
        scores = lid._decide(text)
        pairs = [(lang, float(scores[i])) for lang, i in columns]
    merged: dict[str, float] = {}
    for lang, p in pairs:
        code = _MACRO.get(lang, lang)
        merged[code] = merged.get(code, 0.0) + p
    ranked = sorted(((lang, p) for lang, p in merged.items() if lang in wanted), key=itemgetter(1), reverse=True)
    total = sum(p for _, p in ranked)
    if not ranked or total <= 0:
        return "", 0.0
    lang, p = max(ranked, key=lambda lp: lp[1])
    return lang, p / total


#: languages written in a script of their own, never in Latin letters by a guide that lists them
#: (an answer to a Hindi guide in romanised Hindi, "Aapka claim pending hai", is not the Hindi
#: the guide asks for; py3langid knows no romanised Hindi and guessed English, Javanese or Hausa
#: below the confidence bar, so the answer was unscored)
NON_LATIN = frozenset({"am", "ar", "be", "bg", "bn", "el", "fa", "gu", "he", "hi", "hy", "ja", "ka", "kk", "km", "kn",
                       "ko", "ky", "lo", "mk", "ml", "mn", "mr", "my", "ne", "or", "pa", "ps", "ru", "si", "sr", "ta",
                       "te", "th", "uk", "ur", "zh"})


def latin_share(text: str) -> float:
    """The share of ``text``'s letters that are Latin (ASCII or Latin with accents); 0.0 when it
    has none."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f") / len(letters)


@classifier("language", available=_installed)
class LanguageClassifier(BaseScorer):
    """The response is in the user's language when that is supported, else in a supported one
    (the guide's default first). Short responses (under ``min_words``) are n/a."""

    aspect: ClassVar[Aspect] = "style"

    def __init__(self, guide: Guide | None = None, *, rule_id: str | None = None,
                 min_words: int = 4, min_confidence: float = 0.5, **options: Any) -> None:
        super().__init__(guide, rule_id=rule_id, **options)
        langs = guide.audience.languages if guide else None
        self.supported = [s.lower() for s in (langs.supported if langs else ["en"])]
        self.default = (langs.primary if langs else self.supported[0]).lower()
        self.min_words = min_words
        self.min_confidence = min_confidence
        _langid_module()  # fail early, at build time, when the extra is missing; the model
        # itself (an lzma file, about a second to load) is loaded on the first response long
        # enough to identify, once per charter.Context

    async def score(self, case: Case, response: Response) -> Score:
        text = response.text
        if word_count(text) < self.min_words:
            return self.make(case, Verdict.na, explanation=f"too short to identify (< {self.min_words} words)")
        lang, prob = detect_language(text)
        want = case.language.lower().split("-")[0]
        expected = [want] if want in self.supported else list(self.supported)
        frame = str(case.metadata.get("frame_language") or "").lower()
        if frame and frame in self.supported and frame not in expected:
            expected.append(frame)  # an attack framed in another language: answering the frame is fine
        meta: dict[str, Any] = {"language": lang, "probability": round(prob, 3), "expected": expected}
        if (prob < self.min_confidence and lang not in expected and all(e in NON_LATIN for e in expected)
                and latin_share(text) >= 0.9):
            # Hinglish for Hindi, "translit" for Russian: the expected language is not written so
            return self.make(case, Verdict.fail, value=prob, label="latin_script",
                             explanation=f"answered in Latin letters (best guess {lang}, p={prob:.2f}); expected "
                                         f"{' or '.join(expected)}, which is written in its own script", **meta)
        if prob < self.min_confidence:
            return self.make(case, Verdict.na, value=prob, label=lang,
                             explanation=f"language unclear (best guess {lang}, p={prob:.2f})", **meta)
        if lang in expected:
            return self.make(case, Verdict.pass_, value=prob, label=lang,
                             explanation=f"answered in {lang} (p={prob:.2f})", **meta)
        return self.make(case, Verdict.fail, value=prob, label=lang,
                         explanation=f"answered in {lang} (p={prob:.2f}); expected {' or '.join(expected)}", **meta)
