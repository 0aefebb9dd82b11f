"""Guards: the guide's scorers with an action, at run time — a Python API, an output-stream
guard, the ``charter serve`` OpenAI-compatible proxy, exchange recording and feedback.

>>> guard = Guard.from_guide("guide.yaml")                          # doctest: +SKIP
>>> d = await guard.check_input([{"role": "user", "content": "hi"}])  # doctest: +SKIP
"""

from charter.guard._classifier import (
    READING_MARGIN,
    TWINS_PER_REQUEST,
    InputClassifier,
    PromptClassifier,
    TrainingRow,
    blockable,
    frame_twins,
    guide_rows,
    last_pasted_turn,
    request_frame,
    request_views,
    train_prompt_classifier,
)
from charter.guard._compile import (
    DEFAULT_REFUSAL,
    JUDGE_BAND,
    JUDGE_PROMPT,
    JUDGE_THRESHOLD,
    compile_guard_config,
)
from charter.guard._config import (
    Action,
    GuardConfig,
    GuardSpec,
    GuideRef,
    SettledBy,
    load_guard_config,
    save_guard_config,
)
from charter.guard._detect import deobfuscate, find_injection, find_rule_override, find_secrets
from charter.guard._embedding import (
    DEFAULT_EMBEDDING_MODEL,
    Embedder,
    EmbeddingClassifier,
    LocalEmbedder,
    train_embedding_classifier,
)
from charter.guard._eval import (
    GuardEval,
    RuleEval,
    SweepPoint,
    evaluate_guards,
    render_guard_eval_markdown,
)
from charter.guard._feedback import Feedback, export_feedback, iter_feedback, record_feedback
from charter.guard._guard import Guard, GuardDecision, GuardHit, OutputStream, redact
from charter.guard._hazard import HAZARD_THRESHOLD, HazardModel, HazardPrediction, fit_hazard_model
from charter.guard._record import Recorder, export_exchanges, iter_exchanges, scrub
from charter.guard._scorers import (
    PROMPTS,
    HazardClassifierScorer,
    InjectionCheck,
    PolicyJudge,
    PromptClassifierScorer,
    SecretsCheck,
    policy_prefix,
    policy_question,
)
from charter.guard._security import KeyRing, RateLimiter, hash_key
from charter.guard._server import GuardServer, ServeConfig, create_app, is_loopback

__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "DEFAULT_REFUSAL",
    "HAZARD_THRESHOLD",
    "JUDGE_BAND",
    "JUDGE_PROMPT",
    "JUDGE_THRESHOLD",
    "PROMPTS",
    "READING_MARGIN",
    "TWINS_PER_REQUEST",
    "Action",
    "Embedder",
    "EmbeddingClassifier",
    "Feedback",
    "Guard",
    "GuardConfig",
    "GuardDecision",
    "GuardEval",
    "GuardHit",
    "GuardServer",
    "GuardSpec",
    "GuideRef",
    "HazardClassifierScorer",
    "HazardModel",
    "HazardPrediction",
    "InjectionCheck",
    "InputClassifier",
    "KeyRing",
    "LocalEmbedder",
    "OutputStream",
    "PolicyJudge",
    "PromptClassifier",
    "PromptClassifierScorer",
    "RateLimiter",
    "Recorder",
    "RuleEval",
    "SecretsCheck",
    "ServeConfig",
    "SettledBy",
    "SweepPoint",
    "TrainingRow",
    "blockable",
    "compile_guard_config",
    "create_app",
    "deobfuscate",
    "evaluate_guards",
    "export_exchanges",
    "export_feedback",
    "find_injection",
    "find_rule_override",
    "find_secrets",
    "fit_hazard_model",
    "frame_twins",
    "guide_rows",
    "hash_key",
    "is_loopback",
    "iter_exchanges",
    "iter_feedback",
    "last_pasted_turn",
    "load_guard_config",
    "policy_prefix",
    "policy_question",
    "record_feedback",
    "redact",
    "render_guard_eval_markdown",
    "request_frame",
    "request_views",
    "save_guard_config",
    "scrub",
    "train_embedding_classifier",
    "train_prompt_classifier",
]
