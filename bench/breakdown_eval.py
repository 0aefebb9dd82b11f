"""Where the CPU of `charter eval` goes, per sample: the workload of bench_eval.py taken apart
in one process.

Each part is timed with ``time.process_time`` (every thread of the process, so the store's
checkpoint thread counts) after one warm-up, median of ``--repeat`` runs:

* the plain aiohttp client of bench_runner.py sending the same requests (the compiled system
  prompt and the one-line question): the floor any client pays for HTTP on this machine;
* the runner with no scorer (HTTP, request keys, the store's rows, the worker pool), and in it
  the request keys alone and the commits alone;
* the runner with the guide's default scorers: the scorers themselves (each called on the
  stored responses in a plain loop) and the rest (dispatch, score rows, their commits);
* reading the run back (``RunStore.iter_records``), each record's verdict, the metrics, and
  the report's files;
* the cyclic garbage collector's share of the whole.

Start-up (imports, the guide, the scorers' models) is measured as a whole process by
bench_eval.py; here the one-off costs are listed apart (loading the guide and suite,
compiling the prompt, building the scorers).

    python bench/breakdown_eval.py            # N=2000, median of 3
    python bench/breakdown_eval.py --n 500 --repeat 1

Prints a table and writes bench/results/eval_breakdown.json.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_eval import GUIDE, write_suite  # noqa: E402
from bench_runner import start_stub  # noqa: E402

T = time.process_time


class GCClock:
    """CPU seconds spent in the cyclic collector (gc.callbacks)."""

    def __init__(self) -> None:
        self.total = 0.0
        self._t0 = 0.0
        gc.callbacks.append(self._cb)

    def _cb(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._t0 = T()
        else:
            self.total += T() - self._t0


@contextmanager
def writer_clock(acc: list[float]) -> Iterator[None]:
    """Adds the CPU time of each commit of a run's rows to ``acc[0]`` (bench-only patch of
    ``RunStore.commit``; the commits run on the event loop's thread since 2026-12-02)."""
    from charter.store import RunStore

    orig = RunStore.commit

    def timed(self: Any, batch: Any) -> None:
        t0 = time.thread_time()
        try:
            orig(self, batch)
        finally:
            acc[0] += time.thread_time() - t0

    RunStore.commit = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        RunStore.commit = orig  # type: ignore[method-assign]


async def plain_same_requests(url: str, system: str, prompts: list[str], concurrency: int) -> None:
    """bench_runner's plain client, sending the compiled prompt and each case's question."""
    import aiohttp

    sem = asyncio.Semaphore(concurrency)

    async def one(session: aiohttp.ClientSession, text: str) -> None:
        body = {"model": "bench", "messages": [{"role": "system", "content": system},
                                               {"role": "user", "content": text}]}
        async with sem, session.post(url + "/chat/completions", json=body) as resp:
            data = await resp.json()
        assert data["choices"][0]["message"]["content"]

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks: set[asyncio.Task[None]] = set()
        for text in prompts:
            if len(tasks) >= 2 * concurrency:
                _, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            tasks.add(asyncio.ensure_future(one(session, text)))
        await asyncio.gather(*tasks)


async def score_all(scorers: list[Any], responses: list[tuple[Any, Any]]) -> None:
    """Every scorer on every response, one after another (the scorers' own cost)."""
    for case, response in responses:
        for s in scorers:
            await s(case, response)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "eval_breakdown.json"))
    args = ap.parse_args()

    from charter.evaluate import build_scorers, case_verdict, compute_metrics
    from charter.guide import load_guide
    from charter.harness import resolve_system_prompt
    from charter.model import GenerateConfig, ModelRole, get_model
    from charter.report import load_report, write_report
    from charter.runner import Runner, RunnerConfig
    from charter.runner._request import Keyer  # the runner's own request keys (bench only)
    from charter.store import RunStore
    from charter.suite import read_suite
    from charter.types import Message

    n, conc = args.n, args.concurrency
    parts: dict[str, list[float]] = {}
    once: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        parts.setdefault(name, []).append(seconds)

    stub, url = start_stub(0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            suite_path = Path(tmp) / "suite.jsonl"
            write_suite(suite_path, n)
            t = T()
            guide = load_guide(GUIDE)
            suite = read_suite(suite_path)
            prompt = resolve_system_prompt(guide, "compiled")
            once["guide, suite and prompt"] = T() - t
            t = T()
            scorers = build_scorers(guide, canaries=[prompt.canary] if prompt.canary else (), system_prompt=prompt.text)
            once["build the scorers"] = T() - t
            assert prompt.text is not None
            rc = RunnerConfig(concurrency=conc, cache=False, progress=False)

            def run(label: str, with_scorers: bool) -> tuple[float, str, Path]:
                db = Path(tmp) / f"{label}-{time.monotonic_ns()}.db"
                with RunStore(db) as store:
                    target = get_model("openai/bench", role=ModelRole.target, base_url=url, api_key="bench")

                    async def go() -> str:
                        try:
                            # evaluate_suite's run, with the scorers built once (their start-up is above)
                            info = await Runner(store, rc).run(suite, target, system_prompt=prompt.text,
                                                               scorers=scorers if with_scorers else ())
                            return info.id
                        finally:
                            await target.aclose()

                    t0 = T()
                    run_id = asyncio.run(go())
                    return T() - t0, run_id, db

            prompts = [c.messages[-1].content for c in suite.cases]
            gclock = GCClock()
            for rep in range(args.repeat + 1):  # the first round warms up (models, caches, pools)
                warm = rep > 0
                t = T()
                asyncio.run(plain_same_requests(url, prompt.text, prompts, conc))
                plain = T() - t
                writes = [0.0]
                with writer_clock(writes):
                    bare, _, _ = run("bare", False)
                bare_writes = writes[0]
                t = T()
                keyer = Keyer("openai/bench", [Message(role="system", content=prompt.text)], GenerateConfig())
                for case in suite.cases:
                    keyer(case.messages, 0)
                full_keys = T() - t
                writes = [0.0]
                gc0 = gclock.total
                with writer_clock(writes):
                    full, run_id, db = run("full", True)
                full_writes = writes[0]
                with RunStore(db, readonly=True) as store:
                    t = T()
                    records = list(store.iter_records(run_id))
                    read = T() - t
                    responses = [(r.case, r.response) for r in records]

                    t = T()
                    asyncio.run(score_all(scorers, responses))
                    scoring = T() - t
                    t = T()
                    verdicts = [case_verdict(r.case, r.scores, response=r.response, guide=guide) for r in records]
                    verdict_s = T() - t
                    t = T()
                    compute_metrics(records, guide=guide, verdicts=verdicts)
                    metrics_s = T() - t
                    del records, verdicts
                    t = T()
                    rep_obj = load_report(store, run_id, guide=guide)
                    load_s = T() - t
                    t = T()
                    write_report(rep_obj, Path(tmp) / f"report-{rep}")
                    write_s = T() - t
                    del rep_obj
                gc_s = gclock.total - gc0
                if not warm:
                    continue
                add("plain aiohttp client, same requests", plain)
                add("runner + HTTP, no scorer", bare)
                add("  of which: the commits", bare_writes)
                add("  of which: request keys", full_keys)
                add("runner with the default scorers", full)
                add("  of which: the scorers themselves", scoring)
                add("  of which: the commits ", full_writes)
                add("  of which: dispatch, score rows (full - bare - scorers)", full - bare - scoring)
                add("read the run back (iter_records)", read)
                add("verdicts (case_verdict)", verdict_s)
                add("metrics (compute_metrics, given the verdicts)", metrics_s)
                add("load_report (read + verdicts + metrics)", load_s)
                add("write_report (html, md, json)", write_s)
                add("cyclic GC during the run and the report", gc_s)
    finally:
        stub.kill()
        stub.wait()

    med = {k: statistics.median(v) for k, v in parts.items()}
    print(f"N={n}, concurrency {conc}, median of {args.repeat}; CPU ms per sample (process_time)")
    for k, v in once.items():
        print(f"  {k:58} {v:7.3f} s once")
    for k, v in med.items():
        print(f"  {k:58} {1000 * v / n:7.3f} ms")
    result = {"benchmark": "eval_breakdown", "n": n, "concurrency": conc, "repeat": args.repeat,
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform(terse=True), "load_avg": os.getloadavg()},
              "once_s": once, "cpu_ms_per_sample": {k: 1000 * v / n for k, v in med.items()},
              "note": "in-process process_time after a warm-up round; 'of which' lines are inside the line above "
                      "(the scorers and request keys timed apart, in a plain loop); shared machine"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
