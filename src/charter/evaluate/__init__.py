"""Evaluation: scorers (checks, classifiers, judges), metrics, calibration."""

from charter.evaluate._score import Response, Score, Scorer, ScorerFamily, Span, Verdict

__all__ = ["Response", "Score", "Scorer", "ScorerFamily", "Span", "Verdict"]
