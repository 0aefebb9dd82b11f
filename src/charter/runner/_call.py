"""One model request with a timeout, retries with jittered exponential backoff (Retry-After
honoured) and the per-model adaptive concurrency limit."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from charter.errors import ModelError
from charter.model import GenerateConfig, ModelAPI, ModelOutput
from charter.runner._limiter import AdaptiveLimiter
from charter.types import Message

__all__ = ["Deadlines", "backoff_delay", "call_model"]


class Deadlines:
    """The time-outs of many requests, checked by one timer.

    ``asyncio.timeout`` schedules a timer per request and cancels it when the answer comes
    (a handle built, pushed on the loop's heap, cancelled, and later swept from the heap):
    about 8 µs of CPU per request at 64 in flight against a fast server, a seventh of the
    runner's own work per record (docs/performance.md). Here a request in flight is one dict
    entry, and one timer, running only while requests are in flight, looks every ``tick``
    seconds for those past their deadline and cancels their tasks, which then raise
    ``TimeoutError`` as under ``asyncio.timeout``. ``tick`` is a twentieth of the time-out,
    at most 1 s and at least 1 ms, and a request times out at most one tick late (after 121 s
    at worst for the default 120)."""

    __slots__ = ("_due", "_fired", "_handle", "_loop", "_seq", "tick")

    def __init__(self, timeout: float) -> None:
        self.tick = min(1.0, max(0.001, timeout / 20))
        self._due: dict[int, tuple[float, asyncio.Task[Any]]] = {}
        self._fired: set[int] = set()
        self._handle: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._seq = 0

    def start(self, task: asyncio.Task[Any], timeout: float) -> int:
        """Watch ``task`` (about to await a request) for ``timeout`` seconds; its ticket."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # first use, or a new event loop (a second asyncio.run)
            self._loop, self._handle = loop, None
            self._due.clear()
            self._fired.clear()
        self._seq += 1
        self._due[self._seq] = (time.monotonic() + timeout, task)  # the clock of the default loop
        if self._handle is None:
            self._handle = loop.call_later(self.tick, self._sweep)
        return self._seq

    def _sweep(self) -> None:
        self._handle = None
        loop = self._loop
        if loop is None or not self._due:
            return
        now = time.monotonic()
        for ticket, (when, task) in list(self._due.items()):
            if when <= now:
                del self._due[ticket]
                self._fired.add(ticket)
                task.cancel()
        if self._due:
            self._handle = loop.call_later(self.tick, self._sweep)

    def end(self, ticket: int) -> bool:
        """Stop watching a request; True when its deadline passed (its task was cancelled)."""
        if self._due.pop(ticket, None) is not None:
            return False
        if ticket in self._fired:
            self._fired.discard(ticket)
            return True
        return False


def backoff_delay(attempt: int, err: ModelError, base: float, cap: float) -> float:
    """Delay before retry number ``attempt`` (1-based): the server's Retry-After when given
    (plus up to 10% jitter, so clients do not return in lock-step), else full jitter over
    ``base * 2**(attempt-1)``, both capped at ``cap``."""
    if err.retry_after is not None and err.retry_after >= 0:
        return min(cap, float(err.retry_after) * (1.0 + 0.1 * random.random()))
    return random.uniform(0.5, 1.0) * min(cap, base * 2.0 ** (attempt - 1))


def _as_model_error(e: Exception, timeout: float) -> ModelError:
    if isinstance(e, ModelError):
        return e
    if isinstance(e, TimeoutError):
        return ModelError(f"request timed out after {timeout:g}s", retryable=True)
    if isinstance(e, (OSError, ConnectionError, EOFError)):
        return ModelError(f"connection failed: {type(e).__name__}: {e}", retryable=True)
    mod = type(e).__module__
    if mod.startswith("aiohttp"):
        # transport-level failures the provider did not map itself
        return ModelError(f"connection failed: {type(e).__name__}: {e}", retryable=True)
    return ModelError(f"provider raised {type(e).__name__}: {e}", retryable=False)


async def call_model(api: ModelAPI, messages: list[Message], config: GenerateConfig, limiter: AdaptiveLimiter, *,
                     timeout: float, max_retries: int, backoff_base: float, backoff_max: float,
                     stop: asyncio.Event | None = None, deadlines: Deadlines | None = None,
                     ) -> tuple[ModelOutput | ModelError, int]:
    """Call ``api.generate`` until it answers, fails for good, or retries run out. Returns
    the output (or the last error) and the number of attempts. Never raises ModelError;
    cancellation propagates. Once ``stop`` is set (SIGTERM) a failed attempt is
    not retried: its error is returned, and a resume retries it. ``deadlines``: watch the
    time-out there (see :class:`Deadlines`) instead of with ``asyncio.timeout``."""
    attempts = 0
    task = asyncio.current_task() if deadlines is not None else None
    while True:
        attempts += 1
        if not limiter.try_acquire():  # a free slot needs no coroutine
            await limiter.acquire()
        try:
            if task is None or deadlines is None:
                async with asyncio.timeout(timeout):
                    out = await api.generate(messages, config)
            else:  # what asyncio.timeout does, under a deadline of ``deadlines``
                cancelling = task.cancelling()
                ticket = deadlines.start(task, timeout)
                try:
                    out = await api.generate(messages, config)
                except asyncio.CancelledError:
                    # the deadline's own cancellation becomes TimeoutError; one from outside
                    # (a second SIGTERM, a TaskGroup) propagates
                    if deadlines.end(ticket) and task.uncancel() <= cancelling:
                        raise TimeoutError from None
                    raise
                except BaseException:
                    if deadlines.end(ticket):
                        task.uncancel()
                    raise
                if deadlines.end(ticket):  # cancelled as it answered (a provider that swallowed it)
                    task.uncancel()
        except Exception as e:
            err = _as_model_error(e, timeout)
        else:
            limiter.succeeded()
            return out, attempts
        finally:
            limiter.release()  # also on cancellation: a slot must never leak
        if err.status == 429:
            limiter.throttled()
        if not err.retryable or attempts > max_retries or (stop is not None and stop.is_set()):
            return err, attempts
        delay = backoff_delay(attempts, err, backoff_base, backoff_max)
        if stop is None:
            await asyncio.sleep(delay)
            continue
        try:  # a stop request ends the wait (and the retries) at once
            async with asyncio.timeout(delay):
                await stop.wait()
        except TimeoutError:
            continue
        return err, attempts
