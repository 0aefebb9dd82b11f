"""The async runner: concurrent, retried, cached, resumable model calls streamed to the run
store. Used by evaluation, synthesis, SFT teachers and red-teaming alike."""

from charter.runner._config import RunnerConfig
from charter.runner._limiter import AdaptiveLimiter
from charter.runner._runner import Runner

__all__ = ["AdaptiveLimiter", "Runner", "RunnerConfig"]
