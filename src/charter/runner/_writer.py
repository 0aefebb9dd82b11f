"""Group commit of a run's rows on a background thread.

One batch is committed at a time, on a thread with its own connection (SQLite releases the
GIL, so its work overlaps the event loop); rows that arrive meanwhile wait in the next
batch, which is submitted the moment the previous commit ends. There is no timer: under
load batches grow by themselves, and an idle writer commits a record as soon as it exists.

Each batch has an asyncio future, resolved when its transaction is committed. A worker
awaits the future of its record before it sends its next request, so an answer is on disk
before the same worker asks for another one: a ``kill -9`` loses at most one answer or one
request in flight per worker (at most ``concurrency`` calls are made again on resume).

A run with one worker (concurrency 1) has nothing to overlap a commit with: its worker waits
for every commit before its next request. There the writer commits ``inline``, on the event
loop's thread, which saves handing each batch to the thread and the answer back (about a
quarter of the CPU per sample and a tenth of the wall time of a serial run against a fast
server); the durability is the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from charter.store import RunStore, WriteBatch

__all__ = ["Writer"]


class Writer:
    """Collects rows in ``batch``; ``kick()`` after adding rows; ``await drain()`` at the end."""

    def __init__(self, path: Any, loop: asyncio.AbstractEventLoop, *, inline: bool = False) -> None:
        self.path = path
        self.loop = loop
        self.inline = inline
        self.batch = WriteBatch()
        self.done: asyncio.Future[None] = loop.create_future()  # resolved when ``batch`` is committed
        self.error: BaseException | None = None
        self._busy = False
        self._inflight: asyncio.Future[None] | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._store: RunStore | None = None

    # -- on the writer thread ---------------------------------------------------------------
    def _commit(self, batch: WriteBatch) -> None:
        if self._store is None:
            self._store = RunStore(self.path)
        self._store.commit(batch)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- on the event loop ----------------------------------------------------------------
    def kick(self) -> None:
        """Submit the pending batch now unless a commit is under way (then it follows it)."""
        if not self._busy and self.error is None and len(self.batch):
            self._submit()

    def _submit(self) -> None:
        if self.inline:
            self._commit_inline()
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="charter-writer")
        batch, fut = self.batch, self.done
        self.batch, self.done = WriteBatch(), self.loop.create_future()
        self._busy = True
        self._inflight = fut
        cf = self._pool.submit(self._commit, batch)
        cf.add_done_callback(lambda f: self.loop.call_soon_threadsafe(self._finished, f, fut))

    def _finished(self, cf: Future[None], fut: asyncio.Future[None]) -> None:
        self._busy = False
        self._inflight = None
        exc = cf.exception()
        if exc is not None:
            self.error = self.error or exc
            if not fut.done():
                fut.set_exception(exc)
                fut.exception()  # retrieved here; awaiting workers still get it
            return
        if not fut.done():
            fut.set_result(None)
        self.kick()

    def _commit_inline(self) -> None:
        batch, fut = self.batch, self.done
        self.batch, self.done = WriteBatch(), self.loop.create_future()
        try:
            self._commit(batch)
        except Exception as e:
            self.error = self.error or e
            fut.set_exception(e)
            fut.exception()  # retrieved here; awaiting workers still get it
            return
        fut.set_result(None)

    def call(self, fn: Callable[[RunStore], Any]) -> Future[Any]:
        """Run ``fn(store)`` on the writer thread (after the commits submitted before it);
        ``inline``: at once, on this thread."""
        if self.inline:
            done: Future[Any] = Future()
            try:
                if self._store is None:
                    self._store = RunStore(self.path)
                done.set_result(fn(self._store))
            except Exception as e:
                done.set_exception(e)
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="charter-writer")

        def go() -> Any:
            if self._store is None:
                self._store = RunStore(self.path)
            return fn(self._store)

        return self._pool.submit(go)

    async def drain(self) -> None:
        """Commit everything pending; re-raise the first write error."""
        while True:
            if self.error is not None:
                raise self.error
            if self._busy and self._inflight is not None:
                await asyncio.shield(self._inflight)
            elif len(self.batch):
                self.kick()
            else:
                return

    def drain_sync(self) -> None:
        """Commit everything pending without the event loop (it is closing or gone)."""
        if self.inline:
            if len(self.batch) and self.error is None:
                batch, self.batch = self.batch, WriteBatch()
                self._commit(batch)
            return
        pool = self._pool
        if pool is None:
            pool = self._pool = ThreadPoolExecutor(1, thread_name_prefix="charter-writer")
        if len(self.batch) and self.error is None:
            batch, self.batch = self.batch, WriteBatch()
            pool.submit(self._commit, batch).result()

    def close(self) -> None:
        if self.inline:
            self._close()
            return
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.submit(self._close).result()
            pool.shutdown()
