"""A run killed with SIGKILL mid-way resumes with every case exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from charter.model import get_model
from charter.runner import Runner
from charter.store import RunStore
from tests.runner.helpers import RefusalCheck, make_cases
from tests.runner.kill_child import CONFIG

ROOT = Path(__file__).resolve().parents[2]


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM responses").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # not migrated yet
        return 0


@pytest.mark.parametrize("concurrency", [8, 1])  # 1: the writer commits on the loop's thread
async def test_sigkill_then_resume_stores_every_case_exactly_once(tmp_path: Path, concurrency: int) -> None:
    db = tmp_path / "runs.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen([sys.executable, "-m", "tests.runner.kill_child", str(db), str(concurrency)],
                             cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while _stored(db) < 80:
            assert child.poll() is None, "child exited before it could be killed"
            assert time.monotonic() < deadline, "child stored nothing within 30 s"
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    with RunStore(db) as store:
        (victim,) = store.list_runs()
        assert victim.status == "running" and 80 <= victim.n_done < 400
        before = {(r.case.id, r.epoch) for r in store.iter_records(victim.id)}
        assert all(len(r.scores) == 1 for r in store.iter_records(victim.id))  # no half-written record
        model = get_model("mock/refuse")
        config = CONFIG.model_copy(update={"concurrency": concurrency})
        info = await Runner(store, config).run(make_cases(400), model, scorers=[RefusalCheck()], resume=victim.id)
        recs = list(store.iter_records(victim.id))
    assert info.status == "complete" and info.n_done == 400 and info.n_cases == 400
    counts = Counter((r.case.id, r.epoch) for r in recs)
    assert len(counts) == 400 and set(counts.values()) == {1}
    assert [r.case.id for r in recs] == [c.id for c in make_cases(400)]
    assert model.api.calls == 400 - len(before)  # type: ignore[attr-defined]
