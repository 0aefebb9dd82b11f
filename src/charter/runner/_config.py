"""`RunnerConfig`: how the runner calls models (concurrency, retries, budgets, cache)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RunnerConfig"]


class RunnerConfig(BaseModel):
    """Run settings (separate from the guide). Unknown keys are rejected.

    ``concurrency`` defaults to the provider's ``default_concurrency``; the runner lowers the
    effective limit when the provider answers 429 and raises it back slowly. ``max_cost``
    (provider-reported cost) and ``max_tokens`` (input + output) cap what a run spends in
    total, earlier sessions of a resumed run included, passing it by at most one request's
    reservation (see docs/runs.md); responses from the cache are free.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    concurrency: int | None = Field(default=None, ge=1, le=4096)
    max_retries: int = Field(default=6, ge=0, le=100)
    timeout: float = Field(default=120.0, gt=0, description="Per-request timeout, seconds.")
    max_cost: float | None = Field(default=None, ge=0)
    max_tokens: int | None = Field(default=None, ge=0)
    epochs: int = Field(default=1, ge=1, le=1000)
    progress: bool = Field(default=True, description="Show a progress bar when stderr is a terminal "
                           "(CHARTER_PROGRESS=1 forces it, =0 hides it).")
    cache: bool = Field(default=True, description="Serve identical requests from the response cache.")
    backoff_base: float = Field(default=1.0, gt=0, description="First retry delay, seconds (doubles each try).")
    backoff_max: float = Field(default=60.0, gt=0, description="Longest retry delay, Retry-After included.")
    batch_size: int = Field(default=256, ge=1, description="Records per store transaction.")
    flush_interval: float = Field(default=0.25, gt=0, description="Kept for compatibility: records are now "
                                  "committed as they arrive (group commit), with no timer.")
