"""Guards: the guide's scorers with an action, at run time — a Python API, an output-stream
guard, the ``charter serve`` OpenAI-compatible proxy, exchange recording and feedback.

>>> guard = Guard.from_guide("guide.yaml")                          # doctest: +SKIP
>>> d = await guard.check_input([{"role": "user", "content": "hi"}])  # doctest: +SKIP
"""

from charter.guard._classifier import PromptClassifier, blockable, train_prompt_classifier
from charter.guard._compile import DEFAULT_REFUSAL, compile_guard_config
from charter.guard._config import (
    Action,
    GuardConfig,
    GuardSpec,
    GuideRef,
    load_guard_config,
    save_guard_config,
)
from charter.guard._detect import deobfuscate, find_injection, find_secrets
from charter.guard._guard import Guard, GuardDecision, GuardHit, OutputStream, redact
from charter.guard._scorers import InjectionCheck, PolicyJudge, PromptClassifierScorer, SecretsCheck

__all__ = [
    "DEFAULT_REFUSAL",
    "Action",
    "Guard",
    "GuardConfig",
    "GuardDecision",
    "GuardHit",
    "GuardSpec",
    "GuideRef",
    "InjectionCheck",
    "OutputStream",
    "PolicyJudge",
    "PromptClassifier",
    "PromptClassifierScorer",
    "SecretsCheck",
    "blockable",
    "compile_guard_config",
    "deobfuscate",
    "find_injection",
    "find_secrets",
    "load_guard_config",
    "redact",
    "save_guard_config",
    "train_prompt_classifier",
]
