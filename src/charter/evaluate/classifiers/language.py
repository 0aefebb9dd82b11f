"""``language``: the response's language against the guide's supported languages (py3langid)."""

from __future__ import annotations

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

__all__ = ["LanguageClassifier", "detect_language"]

def _langid_module() -> Any:
    try:
        import py3langid.langid
    except ImportError:
        raise MissingExtraError("py3langid", "classifiers", "Language identification") from None
    return py3langid.langid


def _load_identifier() -> Any:
    """py3langid's identifier. Its model ships lzma-compressed (decompressing takes most of a
    second); the decompressed arrays are cached under ``$CHARTER_CACHE_DIR/langid/``, keyed by
    the model file, and read back in milliseconds."""
    langid = _langid_module()
    try:
        return _from_cache(langid)
    except Exception:  # a read-only cache, another py3langid layout: its own (slow) loader
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _from_cache(langid: Any) -> Any:
    import lzma
    import os
    import shutil
    from array import array

    import numpy as np

    from charter.model import cache_dir

    src = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    st = src.stat()
    cached = cache_dir() / "langid" / f"model-{st.st_size}-{int(st.st_mtime)}.npz"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")
        with lzma.open(src) as f, tmp.open("wb") as out:
            shutil.copyfileobj(f, out, length=1 << 20)
        os.replace(tmp, cached)

    def to_array(a: Any) -> array[int]:  # as py3langid keeps its tokenizer tables
        out: array[int] = array({2: "H", 4: "I", 8: "L"}[a.dtype.itemsize])
        out.frombytes(np.ascontiguousarray(a).tobytes())
        return out

    with np.load(cached, allow_pickle=False) as d:
        return langid.LanguageIdentifier(np.asarray(d["ptc"]), np.asarray(d["pc"]), d["classes"].tolist(),
                                         to_array(d["nextmove"]), d["out_feat"].tolist(), norm_probs=True,
                                         tk_row=to_array(d["nextmove_row"]))


def _lid() -> Any:
    """py3langid's identifier, loaded once per :class:`charter.Context` (it takes a second)."""
    return current_context().resource("evaluate.language_identifier", _load_identifier)


def _installed(guide: Guide) -> bool:
    import importlib.util

    return importlib.util.find_spec("py3langid") is not None


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text``, from py3langid's bundled model."""
    lang, prob = _lid().classify(text)
    return str(lang), float(prob)


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
        self.default = (langs.default if langs and langs.default else self.supported[0]).lower()
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
        expected = [want] if want in self.supported else self.supported
        meta: dict[str, Any] = {"language": lang, "probability": round(prob, 3), "expected": expected}
        if prob < self.min_confidence:
            return self.make(case, Verdict.na, value=prob, label=lang,
                             explanation=f"language unclear (best guess {lang}, p={prob:.2f})", **meta)
        if lang in expected:
            return self.make(case, Verdict.pass_, value=prob, label=lang,
                             explanation=f"answered in {lang} (p={prob:.2f})", **meta)
        return self.make(case, Verdict.fail, value=prob, label=lang,
                         explanation=f"answered in {lang} (p={prob:.2f}); expected {' or '.join(expected)}", **meta)
