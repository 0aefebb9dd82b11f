"""Adaptive red-teaming aimed by the guide: goals from its rules, chain of command and tools;
strategies driven by an attacker model (PAIR-style iterative refinement, crescendo-style
escalation with backtracking, TAP-style tree search with pruning) starting from synth's static
techniques, registered with ``@attack`` (plugins too); system-prompt extraction in 24 families;
third-party data planted in the prompt, a tool output or a retrieved document; exposure of
canaries planted in training data (memorisation). Runs are recorded in the run store and
resumable; successes export as regression cases, SFT rows and preference pairs. Success is the
judge's call against the rule (the planted canary or planted values for extraction); every attempt keeps its full conversation, the attacker's reasoning and the
verdict.

>>> summary = await run_redteam(guide, get_model("mock/leak"), judge=judge,   # doctest: +SKIP
...                             config=RedteamConfig(budget=50, strategies=("extraction",)))
"""

from charter.redteam._attacker import AttackerMove, Budget, parse_attacker_output
from charter.redteam._exports import TrainingExport, export_training, write_training_export
from charter.redteam._exposure import CanaryExposure, exposure, midrank
from charter.redteam._extraction import (
    EXTRACTION_FAMILIES,
    PROMPT_RULE_ID,
    ExtractionProbe,
    LeakCheck,
    check_leak,
    ngram_overlap,
    run_extraction,
    without_prompt_text,
)
from charter.redteam._goals import Goal, GoalKind, goals_from_guide
from charter.redteam._judging import JudgeCall, RuleJudge
from charter.redteam._memorisation import (
    MEMORISATION_RULE_ID,
    CanaryScorer,
    extracted,
    measure_exposure,
    run_memorisation,
)
from charter.redteam._planted import (
    PLANT_LOCATIONS,
    PLANTED_FAMILIES,
    PLANTED_RULE_ID,
    PlantedFamily,
    PlantedLeak,
    PlantedRecord,
    check_planted_leak,
    make_records,
    plant,
    planted_rates,
    planted_rule_id,
    run_planted,
)
from charter.redteam._records import (
    MIN_ATTEMPTS,
    AttackResult,
    Attempt,
    GroupRate,
    RedteamSummary,
    StrategyRate,
)
from charter.redteam._registry import (
    EXTRACTION,
    PROBES,
    AttackInfo,
    Strategy,
    attack,
    attacks,
    get_attack,
    strategy_names,
)
from charter.redteam._run import (
    ALL_STRATEGIES,
    PRIVACY_STRATEGIES,
    RedteamConfig,
    export_suite,
    render_markdown,
    run_redteam,
    summarise,
    write_report,
)
from charter.redteam._strategies import STRATEGIES, AttackContext, AttemptLog, static_seeds
from charter.redteam._tap import tap

__all__ = [
    "ALL_STRATEGIES",
    "EXTRACTION",
    "EXTRACTION_FAMILIES",
    "MEMORISATION_RULE_ID",
    "MIN_ATTEMPTS",
    "PLANTED_FAMILIES",
    "PLANTED_RULE_ID",
    "PLANT_LOCATIONS",
    "PRIVACY_STRATEGIES",
    "PROBES",
    "PROMPT_RULE_ID",
    "STRATEGIES",
    "AttackContext",
    "AttackInfo",
    "AttackResult",
    "AttackerMove",
    "Attempt",
    "AttemptLog",
    "Budget",
    "CanaryExposure",
    "CanaryScorer",
    "ExtractionProbe",
    "Goal",
    "GoalKind",
    "GroupRate",
    "JudgeCall",
    "LeakCheck",
    "PlantedFamily",
    "PlantedLeak",
    "PlantedRecord",
    "RedteamConfig",
    "RedteamSummary",
    "RuleJudge",
    "Strategy",
    "StrategyRate",
    "TrainingExport",
    "attack",
    "attacks",
    "check_leak",
    "check_planted_leak",
    "export_suite",
    "export_training",
    "exposure",
    "extracted",
    "get_attack",
    "goals_from_guide",
    "make_records",
    "measure_exposure",
    "midrank",
    "ngram_overlap",
    "parse_attacker_output",
    "plant",
    "planted_rates",
    "planted_rule_id",
    "render_markdown",
    "run_extraction",
    "run_memorisation",
    "run_planted",
    "run_redteam",
    "static_seeds",
    "strategy_names",
    "summarise",
    "tap",
    "without_prompt_text",
    "write_report",
    "write_training_export",
]
