"""Runs keep every score and every write: a scorer slower than the flush interval, a resume
that re-scores responses stored without scores, and another process reading the store
mid-run (which must not make the run's WAL vanish)."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from charter.evaluate import Response, Score, Verdict
from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.suite import Case
from tests.runner.helpers import RefusalCheck, make_cases, scripted

CFG = RunnerConfig(progress=False, concurrency=4, batch_size=2, flush_interval=0.01,
                   backoff_base=0.001, backoff_max=0.01)


class SlowJudge:
    """A scorer that takes far longer than the flush interval (like an LLM judge)."""

    id = "slow-judge"
    family = "judge"

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0

    async def __call__(self, case: Case, response: Response) -> Score:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return Score(scorer=self.id, rule_id=case.rule_ids[0], verdict=Verdict.fail, value=0.0,
                     explanation="judged a violation")


async def test_scorer_slower_than_flush_interval_keeps_every_score(tmp_path: Path) -> None:
    judge = SlowJudge(0.08)  # 8x the flush interval
    with RunStore(tmp_path / "runs.db") as store:
        info = await Runner(store, CFG).run(make_cases(12), get_model("mock/refuse"),
                                            scorers=[RefusalCheck(), judge])
        recs = list(store.iter_records(info.id))
    assert info.n_done == 12 and judge.calls == 12
    assert len(recs) == 12
    for r in recs:
        assert [s.scorer for s in r.scores] == ["refusal", "slow-judge"], r.case.id
        assert r.scores[1].verdict == Verdict.fail and r.scores[1].explanation == "judged a violation"


async def test_resume_rescores_responses_stored_without_scores(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    model = scripted()
    with RunStore(path) as store:
        info = await Runner(store, CFG).run(make_cases(6), model, scorers=[RefusalCheck(), SlowJudge(0)])
    # damage the store as the old runner did: scores of three records lost
    con = sqlite3.connect(path)
    con.execute("DELETE FROM scores WHERE case_id IN ('c00001', 'c00003') ")
    con.execute("DELETE FROM scores WHERE case_id = 'c00005' AND seq = 1")
    con.commit()
    con.close()
    judge = SlowJudge(0.02)
    with RunStore(path) as store:
        again = await Runner(store, CFG).run(make_cases(6), model, scorers=[RefusalCheck(), judge],
                                             resume=info.id)
        recs = list(store.iter_records(again.id))
    assert model.api.calls == 6  # type: ignore[attr-defined]  # re-scored from the stored text
    assert judge.calls == 3
    assert again.status == "complete" and again.n_done == 6
    assert all([s.scorer for s in r.scores] == ["refusal", "slow-judge"] for r in recs)
    assert all(r.scores[0].verdict == Verdict.pass_ for r in recs)  # "Sorry, no: ..." refuses


READER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
print(con.execute("select count(*) from responses").fetchone()[0])
con.close()
"""


@pytest.mark.parametrize("concurrency", [2, 1])  # 1: the writer commits on the loop's thread
async def test_outside_reader_mid_run_loses_no_write(tmp_path: Path, concurrency: int) -> None:
    path = tmp_path / "runs.db"
    n = 60
    model = get_model("mock/refuse", latency=0.02)
    counts: list[int] = []

    async def read_from_outside() -> None:
        await asyncio.sleep(0.15)
        for _ in range(4):
            out = await asyncio.to_thread(subprocess.run, [sys.executable, "-c", READER, str(path)],
                                          capture_output=True, text=True, check=True)
            counts.append(int(out.stdout))
            # the WAL the run writes to must still be the one on disk
            assert (tmp_path / "runs.db-wal").exists()
            await asyncio.sleep(0.1)

    with RunStore(path) as store:
        cfg = CFG.model_copy(update={"concurrency": concurrency})
        reader = asyncio.create_task(read_from_outside())
        info = await Runner(store, cfg).run(make_cases(n), model, scorers=[RefusalCheck()])
        await reader
        # a second connection of the same process (as `charter runs show` would open)
        with RunStore(path) as other:
            assert other.get_run(info.id).n_done == n
    # readers saw the run progress, never a frozen count
    assert counts == sorted(counts) and counts[-1] > counts[0]
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from responses").fetchone()[0] == n
    assert con.execute("select count(*) from scores").fetchone()[0] == n
    con.close()
