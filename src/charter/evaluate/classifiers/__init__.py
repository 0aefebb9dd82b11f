"""Local, offline classifiers: language (py3langid), profanity (alt-profanity-check) and a
rule-violation classifier trained from the guide. Importing this package registers them."""

from charter.evaluate.classifiers.guide_clf import (
    GuideClassifier,
    GuideClassifierScorer,
    train_guide_classifier,
)
from charter.evaluate.classifiers.language import (
    NON_LATIN,
    LanguageClassifier,
    detect_language,
    detect_language_among,
    latin_share,
)
from charter.evaluate.classifiers.profanity import ProfanityClassifier, profanity_available

__all__ = [
    "NON_LATIN",
    "GuideClassifier",
    "GuideClassifierScorer",
    "LanguageClassifier",
    "ProfanityClassifier",
    "detect_language",
    "detect_language_among",
    "latin_share",
    "profanity_available",
    "train_guide_classifier",
]
