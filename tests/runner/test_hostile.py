"""The runner against a loopback OpenAI-compatible stub that misbehaves: 429 with
Retry-After, 500, timeouts, connection resets, truncated and non-JSON bodies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from charter.errors import ModelError
from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.types import Verdict
from tests.runner.helpers import RefusalCheck, make_cases
from tests.stubs.openai_stub import OpenAIStub

HOSTILE = RunnerConfig(progress=False, concurrency=16, timeout=0.3, max_retries=8,
                       backoff_base=0.005, backoff_max=0.05, batch_size=32, flush_interval=0.02)


async def test_every_case_is_answered_or_marked_error_under_faults(tmp_path: Path) -> None:
    async with OpenAIStub(reply="Sorry, I can't.", seed=3, rate_429=0.08, rate_500=0.08, rate_timeout=0.03,
                          rate_reset=0.05, rate_truncated=0.05, rate_nonjson=0.05,
                          retry_after=0.01, hang_s=2.0) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        with RunStore(tmp_path / "runs.db") as store:
            info = await Runner(store, HOSTILE).run(make_cases(120), model, scorers=[RefusalCheck()])
            recs = list(store.iter_records(info.id))
        await model.aclose()
    assert set(stub.faults) == {"429", "500", "timeout", "reset", "truncated", "nonjson"}
    assert info.status == "complete" and info.n_done == 120 and len(recs) == 120
    assert Counter(r.case.id for r in recs).most_common(1)[0][1] == 1
    for r in recs:
        if r.response.error:
            assert r.scores[0].verdict == Verdict.error and r.response.error
        else:
            assert r.response.text == "Sorry, I can't." and r.scores[0].verdict == Verdict.pass_
    retried = [r for r in recs if r.attempts > 1]
    assert retried and info.n_errors == sum(1 for r in recs if r.response.error)
    assert stub.requests == sum(r.attempts for r in recs)


async def test_gives_up_after_max_retries_with_the_reason(tmp_path: Path) -> None:
    async with OpenAIStub(rate_500=1.0) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        cfg = HOSTILE.model_copy(update={"max_retries": 2})
        with RunStore(tmp_path / "runs.db") as store:
            info = await Runner(store, cfg).run(make_cases(5), model, scorers=[RefusalCheck()])
            recs = list(store.iter_records(info.id))
        await model.aclose()
    assert info.n_errors == 5 and stub.requests == 15
    assert all("HTTP 500" in (r.response.error or "") and r.attempts == 3 for r in recs)


async def test_a_wrong_key_is_not_retried_and_stops_the_run_with_the_fix(tmp_path: Path) -> None:
    async with OpenAIStub(api_key="right") as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="wrong")
        with RunStore(tmp_path / "runs.db") as store:
            with pytest.raises(ModelError) as ei:
                await Runner(store, HOSTILE.model_copy(update={"concurrency": 1})).run(make_cases(4), model)
            (info,) = store.list_runs()
        await model.aclose()
    # one request, no retry, no other case sent: every one would get the same 401
    assert stub.requests == 1 and ei.value.status == 401 and ei.value.exit_code == 4
    assert "HTTP 401" in str(ei.value) and "api_key" in str(ei.value) and info.status == "failed"


async def test_429_storm_lowers_concurrency_then_everything_succeeds(tmp_path: Path) -> None:
    async with OpenAIStub(reply="Sorry.", fault_sequence=["429"] * 40, retry_after=0.01, latency_ms=2) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        runner = Runner(tmp_store := RunStore(tmp_path / "runs.db"), HOSTILE)
        info = await runner.run(make_cases(60), model)
        limiter = runner.limiter(model)
        tmp_store.close()
        await model.aclose()
    assert info.n_errors == 0 and info.n_done == 60 and stub.faults["429"] == 40
    assert limiter.throttle_events >= 1 and limiter.active == 0


async def test_rerun_against_the_stub_makes_zero_requests(tmp_path: Path) -> None:
    async with OpenAIStub(echo=True) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        with RunStore(tmp_path / "runs.db") as store:
            runner = Runner(store, HOSTILE)
            first = await runner.run(make_cases(30), model, system_prompt="S")
            n = stub.requests
            second = await runner.run(make_cases(30), model, system_prompt="S")
            texts = [r.response.text for r in store.iter_records(second.id)]
        await model.aclose()
    assert n == 30 and stub.requests == 30 and first.n_done == second.n_done == 30
    assert texts == [f"question {i}" for i in range(30)]
