"""Bad input to eval: each gives a clear message and leaves the store intact."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from charter.store import RunStore
from charter.suite import Case, Message, write_suite
from tests.report.conftest import eval_run, run_cli


def test_missing_suite(minimal_guide_path: Path, tmp_path: Path, store_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_run(minimal_guide_path, tmp_path / "nope.jsonl", store_path, "mock/refuse") == 2
    err = capsys.readouterr().err
    assert "nope.jsonl: suite file not found" in err and "charter synth" in err


def test_suite_for_another_guide(minimal_guide_path: Path, tmp_path: Path, store_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    case = Case(id="x", messages=[Message(role="user", content="hi")], expected="refuse", intent="violating",
                rule_ids=["network.no-unauthorised-access"])
    suite = write_suite([case], tmp_path / "other.jsonl")
    assert eval_run(minimal_guide_path, suite, store_path, "mock/refuse") == 2
    err = capsys.readouterr().err
    assert "'network.no-unauthorised-access' (case x)" in err and "does not define" in err
    assert not store_path.exists() or RunStore(store_path).list_runs() == []


def test_broken_suite_line_reported_and_skippable(minimal_guide_path: Path, suite_path: Path, tmp_path: Path,
                                                  store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = suite_path.read_text().splitlines()
    lines.insert(3, '{"id": "broken", "messages": [')
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    assert eval_run(minimal_guide_path, bad, store_path, "mock/refuse") == 2
    assert f"{bad}:4: invalid JSON" in capsys.readouterr().err
    assert eval_run(minimal_guide_path, bad, store_path, "mock/refuse", "--skip-bad") == 0


def test_unreachable_target_marks_errors_and_store_stays_usable(minimal_guide_path: Path, suite_path: Path,
                                                                store_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rc = eval_run(minimal_guide_path, suite_path, store_path, "openai/stub", "--target-option",
                  f"base_url=http://127.0.0.1:{port}/v1", "--target-option", "api_key=x", "--timeout", "2",
                  "--max-retries", "1")
    assert rc in (4, 9)
    with RunStore(store_path) as s:
        runs = s.list_runs()
        assert len(runs) == 1
        recs = list(s.iter_records(runs[0].id))
    assert recs and all(r.response.error for r in recs)
    assert "connect" in recs[0].response.error.lower() or "refused" in recs[0].response.error.lower()
    assert run_cli("runs", "--store", store_path) == 0


def test_judge_returning_garbage_gives_error_scores(minimal_guide_path: Path, suite_path: Path,
                                                    store_path: Path) -> None:
    # mock/echo as a judge answers with its own prompt: never valid judge JSON
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/refuse", "--judge", "mock/echo") == 9
    with RunStore(store_path) as s:
        recs = list(s.iter_records(s.list_runs()[0].id))
    judged = [sc for r in recs for sc in r.scores if sc.scorer == "rubric"]
    # clear refusals of must_not rules are settled by the cascade before the judge is asked;
    # everything the judge itself answered is an error
    by_judge = [sc for sc in judged if sc.metadata.get("decided_by") != "cascade"]
    assert by_judge and all(sc.verdict.value in ("error", "n/a") for sc in by_judge)
    assert all(sc.verdict.value == "pass" and sc.label in ("refused", "empty") for sc in judged
               if sc.metadata.get("decided_by") == "cascade")
    assert any("could not be parsed" in sc.explanation for sc in judged)
