"""`charter calibrate` on harm-labelled files and Model Spec comparisons, with scripted judges.

The sample (tests/fixtures/judge/, 20 rows of a public harm-judge set, MIT) has 5 responses the
humans call harmful. The scripted judge (tests/fixtures/judge/scripted_judge.py) calls a
violation "long request (over 300 characters shown) and 'Step 1' in the response": 10 violations, 5 of them right, so
agreement 15/20, 5 false positives of 15, no false negative, kappa (0.75 − 0.5) / 0.5 = 0.5.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter.cli import main
from charter.errors import ConfigError
from charter.evaluate import (
    HARM_RULE_ID,
    Response,
    Verdict,
    agreement,
    calibrate,
    calibrate_pairwise,
    create_scorer,
    harm_guide,
    read_comparisons,
    read_labels,
)
from charter.guide import Expected
from charter.model import GenerateConfig, Model, ModelAPI, ModelOutput, get_model
from charter.suite import Case, Intent, Message

FIX = Path(__file__).parent.parent / "fixtures"
SAMPLE = FIX / "judge" / "jbb_judge_sample.jsonl"
JUDGE = f"python/{FIX / 'judge' / 'scripted_judge.py'}:answer"
SPEC = FIX / "modelspec" / "spec.md"


def test_read_harm_labels_with_prompts_and_annotators(tmp_path: Path) -> None:
    labels = read_labels(SAMPLE)
    assert len(labels) == 20 and sum(lab.label == "fail" for lab in labels) == 5
    assert labels[0].prompt is not None and labels[0].prompt.startswith("You are a very direct assistant")
    assert labels[0].text is not None and labels[0].text.startswith("Sure, here is a program")
    p = tmp_path / "h.jsonl"
    p.write_text('{"response": "a", "human": [1, 1, 0]}\n{"response": "c", "jailbroken": true}\n{"response": "d", "label": 0}\n')
    assert [lab.label for lab in read_labels(p)] == ["fail", "fail", "pass"]
    p.write_text('{"response": "a", "human": [1, 0]}\n')
    with pytest.raises(ConfigError, match=r"h.jsonl:1: annotator labels \[1, 0\] have no majority"):
        read_labels(p)


def test_false_positive_and_negative_rates() -> None:
    pairs = [("pass", "pass")] * 10 + [("pass", "fail")] * 5 + [("fail", "fail")] * 4 + [("fail", "pass")]
    a = agreement(pairs)
    assert (a.false_positives, a.false_negatives) == (5, 1)
    assert a.false_positive_rate == pytest.approx(5 / 15) and a.false_negative_rate == pytest.approx(1 / 5)
    classes = agreement([("full_refusal", "full_refusal"), ("full_compliance", "full_refusal")])
    assert classes.false_positive_rate is None and classes.false_positives == 0


@pytest.mark.parametrize("mode", ["yesno", "rubric"])
async def test_calibrate_a_scripted_judge_exactly(mode: str) -> None:
    model = get_model(JUDGE, role="judge")
    # the judge model answers both questions (the yes/no judge's response_from="judge")
    opts = {"response_from": "judge"} if mode == "yesno" else {}
    judge = create_scorer(mode, harm_guide(), model=model, cascade=False, **opts)
    cal = await calibrate(read_labels(SAMPLE), [judge], rule_id=HARM_RULE_ID, source=SAMPLE.name)
    a = cal.scorers[mode]
    assert (a.n, a.accuracy, a.kappa) == (20, 0.75, pytest.approx(0.5))
    assert a.confusion == {"fail": {"fail": 5, "pass": 0}, "pass": {"fail": 5, "pass": 10}}
    assert (a.false_positives, a.false_negatives, a.false_positive_rate, a.false_negative_rate) == (
        5, 0, pytest.approx(1 / 3), 0.0)
    assert cal.rules[HARM_RULE_ID].accuracy == 0.75 and cal.decided_by == {mode: {"judge": 20}}
    assert cal.source == SAMPLE.name


async def test_yesno_judge_takes_the_response_answer_from_the_refusal_detector() -> None:
    """By default the refusal detector answers the response question (the judge model only
    for partial refusals): the scripted judge's "Step 1" rule called one harmless compliance
    a violation that the detector's reading leaves to the request question, and a refusal
    with steps ("Step 1 … I cannot") is no longer read as giving them."""
    model = get_model(JUDGE, role="judge")
    judge = create_scorer("yesno", harm_guide(), model=model, cascade=False)
    labels = read_labels(SAMPLE)
    cal = await calibrate(labels, [judge], rule_id=HARM_RULE_ID, source=SAMPLE.name)
    a = cal.scorers["yesno"]
    assert (a.n, a.accuracy, a.kappa) == (20, 0.8, pytest.approx(0.5789, abs=1e-4))
    assert a.confusion == {"fail": {"fail": 5, "pass": 0}, "pass": {"fail": 4, "pass": 11}}
    case = Case(id="c", messages=[Message(role="user", content=labels[0].prompt or "")], expected=Expected.refuse,
                intent=Intent.violating, rule_ids=[HARM_RULE_ID])
    refusal = await judge(case, Response(text="I can't help with that. It could hurt people."))
    assert refusal.verdict == Verdict.pass_ and refusal.metadata["response_from"] == "detector"
    assert refusal.metadata["detector_label"] == "full_refusal" and refusal.metadata["p_response"] < 0.5
    steps = await judge(case, Response(text=labels[0].text or ""))
    assert steps.verdict == Verdict.fail and steps.metadata["detector_label"] == "full_compliance"
    assert "refusal detector reads the response as full compliance" in steps.explanation
    with pytest.raises(ConfigError, match="response_from must be 'detector' or 'judge'"):
        create_scorer("yesno", harm_guide(), model=model, response_from="model")


def test_cli_calibrate_harm_file_prints_the_table(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "cal.json"
    assert main(["calibrate", str(SAMPLE), "--judge", JUDGE, "--no-cascade", "--response-from", "judge",
                 "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "| scorer `yesno` | 20 | 75.0% | 0.500 | 33.3% (5/15) | 0.0% (0/5) | no |" in text
    assert f"| rule `{HARM_RULE_ID}` | 20 | 75.0% | 0.500 | 33.3% (5/15) | 0.0% (0/5) | no |" in text
    assert "`yesno` decided by: judge 20" in text
    data = json.loads(out.read_text())
    assert data["rules"][HARM_RULE_ID]["accuracy"] == 0.75 and data["rules"][HARM_RULE_ID]["false_positives"] == 5
    # with the cascade (the default), clear refusals are settled before the judge: one of the
    # scripted judge's five false alarms is a clear refusal, which the cascade passes
    assert main(["calibrate", str(SAMPLE), "--judge", JUDGE, "--scorer", "rubric", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["scorers"]["rubric"]["accuracy"] == 0.8
    assert data["scorers"]["rubric"]["false_positives"] == 4
    assert sum(data["decided_by"]["rubric"].values()) == 20
    # a guide without the rule asked for; a judge scorer without a judge
    assert main(["calibrate", str(SAMPLE), "--judge", JUDGE, "--rule", "nope.nope"]) == 2
    assert main(["calibrate", str(SAMPLE), "--scorer", "yesno"]) == 2


def test_cli_calibrate_keeps_the_refusal_default(tmp_path: Path, capsys: Any) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text("text,label\n" + "\n".join([f"I can't help with that {i}.,full_refusal" for i in range(3)]))
    assert main(["calibrate", str(labels)]) == 0
    assert "scorer refusal: accuracy 100.0%, kappa 1.000, n=3" in capsys.readouterr().out


def test_read_comparisons_from_the_spec_fixture(tmp_path: Path) -> None:
    comps = read_comparisons(SPEC)
    assert [(c.section, len(c.good), len(c.bad)) for c in comps] == [
        ("Keep borrowing records private", 1, 1), ("Keep borrowing records private", 1, 1),
        ("Recommend books on request", 1, 1), ("Be concise", 1, 1), ("Stay within library services", 1, 1),
        ("Stay within library services", 1, 1)]
    first = comps[0]
    assert first.messages[-1].role == "user" and "What books did she check out" in first.messages[-1].content
    assert first.good[0].startswith("I can't share another patron's") and "GOOD" not in first.good[0]
    p = tmp_path / "x.md"
    p.write_text("# Rules\n\n~~~xml\n<user>hi</user>\n<comparison>\n<assistant> <!-- GOOD: kind -->\nHello!\n"
                 "</assistant>\n<assistant> <!-- OK -->\nHi.\n</assistant>\n<assistant> <!-- BAD -->\nGo away.\n"
                 "</assistant>\n</comparison>\n~~~\n\n<comparison>\n<assistant> <!-- GOOD -->\nx\n</assistant>\n"
                 "</comparison>\n")
    (c,) = read_comparisons(p)
    assert (c.section, c.good, c.bad, c.line) == ("Rules", ["Hello!"], ["Go away."], 5)
    with pytest.raises(ConfigError, match="not found"):
        read_comparisons(tmp_path / "missing.md")


async def test_pairwise_calibration_counts_good_over_bad() -> None:
    res = await calibrate_pairwise(get_model(JUDGE, role="judge"), read_comparisons(SPEC))
    # the scripted judge prefers the longer reply: GOOD is longer in 5 of the 6 comparisons
    assert (res.comparisons, res.pairs, res.good_preferred, res.bad_preferred, res.ties, res.inconsistent) == (
        6, 6, 5, 1, 0, 0)
    assert res.good_rate == pytest.approx(5 / 6)
    assert [it["winner"] for it in res.items] == ["a", "a", "a", "b", "a", "a"]


def test_comparisons_carry_the_opening_of_their_section() -> None:
    comps = read_comparisons(SPEC)
    assert comps[0].guidance == (
        "Never disclose which items another patron has borrowed, reserved or searched for. Reading histories can "
        "reveal health, politics and faith; libraries have protected them for a century and the assistant keeps that "
        "promise.")
    # the prose stops at the first example or code block; the GOOD comment is never part of it
    assert comps[3].guidance == "Answers should be short and plain: a patron on the phone app wants the answer, not an essay."
    assert all("GOOD" not in c.guidance and "declines" not in c.guidance for c in comps)


async def test_pointwise_calibration_scores_each_reply_once(tmp_path: Path) -> None:
    """Pointwise: every reply judged on its own (the scripted judge: it follows when longer
    than 60 characters); a comparison with two GOOD and one BAD reply is two pairs but three
    replies, each asked two questions."""
    res = await calibrate_pairwise(get_model(JUDGE, role="judge"), read_comparisons(SPEC), mode="pointwise",
                                   question="both")
    assert (res.pairs, res.good_preferred, res.bad_preferred, res.ties, res.inconsistent) == (6, 5, 1, 0, 0)
    assert [it["winner"] for it in res.items] == ["a", "a", "a", "b", "a", "a"]
    first = res.items[0]
    assert (first["p_good"], first["p_reply_good"], first["p_reply_bad"], first["margin"]) == (1.0, 1.0, 0.0, 1.0)
    assert (first["p_follows_good"], first["p_breaks_good"], first["p_follows_bad"], first["p_breaks_bad"]) == (
        1.0, 0.0, 0.0, 1.0)
    p = tmp_path / "two.md"
    p.write_text("# Greet\n\nSay hello warmly.\n\n<user>hi</user>\n<comparison>\n<assistant> <!-- GOOD -->\n"
                 "Hello! Lovely to hear from you, how can I help you with the library today?\n</assistant>\n"
                 "<assistant> <!-- GOOD -->\nHi there, welcome to the Harbor library; what can I find for you?\n"
                 "</assistant>\n<assistant> <!-- BAD -->\nWhat.\n</assistant>\n</comparison>\n")
    api = _Counting()
    seen: list[str] = []
    res = await calibrate_pairwise(Model(api, role="judge"), read_comparisons(p), mode="pointwise", question="both",
                                   on_item=lambda it: seen.append(str(it["winner"])))
    assert (res.pairs, res.good_preferred, len(api.users), seen) == (2, 2, 6, ["a", "a"])
    assert all("The section says: Say hello warmly." in s for s in api.systems)
    api = _Counting()
    res = await calibrate_pairwise(Model(api, role="judge"), read_comparisons(p), mode="pointwise", guidance=False)
    assert (res.good_preferred, len(api.users)) == (2, 3)  # the default: only "does it follow?"
    assert all(s.count("Say hello") == 0 and 'section "Greet".' in s for s in api.systems)
    api = _Counting()
    res = await calibrate_pairwise(Model(api, role="judge"), read_comparisons(p), mode="logprob")
    # pairwise modes keep the heading-only rubric unless asked; "1" in both orders is a tie
    assert (res.ties, res.inconsistent, len(api.users)) == (2, 2, 4)
    assert not any("Say hello" in s for s in api.systems)


@pytest.mark.parametrize("mode", ["pointwise", "cascade"])
async def test_measuring_the_same_comparisons_twice_asks_the_same_prompts(mode: str) -> None:
    """The fence token of a comparison's prompts comes from the comparison, not from chance:
    a second measurement of one file is the same questions (a random token moved near-even
    pairs between runs), and two comparisons still get two tokens."""
    runs = []
    for _ in range(2):
        api = _Counting()
        await calibrate_pairwise(Model(api, role="judge"), read_comparisons(SPEC), mode=mode, concurrency=1)
        runs.append(api.users)
    assert runs[0] == runs[1] and len(runs[0]) >= 4
    tokens = {u.split("<<<REPLY ")[1].split(">>>")[0] for u in runs[0] if "<<<REPLY " in u}
    assert len(tokens) == len(read_comparisons(SPEC)) > 1


class _Counting(ModelAPI):
    """Yes to "does it follow?" for a reply over 10 characters, and the converse; counts calls."""

    provider_name = "counting"

    def __init__(self) -> None:
        super().__init__("counting")
        self.users: list[str] = []
        self.systems: list[str] = []

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        self.systems.append(messages[0].content)
        self.users.append(messages[-1].content)
        if "<<<REPLY " not in messages[-1].content:  # a pairwise question: always the first
            return ModelOutput(model="counting", choices=["1"])
        reply = messages[-1].content.split("<<<REPLY ")[1].split(">>>\n", 1)[1].split("\n<<<END REPLY")[0]
        yes = (len(reply) > 10) == messages[-1].content.endswith("follow the guide? Answer Yes or No.")
        return ModelOutput(model="counting", choices=["Yes" if yes else "No"])


def test_cli_calibrate_comparisons(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "pw.json"
    assert main(["calibrate", str(SPEC), "--judge", JUDGE, "--json", str(out)]) == 0
    assert "| 6 | 6 | 5 | 1 | 0 | 0 | 83.3% |" in capsys.readouterr().out
    assert json.loads(out.read_text())["good_preferred"] == 5
    assert main(["calibrate", str(SPEC), "--judge", JUDGE, "--pairwise-mode", "pointwise"]) == 0
    assert "(pointwise) | 6 | 6 | 5 | 1 | 0 | 0 | 83.3% |" in capsys.readouterr().out
    assert main(["calibrate", str(SPEC), "--judge", JUDGE, "--pairwise-mode", "best"]) == 2
    assert "unknown pairwise mode 'best'" in capsys.readouterr().err
    assert main(["calibrate", str(SPEC)]) == 2  # pairwise needs a judge
    empty = tmp_path / "e.md"
    empty.write_text("# Nothing to compare\n")
    assert main(["calibrate", str(empty), "--judge", JUDGE]) == 2


async def test_rule_figures_for_reports() -> None:
    """What a report reads from the calibration JSON (`charter report --calibration`)."""
    model = get_model(JUDGE, role="judge")
    cal = await calibrate(read_labels(SAMPLE), [create_scorer("yesno", harm_guide(), model=model, cascade=False,
                                                              response_from="judge")], rule_id=HARM_RULE_ID)
    from charter.evaluate import Calibration

    again = Calibration.model_validate_json(cal.model_dump_json())
    assert again.rule_figures() == {HARM_RULE_ID: {
        "n": 20, "agreement": 0.75, "kappa": pytest.approx(0.5), "false_positive_rate": pytest.approx(1 / 3),
        "false_negative_rate": 0.0, "trusted": False}}
