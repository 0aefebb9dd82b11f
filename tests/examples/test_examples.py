"""The guides under examples/ load, pass `charter check` cleanly and are complete."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from charter.cli import main
from charter.compile import compile_prompt
from charter.guide import EdgeCaseCategory, ExampleLabel, Guide, RuleKind, load_guide

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
NAMES = {"isp-support", "kids-tutor", "coding-agent"}
REQUIRED_EDGES = {
    EdgeCaseCategory.ambiguous,
    EdgeCaseCategory.typos,
    EdgeCaseCategory.out_of_scope,
    EdgeCaseCategory.impossible,
    EdgeCaseCategory.prompt_injection,
    EdgeCaseCategory.prompt_extraction,
    EdgeCaseCategory.unsupported_language,
}
_CACHE: dict[Path, Guide] = {}


def _guide(path: Path) -> Guide:
    if path not in _CACHE:
        _CACHE[path] = load_guide(path)
    return _CACHE[path]


def test_the_three_examples_exist() -> None:
    assert {p.stem for p in EXAMPLES} >= NAMES


@pytest.fixture(params=[p for p in EXAMPLES if p.stem in NAMES], ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_check_passes_without_warnings(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", str(example), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert report["ok"] is True and report["errors"] == 0
    assert report["warnings"] == 0, report["problems"]
    assert report["rules"] == len(_guide(example).rules)


def test_example_is_a_complete_guide(example: Path) -> None:
    g = _guide(example)
    assert len(g.rules) > 25
    own = [p for p in g.policies if p.id != "hazards"]
    assert 2 <= len(own) <= 4
    assert "charter:hazards/mlcommons" in g.include and len(g.hazards) == 14
    assert g.overrides, "each example shows at least one override of the hazard library"
    a = g.audience
    assert a.industry and a.personas and len(a.use_cases) >= 4 and a.user_goals and a.markets
    assert a.age_range is not None and a.languages.unsupported
    assert all(u.examples for u in a.use_cases)
    b = g.behavior
    assert b.principles and b.persona.name and b.persona.identity and b.tone.do and b.tone.avoid
    assert b.knowledge_cutoff
    budgets = b.verbosity.budgets
    assert budgets and all(x.min is not None and x.max is not None and x.min < x.max for x in budgets)
    assert b.verbosity.budget("default") is not None
    assert g.authority.untrusted and g.defaults
    d = g.disclosure
    assert d.ai_disclosure and d.intended_use and d.limitations and d.feedback_channel
    assert {e.category for e in g.edge_cases} >= REQUIRED_EDGES
    assert all(e.examples for e in g.edge_cases)
    assert all(e.alternative for e in g.edge_cases if e.category == EdgeCaseCategory.out_of_scope)
    assert len({r.id for r in g.rules}) == len(g.rules)


def test_every_must_not_rule_has_both_example_labels(example: Path) -> None:
    g = _guide(example)
    for rule in g.rules:
        assert rule.examples, rule.id
        for ex in rule.examples:
            assert ex.good and ex.bad, rule.id
        if rule.kind == RuleKind.must_not:
            labels = Counter(ex.label for ex in rule.examples)
            assert labels[ExampleLabel.violating] >= 1, rule.id
            assert labels[ExampleLabel.benign_lookalike] >= 1, rule.id


def test_overrides_are_applied(example: Path) -> None:
    g = _guide(example)
    for rid, ov in g.overrides.items():
        rule = g.rule(rid)
        if ov.severity is not None:
            assert rule.severity == ov.severity
        for added in ov.add_examples:
            assert added in rule.examples


def test_prompt_contains_every_rule(example: Path) -> None:
    g = _guide(example)
    text = " ".join(compile_prompt(g).text.split())
    for rule in g.rules:
        assert " ".join(rule.text.split()) in text, rule.id
    annotated = compile_prompt(g, variant="compact", annotate=True).text
    for rid in g.rule_ids():
        assert f"<!-- rule: {rid} -->" in annotated
