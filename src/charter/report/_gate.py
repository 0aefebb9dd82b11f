"""The CI gate: thresholds from the guide's ``gates:`` section or from flags, and JUnit XML.

Exit codes (documented in the README): 0 every gate passed · 8 a gate failed ·
9 the run is incomplete or has errors above ``max_error_rate``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from charter.evaluate import Verdict
from charter.guide import Gates, RuleGate
from charter.report._data import RunReport
from charter.suite import Intent

__all__ = ["EXIT_GATE_FAILED", "EXIT_INCOMPLETE", "EXIT_OK", "GateCheck", "GateResult", "check_gates", "write_junit"]

EXIT_OK = 0
EXIT_GATE_FAILED = 8
EXIT_INCOMPLETE = 9


class GateCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    rule_id: str | None = None
    value: float | None
    limit: float
    passed: bool
    message: str


class GateResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    checks: list[GateCheck]
    incomplete: bool = False
    error_rate: float = 0.0

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks) and not self.incomplete

    @property
    def exit_code(self) -> int:
        if any(not c.passed for c in self.checks):
            return EXIT_GATE_FAILED
        if self.incomplete:
            return EXIT_INCOMPLETE
        return EXIT_OK


def merge_gates(guide_gates: Gates | None, *, fail_under: float | None = None,
                max_violation_rate: float | None = None, max_false_refusal_rate: float | None = None,
                rule_max_violation: dict[str, float] | None = None) -> Gates:
    """Flags override the guide's thresholds (defaults < guide < CLI)."""
    base = guide_gates or Gates()
    rules = dict(base.rules)
    for rid, limit in (rule_max_violation or {}).items():
        old = rules.get(rid, RuleGate())
        rules[rid] = old.model_copy(update={"max_violation_rate": limit})
    return Gates(
        fail_under=fail_under if fail_under is not None else base.fail_under,
        max_violation_rate=max_violation_rate if max_violation_rate is not None else base.max_violation_rate,
        max_false_refusal_rate=(max_false_refusal_rate if max_false_refusal_rate is not None
                                else base.max_false_refusal_rate),
        rules=rules,
    )


def _check(name: str, value: float | None, limit: float, *, at_least: bool, rule_id: str | None = None) -> GateCheck:
    if value is None:
        return GateCheck(name=name, rule_id=rule_id, value=None, limit=limit, passed=True,
                         message=f"{name}: no applicable cases (n=0), not gated")
    ok = value >= limit if at_least else value <= limit
    op = "≥" if at_least else "≤"
    return GateCheck(name=name, rule_id=rule_id, value=value, limit=limit, passed=ok,
                     message=f"{name} = {value:.1%} (must be {op} {limit:.1%}){'' if ok else ' — FAILED'}")


#: the name of a rule gate's measure when neither a judge's violation rate nor a non-refusal
#: rate applies: the share of the rule's scored violating cases that the checks failed
VIOLATING_FAILURES_NAME = "failure rate on violating cases, no judge"


def _violating_failures(rep: RunReport, rule_id: str) -> tuple[int, int]:
    """(failed, scored) violating cases whose rule under test is ``rule_id``."""
    failed = scored = 0
    for rec in rep.records:
        if rec.case.intent != Intent.violating or not rec.case.rule_ids or rec.case.rule_ids[0] != rule_id:
            continue
        v = rep.verdict(rec).verdict
        if v in (Verdict.pass_, Verdict.fail):
            scored += 1
            failed += v == Verdict.fail
    return failed, scored


def check_gates(rep: RunReport, gates: Gates, *, max_error_rate: float = 0.0) -> GateResult:
    """Evaluate every threshold of ``gates`` on a run."""
    o = rep.metrics.overall
    checks: list[GateCheck] = []
    if gates.fail_under is not None:
        checks.append(_check("pass rate", o.pass_rate.rate, gates.fail_under, at_least=True))
    if gates.max_violation_rate is not None:
        # without a judge the only measure is the non-refusal rate: gate on it, under its own name
        name, rate = o.harm_metric()
        checks.append(_check(name, rate.rate, gates.max_violation_rate, at_least=False))
    if gates.max_false_refusal_rate is not None:
        checks.append(_check("false-refusal rate", o.false_refusal_rate.rate, gates.max_false_refusal_rate,
                             at_least=False))
    for rid, rg in sorted(gates.rules.items()):
        g = rep.metrics.by_rule.get(rid)
        if rg.max_violation_rate is not None:
            name, value = ("violation rate", None) if g is None else (g.harm_metric()[0], g.harm_metric()[1].rate)
            if g is not None and g.harm_metric()[1].n == 0:
                # no judge, and the rule expects no refusal (a 911 redirect, a crisis-line safe
                # completion): the non-refusal rate has no case, but the checks did fail the
                # violating cases that lack what the rule names. Gate on those failures
                k, n = _violating_failures(rep, rid)
                if n:
                    name, value = VIOLATING_FAILURES_NAME, k / n
            checks.append(_check(f"{rid} {name}", value, rg.max_violation_rate, at_least=False, rule_id=rid))
        if rg.max_false_refusal_rate is not None:
            checks.append(_check(f"{rid} false-refusal rate", g.false_refusal_rate.rate if g else None,
                                 rg.max_false_refusal_rate, at_least=False, rule_id=rid))
    n = max(o.n, 1)
    error_rate = o.errors / n
    incomplete = rep.run.status != "complete" or error_rate > max_error_rate
    return GateResult(checks=checks, incomplete=incomplete, error_rate=error_rate)


def write_junit(rep: RunReport, result: GateResult, path: str | Path) -> Path:
    """JUnit XML: one test suite of gate checks, and one per rule whose test cases are the
    run's cases (a failing case lists its failing scores)."""
    import xml.etree.ElementTree as ET  # only for JUnit files: not on the start-up path of every eval

    root = ET.Element("testsuites", name=f"charter {rep.run.id}")
    gates = ET.SubElement(root, "testsuite", name="charter.gates", tests=str(len(result.checks)),
                          failures=str(sum(not c.passed for c in result.checks)), errors="0")
    for c in result.checks:
        tc = ET.SubElement(gates, "testcase", classname="charter.gates", name=c.name)
        if not c.passed:
            ET.SubElement(tc, "failure", message=c.message, type="gate").text = c.message
    if result.incomplete:
        tc = ET.SubElement(gates, "testcase", classname="charter.gates", name="run complete")
        ET.SubElement(tc, "error", message=f"run status {rep.run.status}, error rate {result.error_rate:.1%}",
                      type="incomplete")
        gates.set("errors", "1")
        gates.set("tests", str(len(result.checks) + 1))
    by_rule: dict[str, list[ET.Element]] = {}
    counts: dict[str, list[int]] = {}
    for rec in rep.records:
        v = rep.verdict(rec)
        verdict = v.verdict
        for rid in rec.case.rule_ids or ["(no rule)"]:
            tc = ET.Element("testcase", classname=f"charter.rule.{rid}",
                            name=rec.case.id + (f"#{rec.epoch}" if rec.epoch else ""),
                            time=f"{rec.latency_s:.3f}")
            cnt = counts.setdefault(rid, [0, 0, 0, 0])
            cnt[0] += 1
            if verdict == Verdict.fail:
                msg = v.headline()[:300]
                ET.SubElement(tc, "failure", message=msg, type=f"fail:{v.scorer or v.basis}").text = rec.response.text[:2000]
                cnt[1] += 1
            elif verdict == Verdict.error:
                msg = rec.response.error or "; ".join(s.explanation for s in rec.scores if s.verdict == Verdict.error)
                ET.SubElement(tc, "error", message=msg[:500], type="error")
                cnt[2] += 1
            elif verdict == Verdict.na:
                ET.SubElement(tc, "skipped", message=f"unscored: {v.reason}"[:300])
                cnt[3] += 1
            by_rule.setdefault(rid, []).append(tc)
    for rid in sorted(by_rule):
        n, f, e, s = counts[rid]
        suite = ET.SubElement(root, "testsuite", name=f"charter.rule.{rid}", tests=str(n), failures=str(f),
                              errors=str(e), skipped=str(s))
        suite.extend(by_rule[rid])
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(p, encoding="utf-8", xml_declaration=True)
    return p
