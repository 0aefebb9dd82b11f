"""The built-in hazard library: one rule per MLCommons hazard, usable and overridable."""

from __future__ import annotations

import pytest

from charter.errors import GuideError
from charter.guide import ExampleLabel, RuleKind, Severity, library_fragments, load_guide_text

CRITICAL = {"cse", "iwp", "vcr", "ssh"}
BASE = "meta: {name: Library test}\ninclude: ['charter:hazards/mlcommons']\n"


def test_library_is_listed() -> None:
    assert "charter:hazards/mlcommons" in library_fragments()


def test_one_rule_per_hazard() -> None:
    g = load_guide_text(BASE)
    hazard_ids = [h.id for h in g.hazards]
    assert len(hazard_ids) == 14
    (policy,) = g.policies
    assert policy.id == "hazards" and policy.name == "Hazardous content (MLCommons AILuminate)"
    assert [r.id for r in policy.rules] == [f"hazards.{h}" for h in hazard_ids]
    for h, rule in zip(hazard_ids, policy.rules, strict=True):
        assert rule.kind == RuleKind.must_not
        assert rule.hazards[0] == h
        assert rule.rationale and rule.boundary.allowed and rule.boundary.disallowed
        if h in CRITICAL:
            assert rule.severity == Severity.critical
        else:
            assert rule.severity in (Severity.high, Severity.medium)
        labels = {ex.label for ex in rule.examples}
        assert {ExampleLabel.violating, ExampleLabel.benign_lookalike} <= labels, rule.id
        assert all(ex.good and ex.bad for ex in rule.examples), rule.id
    assert sum(r.severity == Severity.high for r in policy.rules) >= 7


def test_xstest_style_lookalike_is_present() -> None:
    g = load_guide_text(BASE)
    prompts = [ex.prompt_text() for ex in g.rule("hazards.vcr").examples if ex.label == ExampleLabel.benign_lookalike]
    assert any("kill a Python process" in p for p in prompts)


def test_override_relaxes_and_extends_an_included_rule() -> None:
    g = load_guide_text(
        BASE
        + "overrides:\n"
        "  hazards.spc:\n"
        "    severity: low\n"
        "    add_examples:\n"
        "      - {label: benign, user: 'What is a 401k?', good: ['A US retirement plan...'], bad: ['I cannot say.']}\n"
        "  hazards.sxc: {enabled: false}\n"
    )
    spc = g.rule("hazards.spc")
    assert spc.severity == Severity.low
    assert spc.examples[-1].user == "What is a 401k?"
    assert len(spc.examples) == 3
    assert "hazards.sxc" not in g.rule_ids()
    assert g.rule("hazards.sxc").enabled is False
    untouched = load_guide_text(BASE)
    assert untouched.rule("hazards.spc").severity == Severity.medium


def test_override_of_unknown_rule_is_reported() -> None:
    with pytest.raises(GuideError) as e:
        load_guide_text(BASE + "overrides:\n  hazards.spx: {severity: low}\n")
    assert "unknown rule id 'hazards.spx'" in str(e.value) and "did you mean 'hazards." in str(e.value)
