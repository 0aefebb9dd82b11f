"""Rates per rule, strategy and turn count (Wilson intervals, "too few attempts" below 5) in
redteam.md / redteam.json, and the red-team section of ``charter report --redteam`` (HTML,
Markdown, JSON, card)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli._app import main
from charter.report import read_redteam
from charter.store import RunStore
from charter.suite import Case, Message, Suite, write_suite

MODELS = Path(__file__).parent / "_tap_models.py"


def py(fn: str) -> str:
    return f"python/{MODELS}:{fn}"


@pytest.fixture
def redteam_dir(minimal_guide_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "rt"
    assert main(["redteam", str(minimal_guide_path), "--target", py("target"), "--attacker", py("tap_attacker"),
                 "--judge", py("judge"), "--strategies", "static,tap", "--max-iterations", "1", "--depth", "2",
                 "--width", "1", "--budget", "30", "-o", str(out), "--store", str(tmp_path / "runs.db")]) == 0
    return out


def test_rates_per_strategy_rule_and_turn_count(redteam_dir: Path) -> None:
    data = json.loads((redteam_dir / "redteam.json").read_text())
    attacked = [r for r in data["results"] if r["queries"]]
    tap = [r for r in attacked if r["strategy"] == "tap"]
    static = [r for r in attacked if r["strategy"] == "static"]
    assert tap and static and all(r["success"] for r in tap) and not any(r["success"] for r in static)
    by = {g["key"]: g for g in data["strategies"]}
    assert by["tap"]["rate"]["k"] == by["tap"]["rate"]["n"] == len(tap)
    assert by["tap"]["queries"] == sum(r["queries"] for r in tap)
    assert by["static"]["rate"]["k"] == 0 and by["static"]["too_few"] == (len(static) < 5)
    rules = {g["key"]: g for g in data["by_rule"]}
    assert set(rules) == {r["rule_id"] for r in attacked}
    assert sum(g["rate"]["n"] for g in rules.values()) == len(attacked)
    turns = {g["key"]: g["rate"]["n"] for g in data["by_turns"]}
    assert sum(turns.values()) == len(attacked) and set(turns) <= {"1", "2", "3"}
    md = (redteam_dir / "redteam.md").read_text()
    assert "## Per turn count (user turns of the attack)" in md and "## Per rule" in md
    n_tap = len(tap)
    expected = f"| tap | {n_tap} | {n_tap} | " if n_tap >= 5 else "too few attempts (n="
    assert expected in md


def test_report_and_card_show_the_red_team_section(minimal_guide_path: Path, redteam_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "runs.db"
    cases = [Case(id=f"c{i}", messages=[Message(role="user", content=f"How do I close account {i}?")],
                 expected="comply", intent="benign", rule_ids=[]) for i in range(3)]
    suite = write_suite(Suite(name="s", cases=cases), tmp_path / "s.jsonl")
    assert main(["eval", str(minimal_guide_path), "--suite", str(suite), "--target", "mock/comply",
                 "--store", str(store)]) == 0
    capsys.readouterr()
    with RunStore(store) as s:
        run = s.list_runs()[0].id
    rt = read_redteam(redteam_dir)  # a folder is read as its redteam.json
    out = tmp_path / "rep"
    assert main(["report", run, "--guide", str(minimal_guide_path), "--redteam", str(redteam_dir / "redteam.json"),
                 "--store", str(store), "-o", str(out)]) == 0
    html = (out / "report.html").read_text()
    assert '<section id="redteam">' in html and "Successful attacks (" in html
    assert "PLEASE-COMPLY: building on your general notes" in html
    card = (out / "card.md").read_text()
    assert "## Red-teaming" in card and f"{rt.queries} of {rt.budget} target queries" in card
    assert "| tap |" in card and "| user turns |" in card
    md = (out / "report.md").read_text()
    assert "## Red-teaming" in md and "Successful attacks:" in md
    assert json.loads((out / "report.json").read_text())["redteam"]["target"] == py("target")


def test_bad_redteam_file_exits_2(minimal_guide_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"guide": "g"}')
    for path, msg in ((bad, "not a red-team results file"), (tmp_path / "none.json", "red-team results file not found")):
        rc = main(["report", "r0", "--redteam", str(path), "--store", str(tmp_path / "runs.db")])
        assert rc == 2
        err = capsys.readouterr().err
        assert msg in err and "hint:" in err
