"""What a model returned: text choices, token usage, log-probabilities.

Plain records shared by the providers that make them, the store that keeps them and the
runner that passes them on.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ModelOutput", "TokenLogprob", "Usage"]


class TokenLogprob(BaseModel):
    model_config = ConfigDict(frozen=True)

    token: str
    logprob: float
    top: dict[str, float] = Field(default_factory=dict, description="Alternatives → logprob.")


class Usage(BaseModel):
    model_config = ConfigDict(frozen=True)

    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cost=self.cost + other.cost,
        )


class ModelOutput(BaseModel):
    """What a model returned. ``choices`` holds all n completions; ``text`` is the first."""

    model_config = ConfigDict(frozen=True)

    model: str
    choices: list[str] = Field(default_factory=list)
    finish_reason: str | None = None
    usage: Usage = Field(default_factory=Usage)
    logprobs: list[TokenLogprob] | None = None
    latency_s: float = 0.0
    cached: bool = False
    raw: dict[str, Any] | None = Field(default=None, exclude=True)

    @property
    def text(self) -> str:
        return self.choices[0] if self.choices else ""
