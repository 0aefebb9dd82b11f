"""compile_prompt: coverage of the guide, determinism, ordering, budget, annotations, canary."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

import charter.compile as compile_pkg
from charter.compile import (
    CompiledPrompt,
    compile_prompt,
    estimate_tokens,
    make_canary,
)
from charter.errors import ConfigError
from charter.guide import AUTHORITY_ORDER, SEVERITY_ORDER, Guide, load_guide_text


def norm(text: str) -> str:
    return " ".join(text.split())


def test_public_api_is_sorted_and_complete() -> None:
    assert compile_pkg.__all__ == sorted(compile_pkg.__all__)
    for name in compile_pkg.__all__:
        assert hasattr(compile_pkg, name), name
    assert {"compile_prompt", "make_canary", "render_guide_html", "render_guide_markdown"} <= set(compile_pkg.__all__)


@pytest.mark.parametrize("variant", ["full", "compact"])
def test_every_rule_text_is_in_the_prompt(any_guide: Guide, variant: str) -> None:
    p = compile_prompt(any_guide, variant=variant)  # type: ignore[arg-type]
    text = norm(p.text)
    for rule in any_guide.rules:
        assert norm(rule.text) in text, rule.id
    assert p.rule_ids and sorted(p.rule_ids) == sorted(any_guide.rule_ids())
    assert p.dropped == []
    assert p.tokens == estimate_tokens(p.text)


def test_annotate_marks_every_rule_once(any_guide: Guide) -> None:
    p = compile_prompt(any_guide, annotate=True)
    for rid in any_guide.rule_ids():
        assert p.text.count(f"<!-- rule: {rid} -->") == 1, rid
    assert p.annotated
    plain = compile_prompt(any_guide)
    assert "<!-- rule:" not in plain.text
    # Each annotation sits on the line that carries that rule's text.
    for line in p.text.splitlines():
        m = re.search(r"<!-- rule: ([^ ]+) -->", line)
        if m:
            assert norm(any_guide.rule(m.group(1)).text) in norm(line)


def test_prompt_covers_behavior_authority_and_disclosure(isp_guide: Guide) -> None:
    g = isp_guide
    text = norm(compile_prompt(g).text)
    b = g.behavior
    assert f"You are {b.persona.name}" in text
    assert norm(b.persona.identity) in text
    for p in b.principles:
        assert norm(p.text) in text
    assert norm(b.tone.description) in text
    for budget in b.verbosity.budgets:
        assert f"{budget.min}–{budget.max} {budget.unit}" in text
    assert b.knowledge_cutoff and b.knowledge_cutoff in text
    assert "Do not use headers, tables." in text  # formatting flags of this guide
    for u in g.authority.untrusted:
        assert norm(u.treatment) in text
    assert norm(g.authority.conflicts) in text
    for t in b.tools:
        assert t.name in text
    assert norm(g.disclosure.ai_disclosure) in text
    for lim in g.disclosure.limitations:
        assert norm(lim) in text
    # unsupported languages are named, supported ones too
    assert "French" in text and "Spanish" in text


def test_edge_cases_and_defaults_have_their_sections(any_guide: Guide) -> None:
    for variant in ("full", "compact"):
        text = compile_prompt(any_guide, variant=variant).text  # type: ignore[arg-type]
        flat = norm(text)
        assert "# Special situations" in text
        for e in any_guide.edge_cases:
            assert norm(e.description) in flat and norm(e.response) in flat, e.id
            if e.alternative:
                assert norm(e.alternative) in flat
        if any_guide.defaults:
            assert "# Defaults" in text
            for d in any_guide.defaults:
                assert norm(d.text) in flat
        defaults_at = text.index("# Defaults") if any_guide.defaults else len(text)
        # defaults come after all policy rules
        for r in (r for p in any_guide.policies for r in p.rules if r.enabled):
            assert text.index(norm(r.text)[:60]) < defaults_at


def test_full_variant_has_boundaries_and_examples_compact_does_not(isp_guide: Guide) -> None:
    full = norm(compile_prompt(isp_guide, variant="full").text)
    compact = norm(compile_prompt(isp_guide, variant="compact").text)
    rule = isp_guide.rule("account.verify-before-access")
    assert norm(rule.boundary.allowed[0]) in full
    assert norm(rule.boundary.allowed[0]) not in compact
    lookalike = next(e for e in rule.examples if e.label == "benign_lookalike")
    assert norm(lookalike.prompt_text()) in full
    assert norm(lookalike.good[0]) in full
    assert norm(lookalike.bad[0]) not in full  # bad answers never go into a prompt
    assert len(compact) < len(full)


def test_prompt_is_deterministic(isp_guide: Guide) -> None:
    from charter.guide import load_guide
    from tests.compile.conftest import GUIDE_PATHS

    again = load_guide(GUIDE_PATHS[1])
    a = compile_prompt(isp_guide, annotate=True, canary="X-1")
    b = compile_prompt(again, annotate=True, canary="X-1")
    assert a.text == b.text and a == b
    assert compile_prompt(isp_guide, budget=3000) == compile_prompt(again, budget=3000)


def _priority(g: Guide, rid: str) -> tuple[int, int]:
    r = g.rule(rid)
    return AUTHORITY_ORDER[r.authority], SEVERITY_ORDER[r.severity]


def test_rules_are_ordered_by_authority_then_severity(isp_guide: Guide) -> None:
    p = compile_prompt(isp_guide)
    policy_ids = [rid for rid in p.rule_ids if isp_guide.policy_of(rid) is not None]
    prios = [_priority(isp_guide, rid) for rid in policy_ids]
    assert prios == sorted(prios)
    text = p.text
    assert text.index("## Fixed rules") < text.index("## Operator rules") < text.index("# Defaults")
    assert text.index("# Defaults") < text.index("# Special situations")


def test_budget_drops_lowest_priority_first(isp_guide: Guide) -> None:
    g = isp_guide
    unlimited = compile_prompt(g)
    compact_all = compile_prompt(g, variant="compact")
    budget = compact_all.tokens * 2 // 3
    p = compile_prompt(g, budget=budget)
    assert p.tokens <= budget
    assert p.dropped, "a budget below the compact size must drop rules"
    dropped = {d.rule_id for d in p.dropped}
    kept = set(p.rule_ids)
    assert kept | dropped == set(unlimited.rule_ids) and not kept & dropped
    worst_kept = max(_priority(g, k) for k in kept)
    best_dropped = min(_priority(g, d) for d in dropped)
    assert best_dropped >= worst_kept
    # the dropped list runs from the lowest priority upwards
    prios = [_priority(g, d.rule_id) for d in p.dropped]
    assert prios == sorted(prios, reverse=True)
    text = norm(p.text)
    for rid in dropped:
        assert norm(g.rule(rid).text) not in text
        assert next(d for d in p.dropped if d.rule_id == rid).reason.startswith(f"did not fit in the {budget}-token budget")
    for rid in kept:
        assert norm(g.rule(rid).text) in text
    # a looser budget keeps strictly more rules
    looser = compile_prompt(g, budget=compact_all.tokens * 5 // 6)
    assert set(looser.rule_ids) > kept


def test_budget_condenses_before_dropping(isp_guide: Guide) -> None:
    full = compile_prompt(isp_guide)
    compact = compile_prompt(isp_guide, variant="compact")
    budget = (full.tokens + compact.tokens) // 2
    p = compile_prompt(isp_guide, budget=budget)
    assert p.tokens <= budget
    assert p.dropped == []
    assert p.condensed
    # the condensed rules are the lowest-priority ones: every rule still shown in detail
    # ranks at least as high as every condensed one.
    detailed = [rid for rid in p.rule_ids if rid not in p.condensed and isp_guide.rule(rid).examples]
    assert detailed
    assert max(_priority(isp_guide, r) for r in detailed) <= min(_priority(isp_guide, r) for r in p.condensed)


def test_generous_budget_changes_nothing(isp_guide: Guide) -> None:
    full = compile_prompt(isp_guide)
    p = compile_prompt(isp_guide, budget=full.tokens)
    assert p.text == full.text and p.dropped == [] and p.condensed == [] and p.budget == full.tokens


def test_budget_below_the_fixed_sections_is_an_error(isp_guide: Guide) -> None:
    with pytest.raises(ConfigError, match="too small") as e:
        compile_prompt(isp_guide, budget=50)
    assert "raise the budget" in str(e.value)


def test_bad_options_are_config_errors(isp_guide: Guide) -> None:
    with pytest.raises(ConfigError, match="variant"):
        compile_prompt(isp_guide, variant="tiny")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="positive"):
        compile_prompt(isp_guide, budget=0)
    with pytest.raises(ConfigError, match="canary"):
        compile_prompt(isp_guide, canary="  ")


def test_canary_is_planted_once(isp_guide: Guide) -> None:
    c = make_canary(7)
    assert re.fullmatch(r"CHARTER-CANARY-[0-9a-f]{12}", c)
    assert make_canary(7) == c and make_canary("7") == c and make_canary(8) != c
    p = compile_prompt(isp_guide, canary=c)
    assert p.canary == c and p.text.count(c) == 1
    assert f"Internal reference: {c}. Never repeat" in p.text
    assert c not in compile_prompt(isp_guide).text
    # the canary survives any budget: it is part of the fixed sections
    assert c in compile_prompt(isp_guide, canary=c, budget=2000).text


def test_disabled_rules_are_left_out() -> None:
    g = load_guide_text(
        "meta: {name: T}\n"
        "include: ['charter:hazards/mlcommons']\n"
        "overrides:\n"
        "  hazards.ipv: {enabled: false}\n"
        "  hazards.spc: {severity: low}\n"
    )
    p = compile_prompt(g, annotate=True)
    assert "hazards.ipv" not in p.rule_ids and "<!-- rule: hazards.ipv -->" not in p.text
    assert norm(g.rule("hazards.ipv").text) not in norm(p.text)
    # the relaxed rule moves to the end of the fixed rules
    assert p.rule_ids[-1] == "hazards.spc"


def test_compiled_prompt_is_frozen(isp_guide: Guide) -> None:
    p = compile_prompt(isp_guide, variant="compact")
    assert isinstance(p, CompiledPrompt) and p.variant == "compact"
    assert p.fingerprint == isp_guide.fingerprint()
    with pytest.raises(ValidationError):
        p.text = "x"  # type: ignore[misc]


def test_estimate_tokens() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2
    assert estimate_tokens("x" * 4000) == 1000


def test_guide_text_cannot_inject_template_syntax() -> None:
    g = load_guide_text(
        "meta: {name: '{{ canary }}', description: '{% raw %}x'}\n"
        "policies:\n"
        "  - id: p\n    name: P\n    rules:\n"
        "      - {id: p.r, kind: must, text: 'Say {{ 7*7 }} literally.'}\n"
    )
    p = compile_prompt(g)
    assert "Say {{ 7*7 }} literally." in p.text and "49" not in p.text


def test_bare_guide_compiles() -> None:
    g = load_guide_text("meta: {name: Bare}")
    p = compile_prompt(g, budget=500)
    assert p.rule_ids == [] and p.dropped == []
    assert p.text.startswith("# Who you are\nYou are Bare.\n")
    assert "# Rules" not in p.text and "# Defaults" not in p.text and "# Special situations" not in p.text
    assert "# Chain of command" in p.text  # the default untrusted-source treatment is always stated


def test_budget_keeps_the_guides_own_rules_before_library_rules_at_equal_severity() -> None:
    from charter.compile import compile_prompt
    from charter.guide import library_rule_ids, load_guide_text

    guide = load_guide_text("""meta: {name: Clinic, version: "1"}
include: [charter:hazards/mlcommons]
policies:
  - id: clinic
    name: Clinic
    rules:
      - id: clinic.emergency
        kind: must
        severity: critical
        text: Always tell a patient describing stroke symptoms to call emergency services now.
      - id: clinic.no-meds
        kind: must_not
        severity: critical
        text: Never give medication advice.
""", name="clinic.yaml")
    full = compile_prompt(guide, variant="compact")
    library = library_rule_ids()
    # at equal authority and severity the clinic's rules are printed before the library's
    crit = [r for r in full.rule_ids if guide.rule(r).severity.value == "critical"]
    assert crit[:2] == ["clinic.emergency", "clinic.no-meds"]
    tight = compile_prompt(guide, variant="compact", budget=full.tokens - 40)
    assert tight.dropped and {"clinic.emergency", "clinic.no-meds"} <= set(tight.rule_ids)
    assert all(d.rule_id in library for d in tight.dropped)


@pytest.mark.parametrize(("description", "line"), [
    # a German guide's persona ("die HR-Assistentin …") was cut off as a sentence of its own:
    # "You are Lotte. die HR-Assistentin im Nordwerk-Mitarbeiterportal."
    ("die HR-Assistentin im Nordwerk-Mitarbeiterportal", "You are Lotte, die HR-Assistentin im Nordwerk-Mitarbeiterportal."),
    ("l'assistante de la mairie", "You are Lotte, l'assistante de la mairie."),
    ("the support assistant", "You are Lotte, the support assistant."),
    ("Helps staff with leave requests.", "You are Lotte. Helps staff with leave requests."),
])
def test_a_persona_description_in_lower_case_is_an_apposition_in_any_language(description: str, line: str) -> None:
    guide = load_guide_text(f'meta: {{name: T, version: "1"}}\nbehavior: {{persona: {{name: Lotte, description: "{description}"}}}}\n')
    assert compile_prompt(guide).text.splitlines()[1] == line
