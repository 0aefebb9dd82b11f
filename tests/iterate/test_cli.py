"""`charter iterate` end to end with scripted models: the good edit is kept, the harmful one
rejected with its reason, and bad input ends with the documented exit code and message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli import main
from tests.fixtures.iterate.scripted import GOOD, HARMFUL
from tests.iterate.conftest import SCRIPTED, model


def iterate(guide: Path, suite: Path, out: Path, *extra: object, target: str = "target",
            generator: str = "propose") -> int:
    args = ["iterate", guide, "--target", model(target), "--generator", model(generator), "--suite", suite,
            "--store", out.parent / "runs.db", "-o", out, *extra]
    return main([str(a) for a in args])


def test_good_edit_kept_harmful_edit_rejected(minimal_guide_path: Path, suite_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "1") == 0
    std = capsys.readouterr()
    report = json.loads((out / "report.json").read_text())
    assert (report["train_cases"], report["validation_cases"]) == (7, 7)
    assert (report["start"]["pass_rate"]["k"], report["final"]["pass_rate"]["k"]) == (2, 4)
    [kept] = report["accepted"]
    assert kept["edit"]["kind"] == "restate" and kept["edit"]["rule_ids"] == ["privacy.no-third-party-data"]
    [rejected] = report["rejected"]
    assert rejected["edit"]["kind"] == "clarify_boundary"
    assert rejected["reason"] == (
        "the validation pass rate rose (2/7 (29%) → 3/7 (43%)) but a rule got worse beyond its interval: "
        "finance.explain-fees fell from 2/2 (100%), Wilson 95% 34%–100% to 0/2 (0%)")
    final = (out / "prompt.final.md").read_text()
    start = (out / "prompt.start.md").read_text()
    assert f"  Reminder: {GOOD}" in final and HARMFUL not in final
    assert GOOD not in start and final != start
    [diff] = sorted((out / "edits").glob("*.diff"))
    assert diff.name == "01-accepted-restate-privacy-no-third-party-data.diff"
    text = diff.read_text()
    assert text.startswith("# edit 1 (round 1): restate for privacy.no-third-party-data\n")
    assert f"+  Reminder: {GOOD}" in text and HARMFUL not in text
    md = (out / "report.md").read_text()
    assert "**Validation pass rate: 2/7 (29%) [8%–64%] → 4/7 (57%) [25%–84%]**" in md
    assert "| privacy.no-third-party-data | violation | 2/2 |" in md
    assert "rejected: the validation pass rate rose" in md
    kinds = {(s["kind"], tuple(s["rule_ids"])) for s in report["suggestions"]}
    assert kinds == {("conflict", ("finance.explain-fees", "finance.no-investment-advice")),
                     ("unfixed", ("finance.no-investment-advice",))}
    assert "conflict" in (out / "guide-suggestions.md").read_text()
    assert "validation pass rate 2/7 (29%) → 4/7 (57%); 1 edit(s) kept, 1 rejected" in std.out
    assert "ACCEPTED restate privacy.no-third-party-data" in std.err
    assert "rejected clarify_boundary finance.no-investment-advice" in std.err


def test_second_round_does_not_retry_the_same_edits(minimal_guide_path: Path, suite_path: Path,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "2") == 0
    report = json.loads((out / "report.json").read_text())
    r1, r2 = report["rounds"]
    assert len(r1["outcomes"]) == 2 and r2["outcomes"] == []
    assert r2["generator_problems"] == ["2 edit(s) already tried in an earlier round left out"]
    # the train part now passes privacy.no-third-party-data: only the investment rule is left
    assert [c["rule_id"] for c in r2["clusters"]] == ["finance.no-investment-advice"]
    assert report["final"]["pass_rate"]["k"] == 4


def test_budget_stops_the_loop(minimal_guide_path: Path, suite_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # baseline 7 + train 7 + one candidate 7 = 21; the second candidate would need 28
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "3", "--budget", "21") == 0
    report = json.loads((out / "report.json").read_text())
    assert report["queries"] == 21
    assert report["stopped"] == "the budget of 21 target responses is reached (in round 1)"
    assert [o["edit"]["kind"] for o in report["rounds"][0]["outcomes"]] == ["clarify_boundary"]


def test_generator_garbage_exits_4_after_writing(minimal_guide_path: Path, suite_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "1", generator="garbage") == 4
    err = capsys.readouterr().err
    assert (f"charter: the generator python/{SCRIPTED}:garbage gave no usable edit in 1 round(s): the generator's "
            "answer holds no JSON ('I think the assistant should just be nicer to everyone!!! {not json')") in err
    assert "use a stronger --generator" in err
    assert (out / "prompt.final.md").read_text() == (out / "prompt.start.md").read_text()
    assert "Generator output not used:" in (out / "report.md").read_text()
    assert list((out / "edits").glob("*.diff")) == []


def test_broken_edits_are_listed_and_the_usable_one_tried(minimal_guide_path: Path, suite_path: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "1", generator="mixed") == 0
    report = json.loads((out / "report.json").read_text())
    [rnd] = report["rounds"]
    problems = rnd["generator_problems"]
    assert problems[0].startswith("edit 1: kind: Input should be 'restate', 'add_example', 'reorder' or ")
    assert problems[1:] == ["edit 2: unknown rule id(s) no.such-rule", "edit 3: a restate edit needs a 'text'"]
    [outcome] = rnd["outcomes"]
    assert outcome["edit"]["kind"] == "add_example" and not outcome["accepted"]
    assert outcome["reason"] == "the validation pass rate did not improve (2/7 (29%) → 2/7 (29%))"


@pytest.mark.parametrize(("args", "message"), [
    (["--target", "nope/x"], "charter: unknown model provider 'nope' in 'nope/x'"),
    (["--rounds", "0"], "charter: --rounds 0 is out of range: it must be an integer from 1 to 100"),
    (["--validation", "1"], "charter: --validation 1.0 is out of range: it must be a number > 0 and < 1"),
    (["--budget", "5"], "charter: --budget 5 is too small: one round needs 21 target responses (the validation "
                        "part twice, 7 cases, and the train part once, 7 cases)"),
    (["--variant", "short"], "charter: --variant 'short' is not a prompt variant"),
    (["--timeout", "0"], "charter: --timeout 0.0 is out of range: it must be a number > 0"),
    (["--target-option", "parallel"], "charter: --target-option 'parallel' is not key=value"),
])
def test_bad_input_exits_2(minimal_guide_path: Path, suite_path: Path, tmp_path: Path, args: list[str],
                           message: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    rc = main(["iterate", str(minimal_guide_path), "--target", model("target"), "--generator", model("propose"),
               "--suite", str(suite_path), "--store", str(tmp_path / "runs.db"), "-o", str(out), *args])
    assert rc == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_suite_of_another_guide_exits_2(examples_dir: Path, suite_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert iterate(examples_dir / "isp-support.yaml", suite_path, tmp_path / "out") == 2
    assert "cites rule ids the guide 'Brightline Support Assistant' does not define" in capsys.readouterr().err


def test_a_target_that_always_fails_exits_4(minimal_guide_path: Path, suite_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    args = ["iterate", str(minimal_guide_path), "--target", "mock/error", "--generator", model("propose"),
            "--suite", str(suite_path), "--store", str(tmp_path / "runs.db"), "-o", str(tmp_path / "out")]
    assert main(args) == 4
    err = capsys.readouterr().err
    assert "charter: every response of the start-validation run (" in err
    assert "hint: a prompt too long for the model's context: try --variant compact" in err


def test_a_failing_generator_is_recorded_and_exits_4(minimal_guide_path: Path, suite_path: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = ["iterate", str(minimal_guide_path), "--target", model("target"), "--generator", "mock/error",
            "--suite", str(suite_path), "--store", str(tmp_path / "runs.db"), "-o", str(tmp_path / "out"),
            "--rounds", "2"]
    assert main(args) == 4
    assert ("charter: the generator mock/error gave no usable edit in 2 round(s): the generator failed: "
            in capsys.readouterr().err)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [len(r["generator_problems"]) for r in report["rounds"]] == [1, 1]


def test_without_a_suite_cases_are_synthesised(minimal_guide_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    base = ["iterate", str(minimal_guide_path), "--target", "mock/cautious", "--generator", model("propose"),
            "--store", str(tmp_path / "runs.db"), "--rounds", "1", "-o", str(tmp_path / "out")]
    assert main([*base, "-n", "10"]) == 2
    err = capsys.readouterr().err
    assert "charter: -n 10: n=10 is too small to give each of the 17 paired rules a violating and a look-alike" in err
    assert "hint: pass a larger -n (the number above), or a suite with --suite" in err
    assert main([*base, "-n", "40"]) == 0
    assert "synthesised 40 cases offline from" in capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["train_cases"] + report["validation_cases"] == 40
    # mock/cautious does not read its prompt: no edit can help, and none is kept
    assert report["accepted"] == [] and len(report["rejected"]) == 2
    assert report["final_prompt"] == report["start_prompt"]


def test_a_generator_with_a_small_context_is_asked_again_with_a_shorter_request(
        minimal_guide_path: Path, suite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from charter.compile import compile_prompt
    from charter.guide import load_guide
    from charter.iterate import FailureCluster, edit_request
    from tests.fixtures.iterate.scripted import SMALL_CONTEXT_CHARS

    # the full request overflows the scripted generator's context, the compact one fits it
    guide = load_guide(minimal_guide_path)
    prompt = compile_prompt(guide).text
    clusters = [FailureCluster(rule_id="privacy.no-third-party-data", kind="violation", n=2, of=2,
                               prompts=["a", "b"], reasons=["x", "y"])]
    size = [sum(len(m.content) for m in edit_request(guide, prompt, clusters, limit=2, compact=c)) for c in (False, True)]
    assert size[0] > SMALL_CONTEXT_CHARS >= size[1]

    out = tmp_path / "out"
    assert iterate(minimal_guide_path, suite_path, out, "--rounds", "1", generator="small_context") == 0
    report = json.loads((out / "report.json").read_text())
    [r1] = report["rounds"]
    [problem] = r1["generator_problems"]
    assert problem == ("the full request did not fit the generator's context (scripted: the conversation (5445 "
                       "tokens) does not fit the context of a slot (2250 tokens)); asked again with a shorter one")
    assert [o["edit"]["kind"] for o in r1["outcomes"]] == ["clarify_boundary", "restate"]
    assert report["final"]["pass_rate"]["k"] == 4
