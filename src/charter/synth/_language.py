"""The language a case is written in, read from its text.

Seed cases used to carry the guide's default language whatever they said: in a guide whose
default is French, the English prompts of the hazard library, an English example, or one of
Charter's English fallbacks were labelled ``fr``, so the language check expected a French
answer to an English question and failed a model that answered in the user's language. A
case keeps the default unless its last user message is identified, confidently, as another
language the guide lists (supported or unsupported) or as English (the library's and the
fallbacks' language): the identifier's probabilities renormalised over those languages. Cases made by the language variation already carry their language.
"""

from __future__ import annotations

from collections.abc import Sequence

from charter.errors import MissingExtraError
from charter.guide import Guide
from charter.suite import Case
from charter.synth._ids import case_id
from charter.synth._plan import base_language, unsupported_languages

__all__ = ["MIN_PROBABILITY", "MIN_WORDS", "label_languages"]

#: the identifier's probability a label needs (short texts are often unsure)
MIN_PROBABILITY = 0.9
#: fewer words than this: too short to tell, the default stands
MIN_WORDS = 3


def _last_user_text(case: Case) -> str:
    return next((m.content for m in reversed(case.messages) if m.role == "user"), "")


def label_languages(cases: Sequence[Case], guide: Guide) -> tuple[list[Case], int]:
    """``cases`` with each default-language case relabelled to the language its last user message
    is written in (see the module), and how many changed. Without the ``classifiers`` extra
    (py3langid) the cases are returned unchanged."""
    base = base_language(guide)
    candidates = {base, "en", *guide.audience.languages.supported, *unsupported_languages(guide)}
    if len(candidates) < 2:
        return list(cases), 0
    try:
        from charter.evaluate.classifiers import detect_language_among

        detect_language_among("language probe", candidates)
    except MissingExtraError:
        return list(cases), 0
    out: list[Case] = []
    changed = 0
    for c in cases:
        text = _last_user_text(c)
        if c.language == base and len(text.split()) >= MIN_WORDS:
            lang, prob = detect_language_among(text, candidates)
            if lang != base and prob >= MIN_PROBABILITY:
                new = c.model_copy(update={"language": lang})
                c = new.model_copy(update={"id": case_id(new, base_language=base)})
                changed += 1
        out.append(c)
    return out, changed
