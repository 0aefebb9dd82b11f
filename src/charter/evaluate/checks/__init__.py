"""Deterministic checks: refusal, verbosity, formatting, PII, leakage, blocklist, preachiness,
claiming to be human, carried context and known (labelled) replies. Importing this package registers them."""

from charter.evaluate.checks._pii import cn_id_valid, find_pii, iban_valid, luhn_valid
from charter.evaluate.checks._refusal import (
    RefusalClass,
    RefusalResult,
    detect_refusal,
    is_clarifying_question,
    refusal_label,
)
from charter.evaluate.checks._refusal_model import RefusalModel, fit_refusal_model
from charter.evaluate.checks._span_memo import SpanMemo, memoised, span_memo
from charter.evaluate.checks._text import (
    dialogue_spans,
    ignorecase_fold,
    unspaced_words,
    without_dialogue,
)
from charter.evaluate.checks.reference import (
    DEFAULT_REFERENCE_THRESHOLD,
    LabelledReply,
    ReferenceCheck,
    labelled_replies,
    reference_similarity,
    reference_words,
)
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
    "DEFAULT_REFERENCE_THRESHOLD",
    "BlockTerm",
    "BlocklistCheck",
    "ContextCheck",
    "FormattingCheck",
    "HumanClaimCheck",
    "LabelledReply",
    "LeakageCheck",
    "PIICheck",
    "PreachyCheck",
    "ReferenceCheck",
    "RefusalCheck",
    "RefusalClass",
    "RefusalJudge",
    "RefusalModel",
    "RefusalResult",
    "SpanMemo",
    "VerbosityCheck",
    "cn_id_valid",
    "detect_refusal",
    "dialogue_spans",
    "find_pii",
    "fit_refusal_model",
    "formatting_features",
    "iban_valid",
    "ignorecase_fold",
    "is_clarifying_question",
    "labelled_replies",
    "luhn_valid",
    "memoised",
    "reference_similarity",
    "reference_words",
    "refusal_judge",
    "refusal_label",
    "span_memo",
    "unspaced_words",
    "without_dialogue",
]
