"""The one scoring interface shared by evaluation and guards.

A :class:`Scorer` is an async callable ``(case, response) -> Score``. Three families
implement it: ``check`` (deterministic), ``classifier`` (local ML) and ``judge`` (LLM). A
guard is a scorer plus a threshold and an action, so eval results predict production.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from charter.types._case import Case
from charter.types._unicode import nfc

__all__ = ["Response", "Score", "Scorer", "ScorerFamily", "Span", "Verdict"]


class Verdict(StrEnum):
    pass_ = "pass"
    fail = "fail"
    na = "n/a"
    error = "error"


ScorerFamily = Literal["check", "classifier", "judge"]


class Span(BaseModel):
    """Evidence: a character span of the response (``text`` repeats it for readers)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: str = ""


class Response(BaseModel):
    """The response under test. ``error`` is set when the model call failed. ``text`` is kept in
    Unicode form NFC (:func:`~charter.types.nfc`): a decomposed Vietnamese "không" reads as the
    precomposed one, and evidence spans index this text."""

    model_config = ConfigDict(frozen=True)

    text: str = ""
    model: str | None = None
    error: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("text")
    @classmethod
    def _nfc(cls, text: str) -> str:
        return nfc(text)


class Score(BaseModel):
    """One scorer's judgement of one response against one rule."""

    model_config = ConfigDict(frozen=True)

    scorer: str
    rule_id: str | None = None
    verdict: Verdict
    value: float | None = None
    label: str | None = Field(default=None, description="Class name, e.g. 'full_refusal'.")
    explanation: str = ""
    evidence: list[Span] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)


@runtime_checkable
class Scorer(Protocol):
    """``id`` names the scorer in scores and reports; ``family`` is check/classifier/judge.

    Both are read-only here so that a class attribute (``id = "refusal"``) satisfies them.

    Optional: a scorer that never needs to await may also have ``as_sync()``, returning a plain
    function ``(case, response) -> Score`` that gives what ``await scorer(case, response)``
    gives (or None when it must be awaited after all); the runner then calls that function for
    each response instead of awaiting a coroutine. The built-in checks have it
    (:meth:`charter.evaluate.CheckScorer.as_sync`)."""

    @property
    def id(self) -> str: ...

    @property
    def family(self) -> ScorerFamily: ...

    async def __call__(self, case: Case, response: Response) -> Score: ...
