"""What an attack leaves behind: each attempt with its full conversation, the attacker's
reasoning, the judge's verdict and confidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import Rate
from charter.redteam._exposure import CanaryExposure
from charter.suite import Message

__all__ = ["MIN_ATTEMPTS", "AttackResult", "Attempt", "GroupRate", "RedteamSummary", "StrategyRate"]

#: below this many attacks a rate is shown as "too few attempts", not as a figure
MIN_ATTEMPTS = 5


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
    score: float | None = Field(default=None, description="How close the answer came to breaking the rule, 0-1.")


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
    pruned: dict[str, int] = Field(default_factory=dict,
                                   description="Tree search: branches pruned, by reason (off_topic, width, ...).")

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
    too_few: bool = Field(default=False, description=f"Fewer than {MIN_ATTEMPTS} attacks: no rate is claimed.")


class GroupRate(BaseModel):
    """Attack success rate of one group (a rule, a strategy, a turn count): successes over attacks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    rate: Rate
    queries: int
    too_few: bool = Field(default=False, description=f"Fewer than {MIN_ATTEMPTS} attacks: no rate is claimed.")


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
    by_rule: list[GroupRate] = Field(default_factory=list)
    by_turns: list[GroupRate] = Field(default_factory=list, description="Keyed by the user turns of the attack.")
    strategies: list[GroupRate] = Field(default_factory=list, description="by_strategy with query counts.")
    run_id: str | None = Field(default=None, description="The run in the run store (resume it with --resume).")
    complete: bool = Field(default=True, description="False when the budget ran out before every pair was attacked.")
