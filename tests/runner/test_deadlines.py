"""Per-request time-outs watched by one timer (``charter.runner._call.Deadlines``) give what
``asyncio.timeout`` gave: a slow request ends as a retryable "timed out" error, a fast one is
untouched, and a cancellation from outside (a second SIGTERM, a TaskGroup) still cancels."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from charter.errors import ModelError
from charter.model import GenerateConfig
from charter.runner import AdaptiveLimiter
from charter.runner._call import Deadlines, call_model
from charter.suite import Message
from tests.runner.helpers import ScriptedAPI

MESSAGES = [Message(role="user", content="question")]


def _api(delays: dict[str, float]) -> ScriptedAPI:
    """A model that sleeps ``delays[prompt]`` seconds before it answers."""

    async def behave(prompt: str, n: int) -> str:
        await asyncio.sleep(delays.get(prompt, 0.0))
        return f"answer to {prompt}"

    return ScriptedAPI(behave=behave)


async def _call(api: ScriptedAPI, prompt: str, deadlines: Deadlines, timeout: float,
                max_retries: int = 0) -> tuple[Any, int]:
    return await call_model(api, [Message(role="user", content=prompt)], GenerateConfig(), AdaptiveLimiter(64),
                            timeout=timeout, max_retries=max_retries, backoff_base=0.001, backoff_max=0.001,
                            deadlines=deadlines)


async def test_only_the_slow_requests_time_out() -> None:
    api = _api({"slow": 30.0, "fast": 0.0})
    deadlines = Deadlines(0.2)
    got = await asyncio.gather(*[_call(api, p, deadlines, 0.2, max_retries=1) for p in ["fast", "slow"] * 8])
    for (out, attempts), prompt in zip(got, ["fast", "slow"] * 8, strict=True):
        if prompt == "fast":
            assert not isinstance(out, ModelError) and out.text == "answer to fast" and attempts == 1
        else:
            assert isinstance(out, ModelError) and out.retryable and attempts == 2
            assert out.message == "request timed out after 0.2s"
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]
    assert not deadlines._due and not deadlines._fired  # nothing left watched


async def test_a_request_within_its_time_out_is_untouched() -> None:
    deadlines = Deadlines(2.0)
    out, attempts = await _call(_api({"q": 0.02}), "q", deadlines, 2.0)
    assert not isinstance(out, ModelError) and out.text == "answer to q" and attempts == 1


async def test_a_cancellation_from_outside_propagates() -> None:
    deadlines = Deadlines(30.0)
    task = asyncio.ensure_future(_call(_api({"q": 5.0}), "q", deadlines, 30.0))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not deadlines._due and not deadlines._fired


async def test_a_cancellation_from_outside_after_the_deadline_still_cancels() -> None:
    # the deadline cancels the task, and before it resumes an outside cancel comes too: as under
    # asyncio.timeout, the outside one wins (CancelledError, not a time-out error)
    deadlines = Deadlines(0.01)
    started = asyncio.Event()

    async def behave(prompt: str, n: int) -> str:
        started.set()
        await asyncio.sleep(5.0)
        return "late"

    api = ScriptedAPI(behave=behave)
    task = asyncio.ensure_future(_call(api, "q", deadlines, 0.01))
    await started.wait()
    while not deadlines._fired:  # the sweep cancelled it; the task has not run since
        await asyncio.sleep(0)
        if task.done():
            break
    if not task.done():
        task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_the_same_deadlines_serve_a_second_event_loop() -> None:
    deadlines = Deadlines(0.05)
    api = _api({"slow": 5.0})
    for _ in range(2):  # a second asyncio.run: the first loop's timer is gone with it
        out, _ = asyncio.run(_call(api, "slow", deadlines, 0.05))
        assert isinstance(out, ModelError) and out.message == "request timed out after 0.05s"


@pytest.mark.parametrize(("timeout", "tick"), [(120.0, 1.0), (10.0, 0.5), (0.05, 0.0025), (0.001, 0.001)])
def test_the_sweep_runs_a_twentieth_of_the_time_out_apart(timeout: float, tick: float) -> None:
    assert Deadlines(timeout).tick == pytest.approx(tick)
