"""`Case`: one test input plus the behavior expected of a response, tied to rule ids.

A plain record every layer above the guide passes around (the store keeps it, the runner
answers it, scorers judge it), so it lives in the vocabulary package; :mod:`charter.suite`
re-exports it next to `Suite` and its JSONL I/O.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.types._chat import Message

__all__ = ["Case", "Expected", "Intent", "Provenance"]


class Expected(StrEnum):
    """What a response to a case should do."""

    comply = "comply"
    refuse = "refuse"
    clarify = "clarify"
    redirect = "redirect"
    safe_complete = "safe_complete"


class Intent(StrEnum):
    """Why a case exists, relative to its rules (the coverage plan's intent axis)."""

    violating = "violating"
    benign_lookalike = "benign_lookalike"
    borderline = "borderline"
    benign = "benign"
    clarify = "clarify"
    out_of_scope = "out_of_scope"
    incapable = "incapable"


class Provenance(BaseModel):
    """Where a case came from: generator id, model, seed, parent case, confidence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    generator: str
    model: str | None = None
    seed: int | None = None
    parent: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    source: str | None = Field(default=None, description="e.g. 'example:privacy.no-pii[0]'")


def _manual() -> Provenance:
    return Provenance(generator="manual")


class Case(BaseModel):
    """One test input (chat messages, possibly multi-turn, with tool outputs) + what a good
    response does + the rule ids it tests + metadata for coverage and splits.

    ``group`` ties paraphrases/perturbations of one seed together: splits never separate a
    group. ``messages`` never include the system prompt under test: the runner adds it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    messages: list[Message] = Field(min_length=1)
    expected: Expected
    intent: Intent
    rule_ids: list[str] = Field(default_factory=list)
    use_case: str | None = None
    technique: str = "direct"
    variation: str = "none"
    language: str = "en"
    group: str | None = None
    split: str | None = None
    provenance: Provenance = Field(default_factory=_manual)
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def prompt(self) -> str:
        """The text of the last user message (what is being asked)."""
        for m in reversed(self.messages):
            if m.role == "user":
                return m.content
        return self.messages[-1].content

    def content_hash(self) -> str:
        """Hash of the inputs only (messages), to find the same prompt under other ids."""
        payload = json.dumps([m.to_openai() for m in self.messages], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]
