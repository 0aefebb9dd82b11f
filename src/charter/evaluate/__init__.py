"""Evaluation: scorers (checks, classifiers, judges), metrics, calibration.

Every scorer is an async callable ``(case, response) -> Score`` registered under a name with
``@check`` / ``@classifier`` / ``@judge``; :func:`build_scorers` gives a guide's default set,
:func:`compute_metrics` the rates with Wilson intervals, :func:`calibrate` the agreement with
human labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter._lazy import lazy_exports as _lazy_exports
from charter.types import Response, Score, Scorer, ScorerFamily, Span, Verdict

# Everything else loads on first use: the runner imports this package for Score and
# Verdict, and should not pay for classifiers, judges and metrics it does not use.
_LAZY: dict[str, str] = {
    "HARM_RULE_ID": "charter.evaluate._calibrate",
    "calibration_table": "charter.evaluate._calibrate",
    "harm_guide": "charter.evaluate._calibrate",
    "Comparison": "charter.evaluate._comparisons",
    "PairwiseCalibration": "charter.evaluate._comparisons",
    "calibrate_pairwise": "charter.evaluate._comparisons",
    "read_comparisons": "charter.evaluate._comparisons",
    "IntentFilter": "charter.evaluate._build",
    "JUDGE_MODES": "charter.evaluate._build",
    "Agreement": "charter.evaluate._calibrate",
    "BaseScorer": "charter.evaluate._base",
    "CaseVerdict": "charter.evaluate._verdict",
    "DIMENSIONS": "charter.evaluate._verdict",
    "DimensionInfo": "charter.evaluate._verdict",
    "DimensionScore": "charter.evaluate._verdict",
    "UNVERIFIED_LABELS": "charter.evaluate._expect",
    "case_verdict": "charter.evaluate._verdict",
    "named_resources": "charter.evaluate._expect",
    "outcome_from_class": "charter.evaluate._expect",
    "tied_dimensions": "charter.evaluate._verdict",
    "Calibration": "charter.evaluate._calibrate",
    "CheckScorer": "charter.evaluate._base",
    "FALSE_REFUSAL_LABELS": "charter.evaluate._expect",
    "GroupMetrics": "charter.evaluate._metrics",
    "GuideClassifier": "charter.evaluate.classifiers",
    "HumanLabel": "charter.evaluate._calibrate",
    "Metrics": "charter.evaluate._metrics",
    "PairwiseResult": "charter.evaluate.judges",
    "Rate": "charter.evaluate._metrics",
    "RefusalClass": "charter.evaluate.checks",
    "RefusalModel": "charter.evaluate.checks",
    "RefusalResult": "charter.evaluate.checks",
    "ScoredRecord": "charter.evaluate._metrics",
    "ScorerInfo": "charter.evaluate._registry",
    "SeedMetrics": "charter.evaluate._metrics",
    "TradeoffPoint": "charter.evaluate._metrics",
    "VIOLATION_LABELS": "charter.evaluate._expect",
    "VotingJudge": "charter.evaluate.judges",
    "agreement": "charter.evaluate._calibrate",
    "build_scorers": "charter.evaluate._build",
    "calibrate": "charter.evaluate._calibrate",
    "case_outcome": "charter.evaluate._build",
    "check": "charter.evaluate._registry",
    "classifier": "charter.evaluate._registry",
    "cohen_kappa": "charter.evaluate._calibrate",
    "compare_rates": "charter.evaluate._metrics",
    "compile_rubric": "charter.evaluate.judges",
    "compute_metrics": "charter.evaluate._metrics",
    "create_scorer": "charter.evaluate._registry",
    "detect_refusal": "charter.evaluate.checks",
    "expectation_outcome": "charter.evaluate._expect",
    "fit_refusal_model": "charter.evaluate.checks",
    "judge": "charter.evaluate._registry",
    "pairwise": "charter.evaluate.judges",
    "read_labels": "charter.evaluate._calibrate",
    "render_agreement_markdown": "charter.evaluate._calibrate",
    "score_response": "charter.evaluate._build",
    "scorers": "charter.evaluate._registry",
    "tradeoff": "charter.evaluate._metrics",
    "train_guide_classifier": "charter.evaluate.classifiers",
    "wilson": "charter.evaluate._metrics",
}

if TYPE_CHECKING:  # pragma: no cover
    from charter.evaluate._base import BaseScorer, CheckScorer
    from charter.evaluate._build import (
        JUDGE_MODES,
        IntentFilter,
        build_scorers,
        case_outcome,
        score_response,
    )
    from charter.evaluate._calibrate import (
        HARM_RULE_ID,
        Agreement,
        Calibration,
        HumanLabel,
        agreement,
        calibrate,
        calibration_table,
        cohen_kappa,
        harm_guide,
        read_labels,
        render_agreement_markdown,
    )
    from charter.evaluate._comparisons import (
        Comparison,
        PairwiseCalibration,
        calibrate_pairwise,
        read_comparisons,
    )
    from charter.evaluate._expect import (
        FALSE_REFUSAL_LABELS,
        UNVERIFIED_LABELS,
        VIOLATION_LABELS,
        expectation_outcome,
        named_resources,
        outcome_from_class,
    )
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
    from charter.evaluate._registry import (
        ScorerInfo,
        check,
        classifier,
        create_scorer,
        judge,
        scorers,
    )
    from charter.evaluate._verdict import (
        DIMENSIONS,
        CaseVerdict,
        DimensionInfo,
        DimensionScore,
        case_verdict,
        tied_dimensions,
    )
    from charter.evaluate.checks import (
        RefusalClass,
        RefusalModel,
        RefusalResult,
        detect_refusal,
        fit_refusal_model,
    )
    from charter.evaluate.classifiers import GuideClassifier, train_guide_classifier
    from charter.evaluate.judges import PairwiseResult, VotingJudge, compile_rubric, pairwise

__all__ = [
    "DIMENSIONS",
    "FALSE_REFUSAL_LABELS",
    "HARM_RULE_ID",
    "JUDGE_MODES",
    "UNVERIFIED_LABELS",
    "VIOLATION_LABELS",
    "Agreement",
    "BaseScorer",
    "Calibration",
    "CaseVerdict",
    "CheckScorer",
    "Comparison",
    "DimensionInfo",
    "DimensionScore",
    "GroupMetrics",
    "GuideClassifier",
    "HumanLabel",
    "IntentFilter",
    "Metrics",
    "PairwiseCalibration",
    "PairwiseResult",
    "Rate",
    "RefusalClass",
    "RefusalModel",
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
    "calibrate_pairwise",
    "calibration_table",
    "case_outcome",
    "case_verdict",
    "check",
    "classifier",
    "cohen_kappa",
    "compare_rates",
    "compile_rubric",
    "compute_metrics",
    "create_scorer",
    "detect_refusal",
    "expectation_outcome",
    "fit_refusal_model",
    "harm_guide",
    "judge",
    "named_resources",
    "outcome_from_class",
    "pairwise",
    "read_comparisons",
    "read_labels",
    "render_agreement_markdown",
    "score_response",
    "scorers",
    "tied_dimensions",
    "tradeoff",
    "train_guide_classifier",
    "wilson",
]


__getattr__, __dir__ = _lazy_exports('charter.evaluate', _LAZY, globals())
