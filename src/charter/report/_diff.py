"""`charter diff`: per-rule changes between two runs, with significance, regressions first."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import GroupMetrics, Rate, Verdict, compare_rates
from charter.report._data import RunReport

__all__ = ["CaseFlip", "RuleChange", "RunDiff", "diff_runs"]

Status = Literal["regression", "improvement", "changed", "unchanged", "new", "removed"]
_ORDER = {"regression": 0, "removed": 1, "changed": 2, "new": 3, "improvement": 4, "unchanged": 5}


class RuleChange(BaseModel):
    """How one rule's pass rate moved from run A (before) to run B (after)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rule_id: str
    status: Status
    before: Rate
    after: Rate
    delta: float
    p_value: float
    violation_delta: float | None = Field(default=None, description="Change of the violation rate, or of the "
                                                                    "non-refusal rate when no judge scored a side.")
    false_refusal_delta: float | None = None


class CaseFlip(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    case_id: str
    before: str
    after: str


class RunDiff(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    run_a: str
    run_b: str
    alpha: float
    overall: RuleChange
    rules: list[RuleChange]
    flips: list[CaseFlip]

    @property
    def regressions(self) -> list[RuleChange]:
        return [r for r in self.rules if r.status == "regression"]


def _delta(a: Rate, b: Rate) -> float | None:
    if a.rate is None or b.rate is None:
        return None
    return b.rate - a.rate


def _change(rule_id: str, a: GroupMetrics | None, b: GroupMetrics | None, alpha: float) -> RuleChange:
    empty = GroupMetrics()
    ga, gb = a or empty, b or empty
    diff, p = compare_rates(gb.pass_rate, ga.pass_rate)
    status: Status
    if a is None or not ga.pass_rate.n:
        status = "new"
    elif b is None or not gb.pass_rate.n:
        status = "removed"
    elif p < alpha:
        status = "regression" if diff < 0 else "improvement"
    elif diff != 0:
        status = "changed"
    else:
        status = "unchanged"
    return RuleChange(rule_id=rule_id, status=status, before=ga.pass_rate, after=gb.pass_rate, delta=diff,
                      p_value=p, violation_delta=_delta(ga.harm_metric()[1], gb.harm_metric()[1]),
                      false_refusal_delta=_delta(ga.false_refusal_rate, gb.false_refusal_rate))


def diff_runs(a: RunReport, b: RunReport, *, alpha: float = 0.05) -> RunDiff:
    """Compare run ``a`` (before) with run ``b`` (after). A rule *regresses* when its pass rate
    drops with a two-proportion z-test p-value below ``alpha``; rows are sorted regressions
    first, then by the size of the drop."""
    rules = sorted(set(a.metrics.by_rule) | set(b.metrics.by_rule))
    changes = [_change(r, a.metrics.by_rule.get(r), b.metrics.by_rule.get(r), alpha) for r in rules]
    changes.sort(key=lambda c: (_ORDER[c.status], c.delta, c.rule_id))
    before = {(case_id, epoch): v for case_id, epoch, v in a.outcomes}
    flips = []
    for case_id, epoch, new in b.outcomes:
        old = before.get((case_id, epoch))
        if old is not None and old != new and Verdict.na not in (old, new):
            flips.append(CaseFlip(case_id=case_id, before=old.value, after=new.value))
    flips.sort(key=lambda f: (f.after != "fail", f.case_id))
    return RunDiff(run_a=a.run.id, run_b=b.run.id, alpha=alpha,
                   overall=_change("overall", a.metrics.overall, b.metrics.overall, alpha),
                   rules=changes, flips=flips)
