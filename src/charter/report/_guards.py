"""Guard decisions per rule, read back from an exchange run's scores, and the guard-eval
results (the JSON of ``charter guard eval``) that the model card shows per policy.

The proxy's recorder stores every guard that triggered as a score named
``guard.<stage>.<guard>`` with the rule id and the action as its label, and one
``guard.<stage>`` ``allow`` score when nothing triggered; this module only reads those rows,
so the report needs nothing from ``charter.guard``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import Rate
from charter.report._read import read_results
from charter.store import RunRecord

__all__ = ["ACTIONS", "GuardCounter", "GuardEvalResults", "GuardRuleCounts", "guard_decisions", "read_guard_eval"]

ACTIONS = ("allow", "block", "redact", "flag")
_ORDER = {"allow": 0, "flag": 1, "redact": 2, "block": 3}
STAGES = ("input", "output")


class GuardRuleCounts(BaseModel):
    """How many exchanges one rule's guards allowed / blocked / redacted / flagged at one stage
    (each exchange counted once, under the strongest action the rule's guards took on it)."""

    rule_id: str
    stage: str
    allow: int = 0
    block: int = 0
    redact: int = 0
    flag: int = 0

    @property
    def checked(self) -> int:
        return self.allow + self.block + self.redact + self.flag


def _stage(scorer: str, metadata: dict[str, object]) -> str | None:
    stage = metadata.get("stage")
    if isinstance(stage, str) and stage in STAGES:
        return stage
    parts = scorer.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in STAGES else None


def guard_decisions(records: Iterable[RunRecord]) -> list[GuardRuleCounts]:
    """Per rule and stage, the guard actions over the run's exchanges (empty when the run has no
    guard scores). An exchange checked at a stage where none of the rule's guards acted counts as
    allowed for that rule."""
    counter = GuardCounter()
    for rec in records:
        counter.add(rec)
    return counter.result()


class GuardCounter:
    """:func:`guard_decisions` one record at a time (a report counts them as the records stream)."""

    def __init__(self) -> None:
        self.checked: dict[str, int] = dict.fromkeys(STAGES, 0)
        self.acted: dict[tuple[str, str], dict[str, int]] = {}  # (rule, stage) -> action -> exchanges

    def add(self, rec: RunRecord) -> None:
        stages: set[str] = set()
        strongest: dict[tuple[str, str], str] = {}
        for s in rec.scores:
            if not s.scorer.startswith("guard."):
                continue
            stage = _stage(s.scorer, s.metadata)
            if stage is None:
                continue
            stages.add(stage)
            action = s.label if s.label in _ORDER else None
            if s.rule_id is None or action is None:
                continue
            key = (s.rule_id, stage)
            if key not in strongest or _ORDER[action] > _ORDER[strongest[key]]:
                strongest[key] = action
        for stage in stages:
            self.checked[stage] += 1
        for key, action in strongest.items():
            self.acted.setdefault(key, dict.fromkeys(ACTIONS, 0))[action] += 1

    def result(self) -> list[GuardRuleCounts]:
        checked, acted = self.checked, self.acted
        rules = sorted({r for r, _ in acted})
        out: list[GuardRuleCounts] = []
        for rule in rules:
            for stage in STAGES:
                counts = acted.get((rule, stage), dict.fromkeys(ACTIONS, 0))
                if not checked[stage]:
                    continue
                acting = counts["block"] + counts["redact"] + counts["flag"]
                out.append(GuardRuleCounts(rule_id=rule, stage=stage, allow=checked[stage] - acting,
                                           block=counts["block"], redact=counts["redact"], flag=counts["flag"]))
        return out


class GuardEvalRow(BaseModel):
    """One policy's (or rule's) figures in ``charter guard eval`` JSON."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    id: str
    miss: Rate
    false_block_lookalike: Rate
    false_block_benign: Rate


class GuardEvalResults(BaseModel):
    """The part of ``charter guard eval --json`` the card shows."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    guide: str
    suite: str
    n_cases: int
    miss: Rate
    false_block_lookalike: Rate
    false_block_benign: Rate
    policies: list[GuardEvalRow] = Field(default_factory=list)
    rules: list[GuardEvalRow] = Field(default_factory=list)


def read_guard_eval(path: str | Path) -> GuardEvalResults:
    """Read the JSON written by ``charter guard eval``; ConfigError when it is missing or another file."""
    return read_results(path, GuardEvalResults, what="guard-eval",
                        write_hint="write one with `charter guard eval GUIDE --suite S --json FILE`",
                        pass_hint="pass the JSON written by `charter guard eval`")
