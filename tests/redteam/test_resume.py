"""A red-team run in the run store: attempts written as they happen, an interrupted run (a
target that fails after N calls, or a spent budget) resumed without attacking any pair twice
and with exactly the queries an uninterrupted run makes."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from charter.cli._app import main
from charter.errors import ConfigError, ModelError
from charter.guide import Guide, load_guide
from charter.model import get_model
from charter.redteam import RedteamConfig, RedteamSummary, goals_from_guide, run_redteam
from charter.store import RunStore

MODELS = Path(__file__).parent / "_tap_models.py"
STRATS = ("iterative", "tap", "extraction")


def py(fn: str) -> str:
    return f"python/{MODELS}:{fn}"


@pytest.fixture
def guide(minimal_guide_path: Path) -> Guide:
    return load_guide(minimal_guide_path)


def _run(guide: Guide, store: RunStore | None, *, budget: int = 60, resume: str | None = None) -> RedteamSummary:
    cfg = RedteamConfig(budget=budget, strategies=STRATS, max_iterations=3, tap_branching=3, tap_depth=2,
                        tap_width=1, families=("repeat-above", "translate", "debugger"))
    return asyncio.run(run_redteam(guide, get_model(py("target")), attacker=get_model(py("tap_attacker")),
                                   judge=get_model(py("judge")), config=cfg, goals=goals_from_guide(guide)[:2],
                                   store=store, resume=resume))


def _calls(log: Path) -> Counter[str]:
    return Counter(log.read_text().splitlines()) if log.exists() else Counter()


def _shape(s: RedteamSummary) -> list[tuple[str, str, bool, int, int]]:
    return [(r.strategy, r.goal_id, r.success, r.queries, len(r.attempts)) for r in s.results]


@pytest.fixture
def reference(guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[RedteamSummary, Counter[str]]:
    log = tmp_path / "reference.jsonl"
    monkeypatch.setenv("RT_TARGET_LOG", str(log))
    s = _run(guide, None)
    monkeypatch.delenv("RT_TARGET_LOG")
    return s, _calls(log)


def test_a_failing_target_interrupts_and_resume_attacks_nothing_twice(
        guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        reference: tuple[RedteamSummary, Counter[str]]) -> None:
    ref, ref_calls = reference
    # 3 extraction probes + per goal: iterative 3 tries (this attacker never finds the key) + tap 4
    assert ref.complete and ref.queries == sum(ref_calls.values()) == 3 + 2 * (3 + 4)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("RT_TARGET_LOG", str(log))
    monkeypatch.setenv("RT_FAIL_AFTER", "9")  # inside the first goal's tree search
    with RunStore(tmp_path / "runs.db") as store:
        with pytest.raises(ModelError) as err:
            _run(guide, store)
        [info] = store.list_runs()
        assert info.status == "interrupted" and info.name == "redteam"
        assert f"--resume {info.id}" in (err.value.hint or "")
        assert sum(_calls(log).values()) == 9
        stored = [r for r in store.iter_records(info.id) if r.epoch >= 0]
        assert len(stored) == 9  # every answered query was written as it happened
        monkeypatch.delenv("RT_FAIL_AFTER")
        s = _run(guide, store, resume=info.id[:7])
        assert store.get_run(info.id).status == "complete"
    assert s.run_id == info.id and s.complete
    calls = _calls(log)
    assert calls == ref_calls  # the same conversations, each as often as without the interruption
    assert s.queries == ref.queries and _shape(s) == _shape(ref)


def test_a_spent_budget_resumes_with_a_larger_one(guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  reference: tuple[RedteamSummary, Counter[str]]) -> None:
    ref, ref_calls = reference
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("RT_TARGET_LOG", str(log))
    with RunStore(tmp_path / "runs.db") as store:
        first = _run(guide, store, budget=7)
        assert not first.complete and first.queries == 7 == sum(_calls(log).values())
        assert store.get_run(first.run_id or "").status == "budget_exceeded"
        again = _run(guide, store, budget=7, resume=first.run_id)  # same budget: nothing left to spend
        assert again.queries == 7 == sum(_calls(log).values()) and _shape(again) == _shape(first)
        done = _run(guide, store, budget=60, resume=first.run_id)
    assert done.complete and done.queries == ref.queries
    assert _calls(log) == ref_calls and _shape(done) == _shape(ref)


def test_resume_refuses_another_run_or_target(guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_TARGET_LOG", str(tmp_path / "calls.jsonl"))
    with RunStore(tmp_path / "runs.db") as store:
        s = _run(guide, store, budget=2)
        cfg = RedteamConfig(budget=5, strategies=("extraction",))
        with pytest.raises(ConfigError, match="attacked target"):
            asyncio.run(run_redteam(guide, get_model("mock/refuse"), config=cfg, store=store, resume=s.run_id))
    with pytest.raises(ConfigError, match="needs the run store"):
        asyncio.run(run_redteam(guide, get_model("mock/refuse"), config=cfg, resume="r123"))


def test_cli_resume_after_a_failing_target(minimal_guide_path: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("RT_TARGET_LOG", str(log))
    monkeypatch.setenv("RT_FAIL_AFTER", "2")
    args = ["redteam", str(minimal_guide_path), "--target", py("target"), "--attacker", py("tap_attacker"),
            "--judge", py("judge"), "--strategies", "iterative", "--max-iterations", "3", "--budget", "6",
            "--store", str(tmp_path / "runs.db"), "-o", str(tmp_path / "out")]
    assert main(args) == 4
    err = capsys.readouterr().err
    assert "target went away" in err and "--resume r" in err and "Traceback" not in err
    run_id = err.split("--resume ")[1].split()[0]
    monkeypatch.delenv("RT_FAIL_AFTER")
    assert main([*args, "--resume", run_id]) == 0
    assert f"run {run_id}: 6 of 6 target queries" in capsys.readouterr().out
    data = json.loads((tmp_path / "out" / "redteam.json").read_text())
    assert data["run_id"] == run_id and data["queries"] == 6 == sum(_calls(log).values())
    assert [len(r["attempts"]) for r in data["results"]] == [3, 3]
