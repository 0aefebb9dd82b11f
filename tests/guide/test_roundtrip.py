"""Property: any valid guide survives dump_guide → YAML → load_guide_text unchanged (its text in
Unicode form NFC, the form the loader reads every string in: a decomposed string comes back composed)."""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.guide import Guide, dump_guide, load_guide_text

LIB_HAZARDS = ["vcr", "ncr", "prv", "spc", "S1", "S7", "S14"]

text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=40)
    .map(lambda s: unicodedata.normalize("NFC", s).strip())
    .filter(bool)
)
tricky = st.sampled_from(["yes", "null", "1.0", "2026-01-01", "~", "- item", "a: b", "#x", "'q'", '"dq"', "&a", "*a",
                          "true", "0x1F", "é ü 中文", "multi\nline"])
words = st.one_of(text, tricky)
simple_id = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)


@st.composite
def examples(draw: st.DrawFn) -> dict[str, Any]:
    ex: dict[str, Any] = {"label": draw(st.sampled_from(["violating", "benign_lookalike", "borderline", "benign"]))}
    if draw(st.booleans()):
        ex["user"] = draw(words)
    else:
        ex["conversation"] = draw(st.lists(
            st.fixed_dictionaries({"role": st.sampled_from(["system", "developer", "user", "assistant", "tool"]),
                                   "content": words}), min_size=1, max_size=3))
    ex["good"] = draw(st.lists(words, max_size=2))
    ex["bad"] = draw(st.lists(words, max_size=2))
    if draw(st.booleans()):
        ex["note"] = draw(words)
    return ex


@st.composite
def guides(draw: st.DrawFn) -> Guide:
    use_cases = draw(st.lists(simple_id, unique=True, max_size=3))
    rule_names = draw(st.lists(simple_id, unique=True, min_size=1, max_size=6))
    policy_ids = draw(st.lists(simple_id, unique=True, min_size=1, max_size=3))

    def rule(rid: str, kind: str | None = None) -> dict[str, Any]:
        r: dict[str, Any] = {
            "id": rid,
            "kind": kind or draw(st.sampled_from(["must", "must_not", "should", "default"])),
            "text": draw(words),
            "authority": draw(st.sampled_from(["platform", "developer", "user", "guideline"])),
            "severity": draw(st.sampled_from(["low", "medium", "high", "critical"])),
            "hazards": draw(st.lists(st.sampled_from(LIB_HAZARDS), unique=True, max_size=2)),
            "use_cases": draw(st.lists(st.sampled_from(use_cases), unique=True, max_size=2)) if use_cases else [],
            "examples": draw(st.lists(examples(), max_size=2)),
            "enabled": draw(st.booleans()),
        }
        if draw(st.booleans()):
            r["boundary"] = {"allowed": draw(st.lists(words, max_size=2)), "disallowed": draw(st.lists(words, max_size=2))}
        return r

    policies = [{"id": pid, "name": draw(words), "rules": []} for pid in policy_ids]
    defaults = []
    for i, name in enumerate(rule_names):
        if i % 3 == 2:
            defaults.append(rule(f"defaults.{name}", "default"))
        else:
            pol = policies[i % len(policies)]
            pol["rules"].append(rule(f"{pol['id']}.{name}"))
    data: dict[str, Any] = {
        "meta": {"name": draw(words), "version": draw(st.sampled_from(["1.0", "0.1.0", "2"])),
                 "owners": draw(st.lists(words, max_size=2)), "description": draw(st.one_of(st.just(""), words))},
        "audience": {"use_cases": [{"id": u, "name": draw(words), "in_scope": draw(st.booleans()),
                                    "examples": draw(st.lists(words, max_size=2))} for u in use_cases]},
        "behavior": {"formatting": {"emoji": draw(st.booleans()), "tables": draw(st.booleans())},
                     "verbosity": {"budgets": [{"kind": "default", "min": draw(st.integers(0, 50)),
                                                "max": draw(st.integers(1, 500))}]}},
        "policies": policies,
        "defaults": defaults,
        "edge_cases": [{"id": "edge.case", "category": draw(st.sampled_from(["ambiguous", "out_of_scope", "typos"])),
                        "description": draw(words), "expected": draw(st.sampled_from(["refuse", "clarify", "redirect"])),
                        "response": draw(words), "examples": draw(st.lists(examples(), max_size=1))}],
        "disclosure": {"limitations": draw(st.lists(words, max_size=2))},
    }
    return Guide.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(guides())
def test_guide_round_trips_through_yaml(guide: Guide) -> None:
    text_ = yaml.safe_dump(dump_guide(guide), sort_keys=False, allow_unicode=True)
    assert load_guide_text(text_) == guide
    assert load_guide_text(yaml.safe_dump(dump_guide(guide))) == guide  # escaped (ASCII) form too


def test_a_decomposed_string_loads_composed_in_both_yaml_forms() -> None:
    nfd = unicodedata.normalize("NFD", "Xin lỗi, tôi không thể hỗ trợ việc này.")
    assert nfd != unicodedata.normalize("NFC", nfd)
    doc = {"meta": {"name": "vi", "version": "1.0", "description": nfd}}
    for text_ in (yaml.safe_dump(doc, allow_unicode=True), yaml.safe_dump(doc)):  # raw, then escaped
        assert load_guide_text(text_).meta.description == "Xin lỗi, tôi không thể hỗ trợ việc này."
