"""`Score`, `Verdict`, `Response`, `Span` and the `Scorer` protocol moved to
:mod:`charter.types` (the vocabulary layer); this module keeps the old private path importing
while branches written against it are merged. Import them from :mod:`charter.evaluate` or
:mod:`charter.types`."""

from charter.types import Response, Score, Scorer, ScorerFamily, Span, Verdict

__all__ = ["Response", "Score", "Scorer", "ScorerFamily", "Span", "Verdict"]
