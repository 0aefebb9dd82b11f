"""Group commit of a run's rows on the event loop's thread, WAL checkpoints on a thread.

Rows wait in ``batch``; ``kick()`` schedules one commit for the end of the event loop's
current round of callbacks (``call_soon``), so every record finished in that round goes into
one transaction. There is no timer: under load a round finishes many records and batches
grow by themselves, and an idle run commits a record as soon as it exists.

While records keep coming, a commit waits: when its turn comes and more records were
finished since it was queued, it goes to the back of the queue again, at most :data:`DEFER_ROUNDS`
times, and commits as soon as a round adds none. Beyond its rows, a transaction costs 0.03 ms
for one record and 0.1 ms for 13 (SQLite writes each page it touched to the WAL, and a
record touches six B-trees), so at 64 in flight against a fast server one commit per round
made 100 to 140 commits for 2,000 records, and waiting for the burst to end 71 to 78
(about 5% less CPU per record). The workers whose records wait would have waited for the
same loop anyway: the rounds in between are other workers' answers being handled.

Each batch has an asyncio future, resolved when its transaction is committed. A worker
awaits the future of its record before it sends its next request, so an answer is on disk
before the same worker asks for another one: a ``kill -9`` loses at most one answer or one
request in flight per worker (at most ``concurrency`` calls are made again on resume).

Why the loop's thread. Until 2026-12-02 the commits ran on a writer thread. A commit takes
about 0.1 ms, but the thread must get the GIL from the busy loop and a core from the OS, and
the loop must get them back to resolve the future: on the shared 2-core machine a worker
waited a median 1 to 11 ms (90th percentile 7 to 22) for its commit, a tenth of every cycle
against a 50 ms model. On the loop's thread the wait is the rest of the round (a median 0.4
to 0.5 ms at 50 ms latency), and the CPU per sample is the same or lower.

What must not run on the loop is a file sync, and in WAL mode with ``synchronous=NORMAL``
only a checkpoint syncs: this connection's automatic checkpoints are off, and every
:data:`CHECKPOINT_EVERY` commits a passive checkpoint runs on a thread with a connection of
its own (it never blocks the commits; one that finds the WAL busy leaves the rest to the next).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from charter.errors import StoreError
from charter.store import RunStore, WriteBatch

__all__ = ["CHECKPOINT_EVERY", "DEFER_ROUNDS", "Writer"]

#: commits between two checkpoints (a commit adds a few pages to the WAL: SQLite's own
#: automatic checkpoint comes every 1,000 pages)
CHECKPOINT_EVERY = 100
#: rounds a commit may wait for while each round still finishes records (see the docstring)
DEFER_ROUNDS = 3


class Writer:
    """Collects rows in ``batch``; ``kick()`` after adding rows; ``await drain()`` at the end."""

    def __init__(self, path: Any, loop: asyncio.AbstractEventLoop) -> None:
        self.path = path
        self.loop = loop
        self.batch = WriteBatch()
        self.done: asyncio.Future[None] = loop.create_future()  # resolved when ``batch`` is committed
        self.error: BaseException | None = None
        self._scheduled = False
        self._kicks = self._seen = self._deferred = 0
        self._store: RunStore | None = None
        self._commits = 0
        self._pool: ThreadPoolExecutor | None = None
        self._checkpoint: Future[None] | None = None
        self._checkpointer: RunStore | None = None

    def _open(self) -> RunStore:
        if self._store is None:
            store = RunStore(self.path)
            store.con.execute("PRAGMA wal_autocheckpoint=0")  # see the module's docstring
            self._store = store
        return self._store

    def kick(self) -> None:
        """Commit the pending batch at the end of the loop's current round."""
        self._kicks += 1
        if not self._scheduled and self.error is None and len(self.batch):
            self._scheduled = True
            self._seen = self._kicks
            self.loop.call_soon(self._flush)

    def _flush(self) -> None:
        if self._kicks != self._seen and self._deferred < DEFER_ROUNDS:
            self._seen = self._kicks
            self._deferred += 1
            self.loop.call_soon(self._flush)
            return
        self._deferred = 0
        self._scheduled = False
        if self.error is not None or not len(self.batch):
            return
        batch, fut = self.batch, self.done
        self.batch, self.done = WriteBatch(), self.loop.create_future()
        try:
            self._open().commit(batch)
        except Exception as e:
            self.error = self.error or e
            fut.set_exception(e)
            fut.exception()  # retrieved here; awaiting workers still get it
            return
        fut.set_result(None)
        self._commits += 1
        if self._commits >= CHECKPOINT_EVERY and (self._checkpoint is None or self._checkpoint.done()):
            self._commits = 0
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="charter-checkpoint")
            self._checkpoint = self._pool.submit(self._run_checkpoint)

    def _run_checkpoint(self) -> None:
        """On the checkpoint thread: copy what the WAL holds into the database file."""
        try:
            if self._checkpointer is None:
                self._checkpointer = RunStore(self.path)
            self._checkpointer.con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except (sqlite3.Error, StoreError):
            pass  # nothing is lost: the WAL keeps every commit, and the next checkpoint copies it

    def call(self, fn: Callable[[RunStore], Any]) -> Future[Any]:
        """Run ``fn(store)`` at once, on this thread, after the commits made before it."""
        done: Future[Any] = Future()
        try:
            done.set_result(fn(self._open()))
        except Exception as e:
            done.set_exception(e)
        return done

    async def drain(self) -> None:
        """Commit everything pending; re-raise the first write error."""
        self.drain_sync()
        if self.error is not None:
            raise self.error

    def drain_sync(self) -> None:
        """Commit everything pending now (also while the loop is closing: no await)."""
        if self.error is None and len(self.batch):
            self._seen = self._kicks
            self._flush()

    def close(self, *, finish_in_background: bool = False) -> None:
        """Close both connections. ``finish_in_background``: copy what the WAL still holds
        on the checkpoint thread, which then closes its connection, instead of waiting here.

        Without it, that copy (and its file sync) fell to whoever closed the file last,
        usually the caller's ``RunStore`` right after the run: 10 to 25 ms on the loop's
        thread at the end of every run. The thread is not a daemon: the interpreter waits
        for it at exit, and readers see every commit meanwhile (they are in the WAL)."""
        pool, self._pool = self._pool, None
        store, self._store = self._store, None
        if store is not None:
            store.close()  # not the file's last connection: the caller's store is open
        if finish_in_background and store is not None and self.error is None:
            if pool is None:
                pool = ThreadPoolExecutor(1, thread_name_prefix="charter-checkpoint")
            pool.submit(self._finish)
            pool.shutdown(wait=False)
            return
        if pool is not None:
            pool.shutdown(wait=True)  # a checkpoint under way finishes first
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None

    def _finish(self) -> None:
        """On the checkpoint thread: a last checkpoint, then close its connection."""
        try:
            self._run_checkpoint()
        finally:
            checkpointer, self._checkpointer = self._checkpointer, None
            if checkpointer is not None:
                try:
                    checkpointer.close()
                except sqlite3.Error:
                    pass
