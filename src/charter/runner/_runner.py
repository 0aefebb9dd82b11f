"""`Runner`: runs cases through a target model, scores the responses and streams records to
the run store; resumable, cached, retried, concurrent, with budgets and a progress bar.

Memory does not grow with the number of cases: a fixed pool of workers (one per unit of
concurrency) pulls cases from the iterable lazily, so at most ``concurrency`` cases are
held at once, and records are written in batched transactions as they arrive.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import platform
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from charter.errors import BudgetExceeded, ConfigError, ModelError
from charter.model import GenerateConfig, Model, ModelOutput, case_scope
from charter.runner._call import call_model
from charter.runner._config import RunnerConfig
from charter.runner._limiter import AdaptiveLimiter
from charter.runner._progress import Progress, progress_enabled, progress_lines_enabled
from charter.store import RunInfo, RunStore, WriteBatch, decode_output, encode_output
from charter.suite import Suite
from charter.types import Case, Message, Response, Score, Scorer, Verdict

__all__ = ["Runner"]

_FINISH_JSON: dict[str | None, str | None] = {None: None, "stop": '{"finish_reason": "stop"}',
                                               "length": '{"finish_reason": "length"}'}


def _meta_json(finish: str | None) -> str | None:
    s = _FINISH_JSON.get(finish, "")
    return json.dumps({"finish_reason": finish}) if s == "" else s


class _Keyer:
    """request_key(model, messages, config, epoch) with the constant parts precomputed
    (same digest as :func:`charter.model.request_key`)."""

    def __init__(self, model: str, prefix: list[Message], config: GenerateConfig) -> None:
        self.model = model
        self.prefix = [m.to_openai() for m in prefix]
        self.cfg = config.cache_key_part()

    def __call__(self, messages: Sequence[Message], epoch: int) -> str:
        payload = json.dumps({"m": self.model, "msgs": self.prefix + [m.to_openai() for m in messages],
                              "cfg": self.cfg, "e": epoch}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


class _Call:
    """What one worker needs to make a request: model, config, limiter, keyer, store."""

    def __init__(self, runner: Runner, model: Model, config: GenerateConfig, prefix: list[Message]) -> None:
        rc = runner.config
        self.api = model.api
        self.name = model.name
        self.config = config
        self.limiter = runner.limiter(model)
        self.keyer = _Keyer(model.name, prefix, config)
        self.prefix = prefix
        self.store = runner.store
        self.use_cache = rc.cache
        # nothing of this model was ever cached: lookups cannot hit, skip them (a cold run)
        self.lookup = rc.cache and runner.store.cache_has_model(model.name)
        self.timeout = config.timeout or rc.timeout
        self.kw = {"timeout": self.timeout, "max_retries": rc.max_retries,
                   "backoff_base": rc.backoff_base, "backoff_max": rc.backoff_max}

    async def __call__(self, messages: Sequence[Message], epoch: int
                       ) -> tuple[ModelOutput | ModelError, str, int, bool, float]:
        """(output or error, request key, attempts, served from cache, latency)."""
        t0 = time.perf_counter()
        key = self.keyer(messages, epoch)
        if self.lookup:
            data = self.store.cache_get(key)
            if data is not None:
                return decode_output(data), key, 0, True, time.perf_counter() - t0
        msgs = [*self.prefix, *messages] if self.prefix else list(messages)
        res, attempts = await call_model(self.api, msgs, self.config, self.limiter, **self.kw)
        return res, key, attempts, False, time.perf_counter() - t0


MAX_PENDING_BATCHES = 4


class _Writer:
    """Commits batches in order on a background thread with its own connection, so SQLite's
    work (which releases the GIL) overlaps the event loop. ``drain()`` waits for every batch
    and re-raises the first write error."""

    def __init__(self, store: RunStore) -> None:
        self.path = store.path
        self._pool: ThreadPoolExecutor | None = None
        self._store: RunStore | None = None
        self._futures: list[Future[None]] = []

    def _commit(self, batch: WriteBatch) -> None:
        if self._store is None:
            self._store = RunStore(self.path)
        self._store.commit(batch)

    def submit(self, batch: WriteBatch) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="charter-writer")
        self._futures = [f for f in self._futures if not f.done() or f.exception() is not None]
        for f in self._futures:
            if f.done():
                raise f.exception()  # type: ignore[misc]
        self._futures.append(self._pool.submit(self._commit, batch))

    def backlog(self, limit: int) -> Future[None] | None:
        """The oldest unfinished batch when more than ``limit`` are queued, else None."""
        pending = [f for f in self._futures if not f.done()]
        return pending[0] if len(pending) > limit else None

    def drain(self) -> None:
        if self._pool is None:
            return
        try:
            for f in self._futures:
                f.result()
        finally:
            self._futures = []
            pool, self._pool = self._pool, None
            pool.submit(self._close).result()
            pool.shutdown()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class _State:
    """One run in progress: its counters, budget, the pending write batch."""

    def __init__(self, runner: Runner, run_id: str, call: _Call, scorers: Sequence[Scorer],
                 progress: Progress, spent_cost: float, spent_tokens: int) -> None:
        self.runner = runner
        self.store = runner.store
        self.run_id = run_id
        self.call = call
        self.scorers = list(scorers)
        self.scorer_ids = [getattr(s, "id", type(s).__name__) for s in self.scorers]
        self.progress = progress
        self.batch = WriteBatch()
        self.pending = 0
        self.batch_size = runner.config.batch_size
        self.cost = spent_cost
        self.tokens = spent_tokens
        self.max_cost = runner.config.max_cost
        self.max_tokens = runner.config.max_tokens
        self.budget_hit = False
        self.failure: BaseException | None = None
        self.items: Iterator[tuple[Case, int, Response | None]] = iter(())
        self.writer = _Writer(runner.store)
        self.hasher = hashlib.sha256()

    def over_budget(self) -> bool:
        return ((self.max_cost is not None and self.cost >= self.max_cost)
                or (self.max_tokens is not None and self.tokens >= self.max_tokens))

    def flush(self) -> None:
        if self.pending or len(self.batch):
            batch, self.batch, self.pending = self.batch, WriteBatch(), 0
            self.writer.submit(batch)

    def register(self, case: Case, idx: int) -> None:
        data = case.model_dump_json()
        self.hasher.update(data.encode())
        self.hasher.update(b"\n")
        self.batch.cases.append((self.run_id, case.id, idx, data))

    async def worker(self) -> None:
        items = self.items
        while True:
            if self.over_budget():
                self.budget_hit = True
                return
            if self.failure is not None:
                return
            try:
                case, epoch, stored = next(items)
            except StopIteration:
                return
            except Exception as e:  # a broken suite line: stop pulling, finish what is in flight
                self.failure = e
                return
            await self.one(case, epoch, stored)
            # backpressure: when the writer thread falls behind, wait for it rather than
            # queueing batches without bound (memory stays flat in the number of cases)
            while (oldest := self.writer.backlog(MAX_PENDING_BATCHES)) is not None:
                await asyncio.wrap_future(oldest)

    async def one(self, case: Case, epoch: int, stored: Response | None = None) -> None:
        """Answer and score one (case, epoch), then append its rows to the pending batch.

        Every await happens *before* the rows are appended: the flusher swaps ``self.batch``
        at any await, so a response and all its scores go into one batch (one transaction)
        together, or not at all. ``stored``: a response already in the store whose scores
        are missing (a resumed run) — it is re-scored without calling the model again."""
        rid, cid = self.run_id, case.id
        if stored is not None:
            scores = await self.score(case, stored) if self.scorers else []
            b = self.batch
            self._append_scores(b, cid, epoch, scores)
            self._done()
            return
        # the case id travels with the request: replay/ looks logged answers up by it, and
        # http/ templates can send it as {{ case_id }}
        with case_scope(cid):
            res, key, attempts, cached, latency = await self.call(case.messages, epoch)
        now = time.time()
        if isinstance(res, ModelError):
            reason = res.message
            b = self.batch
            b.requests.append((rid, cid, epoch, key, self.call.name, attempts, latency, now))
            b.responses.append((rid, cid, epoch, "", self.call.name, reason, 0, 0, 0.0, 0, None))
            for i, sid in enumerate(self.scorer_ids):
                b.scores.append((rid, cid, epoch, i, sid, None, "error", None, None,
                                 f"not scored: the model call failed: {reason}", None))
            self.progress.errors += 1
        else:
            u = res.usage
            text = res.choices[0] if res.choices else ""
            response = Response(text=text, model=res.model,
                                metadata={"finish_reason": res.finish_reason} if res.finish_reason else {})
            scores = await self.score(case, response) if self.scorers else []
            b = self.batch  # taken after the last await: the rows below land in one batch
            b.requests.append((rid, cid, epoch, key, self.call.name, attempts, latency, now))
            b.responses.append((rid, cid, epoch, text, res.model, None, u.input_tokens, u.output_tokens, u.cost,
                                int(cached), _meta_json(res.finish_reason)))
            self._append_scores(b, cid, epoch, scores)
            if not cached:
                self.cost += u.cost
                self.tokens += u.input_tokens + u.output_tokens
                if self.call.use_cache:
                    b.cache.append((key, self.call.name, encode_output(res), now))
        self._done()

    def _append_scores(self, b: WriteBatch, cid: str, epoch: int, scores: Sequence[Score]) -> None:
        rid = self.run_id
        for i, score in enumerate(scores):
            extra = None
            if score.evidence or score.metadata:
                extra = json.dumps({"evidence": [s.model_dump() for s in score.evidence],
                                    "metadata": score.metadata}, default=str, ensure_ascii=False)
            b.scores.append((rid, cid, epoch, i, score.scorer, score.rule_id, str(score.verdict),
                             score.value, score.label, score.explanation, extra))

    def _done(self) -> None:
        self.progress.done += 1
        self.pending += 1
        if self.pending >= self.batch_size:
            self.flush()

    async def score(self, case: Case, response: Response) -> list[Score]:
        out: list[Score] = []
        for sid, scorer in zip(self.scorer_ids, self.scorers, strict=True):
            try:
                s = await scorer(case, response)
                if not isinstance(s, Score):
                    raise TypeError(f"returned {type(s).__name__}, not a Score")
            except Exception as e:
                s = Score(scorer=sid, verdict=Verdict.error, explanation=f"scorer {sid} raised {type(e).__name__}: {e}")
            out.append(s)
        return out

    async def flusher(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.flush()


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
        ``max_tokens`` is reached; Ctrl-C leaves the run ``interrupted`` with every finished
        record stored.
        """
        rc = self.config
        cfg = target.config.merged(generate_config)
        prefix = [Message(role="system", content=system_prompt)] if system_prompt else []
        suite = cases if isinstance(cases, Suite) else None
        if suite is not None:
            guide_hash = guide_hash or suite.guide_hash
        total = len(cases) if hasattr(cases, "__len__") else None  # type: ignore[arg-type]
        scorer_ids = [getattr(s, "id", type(s).__name__) for s in scorers]
        spent_cost, spent_tokens = 0.0, 0
        positions: dict[str, int] | None = None
        done: set[tuple[str, int]] = set()
        unscored: dict[tuple[str, int], Response] = {}
        if resume is not None:
            info = self.store.get_run(resume)
            run_id = info.id
            if info.target != target.name:
                raise ConfigError(f"run {run_id} was run against {info.target}, not {target.name}",
                                  hint=f"resume with the same target ({info.target}), or start a new run")
            if info.config.get("system_prompt") != system_prompt:
                raise ConfigError(f"run {run_id} was run with another system prompt",
                                  hint="resume with the same guide and prompt, or start a new run")
            self.store.drop_errors(run_id)
            positions = self.store.case_positions(run_id)
            done = self.store.done_keys(run_id)
            # responses stored without all their scores (a scorer crashed the process, or a
            # store written by an older Charter): re-score them from the stored text
            unscored = self.store.reset_unscored(run_id, len(scorer_ids)) if scorer_ids else {}
            done -= unscored.keys()
            info = self.store.get_run(run_id)
            spent_cost, spent_tokens = info.usage.cost, info.usage.total_tokens
            self.store.set_status(run_id, "running", finished=False)
        else:
            run_id = self.store.create_run(
                name=name or (suite.name if suite is not None else target.name), target=target.name,
                guide_hash=guide_hash, suite_hash=None,
                config={"runner": rc.model_dump(), "generate": cfg.model_dump(exclude_defaults=True),
                        "system_prompt": system_prompt, "scorers": scorer_ids, "epochs": rc.epochs},
                metadata={**(metadata or {}), "target": target.api.describe(),
                          "python": platform.python_version(), "platform": platform.platform(terse=True)},
            )
        remaining = None if total is None else max(0, total * rc.epochs - len(done))
        progress = Progress(f"{target.name}", remaining, enabled=progress_enabled(rc.progress),
                            lines=progress_lines_enabled(rc.progress))
        call = _Call(self, target, cfg, prefix)
        st = _State(self, run_id, call, scorers, progress, spent_cost, spent_tokens)
        st.items = self._items(suite.cases if suite is not None else cases, st, positions, done, unscored)
        n_workers = call.limiter.max_limit
        flusher = asyncio.get_running_loop().create_task(st.flusher(rc.flush_interval))
        progress.start()
        try:
            async with asyncio.TaskGroup() as tg:
                for _ in range(n_workers):
                    tg.create_task(st.worker())
        except BaseException:  # Ctrl-C / cancellation / a bug: keep every finished record
            flusher.cancel()
            progress.stop()
            st.flush()
            st.writer.drain()
            self.store.set_status(run_id, "interrupted")
            raise
        flusher.cancel()
        progress.stop()
        st.flush()
        st.writer.drain()
        if st.failure is not None:
            self.store.set_status(run_id, "failed")
            raise st.failure
        if st.budget_hit:
            self.store.set_status(run_id, "budget_exceeded")
            info = self.store.get_run(run_id)
            what = (f"cost ${st.cost:.4f} ≥ max_cost ${rc.max_cost}" if rc.max_cost is not None and st.cost >= rc.max_cost
                    else f"{st.tokens} tokens ≥ max_tokens {rc.max_tokens}")
            err = BudgetExceeded(f"run {run_id} stopped: budget reached ({what}); {info.n_done} records stored",
                                 hint=f"raise the budget and resume: --resume {run_id}")
            err.run = info  # type: ignore[attr-defined]
            raise err
        if resume is None:
            self.store.set_suite_hash(run_id, st.hasher.hexdigest())
        self.store.set_status(run_id, "complete")
        return self.store.get_run(run_id)

    def _items(self, cases: Iterable[Case], st: _State, positions: dict[str, int] | None,
               done: set[tuple[str, int]], unscored: dict[tuple[str, int], Response],
               ) -> Iterator[tuple[Case, int, Response | None]]:
        epochs = self.config.epochs
        next_idx = 0 if not positions else max(positions.values()) + 1
        for case in cases:
            if positions is None or case.id not in positions:
                st.register(case, next_idx)
                next_idx += 1
            for epoch in range(epochs):
                if done and (case.id, epoch) in done:
                    continue
                yield case, epoch, unscored.get((case.id, epoch)) if unscored else None

    async def generate_many(self, requests: Iterable[tuple[str, list[Message]]], model: Model, *,
                            generate_config: GenerateConfig | None = None, epoch: int = 0,
                            ) -> AsyncIterator[tuple[str, ModelOutput | ModelError]]:
        """Answer many requests (``(id, messages)``) concurrently, cached and retried, in
        completion order, without a run record (for generators, teachers, attackers).
        A request that fails for good yields its :class:`ModelError`."""
        call = _Call(self, model, model.config.merged(generate_config), [])
        it = iter(requests)
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=call.limiter.max_limit)
        batch: list[tuple[Any, ...]] = []
        end = object()

        async def worker() -> None:
            for rid, messages in it:
                res, key, _, cached, _ = await call(messages, epoch)
                if not cached and not isinstance(res, ModelError) and call.use_cache:
                    batch.append((key, call.name, encode_output(res), time.time()))
                    if len(batch) >= self.config.batch_size:
                        self.store.commit(WriteBatch(cache=batch[:]))
                        batch.clear()
                await queue.put((rid, res))

        async def pool() -> None:
            try:
                async with asyncio.TaskGroup() as tg:
                    for _ in range(call.limiter.max_limit):
                        tg.create_task(worker())
            except BaseException as e:
                await queue.put((end, e))
                raise
            await queue.put((end, None))

        task = asyncio.get_running_loop().create_task(pool())
        try:
            while True:
                rid, res = await queue.get()
                if rid is end:
                    if res is not None:
                        raise res.exceptions[0] if isinstance(res, BaseExceptionGroup) and len(res.exceptions) == 1 else res
                    break
                yield rid, res
        finally:
            if not task.done():
                task.cancel()
                try:
                    await task
                except BaseException:
                    pass
            if batch:
                self.store.commit(WriteBatch(cache=batch))
