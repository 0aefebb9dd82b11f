"""The runner's hot path keeps its contracts: score metadata reads back as ``json`` wrote it,
and the collector's threshold is raised only while runs are in flight or read back."""

from __future__ import annotations

import asyncio
import datetime
import enum
import gc
import json
import math
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RUN_GC_THRESHOLD, RunStore, fewer_collections
from charter.types import Case, Response, Score, Span, Verdict
from tests.runner.helpers import RefusalCheck, make_cases

FAST = RunnerConfig(progress=False, concurrency=4)


class Shade(enum.StrEnum):
    dark = "dark"


#: metadata a plugin scorer may return: every value json.dumps(default=str) writes
METADATA: list[dict[str, Any]] = [
    {"family": "check", "aspect": "rule"},
    {"probability": 0.30600000000000005, "tiny": 5e-324, "big": 1e16, "neg": -0.0, "n": -(2**62)},
    {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf")},
    {"none": None, "flag": True, "nested": {"list": [1, (2, 3)], "empty": {}}},
    {"np64": np.float64(0.5), "np32": np.float32(0.25), "npint": np.int64(3), "arr": np.array([1.0])},
    {"keys": {1: "int key"}, "shade": Shade.dark, "when": datetime.date(2026, 12, 2), "set": {1}},
    {"text": "é ünïcode \u2028 \U0001f600 \"quoted\" \\ back\nslash"},
]


class MetaScorer:
    """One score per response, carrying ``METADATA[i]`` (i from the case id) and evidence."""

    id = "meta"
    family = "check"

    async def __call__(self, case: Case, response: Response) -> Score:
        i = int(case.id[1:])
        return Score(scorer=self.id, verdict=Verdict.pass_, metadata=METADATA[i % len(METADATA)],
                     evidence=[Span(start=0, end=3, text=response.text[:3], label="x")] if i % 2 else [])


def _same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


async def test_score_metadata_reads_back_as_json_wrote_it(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        info = await Runner(store, FAST).run(make_cases(len(METADATA) * 2), get_model("mock/cautious"),
                                             scorers=[MetaScorer()])
        records = list(store.iter_records(info.id))
    assert len(records) == len(METADATA) * 2
    for rec in records:
        i = int(rec.case.id[1:])
        (score,) = rec.scores
        assert score.verdict == Verdict.pass_, score.explanation
        expected = json.loads(json.dumps(METADATA[i % len(METADATA)], default=str, ensure_ascii=False))
        assert _same(score.metadata, expected), (i, score.metadata, expected)
        assert [s.model_dump() for s in score.evidence] == (
            [{"start": 0, "end": 3, "text": rec.response.text[:3], "label": "x"}] if i % 2 else [])
    # spot checks of what the standard library writes and must still be read back
    by_id = {int(r.case.id[1:]): r.scores[0].metadata for r in records}
    assert math.isnan(by_id[2]["nan"]) and by_id[2]["inf"] == math.inf
    assert by_id[4]["np64"] == 0.5 and by_id[4]["np32"] == "0.25"
    assert by_id[5] == {"keys": {"1": "int key"}, "shade": "dark", "when": "2026-12-02", "set": "{1}"}


class ThresholdProbe:
    """Records the collector's first threshold while a response is scored."""

    id = "probe"
    family = "check"

    def __init__(self) -> None:
        self.seen: set[int] = set()

    async def __call__(self, case: Case, response: Response) -> Score:
        self.seen.add(gc.get_threshold()[0])
        await asyncio.sleep(0)
        return Score(scorer=self.id, verdict=Verdict.pass_)


@pytest.fixture
def default_threshold():  # type: ignore[no-untyped-def]
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


async def test_collector_threshold_is_raised_during_runs_and_restored(tmp_path: Path,
                                                                     default_threshold: None) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        runner = Runner(store, FAST)
        one, two = ThresholdProbe(), ThresholdProbe()
        # two runs sharing the loop: the first to finish must not lower it under the second
        await asyncio.gather(runner.run(make_cases(30, "a"), get_model("mock/cautious"), scorers=[one]),
                             runner.run(make_cases(300, "b"), get_model("mock/cautious"), scorers=[two]))
    assert one.seen == two.seen == {RUN_GC_THRESHOLD} == {10_000}
    assert gc.get_threshold() == (700, 10, 10)


async def test_reading_a_run_back_raises_the_threshold_until_the_reader_ends(tmp_path: Path,
                                                                           default_threshold: None) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        info = await Runner(store, FAST).run(make_cases(5), get_model("mock/cautious"))
        seen = [gc.get_threshold()[0] for _ in store.iter_records(info.id)]
        assert seen == [RUN_GC_THRESHOLD] * 5
        assert gc.get_threshold() == (700, 10, 10)
        records = store.iter_records(info.id)
        next(records)
        assert gc.get_threshold()[0] == RUN_GC_THRESHOLD
        records.close()  # a reader that stops early
        assert gc.get_threshold() == (700, 10, 10)
        with fewer_collections():  # nested in a caller's block: the caller's block restores it
            assert len(list(store.iter_records(info.id))) == 5
            assert gc.get_threshold()[0] == RUN_GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)


async def test_collector_settings_of_the_caller_are_left_alone(tmp_path: Path, default_threshold: None) -> None:
    gc.set_threshold(50_000, 5, 5)
    with RunStore(tmp_path / "runs.db") as store:
        probe = ThresholdProbe()
        await Runner(store, FAST).run(make_cases(10), get_model("mock/cautious"), scorers=[probe])
    assert probe.seen == {50_000}
    assert gc.get_threshold() == (50_000, 5, 5)


class WriterThreadProbe:
    """Records whether a writer thread is alive while responses are scored."""

    id = "threads"
    family = "check"

    def __init__(self) -> None:
        self.seen: set[bool] = set()

    async def __call__(self, case: Case, response: Response) -> Score:
        await asyncio.sleep(0.002)  # lets the previous record's commit happen
        self.seen.add(any(t.name.startswith("charter-writer") for t in threading.enumerate()))
        return Score(scorer=self.id, verdict=Verdict.pass_)


@pytest.mark.parametrize("concurrency", [1, 4, 32])
async def test_runs_commit_on_the_loop_thread(tmp_path: Path, concurrency: int) -> None:
    """No writer thread at any concurrency: a commit handed to a thread waited for the GIL
    and a core twice (see charter.runner._writer)."""
    with RunStore(tmp_path / "runs.db") as store:
        probe = WriterThreadProbe()
        config = RunnerConfig(progress=False, concurrency=concurrency)
        info = await Runner(store, config).run(make_cases(20), get_model("mock/cautious"), scorers=[probe])
        assert info.status == "complete" and info.n_done == 20
        assert [len(r.scores) for r in store.iter_records(info.id)] == [1] * 20
    assert probe.seen == {False}


async def test_checkpoints_run_on_a_thread_of_their_own(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer's connection never checkpoints (a checkpoint syncs the file); every
    CHECKPOINT_EVERY commits one runs on the checkpoint thread (one at a time: commits made
    while one runs do not start another), and a reader sees every record."""
    import charter.runner._writer as writer_mod

    monkeypatch.setattr(writer_mod, "CHECKPOINT_EVERY", 5)
    checkpoints = _spy_checkpoints(monkeypatch)
    with RunStore(tmp_path / "runs.db") as store:
        info = await Runner(store, RunnerConfig(progress=False, concurrency=1)).run(
            make_cases(40), get_model("mock/cautious"), scorers=[RefusalCheck()])
        assert info.n_done == 40
        assert checkpoints and all(n.startswith("charter-checkpoint") for n in checkpoints)
        with RunStore(tmp_path / "runs.db", readonly=True) as reader:
            assert len(list(reader.iter_records(info.id))) == 40


async def test_the_callers_connection_does_not_checkpoint_during_a_run(tmp_path: Path) -> None:
    """While a run is in flight the caller's connection has no automatic checkpoint (one
    synced the file on the event loop at the end of every run); its setting is restored."""
    seen: list[int] = []

    class Probe:
        id = "probe"
        family = "check"

        def __init__(self, store: RunStore) -> None:
            self.store = store

        async def __call__(self, case: Case, response: Response) -> Score:
            seen.append(self.store.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            return Score(scorer=self.id, verdict=Verdict.pass_)

    with RunStore(tmp_path / "runs.db") as store:
        store.con.execute("PRAGMA wal_autocheckpoint=321")
        info = await Runner(store, FAST).run(make_cases(6), get_model("mock/cautious"), scorers=[Probe(store)])
        assert info.status == "complete" and seen == [0] * 6
        assert store.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 321

        def broken() -> Iterator[Case]:
            yield from make_cases(2)
            raise ValueError("a broken suite line")

        with pytest.raises(ValueError, match="broken suite line"):  # a failing run restores it too
            await Runner(store, FAST).run(broken(), get_model("mock/cautious"), scorers=[Probe(store)])
        assert store.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 321
        # two runs at once on one store (the main job's two variants): the last one to end restores it
        seen.clear()
        runner = Runner(store, FAST)
        await asyncio.gather(
            runner.run(make_cases(5, "a"), get_model("mock/cautious"), scorers=[Probe(store)], name="a"),
            runner.run(make_cases(9, "b"), get_model("mock/cautious"), scorers=[Probe(store)], name="b"))
        assert seen == [0] * 14
        assert store.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 321


async def test_the_last_checkpoint_runs_on_the_checkpoint_thread(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A finished run hands what the WAL still holds to the checkpoint thread (even a run of
    fewer than CHECKPOINT_EVERY commits), which then closes its connection: the caller's
    close is no longer the one that copies the WAL and syncs the file. Every record reads
    back, during and after that checkpoint, and the WAL is empty once it is done."""

    names = _spy_checkpoints(monkeypatch)
    with RunStore(tmp_path / "runs.db") as store:
        info = await Runner(store, FAST).run(make_cases(30), get_model("mock/cautious"), scorers=[RefusalCheck()])
        assert len(list(store.iter_records(info.id))) == 30
    for t in threading.enumerate():
        if t.name.startswith("charter-checkpoint"):
            t.join(10)
    assert names and all(n.startswith("charter-checkpoint") for n in names)
    wal = tmp_path / "runs.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    with RunStore(tmp_path / "runs.db", readonly=True) as reader:
        assert reader.get_run(info.id).n_done == 30
        assert len(list(reader.iter_records(info.id))) == 30



@pytest.mark.parametrize("concurrency", [16, 64])
async def test_a_commit_waits_for_the_burst_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   concurrency: int) -> None:
    """While rounds keep finishing records a commit goes back in the queue (at most
    DEFER_ROUNDS times): fewer, larger transactions, and every record stored."""
    import charter.runner._writer as writer_mod

    sizes: list[int] = []
    real = RunStore.commit

    def spy(self: RunStore, batch: Any) -> None:
        if batch.responses:
            sizes.append(len(batch.responses))
        real(self, batch)

    class Staggered:
        """Finishes case i after i % 5 extra rounds of the loop: records arrive round after round."""

        id = "staggered"
        family = "check"

        async def __call__(self, case: Case, response: Response) -> Score:
            for _ in range(int(case.id[1:]) % 5):
                await asyncio.sleep(0)
            return Score(scorer=self.id, verdict=Verdict.pass_)

    monkeypatch.setattr(RunStore, "commit", spy)
    counts = {}
    for rounds in (0, writer_mod.DEFER_ROUNDS):
        monkeypatch.setattr(writer_mod, "DEFER_ROUNDS", rounds)
        sizes.clear()
        with RunStore(tmp_path / f"runs{rounds}.db") as store:
            info = await Runner(store, RunnerConfig(progress=False, concurrency=concurrency)).run(
                make_cases(300), get_model("mock/cautious"), scorers=[Staggered()])
            assert info.status == "complete" and info.n_done == 300
            assert len(list(store.iter_records(info.id))) == 300
        assert sum(sizes) == 300 and max(sizes) <= concurrency  # a worker waits for its commit
        counts[rounds] = len(sizes)
    assert counts[writer_mod.DEFER_ROUNDS] < counts[0], counts


def test_run_metadata_platform_matches_platform_module() -> None:
    """The run's platform string is the one ``platform.platform(terse=True)`` writes."""
    import platform

    from charter.runner._runner import _platform

    assert _platform() == platform.platform(terse=True)


def _spy_checkpoints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of the thread each writer checkpoint runs on."""
    import charter.runner._writer as writer_mod

    names: list[str] = []
    real = writer_mod.Writer._run_checkpoint

    def spy(self: writer_mod.Writer) -> None:
        names.append(threading.current_thread().name)
        real(self)

    monkeypatch.setattr(writer_mod.Writer, "_run_checkpoint", spy)
    return names
