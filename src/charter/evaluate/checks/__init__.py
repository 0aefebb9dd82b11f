"""Deterministic checks: refusal, verbosity, formatting, PII, leakage, blocklist, preachiness,
claiming to be human and carried context. Importing this package registers them."""

from charter.evaluate.checks._pii import find_pii, iban_valid, luhn_valid
from charter.evaluate.checks._refusal import (
    RefusalClass,
    RefusalResult,
    detect_refusal,
    is_clarifying_question,
)
from charter.evaluate.checks._refusal_model import RefusalModel, fit_refusal_model
from charter.evaluate.checks.refusal import RefusalCheck, RefusalJudge, refusal_judge
from charter.evaluate.checks.safety import (
    BlocklistCheck,
    BlockTerm,
    HumanClaimCheck,
    LeakageCheck,
    PIICheck,
)
from charter.evaluate.checks.style import (
    ContextCheck,
    FormattingCheck,
    PreachyCheck,
    VerbosityCheck,
    formatting_features,
)

__all__ = [
    "BlockTerm",
    "BlocklistCheck",
    "ContextCheck",
    "FormattingCheck",
    "HumanClaimCheck",
    "LeakageCheck",
    "PIICheck",
    "PreachyCheck",
    "RefusalCheck",
    "RefusalClass",
    "RefusalJudge",
    "RefusalModel",
    "RefusalResult",
    "VerbosityCheck",
    "detect_refusal",
    "find_pii",
    "fit_refusal_model",
    "formatting_features",
    "iban_valid",
    "is_clarifying_question",
    "luhn_valid",
    "refusal_judge",
]
