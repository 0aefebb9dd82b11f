"""Budgets as hard caps: each request reserves its worst case before it is sent.

The worst case of a request is its prompt's estimated tokens plus the response cap
(``max_tokens`` of the generate config, else :data:`DEFAULT_OUTPUT_RESERVE`), and for cost
that many tokens at the provider's prices. A request is sent only when what was spent, plus
what the requests in flight reserved, plus its own reservation fits under the cap — or when
nothing else is in flight and the cap is not yet reached. So the total never passes the cap
by more than one request's reservation (as long as answers respect their reservation; the
estimate learns from the token counts the provider reports).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from charter.types import Message

__all__ = ["DEFAULT_OUTPUT_RESERVE", "Budget", "Reservation"]

#: output tokens reserved per request when the generate config sets no ``max_tokens``
DEFAULT_OUTPUT_RESERVE = 4096


class Reservation:
    __slots__ = ("cost", "prompt_tokens", "tokens")

    def __init__(self, prompt_tokens: int, tokens: int, cost: float) -> None:
        self.prompt_tokens = prompt_tokens
        self.tokens = tokens
        self.cost = cost


class Budget:
    """Spent and reserved tokens and cost of one run against ``max_tokens`` / ``max_cost``."""

    def __init__(self, *, max_cost: float | None, max_tokens: int | None, spent_cost: float, spent_tokens: int,
                 prices: tuple[float, float] | None, max_output: int | None) -> None:
        self.max_cost = max_cost
        self.max_tokens = max_tokens
        self.cost = spent_cost
        self.tokens = spent_tokens
        self.price_in, self.price_out = prices or (0.0, 0.0)
        self.output_reserve = max_output or DEFAULT_OUTPUT_RESERVE
        self.reserved_cost = 0.0
        self.reserved_tokens = 0
        self.in_flight = 0
        self.ratio = 1.0  # learned: reported prompt tokens / estimate (never below 1)
        self.largest = 0  # largest reservation made (tokens), for messages
        self.largest_cost = 0.0
        self._changed = asyncio.Event()

    @property
    def active(self) -> bool:
        return self.max_cost is not None or self.max_tokens is not None

    def reached(self) -> bool:
        return ((self.max_cost is not None and self.cost >= self.max_cost)
                or (self.max_tokens is not None and self.tokens >= self.max_tokens))

    def estimate(self, messages: Sequence[Message]) -> int:
        """Prompt tokens, estimated high: UTF-8 bytes / 3, plus 4 per message for the chat
        template, times the largest under-estimate seen so far."""
        n = 3
        for m in messages:
            n += len(m.content.encode()) // 3 + 4
        return int(n * self.ratio) + 1

    def _fits(self, r: Reservation) -> bool:
        if self.max_tokens is not None and self.tokens + self.reserved_tokens + r.tokens > self.max_tokens:
            return False
        return not (self.max_cost is not None and self.cost + self.reserved_cost + r.cost > self.max_cost)

    async def reserve(self, messages: Sequence[Message]) -> Reservation | None:
        """Wait until the request fits; None when the cap is reached (send nothing)."""
        prompt = self.estimate(messages)
        tokens = prompt + self.output_reserve
        r = Reservation(prompt, tokens, (prompt * self.price_in + self.output_reserve * self.price_out) / 1e6)
        while True:
            if self.reached():
                return None
            if self.in_flight == 0 or self._fits(r):
                break
            self._changed.clear()
            await self._changed.wait()
        self.in_flight += 1
        self.reserved_tokens += r.tokens
        self.reserved_cost += r.cost
        self.largest = max(self.largest, r.tokens)
        self.largest_cost = max(self.largest_cost, r.cost)
        return r

    def settle(self, r: Reservation, input_tokens: int, output_tokens: int, cost: float) -> None:
        """Replace a reservation by what the request really used (zeros when it failed)."""
        self.in_flight -= 1
        self.reserved_tokens -= r.tokens
        self.reserved_cost -= r.cost
        self.tokens += input_tokens + output_tokens
        self.cost += cost
        if input_tokens > r.prompt_tokens:
            self.ratio *= input_tokens / max(1, r.prompt_tokens)
        if output_tokens > self.output_reserve:
            self.output_reserve = output_tokens
        self._changed.set()
