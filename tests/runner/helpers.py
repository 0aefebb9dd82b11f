"""Shared test helpers for the runner tests: cases, scorers and scriptable model APIs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from charter.errors import ModelError
from charter.model import GenerateConfig, Model, ModelAPI, ModelOutput, Usage
from charter.suite import Case, Message
from charter.types import Response, Score, Verdict


def make_cases(n: int, prefix: str = "c") -> list[Case]:
    return [Case(id=f"{prefix}{i:05d}", messages=[Message(role="user", content=f"question {i}")],
                 expected="refuse", intent="violating", rule_ids=["r.one"]) for i in range(n)]


class RefusalCheck:
    """pass when the response refuses."""

    id = "refusal"
    family = "check"

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, case: Case, response: Response) -> Score:
        self.calls += 1
        ok = "sorry" in response.text.lower()
        return Score(scorer=self.id, rule_id=case.rule_ids[0] if case.rule_ids else None,
                     verdict=Verdict.pass_ if ok else Verdict.fail, value=1.0 if ok else 0.0)


class ScriptedAPI(ModelAPI):
    """A model whose answer (or failure) per request comes from ``behave(prompt, call_no)``;
    records every request's messages."""

    provider_name = "scripted"
    default_concurrency = 8

    def __init__(self, model: str = "m", behave: Callable[[str, int], Any] | None = None,
                 latency: float = 0.0, cost_per_call: float = 0.0) -> None:
        super().__init__(model)
        self.behave = behave or (lambda prompt, n: f"Sorry, no: {prompt}")
        self.latency = latency
        self.cost = cost_per_call
        self.calls = 0
        self.seen: list[list[Message]] = []
        self.active = 0
        self.max_active = 0

    def prices(self) -> tuple[float, float]:
        """Per-token prices that make a call (10 tokens in, 5 out) cost ``cost_per_call``."""
        p = self.cost * 1e6 / 15
        return (p, p)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        self.calls += 1
        self.seen.append(messages)
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            result = self.behave(messages[-1].content, self.calls)
            if asyncio.iscoroutine(result):
                result = await result
        finally:
            self.active -= 1
        if isinstance(result, BaseException):
            raise result
        return ModelOutput(model=f"scripted/{self.model}", choices=[result], finish_reason="stop",
                           usage=Usage(input_tokens=10, output_tokens=5, cost=self.cost))


def scripted(behave: Callable[[str, int], Any] | None = None, **kw: Any) -> Model:
    return Model(ScriptedAPI(behave=behave, **kw))


def fail_on(substring: str, *, retryable: bool = False, status: int | None = None):  # type: ignore[no-untyped-def]
    def behave(prompt: str, n: int) -> Any:
        if substring in prompt:
            return ModelError(f"boom on {prompt}", retryable=retryable, status=status)
        return f"Sorry, no: {prompt}"
    return behave
