"""A synchronous check is evaluated in place by ``CheckScorer.__call__``; what it returns for
a failed model call, a check that raises, a missing extra, and a subclass that scores
asynchronously itself must be what the base class's path gives."""

from __future__ import annotations

import asyncio

import pytest

from charter.errors import MissingExtraError
from charter.evaluate import CheckScorer
from charter.suite import Case, Message
from charter.types import Response, Score, Verdict

CASE = Case(id="c1", messages=[Message(role="user", content="hi")], expected="comply", intent="benign",
            rule_ids=["r.one"])


class Counting(CheckScorer):
    id = "counting"

    def __init__(self, raises: Exception | None = None) -> None:
        super().__init__()
        self.raises = raises
        self.calls = 0

    def evaluate(self, case: Case, response: Response) -> Score:
        self.calls += 1
        if self.raises is not None:
            raise self.raises
        return self.make(case, Verdict.pass_, explanation=f"saw {response.text}")


class AsyncOverride(Counting):
    id = "async-override"

    async def score(self, case: Case, response: Response) -> Score:
        await asyncio.sleep(0)
        return self.make(case, Verdict.fail, label="async", explanation="scored by the subclass")


def run(scorer: CheckScorer, response: Response) -> Score:
    return asyncio.run(scorer(CASE, response))


def test_a_check_is_evaluated_once_and_its_score_returned() -> None:
    s = Counting()
    got = run(s, Response(text="hello"))
    assert (got.verdict, got.explanation, got.rule_id, s.calls) == (Verdict.pass_, "saw hello", "r.one", 1)
    assert got.metadata == {"family": "check", "aspect": "rule"}


def test_a_check_that_raises_gives_one_error_score_without_running_again() -> None:
    s = Counting(raises=ValueError("bad input"))
    got = run(s, Response(text="hello"))
    assert got.verdict == Verdict.error and got.label == "scorer_error"
    assert got.explanation == "counting failed: ValueError: bad input" and s.calls == 1


def test_a_failed_model_call_is_not_evaluated() -> None:
    s = Counting()
    got = run(s, Response(text="", error="HTTP 500"))
    assert got.verdict == Verdict.error and got.label == "model_error" and s.calls == 0
    assert "HTTP 500" in got.explanation


def test_a_missing_extra_is_raised_not_scored() -> None:
    with pytest.raises(MissingExtraError):
        run(Counting(raises=MissingExtraError("somepkg", "classifiers", "Something")), Response(text="x"))


def test_a_subclass_that_scores_asynchronously_keeps_its_score() -> None:
    s = AsyncOverride()
    got = run(s, Response(text="hello"))
    assert (got.verdict, got.label, s.calls) == (Verdict.fail, "async", 0)
