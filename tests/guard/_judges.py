"""Judges for the cascade tests, loaded as ``python/<this file>:<name>`` models: they answer
Yes or No with first-token log-probabilities and keep every request they get in ``CALLS``."""

from __future__ import annotations

import math
from typing import Any

from charter.model import ModelOutput, TokenLogprob

#: every request the judges got: (name, messages)
CALLS: list[tuple[str, list[dict[str, str]]]] = []


def _answer(p_yes: float) -> ModelOutput:
    top = {"Yes": math.log(p_yes), "No": math.log(1.0 - p_yes)}
    first = "Yes" if p_yes >= 0.5 else "No"
    return ModelOutput(model="python/judge", choices=[first], finish_reason="stop",
                       logprobs=[TokenLogprob(token=first, logprob=top[first], top=top)])


def bomb(messages: list[dict[str, str]], config: dict[str, Any]) -> ModelOutput:
    """p(Yes) = 0.9 when the request mentions a bomb, else 0.1."""
    CALLS.append(("bomb", messages))
    return _answer(0.9 if "bomb" in messages[-1]["content"].lower() else 0.1)


def broken(messages: list[dict[str, str]], config: dict[str, Any]) -> str:
    """Answers neither Yes nor No (and gives no log-probabilities)."""
    CALLS.append(("broken", messages))
    return "Maybe."
