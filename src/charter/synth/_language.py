"""The language a seed case is written in, read from its text.

Seed cases used to carry the guide's default language whatever they said: in a guide whose
default is French, the English prompts of the hazard library, an English example, or one of
Charter's English fallbacks were labelled ``fr``, so the language check expected a French
answer to an English question and failed a model that answered in the user's language. A
seed keeps the default unless its request is identified, confidently, as another language the
guide lists (supported or unsupported) or as English (the library's and the fallbacks'
language): the identifier's probabilities renormalised over those languages. Seeds are read
before any technique or variation wraps them (Charter's wrappers are English; an encoded
request cannot be read), and every case made from a seed keeps its language. Cases made by the
language variation carry their own. The cases of a guide's worked examples
(:func:`charter.synth.example_suite`) are labelled the same way (:func:`request_language`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from charter.errors import MissingExtraError
from charter.guide import Guide
from charter.suite import Case
from charter.synth._ids import case_id
from charter.synth._parse import count_words
from charter.synth._plan import base_language, unsupported_languages

__all__ = ["FROM_TEXT", "MIN_PROBABILITY", "MIN_WORDS", "label_seed_languages", "language_reader",
           "request_language"]

#: the identifier's probability a label needs, among the guide's languages and English
MIN_PROBABILITY = 0.9
#: fewer words than this: too short to tell, the default stands
MIN_WORDS = 3
#: ``case.metadata`` key set on a case whose language was read from its seed's text
FROM_TEXT = "language_from_text"


def _candidates(guide: Guide) -> set[str]:
    return {base_language(guide), "en", *guide.audience.languages.supported, *unsupported_languages(guide)}


def _can_identify(candidates: set[str]) -> bool:
    if len(candidates) < 2:
        return False
    try:
        from charter.evaluate.classifiers import detect_language_among

        detect_language_among("language probe", candidates)
    except MissingExtraError:
        return False
    return True


def _words(text: str) -> str:
    """``text`` without the tokens that hold a digit: an IBAN, a policy number, an amount or a
    phone number belongs to no language, and its letters ("PT50", "L123") pull the identifier
    towards whatever it reads them as ("Quero mudar o IBAN para PT50 0002 0123 …" was 0.89
    Portuguese among it/en/pt, under the bar, and stayed Italian). In Chinese or Japanese, where
    a whole sentence is one token, only the digits go ("我有20万闲钱…" keeps its words)."""
    return " ".join(re.sub(r"\d+", " ", w) if count_words(w) > 1 else w
                    for w in text.split() if count_words(w) > 1 or not any(ch.isdigit() for ch in w))


def _read(text: str, base: str, candidates: set[str]) -> str:
    from charter.evaluate.classifiers import (
        NON_LATIN,
        detect_language,
        detect_language_among,
        latin_share,
    )

    text = _words(text)
    if count_words(text) >= MIN_WORDS:  # (a Chinese or Japanese request has no spaces)
        lang, prob = detect_language_among(text, candidates)
        if lang != base and prob >= MIN_PROBABILITY:
            if base in NON_LATIN and latin_share(text) >= 0.9:
                # the default language written in Latin letters ("cashless aur reimbursement mein
                # kya fark hai?" to a Hindi guide): among the guide's languages it is English,
                # among all of them nothing is sure; real English is sure
                best, p = detect_language(text)
                if best != lang or p < 0.5:
                    return base
            return lang
    return base


def language_reader(guide: Guide) -> Callable[[str], str]:
    """``read(text)``: the language a request is written in, the guide's default unless
    ``text`` is identified, confidently, as another language the guide lists or as English
    (see the module). Without the ``classifiers`` extra (py3langid), always the default."""
    base = base_language(guide)
    candidates = _candidates(guide)
    if not _can_identify(candidates):
        return lambda text: base
    return lambda text: _read(text, base, candidates)


def request_language(text: str, guide: Guide) -> str:
    """The language a request is written in (:func:`language_reader`)."""
    return language_reader(guide)(text)


def label_seed_languages(cases: Sequence[Case], guide: Guide) -> list[Case]:
    """``cases`` (plain seed requests) with each default-language case relabelled to the
    language its request is written in (see the module), its id updated and
    ``metadata[FROM_TEXT]`` set. Without the ``classifiers`` extra (py3langid) the cases are
    returned unchanged."""
    base = base_language(guide)
    candidates = _candidates(guide)
    if not _can_identify(candidates):
        return list(cases)
    out: list[Case] = []
    for c in cases:
        if c.language == base:
            lang = _read(c.prompt, base, candidates)
            if lang != base:
                new = c.model_copy(update={"language": lang, "metadata": {**c.metadata, FROM_TEXT: True}})
                c = new.model_copy(update={"id": case_id(new, base_language=base)})
        out.append(c)
    return out
