"""`AdaptiveLimiter`: a per-model concurrency limit that backs off on 429s (AIMD)."""

from __future__ import annotations

import asyncio
import time
from collections import deque

__all__ = ["AdaptiveLimiter"]


class AdaptiveLimiter:
    """At most ``limit`` holders at once. ``throttled()`` (a 429) halves the effective limit,
    at most once per ``cooldown`` seconds so one burst of 429s counts once; each success
    adds ``1 / limit``, so the limit climbs back by one per window of successes."""

    def __init__(self, limit: int, *, cooldown: float = 1.0) -> None:
        self.max_limit = limit
        self.limit = float(limit)
        self.active = 0
        self.cooldown = cooldown
        self.throttle_events = 0
        self._last_cut = -1e9
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def effective(self) -> int:
        return max(1, int(self.limit))

    def try_acquire(self) -> bool:
        """Take a slot if one is free now (no waiting): True when taken."""
        if self.active < self.effective and not self._waiters:
            self.active += 1
            return True
        return False

    async def acquire(self) -> None:
        if self.try_acquire():
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self.release()  # the slot was handed to us as we were cancelled
            else:
                try:
                    self._waiters.remove(fut)
                except ValueError:
                    pass
            raise

    def release(self) -> None:
        self.active -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self.active < self.effective:
            fut = self._waiters.popleft()
            if not fut.done():
                self.active += 1
                fut.set_result(None)

    def throttled(self) -> None:
        now = time.monotonic()
        if now - self._last_cut < self.cooldown:
            return
        self._last_cut = now
        self.throttle_events += 1
        self.limit = max(1.0, self.limit / 2)

    def succeeded(self) -> None:
        if self.limit < self.max_limit:
            self.limit = min(float(self.max_limit), self.limit + 1.0 / self.limit)
            self._wake()
