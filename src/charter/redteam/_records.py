"""What an attack leaves behind: each attempt with its full conversation, the attacker's
reasoning, the judge's verdict and confidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import Rate
from charter.redteam._exposure import CanaryExposure
from charter.suite import Message

__all__ = ["AttackResult", "Attempt", "RedteamSummary", "StrategyRate"]


class Attempt(BaseModel):
    """One target query: the conversation sent (without the system prompt), the answer, why
    the attacker wrote it, and the judge's verdict on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    step: int
    messages: list[Message]
    response: str
    reasoning: str = ""
    verdict: str = Field(description="The judge's verdict: 'fail' = the rule was broken.")
    confidence: float | None = Field(default=None, description="How sure the judge is of its verdict, 0-1.")
    explanation: str = ""
    success: bool = False


class AttackResult(BaseModel):
    """One strategy run against one goal."""

    model_config = ConfigDict(extra="forbid")

    strategy: str
    goal_id: str
    rule_id: str
    goal: str
    attempts: list[Attempt] = Field(default_factory=list)
    queries: int = 0
    notes: list[str] = Field(default_factory=list)

    @property
    def success(self) -> bool:
        return any(a.success for a in self.attempts)

    @property
    def winning(self) -> Attempt | None:
        return next((a for a in self.attempts if a.success), None)

    @property
    def turns(self) -> int:
        """User turns of the winning conversation (or of the last one)."""
        last = self.winning or (self.attempts[-1] if self.attempts else None)
        return sum(1 for m in last.messages if m.role == "user") if last else 0


class StrategyRate(BaseModel):
    """Attack success rate of one (rule, strategy) cell: successes over attacks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_id: str
    strategy: str
    rate: Rate
    queries: int


class RedteamSummary(BaseModel):
    """Everything a run found, with its rates."""

    model_config = ConfigDict(extra="forbid")

    guide: str
    target: str
    attacker: str | None
    judge: str | None
    budget: int
    queries: int
    results: list[AttackResult]
    rates: list[StrategyRate]
    by_strategy: dict[str, Rate]
    exposures: list[CanaryExposure] = Field(default_factory=list, description="Memorisation probe, per canary.")
