"""`Runner`: runs cases through a target model, scores the responses and streams records to
the run store; resumable, cached, retried, concurrent, with budgets and a progress bar.

Memory does not grow with the number of cases: a fixed pool of workers (one per unit of
concurrency) pulls cases from the iterable lazily, so at most ``concurrency`` cases are
held at once, and records are committed as they arrive (group commit, see ``_writer``).

A run holds a lease in the store (renewed every :data:`HEARTBEAT_S` seconds), so a second
process cannot run it at the same time. SIGTERM and SIGINT stop it gracefully: no new
request is sent, the requests in flight finish and are stored, the run is marked
``interrupted``; a second signal cancels the requests in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import platform
import secrets
import signal
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence, Sized
from typing import Any, ClassVar

from charter.errors import (
    BudgetExceeded,
    ConfigError,
    ModelError,
    RunInterrupted,
    StoreError,
    SuiteError,
)
from charter.model import GenerateConfig, Model, ModelOutput
from charter.runner._budget import Budget
from charter.runner._config import RunnerConfig
from charter.runner._limiter import AdaptiveLimiter
from charter.runner._progress import Progress, progress_enabled, progress_lines_enabled
from charter.runner._request import Call
from charter.runner._state import State
from charter.runner._writer import Writer
from charter.store import CacheRow, RunInfo, RunStore, WriteBatch, encode_output, fewer_collections
from charter.suite import Suite
from charter.types import Case, Message, Response, Scorer

__all__ = ["HEARTBEAT_S", "Runner"]

#: seconds between two heartbeats of a run's lease
HEARTBEAT_S = 5.0


#: stores whose connection a run in flight keeps from checkpointing: [runs, the setting before]
_PAUSED: weakref.WeakKeyDictionary[RunStore, list[int]] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def _no_autocheckpoint(store: RunStore) -> Iterator[None]:
    """No automatic checkpoint on the caller's connection while a run is in flight.

    A checkpoint syncs the database file (5 to 20 ms on a plain disk), and SQLite runs one
    in whichever commit pushes the WAL past 1,000 pages: during a run that was this
    connection's first small write after the writer's commits (the suite hash at the end),
    on the event loop. The writer's checkpoint thread copies the WAL meanwhile (see
    ``_writer``); the setting is restored when the last run on this store ends (several may
    share it and one loop), and the next commit or the last close of the file checkpoints
    what is left."""
    held = _PAUSED.get(store)
    if held is None:
        try:
            before = int(store.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            store.con.execute("PRAGMA wal_autocheckpoint=0")
        except sqlite3.Error:
            yield
            return
        held = _PAUSED[store] = [0, before]
    held[0] += 1
    try:
        yield
    finally:
        held[0] -= 1
        if held[0] == 0:
            _PAUSED.pop(store, None)
            try:
                store.con.execute(f"PRAGMA wal_autocheckpoint={held[1]}")
            except (sqlite3.Error, StoreError):
                pass  # closed meanwhile: nothing to restore


def _platform() -> str:
    """The run's platform, as ``platform.platform(terse=True)`` writes it on Linux
    (``Linux-6.1.0-x86_64-with-glibc2.36``), without its cost: that call scans the Python
    binary for the C library's version (about 15 ms at the start of every run)."""
    if not sys.platform.startswith("linux"):  # macOS and Windows name themselves differently
        return platform.platform(terse=True)
    u = os.uname()
    libc = os.confstr("CS_GNU_LIBC_VERSION") if "CS_GNU_LIBC_VERSION" in os.confstr_names else None
    return f"{u.sysname}-{u.release}-{u.machine}" + (f"-with-{libc.replace(' ', '')}" if libc else "")


def _digest(data: str) -> str:
    return hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()


class _Signals:
    """SIGTERM / SIGINT during a run: the first sets ``stop`` (graceful), the second cancels.

    Several runs may share one event loop (the main job runs its two variants at once): the
    loop's handler is installed by the first run and removed by the last, and a signal reaches
    every run still installed."""

    #: the runs listening on each loop, in install order
    _active: ClassVar[weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[_Signals]]] = \
        weakref.WeakKeyDictionary()
    #: the handlers the first run of a loop replaced, restored by the last
    _saved: ClassVar[weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Any]]] = \
        weakref.WeakKeyDictionary()

    def __init__(self, stop: asyncio.Event, task: asyncio.Task[Any] | None) -> None:
        self.stop = stop
        self.task = task
        self.received: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread() or sys.platform == "win32":
            return
        loop = asyncio.get_running_loop()
        runs = self._active.setdefault(loop, [])
        if not runs:
            saved: dict[int, Any] = {}
            for sig in (signal.SIGTERM, signal.SIGINT):
                try:
                    saved[sig] = signal.getsignal(sig)
                    loop.add_signal_handler(sig, _Signals._dispatch, loop, sig)
                except (NotImplementedError, RuntimeError, ValueError):
                    saved.pop(sig, None)
            self._saved[loop] = saved
        runs.append(self)
        self._loop = loop

    @staticmethod
    def _dispatch(loop: asyncio.AbstractEventLoop, sig: int) -> None:
        if any([run._on(sig) for run in list(_Signals._active.get(loop, ()))]):
            print(f"charter: {signal.Signals(sig).name}: finishing the requests in flight, then stopping "
                  "(send it again to stop at once)", file=sys.stderr, flush=True)

    def _on(self, sig: int) -> bool:
        """Stop (first signal: True) or cancel (a later one: False) this run."""
        if self.received is None:
            self.received = signal.Signals(sig).name
            self.stop.set()
            return True
        if self.task is not None:
            self.task.cancel()
        return False

    def remove(self) -> None:
        loop, self._loop = self._loop, None
        if loop is None:
            return
        runs = self._active.get(loop, [])
        if self in runs:
            runs.remove(self)
        if runs:
            return
        self._active.pop(loop, None)
        for sig, old in self._saved.pop(loop, {}).items():
            loop.remove_signal_handler(sig)
            signal.signal(sig, old)


class Runner:
    """Runs suites through models. One instance keeps one adaptive concurrency limit per
    model name, shared by every run and ``generate_many`` call made through it.

    >>> runner = Runner(RunStore(), RunnerConfig(max_cost=5.0))
    >>> info = await runner.run(suite, get_model("mock/refuse"), scorers=[...])   # doctest: +SKIP
    """

    def __init__(self, store: RunStore, config: RunnerConfig | None = None) -> None:
        self.store = store
        self.config = config or RunnerConfig()
        self._limiters: dict[str, AdaptiveLimiter] = {}

    def limiter(self, model: Model) -> AdaptiveLimiter:
        """The concurrency limiter of ``model`` (created on first use)."""
        lim = self._limiters.get(model.name)
        if lim is None:
            lim = AdaptiveLimiter(self.config.concurrency or max(1, int(model.api.default_concurrency)))
            self._limiters[model.name] = lim
        return lim

    async def run(self, cases: Iterable[Case] | Suite, target: Model, *, scorers: Sequence[Scorer] = (),
                  system_prompt: str | None = None, generate_config: GenerateConfig | None = None,
                  name: str | None = None, metadata: dict[str, Any] | None = None, resume: str | None = None,
                  guide_hash: str | None = None) -> RunInfo:
        """Run every case (× ``epochs``) through ``target``, score each response with every
        scorer, and store the records as they arrive. Returns the finished run.

        ``resume=RUN_ID`` continues a run: records already stored are skipped, records that
        ended in a model error are retried. Raises :class:`BudgetExceeded` (run status
        ``budget_exceeded``; ``error.run`` holds the RunInfo) when ``max_cost`` /
        ``max_tokens`` is reached, :class:`RunInterrupted` after SIGTERM / SIGINT (run
        ``interrupted``, every finished record stored), ConfigError when ``max_cost`` is set
        and the target's prices are unknown, SuiteError on duplicate case ids, StoreError
        when another live process runs the same run.
        """
        rc = self.config
        cfg = target.config.merged(generate_config)
        prices = target.api.prices()
        if rc.max_cost is not None and prices is None:
            raise ConfigError(
                f"--max-cost needs the prices of {target.name}, and its provider reports none",
                hint="give them in USD per 1M tokens: --target-option price_in=0.15 --target-option price_out=0.60 "
                     "(or get_model(..., price_in=..., price_out=...))")
        prefix = [Message(role="system", content=system_prompt)] if system_prompt else []
        suite = cases if isinstance(cases, Suite) else None
        if suite is not None:
            guide_hash = guide_hash or suite.guide_hash
        total = len(cases) if isinstance(cases, Sized) else None
        scorer_ids = [getattr(s, "id", type(s).__name__) for s in scorers]
        spent_cost, spent_tokens = 0.0, 0
        registered: dict[str, tuple[int, str]] | None = None
        done: set[tuple[str, int]] = set()
        unscored: dict[tuple[str, int], Response] = {}
        owner = f"{platform.node()}:{os.getpid()}:{secrets.token_hex(4)}"
        if resume is not None:
            info = self.store.get_run(resume)
            run_id = info.id
            if info.target != target.name:
                raise ConfigError(f"run {run_id} was run against {info.target}, not {target.name}",
                                  hint=f"resume with the same target ({info.target}), or start a new run")
            if info.config.get("system_prompt") != system_prompt:
                raise ConfigError(f"run {run_id} was run with another system prompt",
                                  hint="resume with the same guide and prompt, or start a new run")
            self.store.acquire_lease(run_id, owner)  # before touching anything of the run
            try:
                self.store.drop_errors(run_id)
                registered = {cid: (idx, _digest(data)) for cid, idx, data in self.store.case_rows(run_id)}
                done = self.store.done_keys(run_id)
                # responses stored without all their scores (a scorer crashed the process, or a
                # store written by an older Charter): re-score them from the stored text
                unscored = self.store.reset_unscored(run_id, len(scorer_ids)) if scorer_ids else {}
                done -= unscored.keys()
                info = self.store.get_run(run_id)
                spent_cost, spent_tokens = info.usage.cost, info.usage.total_tokens
                self.store.set_status(run_id, "running", finished=False)
            except BaseException:
                self.store.release_lease(run_id, owner)
                raise
        else:
            run_id = self.store.create_run(
                name=name or (suite.name if suite is not None else target.name), target=target.name,
                guide_hash=guide_hash, suite_hash=None,
                config={"runner": rc.model_dump(), "generate": cfg.model_dump(exclude_defaults=True),
                        "system_prompt": system_prompt, "scorers": scorer_ids, "epochs": rc.epochs},
                metadata={**(metadata or {}), "target": target.api.describe(),
                          "python": platform.python_version(), "platform": _platform()},
            )
            self.store.acquire_lease(run_id, owner)
        items: Iterable[Case] = cases.cases if isinstance(cases, Suite) else cases
        with fewer_collections(), _no_autocheckpoint(self.store):
            try:
                return await self._run(run_id, owner, items, target, cfg, prefix, scorers, total, registered,
                                       done, unscored, prices, spent_cost, spent_tokens, label=name)
            finally:
                try:
                    self.store.release_lease(run_id, owner)
                except StoreError:
                    pass

    async def _run(self, run_id: str, owner: str, cases: Iterable[Case], target: Model, cfg: GenerateConfig,
                   prefix: list[Message], scorers: Sequence[Scorer], total: int | None,
                   registered: dict[str, tuple[int, str]] | None, done: set[tuple[str, int]],
                   unscored: dict[tuple[str, int], Response], prices: tuple[float, float] | None,
                   spent_cost: float, spent_tokens: int, label: str | None = None) -> RunInfo:
        rc = self.config
        loop = asyncio.get_running_loop()
        remaining = None if total is None else max(0, total * rc.epochs - len(done))
        progress = Progress(f"{target.name} · {label}" if label else target.name, remaining,
                            enabled=progress_enabled(rc.progress),
                            lines=progress_lines_enabled(rc.progress))
        budget = Budget(max_cost=rc.max_cost, max_tokens=rc.max_tokens, spent_cost=spent_cost,
                        spent_tokens=spent_tokens, prices=prices, max_output=cfg.max_tokens)
        stop = asyncio.Event()
        call = Call(self, target, cfg, prefix, budget, stop)
        writer = Writer(self.store.path, loop)
        st = State(self, run_id, call, scorers, progress, budget, stop, writer)
        st.items = self._items(cases, st, run_id, registered, done, unscored)
        signals = _Signals(stop, asyncio.current_task())
        signals.install()
        heart = loop.create_task(self._heartbeat(writer, run_id, owner, st))
        progress.start()
        try:
            async with asyncio.TaskGroup() as tg:
                for _ in range(call.limiter.max_limit):
                    tg.create_task(st.worker())
            await writer.drain()
        except BaseException:  # a second signal / cancellation / a bug: keep every finished record
            heart.cancel()
            progress.stop()
            signals.remove()
            writer.drain_sync()
            writer.close()
            self.store.set_status(run_id, "interrupted")
            raise
        heart.cancel()
        progress.stop()
        signals.remove()
        writer.close(finish_in_background=True)
        if signals.received is not None:
            self.store.set_status(run_id, "interrupted")
            info = self.store.get_run(run_id)
            raise RunInterrupted(f"run {run_id} stopped on {signals.received}; {info.n_done} records stored",
                                 hint=f"resume with --resume {run_id}")
        if st.failure is not None:
            self.store.set_status(run_id, "failed")
            raise st.failure
        if st.budget_hit:
            self.store.set_status(run_id, "budget_exceeded")
            info = self.store.get_run(run_id)
            b = budget
            what = (f"cost ${b.cost:.4f} of max_cost ${rc.max_cost}" if rc.max_cost is not None
                    and (rc.max_tokens is None or b.cost / rc.max_cost >= b.tokens / max(1, rc.max_tokens))
                    else f"{b.tokens} tokens of max_tokens {rc.max_tokens}")
            err = BudgetExceeded(f"run {run_id} stopped: budget reached ({what}); {info.n_done} records stored",
                                 hint=f"raise the budget and resume: --resume {run_id}")
            err.run = info
            raise err
        self.store.set_suite_hash(run_id, st.hasher.hexdigest())
        self.store.set_status(run_id, "complete")
        return self.store.get_run(run_id)

    async def _heartbeat(self, writer: Writer, run_id: str, owner: str, st: State) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            kept = await asyncio.wrap_future(writer.call(lambda s: s.heartbeat(run_id, owner)))
            if not kept and st.failure is None:
                st.failure = StoreError(f"run {run_id} was taken over by another process (its lease went stale)",
                                        hint="do not resume a run that is still running; check `charter runs show`")
                st.stop.set()

    def _items(self, cases: Iterable[Case], st: State, run_id: str, registered: dict[str, tuple[int, str]] | None,
               done: set[tuple[str, int]], unscored: dict[tuple[str, int], Response],
               ) -> Iterator[tuple[Case, int, Response | None]]:
        epochs = self.config.epochs
        next_idx = 0 if not registered else max(i for i, _ in registered.values()) + 1
        seen: set[str] = set()
        for case in cases:
            cid = case.id
            if cid in seen:
                raise SuiteError(f"duplicate case id '{cid}' in the suite",
                                 hint="give every case its own id (a second case with the same id would be skipped "
                                      "or stored as the first one's answer)")
            seen.add(cid)
            # what case.model_dump_json() returns, without its keyword handling (~1 µs a case)
            data = type(case).__pydantic_serializer__.to_json(case).decode()
            old = registered.get(cid) if registered else None
            if old is None:
                st.register(case, next_idx, data)
                next_idx += 1
            else:
                if old[1] != _digest(data):
                    raise SuiteError(f"case '{cid}' is not the case of that id stored in run {run_id}",
                                     hint="resume with the suite the run started with, or start a new run")
                st.register(case, None, data)
            for epoch in range(epochs):
                if done and (cid, epoch) in done:
                    continue
                yield case, epoch, unscored.get((cid, epoch)) if unscored else None

    async def generate_many(self, requests: Iterable[tuple[str, list[Message]]], model: Model, *,
                            generate_config: GenerateConfig | None = None, epoch: int = 0,
                            progress: str | None = None,
                            ) -> AsyncIterator[tuple[str, ModelOutput | ModelError]]:
        """Answer many requests (``(id, messages)``) concurrently, cached and retried, in
        completion order, without a run record (for generators, teachers, attackers).
        A request that fails for good yields its :class:`ModelError`. ``progress`` names the
        work for a progress bar (or, when stderr is not a terminal, a line every 20 s), shown
        when the runner's ``progress`` setting allows it."""
        call = Call(self, model, model.config.merged(generate_config), [])
        bar: Progress | None = None
        if progress is not None:
            requests = list(requests)
            bar = Progress(f"{model.name} · {progress}", len(requests), enabled=progress_enabled(self.config.progress),
                           lines=progress_lines_enabled(self.config.progress))
        it = iter(requests)
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=call.limiter.max_limit)
        batch: list[CacheRow] = []
        end = object()

        async def worker() -> None:
            for rid, messages in it:
                got = await call(messages, epoch)
                assert got is not None  # no budget here
                res, key, _, cached, _ = got
                if not cached and not isinstance(res, ModelError) and call.use_cache:
                    batch.append(CacheRow(key, call.name, encode_output(res), time.time()))
                    if len(batch) >= self.config.batch_size:
                        self.store.commit(WriteBatch(cache=batch[:]))
                        batch.clear()
                if bar is not None:
                    bar.done += 1
                    bar.errors += isinstance(res, ModelError)
                await queue.put((rid, res))

        async def pool() -> None:
            try:
                with fewer_collections():
                    async with asyncio.TaskGroup() as tg:
                        for _ in range(call.limiter.max_limit):
                            tg.create_task(worker())
            except BaseException as e:
                await queue.put((end, e))
                raise
            await queue.put((end, None))

        task = asyncio.get_running_loop().create_task(pool())
        if bar is not None:
            bar.start()
        try:
            while True:
                rid, res = await queue.get()
                if rid is end:
                    if res is not None:
                        raise res.exceptions[0] if isinstance(res, BaseExceptionGroup) and len(res.exceptions) == 1 else res
                    break
                yield rid, res
        finally:
            if bar is not None:
                bar.stop()
            if not task.done():
                task.cancel()
                try:
                    await task
                except BaseException:
                    pass
            if batch:
                self.store.commit(WriteBatch(cache=batch))
