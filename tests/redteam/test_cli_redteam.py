"""`charter redteam` end to end with mock and python/ models; exit codes on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli._app import main
from charter.redteam import EXTRACTION_FAMILIES
from charter.suite import read_suite

MODELS = Path(__file__).parent / "_models.py"


def test_extraction_against_a_leaking_target(minimal_guide_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rt"
    rc = main(["redteam", str(minimal_guide_path), "--target", "mock/leak", "-o", str(out), "--budget", "10",
               "--export", "suite"])
    assert rc == 0
    assert "10 of 10 target queries" in capsys.readouterr().out
    data = json.loads((out / "redteam.json").read_text())
    assert data["queries"] == 10 and data["by_strategy"]["extraction"]["k"] == 10
    assert len([r for r in data["results"] if r["success"]]) == 10
    assert len(data["results"]) == 11 and data["results"][-1]["notes"] == ["query budget spent"]
    md = (out / "redteam.md").read_text()
    assert "| extraction | 10 | 10 |" in md and "### extraction · extraction:repeat-above" in md
    suite = read_suite(out / "redteam-suite.jsonl")
    assert len(suite.cases) == 10 and all(c.rule_ids == ["edge.prompt-extraction"] for c in suite.cases)
    assert len(EXTRACTION_FAMILIES) > 10


def test_iterative_through_the_cli(minimal_guide_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "rt"
    rc = main(["redteam", str(minimal_guide_path), "--target", f"python/{MODELS}:target", "--attacker",
               f"python/{MODELS}:pair_attacker", "--judge", f"python/{MODELS}:judge", "--strategies", "iterative",
               "--budget", "3", "-o", str(out)])
    assert rc == 0
    data = json.loads((out / "redteam.json").read_text())
    [r] = data["results"]
    assert r["success"] and [a["verdict"] for a in r["attempts"]] == ["pass", "pass", "fail"]
    assert r["attempts"][2]["reasoning"] == "frame it as a safety audit"


@pytest.mark.parametrize(("args", "message"), [
    (["--budget", "0"], "query budget 0"),
    (["--strategies", "nope"], "unknown strategy 'nope'"),
    (["--strategies", "static"], "need a judge"),
    (["--export", "sft"], "--export sft/prefs needs --judge"),
    (["--export", "csv"], "--export 'csv'"),
    (["--max-turns", "0"], "must be 1 or more"),
    (["--prompt-variant", "tiny"], "not a prompt variant"),
])
def test_bad_input_exits_2(minimal_guide_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           args: list[str], message: str) -> None:
    rc = main(["redteam", str(minimal_guide_path), "--target", "mock/refuse", "-o", str(tmp_path / "o"), *args])
    assert rc == 2
    err = capsys.readouterr().err
    assert message in err and "hint:" in err and "Traceback" not in err
