"""Typed rows the runner hands to the store, one record type per table.

They are ``NamedTuple``s: typed, built by keyword, and already the tuples that SQLite's
``executemany`` takes, so the runner's hot path pays nothing for the types. Field order is
the table's column order (checked by a test against the schema).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CacheRow", "CaseRow", "RequestRow", "ResponseRow", "ScoreRow"]


class CaseRow(NamedTuple):
    """A case registered in a run, at position ``idx``; ``data`` is the case's JSON."""

    run_id: str
    case_id: str
    idx: int
    data: str


class RequestRow(NamedTuple):
    """How one (case, epoch) was requested: request key, attempts, latency."""

    run_id: str
    case_id: str
    epoch: int
    key: str
    model: str
    attempts: int
    latency_s: float
    created_at: float


class ResponseRow(NamedTuple):
    """The answer of one (case, epoch), or its ``error`` (then ``text`` is empty)."""

    run_id: str
    case_id: str
    epoch: int
    text: str
    model: str | None
    error: str | None
    input_tokens: int
    output_tokens: int
    cost: float
    cached: int
    metadata: str | None


class ScoreRow(NamedTuple):
    """Score number ``seq`` of one (case, epoch); ``extra`` is JSON (evidence, metadata)."""

    run_id: str
    case_id: str
    epoch: int
    seq: int
    scorer: str
    rule_id: str | None
    verdict: str
    value: float | None
    label: str | None
    explanation: str
    extra: str | None


class CacheRow(NamedTuple):
    """A response-cache entry: request key → encoded output (see ``encode_output``)."""

    key: str
    model: str
    output: str
    created_at: float
