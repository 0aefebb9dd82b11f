"""Gathering concurrent requests into batches for an in-process model (used by the ``hf/`` provider).

:class:`Batcher` queues each request with a future; one worker task at a time takes up to
``size`` queued requests that share a batch key (compatible generation settings), runs them
together in a worker thread and resolves each future with its own result. Requests that arrive
while a batch is running wait for the next one. A request whose key is ``None`` always runs
alone. The worker task exits when the queue is empty and a new one starts with the next request,
so no task outlives the requests of an event loop.

Filling batches. A caller that keeps ``size`` requests in flight (the runner) gets its answers
back together and sends the next requests a little later, one after the other. So before a
batch with fewer than ``size`` requests queued, the worker waits up to ``wait`` seconds for the
queue to fill, and goes as soon as it is full; it does not wait when the previous batch held
one request and one is queued (a caller that sends one request at a time waits once, before
its first request).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Batcher"]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(eq=False)
class _Waiter(Generic[T, R]):
    item: T
    key: Hashable | None
    future: asyncio.Future[R] = field(repr=False)


class Batcher(Generic[T, R]):
    """Runs ``run(items) -> results`` (blocking; one result per item, in order) on batches of
    up to ``size`` queued items with the same ``key(item)``.

    An exception raised by ``run`` goes through ``fail`` and then to every waiter of that batch;
    the batcher keeps serving the next ones. A waiter cancelled while it waits is dropped (its
    batch-mates are unaffected; a batch already running finishes for the others). :meth:`close`
    stops the worker and fails every request still queued with ``closed()``.
    """

    def __init__(self, run: Callable[[list[T]], list[R]], *, size: int, key: Callable[[T], Hashable | None],
                 fail: Callable[[Exception], BaseException], closed: Callable[[], BaseException],
                 wait: float = 0.05) -> None:
        if size < 1:
            raise ValueError("batch size must be >= 1")
        self.size, self.wait = size, wait
        self._last = 0  # requests in the previous batch
        self._full: asyncio.Event | None = None  # set when the queue holds a full batch
        self._run, self._key, self._fail, self._closed = run, key, fail, closed
        self._pending: list[_Waiter[T, R]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        #: how many batches of each size ran so far (for benchmarks)
        self.batch_sizes: Counter[int] = Counter()

    async def submit(self, item: T) -> R:
        """Queue ``item`` and wait for its result."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (asyncio.run again): the old worker died with the old one
            self._loop, self._task, self._pending, self._full, self._last = loop, None, [], None, 0
        waiter: _Waiter[T, R] = _Waiter(item, self._key(item), loop.create_future())
        self._pending.append(waiter)
        if self._full is not None and len(self._pending) >= self.size:
            self._full.set()
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._work(), name="charter-hf-batcher")
        return await waiter.future

    def _take(self) -> list[_Waiter[T, R]]:
        """The oldest live request and up to ``size - 1`` younger ones with its key, in order."""
        self._pending = [w for w in self._pending if not w.future.done()]
        if not self._pending:
            return []
        first = self._pending[0]
        if first.key is None or self.size == 1:
            batch = [first]
        else:
            batch = [w for w in self._pending if w.key == first.key][: self.size]
        taken = set(map(id, batch))
        self._pending = [w for w in self._pending if id(w) not in taken]
        return batch

    async def _fill(self) -> None:
        """Wait (at most ``wait`` seconds) for a full batch when more requests look to be coming."""
        self._pending = [w for w in self._pending if not w.future.done()]
        if self.wait <= 0 or not self._pending or len(self._pending) >= self.size:
            return
        if self._last == 1 and len(self._pending) == 1:
            return
        self._full = asyncio.Event()
        try:
            await asyncio.wait_for(self._full.wait(), self.wait)
        except TimeoutError:
            pass
        finally:
            self._full = None

    async def _work(self) -> None:
        await asyncio.sleep(0)  # let the requests made in the same step of the loop join the first batch
        while True:
            await self._fill()
            batch = self._take()
            if not batch:
                return
            self._last = len(batch)
            self.batch_sizes[len(batch)] += 1
            try:
                results = await asyncio.to_thread(self._run, [w.item for w in batch])
            except asyncio.CancelledError:
                for w in batch:
                    if not w.future.done():
                        w.future.set_exception(self._closed())
                raise
            except Exception as e:  # every waiter of the batch gets the error
                err = self._fail(e)
                for w in batch:
                    if not w.future.done():
                        w.future.set_exception(err)
                continue
            if len(results) != len(batch):
                err = self._fail(RuntimeError(f"a batch of {len(batch)} requests gave {len(results)} results"))
                for w in batch:
                    if not w.future.done():
                        w.future.set_exception(err)
                continue
            for w, r in zip(batch, results, strict=True):
                if not w.future.done():
                    w.future.set_result(r)

    async def close(self) -> None:
        """Stop the worker (a batch running in its thread finishes there, unseen) and fail the
        queued requests."""
        task, self._task = self._task, None
        pending, self._pending = self._pending, []
        for w in pending:
            if not w.future.done():
                w.future.set_exception(self._closed())
        if task is not None and not task.done():
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is not None and task.get_loop() is running:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
