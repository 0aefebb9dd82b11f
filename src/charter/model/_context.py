"""Per-request context a runner can set for providers that need it, without widening the
``generate(messages, config)`` contract.

``current_case_id`` holds the id of the case being answered: ``replay/`` looks logged
responses up by it, ``http/`` offers it to templates as ``{{ case_id }}``::

    with case_scope(case.id):
        out = await model.generate(messages, config)

A ``ContextVar`` is per asyncio task, so concurrent requests do not see each other's ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["case_scope", "current_case_id"]

current_case_id: ContextVar[str | None] = ContextVar("charter_case_id", default=None)


@contextmanager
def case_scope(case_id: str | None) -> Iterator[None]:
    """Set :data:`current_case_id` for the requests made inside the block."""
    token = current_case_id.set(case_id)
    try:
        yield
    finally:
        current_case_id.reset(token)
