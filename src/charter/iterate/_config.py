"""`IterateConfig`: how the prompt-revision loop runs (separate from the guide)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.model import GenerateConfig
from charter.runner import RunnerConfig

__all__ = ["IterateConfig"]


class IterateConfig(BaseModel):
    """Settings of :func:`charter.iterate.iterate_prompt`.

    ``rounds``: most rounds (each: run the train part, ask the generator, try its edits on the
    validation part). ``budget``: most target responses over all runs (cached ones count too);
    the loop stops before a run that would pass it. ``edits_per_round``: most edits tried per
    round. ``validation``: the share of the suite's groups held out for validation.
    ``max_clusters``: failure clusters shown to the generator. ``variant``: the compiled
    prompt to start from. ``runner`` / ``generate``: run settings and the target's sampling
    (temperature 0 by default, so that two runs of one prompt agree). ``judge_mode`` and
    ``classifiers`` as in :class:`charter.harness.EvalConfig`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rounds: int = Field(default=3, ge=1, le=100)
    budget: int | None = Field(default=None, ge=1)
    edits_per_round: int = Field(default=3, ge=1, le=20)
    validation: float = Field(default=0.5, gt=0.0, lt=1.0)
    seed: int = 0
    max_clusters: int = Field(default=6, ge=1, le=50)
    variant: Literal["full", "compact"] = "full"
    runner: RunnerConfig = Field(default_factory=lambda: RunnerConfig(progress=False))
    generate: GenerateConfig = Field(default_factory=lambda: GenerateConfig(temperature=0.0, max_tokens=256))
    generator_config: GenerateConfig = Field(
        default_factory=lambda: GenerateConfig(temperature=0.0, max_tokens=700))
    judge_mode: Literal["rubric", "yesno"] = "yesno"
    classifiers: bool = False
