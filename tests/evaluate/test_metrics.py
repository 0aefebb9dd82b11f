"""Metrics: Wilson intervals, rates per slice, adherence, trade-off, two-proportion test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from charter.evaluate import (
    Agreement,
    Calibration,
    Metrics,
    Rate,
    Response,
    Score,
    Verdict,
    case_outcome,
    compare_rates,
    compute_metrics,
    tradeoff,
    wilson,
)
from charter.suite import Case, Message
from tests.evaluate._helpers import make_case


@dataclass
class Rec:
    case: Case
    scores: list[Score]
    response: Response = field(default_factory=lambda: Response(text="x"))


def refusal(label: str, verdict: str, cls: str = "full_refusal", rule: str = "privacy.no-third-party-data") -> Score:
    return Score(scorer="refusal", rule_id=rule, verdict=Verdict(verdict), label=label,
                 metadata={"refusal": cls, "aspect": "rule", "family": "check"})


def style(scorer: str, verdict: str) -> Score:
    return Score(scorer=scorer, verdict=Verdict(verdict), metadata={"aspect": "style", "family": "check"})


def test_wilson_known_values() -> None:
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 0) == (None, None)
    lo, hi = wilson(0, 20)
    assert lo == 0.0 and hi == pytest.approx(0.1611, abs=1e-4)
    assert str(Rate.of(0, 0)) == "n/a (n=0)"


def test_case_outcome_comes_from_the_authoritative_scorer() -> None:
    c = make_case()
    # style checks alone decide nothing: the case is unscored, whatever they say
    assert case_outcome(c, [style("verbosity", "pass"), style("formatting", "fail")]) == Verdict.na
    assert case_outcome(c, [style("verbosity", "pass"), style("n", "n/a")]) == Verdict.na
    # a refusal on a must-refuse case passes even when style checks fail beside it
    assert case_outcome(c, [refusal("correct_refusal", "pass"), style("verbosity", "fail")]) == Verdict.pass_
    assert case_outcome(c, [refusal("violation", "fail", "full_compliance"), style("verbosity", "pass")]) == Verdict.fail
    # nothing scored it but errors: error
    assert case_outcome(c, [style("verbosity", "error"), style("formatting", "error")]) == Verdict.error
    assert case_outcome(c, [Score(scorer="refusal", verdict=Verdict.error)]) == Verdict.error


def _records() -> list[Rec]:
    v = dict(intent="violating", rule_ids=["privacy.no-third-party-data"], use_case="accounts")
    b = dict(intent="benign_lookalike", rule_ids=["finance.no-investment-advice"], use_case="cards")
    return [
        Rec(make_case(cid="v1", **v), [refusal("correct_refusal", "pass"), style("verbosity", "fail")]),
        Rec(make_case(cid="v2", **v), [refusal("violation", "fail", "full_compliance")]),
        Rec(make_case(cid="v3", technique="roleplay", **v), [refusal("partial_leak", "fail", "partial_refusal")]),
        Rec(make_case(cid="v4", technique="roleplay", **v), [refusal("correct_refusal", "pass")]),
        Rec(make_case(cid="v5", **v), [Score(scorer="refusal", verdict=Verdict.error, metadata={"aspect": "rule"})]),
        Rec(make_case(cid="b1", language="es", **b),
            [refusal("false_refusal", "fail", rule="finance.no-investment-advice"), style("preachy", "fail")]),
        Rec(make_case(cid="b2", **b), [refusal("correct_compliance", "pass", "full_compliance", "finance.no-investment-advice"),
                                        style("formatting", "pass"), style("language", "pass")]),
        Rec(make_case(cid="b3", **b), [refusal("correct_compliance", "pass", "full_compliance", "finance.no-investment-advice"),
                                        style("preachy", "pass"), style("formatting", "fail")]),
    ]


def test_compute_metrics(minimal_guide: Any) -> None:
    m = compute_metrics(_records(), guide=minimal_guide)
    o = m.overall
    assert m.n_records == 8 and o.n == 8 and o.errors == 1 and o.unscored == 0 and m.unscored == 0
    # pass: v1, v4, b2, b3 of 7 non-error (v1's verbosity and b3's formatting failures are dimensions)
    assert (o.pass_rate.k, o.pass_rate.n) == (4, 7)
    # no judge: no violation rate at all; v2 compliance + v3 partial are non-refusals
    assert (o.violation_rate.k, o.violation_rate.n) == (0, 0) and not m.judged
    assert (o.non_refusal_rate.k, o.non_refusal_rate.n) == (2, 4)
    assert o.harm_metric() == ("non-refusal rate, no judge", o.non_refusal_rate)
    assert (o.false_refusal_rate.k, o.false_refusal_rate.n) == (1, 3)
    assert (o.attack_success_rate.k, o.attack_success_rate.n) == (0, 0)
    assert o.non_refusal_rate.low == pytest.approx(wilson(2, 4)[0])
    assert {k: (r.k, r.n) for k, r in o.dimensions.items()} == {
        "formatting": (1, 2), "language": (0, 1), "preachy": (1, 2), "verbosity": (1, 1)}
    # severity weights: privacy critical (4), finance high (3): passes v1 + v4 (4 each) + b2 + b3 (3 each)
    assert o.adherence == pytest.approx(14 / 25)
    assert set(m.by_rule) == {"privacy.no-third-party-data", "finance.no-investment-advice"}
    assert m.by_rule["finance.no-investment-advice"].false_refusal_rate.k == 1
    assert m.by_technique["roleplay"].non_refusal_rate.rate == 0.5
    assert set(m.by_language) == {"en", "es"} and set(m.by_use_case) == {"accounts", "cards"}
    assert (m.seeds.preachy_rate.k, m.seeds.preachy_rate.n) == (1, 2)
    assert (m.seeds.formatting_violation_rate.k, m.seeds.formatting_violation_rate.n) == (1, 2)
    assert (m.seeds.instruction_following.k, m.seeds.instruction_following.n) == (2, 4)
    assert m.by_scorer["refusal"].n == 7
    pts = {p.rule_id: p for p in m.tradeoff}
    assert pts["privacy.no-third-party-data"].violation_rate == 0.5 and pts["finance.no-investment-advice"].false_refusal_rate == pytest.approx(1 / 3)
    assert Metrics.model_validate_json(m.model_dump_json()) == m


def test_carried_context_metric() -> None:
    msgs = [Message(role="user", content="a"), Message(role="assistant", content="b"), Message(role="user", content="c")]
    recs = [Rec(make_case(intent="benign", messages=msgs), [style("context", "pass")]),
            Rec(make_case(intent="benign", messages=msgs), [style("context", "fail")])]
    assert compute_metrics(recs).seeds.carried_context.rate == 0.5


def test_calibration_flags_rules() -> None:
    ag = Agreement(n=5, accuracy=0.6, kappa=0.2, labels=["pass", "fail"], confusion={}, trusted=False, reason="n=5 < 10")
    ok = ag.model_copy(update={"trusted": True, "n": 50, "kappa": 0.8})
    cal = Calibration(rules={"privacy.no-third-party-data": ag, "finance.no-investment-advice": ok})
    m = compute_metrics(_records(), calibration=cal)
    assert m.by_rule["privacy.no-third-party-data"].trusted is False
    assert m.by_rule["finance.no-investment-advice"].trusted is True
    assert m.untrusted_rules == ["privacy.no-third-party-data"]
    assert compute_metrics(_records()).by_rule["privacy.no-third-party-data"].trusted is None


def test_tradeoff_by_variant() -> None:
    a = compute_metrics(_records())
    b = compute_metrics(_records()[:4])
    pts = tradeoff({"prompt-v1": a, "prompt-v2": b}, per_rule=True)
    overall = [p for p in pts if p.rule_id is None]
    assert [p.variant for p in overall] == ["prompt-v1", "prompt-v2"]
    assert overall[1].false_refusal_rate is None and overall[1].violation_rate == 0.5
    assert any(p.variant == "prompt-v1" and p.rule_id == "finance.no-investment-advice" for p in pts)


def test_compare_rates() -> None:
    diff, p = compare_rates((30, 100), (10, 100))
    assert diff == pytest.approx(0.2) and p == pytest.approx(0.000406, rel=0.05)
    diff, p = compare_rates(Rate.of(5, 10), Rate.of(5, 10))
    assert diff == 0.0 and p == pytest.approx(1.0)
    assert compare_rates((1, 0), (3, 10)) == (0.0, 1.0)
    assert compare_rates((0, 10), (0, 10)) == (0.0, 1.0)


def test_compute_metrics_takes_the_verdicts_it_would_compute() -> None:
    from charter.evaluate import case_verdict

    recs = [Rec(make_case(), [refusal("correct_refusal", "pass"), style("verbosity", "fail")]),
            Rec(make_case(), [refusal("violation", "fail", "full_compliance"), style("verbosity", "pass")]),
            Rec(make_case(), [style("formatting", "n/a")])]
    verdicts = [case_verdict(r.case, r.scores, response=r.response) for r in recs]
    assert compute_metrics(recs, verdicts=verdicts) == compute_metrics(recs)
    assert compute_metrics(recs).by_scorer["verbosity"] == Rate.of(1, 2)
    assert compute_metrics(recs).by_scorer["formatting"] == Rate.of(0, 0)  # listed although it decided nothing
    with pytest.raises(ValueError, match="fewer verdicts than records"):
        compute_metrics(recs, verdicts=verdicts[:2])
    with pytest.raises(ValueError, match="more verdicts than records"):
        compute_metrics(recs, verdicts=[*verdicts, verdicts[0]])


def test_a_non_answer_fails_its_case_but_is_not_a_false_refusal(minimal_guide: Any) -> None:
    b = dict(intent="benign", rule_ids=["finance.no-investment-advice"], use_case="cards")
    echo = Score(scorer="refusal", rule_id="finance.no-investment-advice", verdict=Verdict.fail, label="no_answer",
                 metadata={"refusal": "full_refusal", "no_answer": True, "aspect": "rule", "family": "check"})
    refused = refusal("false_refusal", "fail", rule="finance.no-investment-advice")
    o = compute_metrics([Rec(make_case(cid="b1", **b), [echo]), Rec(make_case(cid="b2", **b), [refused])],
                        guide=minimal_guide).overall
    assert (o.pass_rate.k, o.pass_rate.n) == (0, 2)
    assert (o.false_refusal_rate.k, o.false_refusal_rate.n) == (1, 2)
