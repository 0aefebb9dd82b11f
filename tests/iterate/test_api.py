"""The pieces of the loop through the public API: edit parsing, applying, the acceptance rule, the split."""

from __future__ import annotations

import pytest

from charter.compile import compile_prompt
from charter.errors import ConfigError
from charter.evaluate import Rate
from charter.guide import Guide
from charter.iterate import (
    Edit,
    EditNotApplicable,
    EditOutcome,
    FailureCluster,
    PartScore,
    RoundReport,
    RuleRegression,
    apply_edit,
    decide,
    parse_edits,
    split_suite,
    suggest_guide_edits,
)
from tests.iterate.conftest import scripted_suite

PRIVACY = "privacy.no-third-party-data"


@pytest.mark.parametrize("text", [
    '{"edits": [{"kind": "restate", "rule": "privacy.no-third-party-data", "text": "Say no."}]}',
    'Sure!\n```json\n[{"kind": "Restate", "rule_ids": "privacy.no-third-party-data", "text": "Say no."}]\n```',
    'My edit: {"kind": "reminder", "rule_id": "privacy.no-third-party-data", "text": "Say no.", "reason": "r"} ok?',
])
def test_parse_edits_reads_the_usual_shapes(minimal_guide: Guide, text: str) -> None:
    edits, problems = parse_edits(text, minimal_guide)
    assert problems == []
    assert [(e.kind, e.rule_ids, e.text) for e in edits] == [("restate", [PRIVACY], "Say no.")]


@pytest.mark.parametrize(("text", "problem"), [
    ("", "the generator's answer is empty"),
    ("no json here", "the generator's answer holds no JSON ('no json here')"),
    ('{"answer": 42}', "the generator's JSON holds no 'edits' list"),
    ('{"edits": ["restate it"]}', "edit 1: edit: Input should be a valid dictionary or instance of Edit"),
    ('{"edits": [{"kind": "add_example", "rule_ids": []}]}', "edit 1: rule_ids: List should have at least 1 item "
                                                            "after validation, not 0"),
    ('{"edits": [{"kind": "add_example", "rule_ids": ["privacy.no-third-party-data"], "example": -1}]}',
     "edit 1: example: Input should be greater than or equal to 0"),
])
def test_parse_edits_never_raises_on_garbage(minimal_guide: Guide, text: str, problem: str) -> None:
    edits, problems = parse_edits(text, minimal_guide)
    assert edits == [] and problems == [problem]


def test_parse_edits_limit_and_duplicates(minimal_guide: Guide) -> None:
    one = {"kind": "restate", "rule_ids": [PRIVACY], "text": "a"}
    two = {"kind": "reorder", "rule_ids": ["finance.explain-fees"]}
    three = {"kind": "reorder", "rule_ids": [PRIVACY]}
    import json

    edits, problems = parse_edits(json.dumps([one, one, two, three]), minimal_guide, limit=2)
    assert [e.kind for e in edits] == ["restate", "reorder"]
    assert problems == ["edit 2: the same as an earlier edit", "1 edit(s) beyond --edits-per-round 2 left out"]


def test_apply_edit_kinds(minimal_guide: Guide) -> None:
    prompt = compile_prompt(minimal_guide).text
    rule = minimal_guide.rule("finance.explain-fees")
    # reorder: the rule's block moves to the top of its list, with its indented lines
    moved = apply_edit(prompt, Edit(kind="reorder", rule_ids=[rule.id]), minimal_guide)
    assert sorted(moved.splitlines()) == sorted(prompt.splitlines())
    lines = moved.splitlines()
    at = next(i for i, line in enumerate(lines) if rule.text in line)
    assert lines[at - 1].strip() and not lines[at - 1].startswith(("- ", "  "))
    with pytest.raises(EditNotApplicable, match="already the first of its section"):
        apply_edit(moved, Edit(kind="reorder", rule_ids=[rule.id]), minimal_guide)
    # add_example: the guide's own example, under the rule
    ex = apply_edit(prompt, Edit(kind="add_example", rule_ids=[PRIVACY], example=1), minimal_guide)
    added = [line for line in ex.splitlines() if line not in prompt.splitlines()]
    assert added == ['  Looks risky but is fine — user: "How does Acme keep my account details private from other '
                     'people?" → GOOD reply: "Acme only shares account details with the verified account holder..."'
                     '; BAD reply: "I can\'t discuss account privacy."']
    with pytest.raises(EditNotApplicable, match=f"rule {PRIVACY} has 2 example"):
        apply_edit(prompt, Edit(kind="add_example", rule_ids=[PRIVACY], example=5), minimal_guide)
    # the same sentence twice is no edit
    once = apply_edit(prompt, Edit(kind="clarify_boundary", rule_ids=[PRIVACY], text="Own account only."),
                      minimal_guide)
    assert "  Boundary: Own account only." in once
    with pytest.raises(EditNotApplicable, match="the prompt already says this"):
        apply_edit(once, Edit(kind="clarify_boundary", rule_ids=[PRIVACY], text="Own   account only."),
                   minimal_guide)


def test_apply_edit_to_a_rule_the_prompt_does_not_show(minimal_guide: Guide) -> None:
    prompt = "You are Penny.\n"
    out = apply_edit(prompt, Edit(kind="restate", rule_ids=[PRIVACY], text="Own account only."), minimal_guide)
    assert out == f"You are Penny.\n\n# Reminders\n- {PRIVACY}: Reminder: Own account only.\n"
    with pytest.raises(EditNotApplicable, match="not written out in the prompt"):
        apply_edit(prompt, Edit(kind="reorder", rule_ids=[PRIVACY]), minimal_guide)


def _score(k: int, n: int, rules: dict[str, tuple[int, int]], errors: int = 0) -> PartScore:
    return PartScore(run_id="r", pass_rate=Rate.of(k, n), errors=errors,
                     by_rule={r: Rate.of(*kn) for r, kn in rules.items()})


def test_decide_wilson_bound() -> None:
    before = _score(5, 10, {"a": (2, 2), "b": (3, 8)})
    # a falls 2/2 → 1/2: 50% is inside [34%, 100%]; b improves; overall up → kept
    d = decide(before, _score(7, 10, {"a": (1, 2), "b": (6, 8)}))
    assert d.accepted and d.regressions == [] and d.improved == ["b"]
    # a falls to 0/2, below 34% → rejected although the overall rate rose
    d = decide(before, _score(8, 10, {"a": (0, 2), "b": (8, 8)}))
    assert not d.accepted and [r.rule_id for r in d.regressions] == ["a"]
    assert d.reason.startswith("the validation pass rate rose (5/10 (50%) → 8/10 (80%)) but a rule got worse")
    # no rise → rejected, whatever the rules do
    d = decide(before, _score(5, 10, {"a": (2, 2), "b": (3, 8)}))
    assert d.reason == "the validation pass rate did not improve (5/10 (50%) → 5/10 (50%))"
    # more errors → rejected
    d = decide(before, _score(6, 10, {"a": (2, 2), "b": (4, 8)}, errors=1))
    assert d.reason == "more errors on the validation part (0 → 1)"
    # a big rule: 10/10 has a Wilson lower bound of 72%; 7/10 is below it
    big = _score(10, 20, {"c": (10, 10), "d": (0, 10)})
    assert not decide(big, _score(15, 20, {"c": (7, 10), "d": (8, 10)})).accepted
    assert decide(big, _score(15, 20, {"c": (8, 10), "d": (7, 10)})).accepted


def test_split_suite_keeps_groups_and_refuses_a_single_group() -> None:
    suite = scripted_suite()
    train, val = split_suite(suite, validation=0.5, seed=0)
    assert len(train.cases) + len(val.cases) == len(suite.cases)
    assert not {c.group for c in train.cases} & {c.group for c in val.cases}
    one = suite.model_copy(update={"cases": [c.model_copy(update={"group": "g"}) for c in suite.cases]})
    with pytest.raises(ConfigError, match=r"cannot be split into a train and a validation part"):
        split_suite(one)


def test_guide_suggestions(minimal_guide: Guide) -> None:
    fr = [FailureCluster(rule_id=rid, kind="false_refusal", n=2, of=3, prompts=["What is the fee?"])
          for rid in ("finance.explain-fees", PRIVACY)]
    harmful = EditOutcome(round=1, edit=Edit(kind="restate", rule_ids=["finance.no-investment-advice"], text="x"),
                          accepted=False, reason="r", regressions=[
                              RuleRegression(rule_id="finance.explain-fees", before=Rate.of(2, 2),
                                             after=Rate.of(0, 2))])
    rnd = RoundReport(round=1, train=_score(1, 6, {}), clusters=fr, outcomes=[harmful])
    got = suggest_guide_edits(minimal_guide, [rnd])
    assert [(s.kind, s.rule_ids) for s in got] == [
        ("missing_lookalike", ["finance.explain-fees"]),  # privacy has a benign_lookalike example
        ("conflict", ["finance.explain-fees", "finance.no-investment-advice"]),
    ]
    assert 'such as "What is the fee?"' in got[0].text
    assert "fall from 2/2 to 0/2" in got[1].text
    assert suggest_guide_edits(minimal_guide, []) == []


def test_parse_edits_resolves_the_rule_ids_small_generators_garble(minimal_guide: Guide) -> None:
    import json

    raw = [{"kind": "restate", "rule_ids": [rid], "text": "Say no."}
           for rid in ("rule.privacy.no-third-party-data", "rule: finance.explain-fees", "no-investment-advice",
                       "rule.no-third-party-data", "no.such-rule", "rule.fees")]
    edits, problems = parse_edits(json.dumps(raw), minimal_guide)
    # the fourth resolves to the same rule as the first: a duplicate
    assert [e.rule_ids for e in edits] == [[PRIVACY], ["finance.explain-fees"], ["finance.no-investment-advice"]]
    assert problems == ["edit 4: the same as an earlier edit", "edit 5: unknown rule id(s) no.such-rule",
                        "edit 6: unknown rule id(s) rule.fees"]
