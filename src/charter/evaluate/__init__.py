"""Evaluation: scorers (checks, classifiers, judges), metrics, calibration.

Every scorer is an async callable ``(case, response) -> Score`` registered under a name with
``@check`` / ``@classifier`` / ``@judge``; :func:`build_scorers` gives a guide's default set,
:func:`compute_metrics` the rates with Wilson intervals, :func:`calibrate` the agreement with
human labels.
"""

from charter.evaluate._base import BaseScorer, CheckScorer
from charter.evaluate._build import build_scorers, case_outcome, score_response
from charter.evaluate._calibrate import (
    Agreement,
    Calibration,
    HumanLabel,
    agreement,
    calibrate,
    cohen_kappa,
    read_labels,
    render_agreement_markdown,
)
from charter.evaluate._expect import FALSE_REFUSAL_LABELS, VIOLATION_LABELS, expectation_outcome
from charter.evaluate._metrics import (
    GroupMetrics,
    Metrics,
    Rate,
    ScoredRecord,
    SeedMetrics,
    TradeoffPoint,
    compare_rates,
    compute_metrics,
    tradeoff,
    wilson,
)
from charter.evaluate._registry import ScorerInfo, check, classifier, create_scorer, judge, scorers
from charter.evaluate._score import Response, Score, Scorer, ScorerFamily, Span, Verdict
from charter.evaluate.checks import RefusalClass, RefusalResult, detect_refusal
from charter.evaluate.classifiers import GuideClassifier, train_guide_classifier
from charter.evaluate.judges import PairwiseResult, VotingJudge, compile_rubric, pairwise

__all__ = [
    "FALSE_REFUSAL_LABELS",
    "VIOLATION_LABELS",
    "Agreement",
    "BaseScorer",
    "Calibration",
    "CheckScorer",
    "GroupMetrics",
    "GuideClassifier",
    "HumanLabel",
    "Metrics",
    "PairwiseResult",
    "Rate",
    "RefusalClass",
    "RefusalResult",
    "Response",
    "Score",
    "ScoredRecord",
    "Scorer",
    "ScorerFamily",
    "ScorerInfo",
    "SeedMetrics",
    "Span",
    "TradeoffPoint",
    "Verdict",
    "VotingJudge",
    "agreement",
    "build_scorers",
    "calibrate",
    "case_outcome",
    "check",
    "classifier",
    "cohen_kappa",
    "compare_rates",
    "compile_rubric",
    "compute_metrics",
    "create_scorer",
    "detect_refusal",
    "expectation_outcome",
    "judge",
    "pairwise",
    "read_labels",
    "render_agreement_markdown",
    "score_response",
    "scorers",
    "tradeoff",
    "train_guide_classifier",
    "wilson",
]
