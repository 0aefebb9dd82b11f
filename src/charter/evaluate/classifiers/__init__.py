"""Local, offline classifiers: language (py3langid), profanity (alt-profanity-check) and a
rule-violation classifier trained from the guide. Importing this package registers them."""

from charter.evaluate.classifiers.guide_clf import (
    GuideClassifier,
    GuideClassifierScorer,
    train_guide_classifier,
)
from charter.evaluate.classifiers.language import (
    LanguageClassifier,
    detect_language,
    detect_language_among,
)
from charter.evaluate.classifiers.profanity import ProfanityClassifier, profanity_available

__all__ = [
    "GuideClassifier",
    "GuideClassifierScorer",
    "LanguageClassifier",
    "ProfanityClassifier",
    "detect_language",
    "detect_language_among",
    "profanity_available",
    "train_guide_classifier",
]
