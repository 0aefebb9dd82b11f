"""The records of a prompt-revision run: edits, failure clusters, outcomes, rounds, suggestions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import Rate

__all__ = [
    "EDIT_KINDS",
    "Edit",
    "EditKind",
    "EditOutcome",
    "FailureCluster",
    "FailureKind",
    "GuideSuggestion",
    "IterateResult",
    "PartScore",
    "RoundReport",
    "RuleRegression",
]

EditKind = Literal["restate", "add_example", "reorder", "clarify_boundary"]
#: what the generator may propose, with what each does to the compiled prompt
EDIT_KINDS: dict[str, str] = {
    "restate": "add a one-sentence reminder of the rule under its line (field 'text')",
    "add_example": "add one of the guide's own GOOD/BAD examples of the rule under its line "
                   "(field 'example': the example's index in the guide, from 0)",
    "reorder": "move the rule to the top of its section",
    "clarify_boundary": "add a sentence under the rule saying where its boundary lies (field 'text')",
}
FailureKind = Literal["violation", "false_refusal", "style"]


def show_rate(r: Rate | None, *, interval: bool = False) -> str:
    """``4/7 (57%)``, with its Wilson 95% interval when ``interval``; ``—`` when empty."""
    if r is None or r.rate is None:
        return "—"
    ci = f" [{r.low:.0%}–{r.high:.0%}]" if interval and r.low is not None and r.high is not None else ""
    return f"{r.k}/{r.n} ({r.rate:.0%}){ci}"


class Edit(BaseModel):
    """One targeted change of the compiled prompt, aimed at ``rule_ids``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: EditKind
    rule_ids: list[str] = Field(min_length=1)
    text: str = ""
    example: int | None = Field(default=None, ge=0)
    why: str = ""

    def title(self) -> str:
        return f"{self.kind} {', '.join(self.rule_ids)}"


class FailureCluster(BaseModel):
    """The failures of one rule and one kind on the train part."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    kind: FailureKind
    n: int
    of: int = Field(description="Cases of this rule on the train part.")
    case_ids: list[str] = Field(default_factory=list)
    prompts: list[str] = Field(default_factory=list, description="A few of the failing requests.")
    reasons: list[str] = Field(default_factory=list, description="Why they failed (distinct, a few).")


class PartScore(BaseModel):
    """The pass rate of one part of the suite under one prompt, overall and per rule."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    pass_rate: Rate
    errors: int = 0
    by_rule: dict[str, Rate] = Field(default_factory=dict)


class RuleRegression(BaseModel):
    """A rule whose validation pass rate fell below the Wilson 95% interval of its rate before."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    before: Rate
    after: Rate


class EditOutcome(BaseModel):
    """What became of one proposed edit: accepted or rejected, and why."""

    model_config = ConfigDict(frozen=True)

    round: int
    edit: Edit
    accepted: bool
    reason: str
    before: Rate | None = None
    after: Rate | None = None
    regressions: list[RuleRegression] = Field(default_factory=list)
    improved_rules: list[str] = Field(default_factory=list)
    diff: str = ""
    run_id: str | None = None


class RoundReport(BaseModel):
    """One round: the train run, its failure clusters, the generator's edits and their fates."""

    model_config = ConfigDict(frozen=True)

    round: int
    train: PartScore
    clusters: list[FailureCluster] = Field(default_factory=list)
    generator_problems: list[str] = Field(default_factory=list)
    outcomes: list[EditOutcome] = Field(default_factory=list)
    validation_after: Rate | None = None


class GuideSuggestion(BaseModel):
    """A change to the guide itself that the failures point to (a suggestion, never applied)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["missing_lookalike", "conflict", "unfixed"]
    rule_ids: list[str]
    text: str


class IterateResult(BaseModel):
    """Everything :func:`charter.iterate.iterate_prompt` did."""

    model_config = ConfigDict(frozen=True)

    guide: str
    guide_hash: str
    target: str
    generator: str
    judge: str | None = None
    train_cases: int
    validation_cases: int
    start_prompt: str
    final_prompt: str
    start: PartScore
    final: PartScore
    rounds: list[RoundReport] = Field(default_factory=list)
    stopped: str = Field(description="Why the loop stopped.")
    queries: int = Field(default=0, description="Target responses requested (cached ones included).")
    usable_edits: int = Field(default=0, description="Edits the generator proposed that could be parsed.")
    suggestions: list[GuideSuggestion] = Field(default_factory=list)

    def summary(self) -> str:
        """One line: the validation pass rate before and after, the edits kept and rejected."""
        return (f"validation pass rate {show_rate(self.start.pass_rate)} → {show_rate(self.final.pass_rate)}; "
                f"{len(self.accepted)} edit(s) kept, {len(self.rejected)} rejected; stopped: {self.stopped}")

    @property
    def accepted(self) -> list[EditOutcome]:
        return [o for r in self.rounds for o in r.outcomes if o.accepted]

    @property
    def rejected(self) -> list[EditOutcome]:
        return [o for r in self.rounds for o in r.outcomes if not o.accepted]
