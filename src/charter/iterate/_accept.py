"""When an edit is kept: the acceptance rule, stated once.

An edit is **accepted** only when, on the validation part (the same cases, the same target
settings, before and after the edit):

1. no more cases end in ``error`` than before (an error is no evidence either way);
2. the overall pass rate goes **up**: more cases pass (``k_after / n_after > k_before / n_before``);
3. **no rule gets worse beyond its interval**: for every rule with validation cases, the pass
   rate after the edit is not below the lower end of the Wilson 95% interval of its pass rate
   before (:func:`charter.evaluate.wilson`, z = 1.96). A rule at 2/2 may fall to 1/2 (50% is
   inside [34%, 100%]) but not to 0/2; a rule at 10/10 may not fall below 72%.

The Wilson bound is used rather than a two-proportion test because validation parts are small
and a z-test at these sizes lets real drops through (3/3 → 1/3: p = 0.08; 10/10 → 7/10:
p = 0.06); the interval of the rate before stops those while tolerating the one-case wobble of
a rule with two cases (2/2 → 1/2).
"""

from __future__ import annotations

from dataclasses import dataclass

from charter.evaluate import Rate
from charter.iterate._records import PartScore, RuleRegression, show_rate

__all__ = ["Decision", "decide"]


@dataclass(frozen=True)
class Decision:
    """The outcome of :func:`decide`: accepted or not, the reason, the regressed and improved rules."""

    accepted: bool
    reason: str
    regressions: list[RuleRegression]
    improved: list[str]


def _show(r: Rate) -> str:
    return show_rate(r)


def _interval(r: Rate) -> str:
    if r.low is None or r.high is None:
        return ""
    return f", Wilson 95% {r.low:.0%}–{r.high:.0%}"


def decide(before: PartScore, after: PartScore) -> Decision:
    """Apply the acceptance rule (module docstring) to the validation scores before and after."""
    regressions: list[RuleRegression] = []
    improved: list[str] = []
    for rid, b in before.by_rule.items():
        a = after.by_rule.get(rid)
        if a is None or a.rate is None or b.rate is None:
            continue
        if b.low is not None and a.rate < b.low - 1e-12:
            regressions.append(RuleRegression(rule_id=rid, before=b, after=a))
        elif a.rate > b.rate:
            improved.append(rid)
    pb, pa = before.pass_rate, after.pass_rate
    if after.errors > before.errors:
        return Decision(False, f"more errors on the validation part ({before.errors} → {after.errors})",
                        regressions, improved)
    if pa.rate is None or pb.rate is None or not pa.rate > pb.rate:
        return Decision(False, f"the validation pass rate did not improve ({_show(pb)} → {_show(pa)})",
                        regressions, improved)
    if regressions:
        worse = "; ".join(f"{r.rule_id} fell from {_show(r.before)}{_interval(r.before)} to {_show(r.after)}"
                          for r in regressions)
        return Decision(False, f"the validation pass rate rose ({_show(pb)} → {_show(pa)}) but a rule got "
                               f"worse beyond its interval: {worse}", regressions, improved)
    return Decision(True, f"the validation pass rate rose ({_show(pb)} → {_show(pa)}) and no rule fell below "
                          "its Wilson 95% interval", regressions, improved)
