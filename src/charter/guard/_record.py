"""Every proxied exchange recorded in the run store as a run of its own (PII and secrets
scrubbed by default), exportable as a replay log plus a suite so ``charter eval GUIDE
--suite X.suite.jsonl --target replay/X.jsonl`` audits production traffic against the guide.

Recording is off the request path: :meth:`Recorder.record` only queues the exchange; one
writer thread scrubs it, builds the rows and commits whatever has queued up as one
:class:`WriteBatch` (one transaction per batch, not per exchange). Woken by an exchange, the
writer first lets more gather for ``linger_s`` (50 ms), so under load it wakes, takes the
interpreter lock from the event loop and commits once per 50 ms rather than for every few
exchanges. The queue is bounded (``max_pending``): when the writer falls that far behind,
``record`` waits for room instead of letting memory grow.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from charter.errors import StoreError
from charter.evaluate import Score, Verdict
from charter.evaluate.checks import SpanMemo, find_pii, span_memo
from charter.guard._detect import find_secrets
from charter.guard._guard import GuardDecision, redact
from charter.guide import Expected, Guide
from charter.store import (
    CaseRow,
    RequestRow,
    ResponseRow,
    RunRecord,
    RunStore,
    ScoreRow,
    WriteBatch,
)
from charter.suite import Case, Intent, Message, Provenance, Suite, write_suite

__all__ = ["EXCHANGE_RUN_KIND", "Recorder", "export_exchanges", "iter_exchanges", "scrub"]

EXCHANGE_RUN_KIND = "guard-exchanges"
log = logging.getLogger("charter.serve")
_Item = tuple[str, Sequence[Message], str, str, Sequence[GuardDecision], tuple[int, int], float, str | None,
              SpanMemo | None]
_EXCHANGE_EXTRA = json.dumps({"exchange": True})


def scrub(text: str) -> str:
    """``text`` with PII and secrets replaced by ``[redacted:KIND]``."""
    return redact(text, [*find_pii(text), *find_secrets(text)])


def _hit_scores(d: GuardDecision) -> list[Score]:
    out: list[Score] = []
    for h in d.hits:
        for rid in h.rule_ids or [None]:  # type: ignore[list-item]
            out.append(Score(scorer=f"guard.{d.stage}.{h.guard}", rule_id=rid, verdict=Verdict.fail, value=h.risk,
                             label=h.action.value, explanation=f"{h.scorer} triggered on {d.stage}: {h.action.value}",
                             metadata={"family": "check", "aspect": "rule", "stage": d.stage, "guard": h.guard}))
    return out


def _pass_score(stage: str) -> Score:
    return Score(scorer=f"guard.{stage}", verdict=Verdict.pass_, value=0.0, label="allow",
                 explanation=f"no {stage} guard triggered", metadata={"family": "check", "aspect": "rule",
                                                                      "stage": stage})


_ScoreFields = tuple[str, str | None, str, float | None, str | None, str, str | None]


def _fields(s: Score) -> _ScoreFields:
    return (s.scorer, s.rule_id, str(s.verdict), s.value, s.label, s.explanation,
            json.dumps({"evidence": [], "metadata": s.metadata}, default=str))


#: the row of a stage where no guard triggered (most exchanges): the same every time
_PASS_ROWS: dict[str, _ScoreFields] = {}


def _score_fields(decisions: Sequence[GuardDecision]) -> list[_ScoreFields]:
    """The fields of a decision's score rows: one failing score per hit and rule, or one
    passing score when no guard triggered (worked out once per stage)."""
    out: list[_ScoreFields] = []
    for d in decisions:
        if d.hits:
            out.extend(_fields(s) for s in _hit_scores(d))
            continue
        row = _PASS_ROWS.get(d.stage)
        if row is None:
            row = _PASS_ROWS[d.stage] = _fields(_pass_score(d.stage))
        out.append(row)
    return out


class Recorder:
    """Appends exchanges to one run (created on first use) of the store at ``path``.

    ``record`` queues; a writer thread, once woken, waits ``linger_s`` for more to queue, then
    commits up to ``batch_size`` queued exchanges per transaction. :meth:`flush` waits until
    everything queued is written; :meth:`finish` flushes, marks the run complete and closes
    the store."""

    def __init__(self, path: str | Path | None, guide: Guide, *, target: str, scrub_pii: bool = True,
                 config: dict[str, Any] | None = None, batch_size: int = 256, max_pending: int = 4096,
                 linger_s: float = 0.05) -> None:
        self.store = RunStore(path)
        self.guide = guide
        self.scrub_pii = scrub_pii
        self.run_id = self.store.create_run(
            name=f"serve {guide.meta.name}", target=target, guide_hash=guide.fingerprint(), suite_hash=None,
            config=config or {}, metadata={"kind": EXCHANGE_RUN_KIND, "scrubbed": scrub_pii})
        self.batch_size = max(1, batch_size)
        self.linger_s = max(0.0, linger_s)
        self.written = 0
        self.failed = 0
        self._idx = 0
        self._queue: queue.Queue[_Item | None] = queue.Queue(maxsize=max(1, max_pending))
        self._writer = threading.Thread(target=self._write_loop, name="charter-recorder", daemon=True)
        self._writer.start()
        self._finished = False

    @property
    def pending(self) -> int:
        """Exchanges queued and not yet written."""
        return self._queue.qsize()

    def _clean(self, text: str) -> str:
        return scrub(text) if self.scrub_pii else text

    def _clean_message(self, m: Message) -> Message:
        clean = self._clean(m.content)
        return m if clean == m.content else m.model_copy(update={"content": clean})

    def _add(self, b: WriteBatch, item: _Item) -> None:
        exchange_id, messages, text, model, decisions, usage, latency_s, error, memo = item
        with span_memo(memo):  # the spans the guards found in these texts, when the proxy kept them
            msgs = [self._clean_message(m) for m in messages if m.role != "system"]
            clean_text = self._clean(text)
        blocked = any(d.blocked for d in decisions)
        case = Case(id=exchange_id, messages=msgs or [Message(role="user", content="")],
                    expected=Expected.refuse if blocked else Expected.comply,
                    intent=Intent.violating if blocked else Intent.benign,
                    rule_ids=sorted({r for d in decisions for r in d.rule_ids}),
                    provenance=Provenance(generator="production", source=f"exchange:{exchange_id}"),
                    metadata={"guard": {d.stage: {"action": d.action.value, "rule_ids": d.rule_ids,
                                                  "latency_ms": d.latency_ms} for d in decisions}})
        rid, now = self.run_id, time.time()
        b.cases.append(CaseRow(rid, exchange_id, self._idx, case.model_dump_json()))
        # an exchange was not served through the cache: its request key names the exchange
        b.requests.append(RequestRow(rid, exchange_id, 0, f"exchange:{exchange_id}", model, 1, latency_s, now))
        b.responses.append(ResponseRow(rid, exchange_id, 0, clean_text, model, error, usage[0], usage[1],
                                       0.0, 0, _EXCHANGE_EXTRA))
        for i, fields in enumerate(_score_fields(decisions)):
            b.scores.append(ScoreRow(rid, exchange_id, 0, i, *fields))
        self._idx += 1

    def _write_loop(self) -> None:
        stop = False
        while not stop:
            items = [self._queue.get()]
            if items[0] is not None and self.linger_s and self._queue.qsize() < self.batch_size - 1:
                time.sleep(self.linger_s)  # let more gather: one wake-up and one commit per batch
            while len(items) < self.batch_size:
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = any(i is None for i in items)
            todo = [i for i in items if i is not None]
            try:
                if todo:
                    b = WriteBatch()
                    for item in todo:
                        self._add(b, item)
                    self.store.commit(b)
                    self.written += len(todo)
            except Exception as e:  # a full disk or a locked store must not stop the proxy
                self.failed += len(todo)
                log.error("could not record %d exchange(s): %s: %s", len(todo), type(e).__name__, e)
            finally:
                for _ in items:
                    self._queue.task_done()

    async def record(self, exchange_id: str, messages: Sequence[Message], text: str, *, model: str,
                     decisions: Sequence[GuardDecision], usage: tuple[int, int] = (0, 0), latency_s: float = 0.0,
                     error: str | None = None, memo: SpanMemo | None = None) -> None:
        """Queue one exchange (messages as the client sent them, the text it got back); it is
        written in the background. Waits only when ``max_pending`` exchanges are queued.
        ``memo``: the detectors' spans of this exchange's texts (:mod:`charter.evaluate.checks._span_memo`),
        read by the scrubber instead of scanning those texts again."""
        if self._finished:
            raise StoreError("the recorder is finished", hint="create a new Recorder")
        item: _Item = (exchange_id, messages, text, model, decisions, usage, latency_s, error, memo)
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            await asyncio.to_thread(self._queue.put, item)

    def flush(self) -> None:
        """Wait until every queued exchange is written."""
        self._queue.join()

    def finish(self) -> None:
        """Write what is queued, mark the run complete and close the store (idempotent)."""
        if self._finished:
            return
        self._finished = True
        self._queue.put(None)
        self._writer.join()
        try:
            self.store.set_status(self.run_id, "complete")
        finally:
            self.store.close()


def iter_exchanges(store: RunStore, run_id: str | None = None) -> Iterator[RunRecord]:
    """The recorded exchanges of one run (default: every exchange run, oldest first)."""
    runs = [store.resolve(run_id)] if run_id else [
        r.id for r in sorted(store.list_runs(), key=lambda r: r.created_at)
        if r.metadata.get("kind") == EXCHANGE_RUN_KIND]
    for rid in runs:
        yield from store.iter_records(rid)


def export_exchanges(store: RunStore, out: str | Path, *, run_id: str | None = None) -> tuple[Path, Path, int]:
    """Write the exchanges as a replay log (``OUT``) and a suite (``OUT`` with ``.suite.jsonl``)
    and return both paths and the count. Raises StoreError when there is nothing to export."""
    log = Path(out)
    suite_path = log.with_name(log.name.removesuffix(".jsonl") + ".suite.jsonl")
    cases: list[Case] = []
    lines: list[str] = []
    for rec in iter_exchanges(store, run_id):
        if rec.response.error:
            continue
        case = rec.case
        cases.append(case)
        lines.append(json.dumps({"case_id": case.id, "messages": [m.model_dump(exclude_none=True) for m in case.messages],
                                 "response": rec.response.text}, ensure_ascii=False))
    if not cases:
        raise StoreError("no recorded exchanges to export",
                         hint="serve traffic with `charter serve` (recording is on unless --no-record)")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_suite(Suite(name=f"exchanges-{log.stem}", cases=cases), suite_path)
    return log, suite_path, len(cases)
