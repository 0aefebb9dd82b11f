"""Typed records read back from the run store: :class:`RunInfo` and :class:`RunRecord`."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.types import Case, Response, Score, Usage

__all__ = ["RunInfo", "RunRecord", "RunStatus"]

RunStatus = Literal["running", "complete", "interrupted", "budget_exceeded", "failed"]


class RunInfo(BaseModel):
    """One run: what was run (target, guide and suite hashes, config) and how far it got.

    ``n_cases`` counts the distinct cases registered so far, ``n_done`` the records stored
    (case × epoch), ``n_errors`` the records whose model call failed. ``usage`` is what the
    run spent: responses served from the cache are free and not counted.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    created_at: datetime
    finished_at: datetime | None = None
    status: RunStatus
    target: str
    guide_hash: str | None = None
    suite_hash: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    metadata: dict[str, Any] = Field(default_factory=dict)
    n_cases: int = 0
    n_done: int = 0
    n_errors: int = 0
    usage: Usage = Field(default_factory=Usage)


class RunRecord(BaseModel):
    """One case × epoch of a run: the response, every score, usage and timing."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    case: Case
    epoch: int = 0
    response: Response
    scores: list[Score] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    cached: bool = False
    attempts: int = 1
    request_key: str | None = None
