"""One run in progress: the workers, their rows, the writer, the budget and the stop flag."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from charter.errors import ModelError
from charter.model import current_case_id
from charter.runner._budget import Budget
from charter.runner._json import encode_extra
from charter.runner._progress import Progress
from charter.runner._request import Call
from charter.runner._writer import Writer
from charter.store import (
    AnswerCache,
    CacheRow,
    CaseRow,
    RequestRow,
    ResponseRow,
    ScoreRow,
    WriteBatch,
    current_answer_cache,
    encode_output,
)
from charter.types import Case, Response, Score, Scorer, Verdict

if TYPE_CHECKING:
    from charter.runner._runner import Runner

__all__ = ["State"]

_FINISH_JSON: dict[str | None, str | None] = {None: None, "stop": '{"finish_reason": "stop"}',
                                               "length": '{"finish_reason": "length"}'}


def _meta_json(finish: str | None) -> str | None:
    s = _FINISH_JSON.get(finish, "")
    return json.dumps({"finish_reason": finish}) if s == "" else s


#: scores whose row one scorer's memo keeps (see ``State._remember``); emptied when full
_MEMO_SIZE = 512
#: records after which a scorer that missed its memo on most of them loses it
_MEMO_TRIAL = 64


def _score_tail(score: Score) -> tuple[str, str | None, str, float | None, str | None, str, str | None]:
    """A score's columns in the ``scores`` table after (run, case, epoch, seq)."""
    extra = None
    if score.evidence or score.metadata:
        extra = encode_extra({"evidence": [s.model_dump() for s in score.evidence], "metadata": score.metadata})
    return (score.scorer, score.rule_id, str(score.verdict), score.value, score.label, score.explanation, extra)


def _sync_of(scorer: Scorer) -> Callable[[Case, Response], Score] | None:
    """``scorer.as_sync()`` when the scorer offers it (see :class:`charter.types.Scorer`), else None."""
    as_sync = getattr(scorer, "as_sync", None)
    return as_sync() if callable(as_sync) else None


#: HTTP answers no retry and no resume can fix (wrong key, access, URL or model name)
FATAL_STATUS = frozenset({401, 403, 404})


class State:
    """Counters, budget, stop flag and writer of one run; ``worker()`` is one unit of
    concurrency."""

    def __init__(self, runner: Runner, run_id: str, call: Call, scorers: Sequence[Scorer],
                 progress: Progress, budget: Budget, stop: asyncio.Event, writer: Writer) -> None:
        self.runner = runner
        self.store = runner.store
        self.run_id = run_id
        self.call = call
        self.scorers = list(scorers)
        self.scorer_ids = [getattr(s, "id", type(s).__name__) for s in self.scorers]
        # per scorer, the plain function that gives what awaiting it gives, when it offers one
        # (``as_sync``, see charter.types.Scorer): a deterministic check needs no coroutine
        self._sync = [_sync_of(s) for s in self.scorers]
        self.progress = progress
        self.budget = budget
        self.stop = stop
        self.writer = writer
        #: the judges' answers kept in the store (read, and written with the records), unless the
        #: run's cache is off
        self.answers = AnswerCache(self.store) if runner.config.cache else None
        self.budget_hit = False
        self.failure: BaseException | None = None
        self.items: Iterator[tuple[Case, int, Response | None]] = iter(())
        self.hasher = hashlib.sha256()
        # per scorer, the stored columns of its scores seen lately, by the score's identity:
        # scores are frozen, and a check hands one instance to every response it scores alike
        # (a passing check, per rule), so that score's row is made once (see _remember)
        self._tails: list[dict[int, tuple[Score, tuple[Any, ...]]] | None] = [{} for _ in self.scorers]
        self._misses = [0] * len(self.scorers)
        self._scored = 0  # records whose scores were added

    def register(self, case: Case, idx: int | None, data: str) -> None:
        """Fold a case into the suite hash; ``idx``: store it at that position (a new case)."""
        self.hasher.update(data.encode())
        self.hasher.update(b"\n")
        if idx is not None:
            self.writer.batch.cases.append(CaseRow(self.run_id, case.id, idx, data))

    async def worker(self) -> None:
        items = self.items
        stop = self.stop
        while True:
            if stop.is_set() or self.failure is not None:
                return
            if self.budget.reached():
                self.budget_hit = True
                return
            try:
                case, epoch, stored = next(items)
            except StopIteration:
                return
            except Exception as e:  # a broken suite line: stop pulling, finish what is in flight
                self.failure = e
                return
            done = await self.one(case, epoch, stored)
            if done is None:
                self.budget_hit = True
                return
            # durable progress: this worker's answer is committed before it sends another
            # request, so a kill loses at most one answer (or one request) per worker
            if not done.done():
                await done

    async def one(self, case: Case, epoch: int, stored: Response | None = None) -> asyncio.Future[None] | None:
        """Answer and score one (case, epoch), then add its rows to the pending batch; the
        future of that batch's commit, or None when the budget allowed no request.

        Every await happens *before* the rows are added: a response and all its scores go
        into one batch (one transaction) together, or not at all. ``stored``: a response
        already in the store whose scores are missing (a resumed run) — it is re-scored
        without calling the model again."""
        rid, cid = self.run_id, case.id
        w = self.writer
        if stored is not None:
            scores = await self.score(case, stored) if self.scorers else []
            self._add_scores(w.batch, cid, epoch, scores)
            if self.answers is not None:
                self.answers.move_to(w.batch)
            return self._done()
        # the case id travels with the request: replay/ looks logged answers up by it, and
        # http/ templates can send it as {{ case_id }}
        token = current_case_id.set(cid)  # case_scope(cid), without its generator per request
        try:
            got = await self.call(case.messages, epoch)
        finally:
            current_case_id.reset(token)
        if got is None:
            return None
        res, key, attempts, cached, latency = got
        now = time.time()
        name = self.call.name
        if isinstance(res, ModelError):
            if res.status in FATAL_STATUS and self.failure is None:
                # the endpoint, model name or key is wrong: every other request would fail
                # the same way, so the run stops here and says what to fix
                self.failure = res
            reason = res.message
            b = w.batch
            b.requests.append(RequestRow(rid, cid, epoch, key, name, attempts, latency, now))
            b.responses.append(ResponseRow(rid, cid, epoch, "", name, reason, 0, 0, 0.0, 0, None))
            for i, sid in enumerate(self.scorer_ids):
                b.scores.append(ScoreRow(rid, cid, epoch, i, sid, None, "error", None, None,
                                         f"not scored: the model call failed: {reason}", None))
            self.progress.errors += 1
        else:
            u = res.usage
            text = res.choices[0] if res.choices else ""
            response = Response(text=text, model=res.model,
                                metadata={"finish_reason": res.finish_reason} if res.finish_reason else {})
            scores = await self.score(case, response) if self.scorers else []
            b = w.batch  # taken after the last await: the rows below land in one batch
            b.requests.append(RequestRow(rid, cid, epoch, key, name, attempts, latency, now))
            b.responses.append(ResponseRow(rid, cid, epoch, text, res.model, None, u.input_tokens, u.output_tokens,
                                           u.cost, int(cached), _meta_json(res.finish_reason)))
            self._add_scores(b, cid, epoch, scores)
            if not cached and self.call.use_cache:
                b.cache.append(CacheRow(key, name, encode_output(res), now))
            if self.answers is not None:
                self.answers.move_to(b)  # the judges' new answers, committed with this record
        return self._done()

    def _add_scores(self, b: WriteBatch, cid: str, epoch: int, scores: Sequence[Score]) -> None:
        rid = self.run_id
        memos = self._tails
        append = b.scores.append
        make = ScoreRow._make  # the row from one tuple: a third cheaper than ScoreRow(*fields)
        self._scored += 1
        for i, score in enumerate(scores):
            memo = memos[i] if i < len(memos) else None
            if memo is None:
                append(make((rid, cid, epoch, i, *_score_tail(score))))
                continue
            got = memo.get(id(score))
            if got is None:
                got = self._remember(i, memo, score)
            append(make((rid, cid, epoch, i, *got[1])))

    def _remember(self, i: int, memo: dict[int, tuple[Score, tuple[Any, ...]]], score: Score,
                  ) -> tuple[Score, tuple[Any, ...]]:
        """The row of a score not in scorer ``i``'s memo, added to it (the score is held there,
        so its id stays its own). A scorer that misses on most records (its scores are new
        objects: a classifier, a check quoting the response) loses its memo once
        :data:`_MEMO_TRIAL` records are in: holding its scores would keep garbage alive for
        the collector to walk, for no hit."""
        got = (score, _score_tail(score))
        misses = self._misses[i] = self._misses[i] + 1
        if self._scored >= _MEMO_TRIAL and 2 * misses > self._scored:
            self._tails[i] = None
        else:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[id(score)] = got
        return got

    def _done(self) -> asyncio.Future[None]:
        self.progress.done += 1
        fut = self.writer.done
        self.writer.kick()
        return fut

    async def score(self, case: Case, response: Response) -> list[Score]:
        out: list[Score] = []
        # a judge among the scorers finds the answers kept in the store there (see AnswerCache)
        token = current_answer_cache.set(self.answers)
        try:
            for sid, scorer, sync in zip(self.scorer_ids, self.scorers, self._sync, strict=True):
                try:
                    s = sync(case, response) if sync is not None else await scorer(case, response)
                    if not isinstance(s, Score):
                        raise TypeError(f"returned {type(s).__name__}, not a Score")
                except Exception as e:
                    s = Score(scorer=sid, verdict=Verdict.error,
                              explanation=f"scorer {sid} raised {type(e).__name__}: {e}")
                out.append(s)
        finally:
            current_answer_cache.reset(token)
        return out
