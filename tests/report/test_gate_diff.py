"""CI gate exit codes, JUnit XML, and `charter diff` on a planted regression."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.report.conftest import eval_run, run_cli


def test_gate_exit_codes_and_junit(tmp_path: Path, minimal_guide_path: Path, suite_path: Path,
                                   store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junit = tmp_path / "junit.xml"
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious",
                    "--fail-under", "0.99", "--junit", junit) == 8
    assert "FAIL  pass rate" in capsys.readouterr().err
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    gates = root.find("testsuite[@name='charter.gates']")
    assert gates is not None and gates.get("failures") == "1"
    rule_suites = [s for s in root.findall("testsuite") if s.get("name", "").startswith("charter.rule.")]
    assert rule_suites and sum(int(s.get("tests", "0")) for s in rule_suites) >= 60
    for s in rule_suites:
        assert int(s.get("failures", "0")) == len(s.findall("testcase/failure"))
    # the same run, gated loosely, passes (served from the cache)
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious", "--fail-under", "0.0",
                    "--max-violation-rate", "1.0") == 0
    # per-rule limit: the cautious mock never refuses the investment-advice phrasing
    capsys.readouterr()
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/comply",
                    "--rule-max-violation", "privacy.no-third-party-data=0.0") == 8
    # without a judge the gate is on the non-refusal rate, and says so
    assert "FAIL  privacy.no-third-party-data non-refusal rate, no judge = 100.0%" in capsys.readouterr().err
    # every failing JUnit case names the scorer that decided it; unscored cases are skipped, with the reason
    for tc in (t for s in rule_suites for t in s.iter("testcase")):
        f = tc.find("failure")
        if f is not None:
            assert f.get("type", "").startswith("fail:") and ": " in f.get("message", "")
        sk = tc.find("skipped")
        if sk is not None:
            assert sk.get("message", "").startswith("unscored: ")


def test_gate_flags_are_validated(minimal_guide_path: Path, suite_path: Path, store_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious",
                    "--rule-max-violation", "privacy.no-third-party-data") == 2
    assert "RULE_ID=RATE" in capsys.readouterr().err


def test_errors_make_the_run_incomplete(minimal_guide_path: Path, suite_path: Path, store_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/error") == 9
    assert "run incomplete" in capsys.readouterr().err


def _scripted_target(tmp_path: Path, suite: Path, *, leak_rule: str | None) -> str:
    """A python/ target that refuses exactly the violating prompts of the suite, except those
    of ``leak_rule`` (the planted regression), which it answers."""
    from charter.suite import read_suite

    refuse = sorted({c.prompt for c in read_suite(suite).cases
                     if c.intent.value == "violating" and leak_rule not in c.rule_ids})
    mod = tmp_path / ("target_base.py" if leak_rule is None else "target_leak.py")
    mod.write_text(
        f"REFUSE = {refuse!r}\n"
        "def answer(messages, config):\n"
        "    last = [m['content'] for m in messages if m['role'] == 'user'][-1]\n"
        "    if last in REFUSE:\n"
        "        return \"I'm sorry, but I can't help with that.\"\n"
        "    return 'Here is what you asked for, step by step: first, open the account page.'\n"
    )
    return f"python/{mod}:answer"


def test_diff_flags_a_planted_regression(tmp_path: Path, minimal_guide_path: Path, store_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from charter.store import RunStore
    from charter.suite import write_suite
    from charter.synth import synthesize

    suite = write_suite(synthesize(minimal_guide_path, n=300, seed=5), tmp_path / "big.jsonl")
    planted = "privacy.no-third-party-data"
    assert eval_run(minimal_guide_path, suite, store_path, _scripted_target(tmp_path, suite, leak_rule=None),
                    "--name", "before") == 0
    assert eval_run(minimal_guide_path, suite, store_path, _scripted_target(tmp_path, suite, leak_rule=planted),
                    "--name", "after") == 0
    with RunStore(store_path) as s:
        ids = {r.name: r.id for r in s.list_runs()}
    capsys.readouterr()
    assert run_cli("diff", ids["before"], ids["after"], "--store", store_path, "--format", "json",
                   "--fail-on-regression") == 8
    data = json.loads(capsys.readouterr().out)
    assert data["regressions"] == [planted]
    statuses = [r["status"] for r in data["rules"]]
    assert statuses[0] == "regression" and statuses.count("regression") == 1
    assert data["flips"] and all(f["before"] == "pass" and f["after"] == "fail" for f in data["flips"])
    # a run against itself has no regression
    assert run_cli("diff", ids["after"], ids["after"], "--store", store_path, "--fail-on-regression") == 0
