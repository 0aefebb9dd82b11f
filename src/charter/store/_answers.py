"""`AnswerCache`: the answers a scorer gets from a model (a judge's), kept in the store's cache.

The runner caches the *target's* responses by request key (:class:`~charter.store.CacheRow`,
written with the record). A judge is called by a scorer, which knows nothing of the store, so
the runner hands one over through :data:`current_answer_cache` while it scores a record: a
judge looks its question up there before asking its model (:meth:`AnswerCache.get`), and
leaves the answer it had to ask for (:meth:`AnswerCache.put`); the runner moves those rows
into the batch of the record being written (:meth:`AnswerCache.move_to`), so they are
committed in the record's transaction, on the run's writer connection, like the target's.

The rows live in the same ``cache`` table as the target's, under keys the judge makes
(another hash than :func:`charter.model.request_key`, so the two never meet), and with
``judge:<model>`` in the ``model`` column. A stored row that cannot be read back as a model
output (a torn or hand-edited row) is not an error: :meth:`AnswerCache.get` answers ``None``,
the judge asks again, and the new answer replaces the row (``WriteBatch.answers`` is written
with ``INSERT OR REPLACE``). Two processes on one store may ask the same question at once;
each asks its model (nothing is locked while a model answers) and the later commit replaces
the earlier row with an answer to the same question.

No :class:`AnswerCache` in the context (a judge called outside a run, or a run with the cache
off: ``RunnerConfig(cache=False)``, ``--no-cache``): the judge asks its model every time (its
per-process memo still applies).
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from charter.errors import StoreError
from charter.store._rows import CacheRow
from charter.store._store import RunStore, WriteBatch, decode_output, encode_output
from charter.types import ModelOutput

__all__ = ["ANSWER_MODEL_PREFIX", "AnswerCache", "current_answer_cache"]

#: the ``model`` column of a kept answer: this prefix, then the judge model's name
ANSWER_MODEL_PREFIX = "judge:"

#: the answer cache of the record being scored (set by the runner around its scorers)
current_answer_cache: ContextVar[AnswerCache | None] = ContextVar("charter_answer_cache", default=None)


class AnswerCache:
    """Kept answers of one run: read from ``store``, new ones gathered for the run's writer."""

    def __init__(self, store: RunStore) -> None:
        self.store = store
        #: answers asked for since the last :meth:`move_to`
        self.rows: list[CacheRow] = []
        #: questions answered from the store, and answers added (for traces and tests)
        self.hits = 0
        self.added = 0

    def get(self, key: str) -> ModelOutput | None:
        """The output kept under ``key``; ``None`` when there is none, when the row does not
        hold a readable output, or when the store cannot be read now (the judge then asks)."""
        try:
            data = self.store.cache_get(key)
        except StoreError:
            return None
        if data is None:
            return None
        try:
            out = decode_output(data)
        except ValueError:
            return None
        self.hits += 1
        return out

    def put(self, key: str, model: str, out: ModelOutput) -> None:
        """Keep ``out``, the answer of judge model ``model`` asked under ``key`` (replacing any
        row under that key when the record's batch is committed)."""
        self.added += 1
        self.rows.append(CacheRow(key, ANSWER_MODEL_PREFIX + model, encode_output(out), time.time()))

    def move_to(self, batch: WriteBatch) -> None:
        """Add the answers gathered so far to ``batch`` (the record being written)."""
        if self.rows:
            batch.answers.extend(self.rows)
            self.rows = []
