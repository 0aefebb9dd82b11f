"""Answers a judge model already gave, so that the same question is not asked twice.

The yes/no judge asks about a case's *request* without looking at the response, so the main
job's two runs (with and without the system prompt) ask it the same question about every
judged case. Each question's prompt carries a fresh fence token, so a cache of identical
requests never matches; :meth:`Question.key` leaves the token out. One memo per judge
:class:`~charter.model.Model` object (a new model object starts empty), held by the current
:class:`charter.Context` and bounded (the least recently used answers go first). A question
asked while the same one is in flight waits for that answer instead of asking again. Beneath
the memo, inside a run, the run store keeps the answers across processes (:mod:`._kept`): the
memo's miss looks there before it asks the model.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from charter.model import Model
from charter.registry import current_context

__all__ = ["AnswerMemo", "answer_memo"]

V = TypeVar("V")

#: answers kept per judge model
MAX_ANSWERS = 4096


class AnswerMemo(Generic[V]):
    """A bounded, thread-safe map of question key → answer, sharing answers in flight."""

    def __init__(self, limit: int = MAX_ANSWERS) -> None:
        self.limit = limit
        self._items: OrderedDict[str, V] = OrderedDict()
        self._pending: dict[str, asyncio.Future[V | None]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    async def ask(self, key: str, fn: Callable[[], Awaitable[V | None]]) -> tuple[V | None, bool]:
        """The answer under ``key`` and ``True`` when it was known (or in flight); else
        ``fn()``'s answer and ``False``. ``None`` (no usable answer) and errors are not kept."""
        known = self.get(key)
        if known is not None:
            return known, True
        loop = asyncio.get_running_loop()
        with self._lock:
            waiting = self._pending.get(key)
            if waiting is not None and waiting.get_loop() is not loop:
                waiting = None
            if waiting is None:
                mine: asyncio.Future[V | None] = loop.create_future()
                self._pending[key] = mine
        if waiting is not None:
            value = await asyncio.shield(waiting)
            if value is not None:
                return value, True
            return await fn(), False  # the first asker got no usable answer: ask for ourselves
        try:
            value = await fn()
        except BaseException:
            mine.set_result(None)
            raise
        finally:
            with self._lock:
                if self._pending.get(key) is mine:
                    del self._pending[key]
        if value is not None:
            self.put(key, value)
        mine.set_result(value)
        return value, False

    def __len__(self) -> int:
        return len(self._items)


def answer_memo(model: Model) -> AnswerMemo[tuple[float, bool]]:
    """The memo of ``model``'s yes/no answers: ``(p_yes, read_from_text)`` per question key."""
    memos: weakref.WeakKeyDictionary[Model, AnswerMemo[tuple[float, bool]]] = current_context().resource(
        "evaluate.judge_answer_memos", weakref.WeakKeyDictionary)
    with _LOCK:
        memo = memos.get(model)
        if memo is None:
            memo = memos[model] = AnswerMemo()
    return memo


_LOCK = threading.Lock()
