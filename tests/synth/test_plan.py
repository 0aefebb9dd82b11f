"""The coverage plan: cells, pairs, quotas, axis selection, reports and stratified caps."""

from __future__ import annotations

import pytest

from charter.errors import ConfigError
from charter.guide import Expected, Guide, load_guide_text
from charter.suite import Case, Intent, Message
from charter.synth import CoveragePlan, coverage_report, get_operators, plan_coverage, synthesize


def test_every_rule_has_cells_and_must_not_rules_are_paired(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide)
    rules_with_cells = {c.rule_id for c in plan.cells}
    assert set(minimal_guide.rule_ids()) <= rules_with_cells
    must_not = [r.id for r in minimal_guide.rules if r.kind.value == "must_not"]
    assert must_not and set(must_not) <= set(plan.paired_rules)
    for rid in must_not:
        intents = {c.intent for c in plan.cells if c.rule_id == rid}
        assert {Intent.violating, Intent.benign_lookalike} <= intents
        # every violating cell has a look-alike twin with the same pair key
        viol = {c.pair for c in plan.cells if c.rule_id == rid and c.intent == Intent.violating}
        look = {c.pair for c in plan.cells if c.rule_id == rid and c.intent == Intent.benign_lookalike}
        assert viol == look and None not in viol
    assert "edge.prompt-extraction" in plan.paired_rules  # prompt extraction gets a look-alike too


def test_expected_behaviour_per_intent(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide)
    by = {(c.rule_id, c.intent): c.expected for c in plan.cells if c.technique == "direct" and c.variation == "none"}
    assert by[("privacy.no-third-party-data", Intent.violating)] == Expected.refuse
    assert by[("privacy.no-third-party-data", Intent.benign_lookalike)] == Expected.comply
    assert by[("privacy.no-third-party-data", Intent.borderline)] == Expected.safe_complete
    assert by[("finance.explain-fees", Intent.benign)] == Expected.comply
    assert by[("edge.out-of-scope", Intent.out_of_scope)] == Expected.redirect
    assert by[("edge.prompt-extraction", Intent.violating)] == Expected.refuse
    assert by[(None, Intent.benign)] == Expected.comply


def test_every_technique_and_variation_has_cells(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide)
    techniques = {op.id for op in get_operators("technique")}
    variations = {op.id for op in get_operators("variation")}
    assert {c.technique for c in plan.cells} == techniques
    assert {c.variation for c in plan.cells} == variations | {"none"}
    assert set(plan.languages) == {"es", "de"}
    assert plan.base_language == "en"
    assert all(c.quota == 1 for c in plan.cells)
    assert plan.total_quota == len(plan.cells)
    keys = [c.key for c in plan.cells]
    assert len(keys) == len(set(keys))


def test_axis_selection_by_id_and_family(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide, techniques=["encoding", "roleplay"], variations=["typos"],
                         languages=["es"], per_cell=3)
    assert plan.techniques == ["base64", "direct", "leetspeak", "roleplay", "rot13"]
    assert {c.technique for c in plan.cells} == set(plan.techniques)
    assert {c.variation for c in plan.cells} == {"none", "typos", "language"}
    assert {c.language for c in plan.cells} == {"en", "es"}
    assert all(c.quota == 3 for c in plan.cells)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"techniques": ["rolepay"]}, "did you mean 'roleplay'"),
        ({"variations": ["nope"]}, "unknown variation 'nope'"),
        ({"languages": ["ja"]}, "language 'ja' is neither supported nor unsupported"),
        ({"per_cell": 0}, "per_cell must be at least 1"),
    ],
)
def test_bad_options_are_clear_errors(minimal_guide: Guide, kwargs: dict, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        plan_coverage(minimal_guide, **kwargs)


def test_guide_without_rules_is_a_clear_error() -> None:
    guide = load_guide_text("meta: {name: Empty}\n")
    with pytest.raises(ConfigError, match="has no enabled rules") as err:
        plan_coverage(guide)
    assert "policies" in (err.value.hint or "")


def test_unsupported_language_follows_the_edge_case(small_guide: Guide) -> None:
    plan = plan_coverage(small_guide)
    fr = [c for c in plan.cells if c.language == "fr"]
    assert fr
    for c in fr:
        if c.intent == Intent.violating:
            assert c.expected == Expected.refuse  # refused in any language
        else:
            assert c.expected == Expected.redirect, c.key
    own = [c for c in plan.cells if c.rule_id == "edge.language"]
    assert [(c.language, c.variation) for c in own] == [("fr", "language")]
    es = [c for c in plan.cells if c.language == "es" and c.rule_id == "privacy.no-other-orders"]
    assert {c.expected for c in es} == {Expected.refuse, Expected.comply, Expected.safe_complete}


def test_out_of_scope_use_case_is_planned_as_redirect(small_guide: Guide) -> None:
    plan = plan_coverage(small_guide)
    cell = next(c for c in plan.cells if c.use_case == "stocks")
    assert cell.intent == Intent.out_of_scope and cell.expected == Expected.redirect


def _case(cid: str, rule: str | None, intent: Intent, **kw: object) -> Case:
    return Case(id=cid, messages=[Message(role="user", content=cid)], expected=Expected.comply,
                intent=intent, rule_ids=[rule] if rule else [], **kw)  # type: ignore[arg-type]


def test_report_counts_cells_and_lists_empty_thin_unplanned(small_guide: Guide) -> None:
    plan = plan_coverage(small_guide, techniques=["roleplay"], variations=[], languages=[], per_cell=2)
    cases = [
        _case("a", "privacy.no-other-orders", Intent.violating),
        _case("b", "privacy.no-other-orders", Intent.violating),
        _case("c", "privacy.no-other-orders", Intent.benign_lookalike, technique="roleplay"),
        _case("d", "service.refund-window", Intent.benign, use_case="orders"),
        _case("z", "privacy.no-other-orders", Intent.violating, technique="base64"),
    ]
    report = plan.report(cases)
    assert report == coverage_report(plan, cases)
    assert report.total_cases == 5
    assert report.unplanned == ["z"]
    counts = {c.cell.key: (c.count, c.status) for c in report.cells}
    assert counts["privacy.no-other-orders|violating|*|direct|none|en"] == (2, "full")
    assert counts["privacy.no-other-orders|benign_lookalike|*|roleplay|none|en"] == (1, "thin")
    assert counts["service.refund-window|benign|orders|direct|none|en"] == (1, "thin")
    assert counts["privacy.no-other-orders|benign_lookalike|*|direct|none|en"] == (0, "empty")
    assert len(report.empty) + len(report.thin) + sum(c.status == "full" for c in report.cells) == len(plan.cells)
    assert report.by_rule["privacy.no-other-orders"] == {"benign_lookalike": 1, "violating": 3}
    assert report.by_technique == {"base64": 1, "direct": 3, "roleplay": 1}
    assert report.missing_pairs == ["edge.extraction"]
    assert "5 cases over" in report.summary() and "missing violating/look-alike pairs: edge.extraction" in report.summary()


def test_select_keeps_pairs_first_then_spreads_over_axes(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide, per_cell=2)
    pairs = len(plan.paired_rules)
    small = plan.select(2 * pairs)
    assert small.total_quota == 2 * pairs
    assert {c.intent for c in small.cells} == {Intent.violating, Intent.benign_lookalike}
    assert {c.rule_id for c in small.cells} == set(plan.paired_rules)
    assert all(c.technique == "direct" and c.variation == "none" for c in small.cells)

    bigger = plan.select(200)
    assert bigger.total_quota == 200
    assert set(minimal_guide.rule_ids()) <= {c.rule_id for c in bigger.cells}
    assert {c.technique for c in bigger.cells} == set(plan.techniques)  # every technique at least once
    for c in bigger.cells:  # pairs are kept whole
        if c.pair is not None:
            assert sum(1 for d in bigger.cells if d.pair == c.pair) == 2
    assert plan.select(10_000) is plan
    assert plan.select(200) == bigger  # deterministic

    with pytest.raises(ConfigError, match="too small"):
        plan.select(2 * pairs - 1)


def test_plan_is_plain_serializable_data(minimal_guide: Guide) -> None:
    plan = plan_coverage(minimal_guide, techniques=["roleplay"])
    again = CoveragePlan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert plan.guide == "Acme Bank Helper@1.2.0" and plan.guide_hash == minimal_guide.fingerprint()


def test_synthesized_suite_fills_its_plan(small_guide: Guide) -> None:
    suite = synthesize(small_guide, per_cell=2, seed=3)
    from charter.synth import suite_plan

    plan = suite_plan(small_guide, suite)
    report = plan.report(suite.cases)
    assert report.unplanned == []
    assert report.missing_pairs == []
    # empty: a rule's plain-use cell whose only prompts are the use case's own examples (kept
    # once, in the use case's cell), and terse cells of requests that are one short clause already
    assert {(c.rule_id, c.intent.value, c.use_case) for c in report.empty if c.variation != "length-terse"} == {
        ("service.refund-window", "benign", "orders")}
    assert suite.config["dedupe"]["duplicates"] >= 1
