"""The runner against in-process models: records, scores, cache, budgets, resume, laziness."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import charter.runner as runner_pkg
from charter.errors import BudgetExceeded, ConfigError, ModelError, SuiteError
from charter.model import GenerateConfig, get_model, request_key
from charter.runner import AdaptiveLimiter, Runner, RunnerConfig
from charter.runner._call import backoff_delay
from charter.store import RunStore
from charter.suite import Message, Suite
from charter.types import Verdict
from tests.runner.helpers import RefusalCheck, ScriptedAPI, fail_on, make_cases, scripted

FAST = RunnerConfig(progress=False, backoff_base=0.001, backoff_max=0.01, batch_size=16, flush_interval=0.01)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with RunStore(tmp_path / "runs.db") as s:
        yield s


def test_public_api_sorted() -> None:
    assert runner_pkg.__all__ == sorted(runner_pkg.__all__)
    assert {"Runner", "RunnerConfig"} <= set(runner_pkg.__all__)


async def test_run_stores_every_record_in_case_order(store: RunStore) -> None:
    cases = make_cases(50)
    check = RefusalCheck()
    model = get_model("mock/cautious")
    info = await Runner(store, FAST).run(Suite(name="s", cases=cases, guide_hash="g1"), model, scorers=[check],
                                         system_prompt="Be careful.", metadata={"who": "test"})
    assert info.status == "complete" and info.n_cases == 50 and info.n_done == 50 and info.n_errors == 0
    assert info.name == "s" and info.target == "mock/cautious" and info.guide_hash == "g1"
    assert info.suite_hash == Suite(name="s", cases=cases).fingerprint()
    assert info.metadata["who"] == "test" and info.config["system_prompt"] == "Be careful."
    recs = list(store.iter_records(info.id))
    assert [r.case.id for r in recs] == [c.id for c in cases]
    assert all(r.scores[0].scorer == "refusal" and r.scores[0].rule_id == "r.one" for r in recs)
    assert check.calls == 50
    assert recs[0].response.text.startswith("Sure") and recs[0].scores[0].verdict == Verdict.fail
    assert recs[0].response.metadata == {"finish_reason": "stop"}
    assert info.usage.input_tokens == sum(r.usage.input_tokens for r in recs) > 0


async def test_system_prompt_is_prepended_and_key_matches_request_key(store: RunStore) -> None:
    model = scripted()
    info = await Runner(store, FAST).run(make_cases(3), model, system_prompt="SYS", generate_config=GenerateConfig(seed=7))
    seen = model.api.seen  # type: ignore[attr-defined]
    assert all(m[0] == Message(role="system", content="SYS") and m[1].role == "user" for m in seen)
    rec = next(store.iter_records(info.id))
    msgs = [{"role": "system", "content": "SYS"}, *[m.to_openai() for m in rec.case.messages]]
    assert rec.request_key == request_key(model.name, msgs, GenerateConfig(seed=7), 0)


async def test_rerun_is_served_from_cache_with_zero_calls(store: RunStore) -> None:
    model = scripted()
    runner = Runner(store, FAST)
    first = await runner.run(make_cases(40), model, scorers=[RefusalCheck()])
    assert model.api.calls == 40  # type: ignore[attr-defined]
    second = await runner.run(make_cases(40), model, scorers=[RefusalCheck()])
    assert model.api.calls == 40  # type: ignore[attr-defined]
    assert second.n_done == 40 and second.usage.total_tokens == 0 and first.usage.total_tokens == 600
    recs = list(store.iter_records(second.id))
    assert all(r.cached and r.attempts == 0 for r in recs)
    assert [r.response.text for r in recs] == [r.response.text for r in store.iter_records(first.id)]
    # another system prompt, epoch or config is another request
    await runner.run(make_cases(40), model, system_prompt="x")
    assert model.api.calls == 80  # type: ignore[attr-defined]
    await Runner(store, FAST.model_copy(update={"cache": False})).run(make_cases(40), model)
    assert model.api.calls == 120  # type: ignore[attr-defined]


async def test_an_unreadable_cache_row_is_asked_again_and_replaced(store: RunStore) -> None:
    """Before: a cache row that did not decode (torn, edited by hand, another format) raised out
    of the request and ended the run; the row stayed (INSERT OR IGNORE), so every later run of
    the suite failed the same way."""
    model = scripted()
    runner = Runner(store, FAST)
    first = await runner.run(make_cases(4), model)
    keys = [r.request_key for r in store.iter_records(first.id)]
    bad = {keys[0]: "not json", keys[1]: '["m", "not a list", null, 1, 2, 0.0, null]',
           keys[2]: '["m", ["ok"], null, "1", 2, 0.0, null]'}
    with store.con:
        for k, v in bad.items():
            store.con.execute("UPDATE cache SET output = ? WHERE key = ?", (v, k))
    second = await runner.run(make_cases(4), model)
    assert second.status == "complete" and second.n_errors == 0
    assert model.api.calls == 4 + 3  # type: ignore[attr-defined]
    recs = list(store.iter_records(second.id))
    assert [r.cached for r in recs] == [False, False, False, True]
    assert [r.response.text for r in recs] == [r.response.text for r in store.iter_records(first.id)]
    # the fresh answers replaced the unreadable rows: a third run asks nothing
    third = await runner.run(make_cases(4), model)
    assert model.api.calls == 7 and all(r.cached for r in store.iter_records(third.id))  # type: ignore[attr-defined]


async def test_errors_are_recorded_with_reason_and_not_cached(store: RunStore) -> None:
    model = scripted(fail_on("question 3"))
    check = RefusalCheck()
    runner = Runner(store, FAST)
    info = await runner.run(make_cases(10), model, scorers=[check])
    assert info.status == "complete" and info.n_done == 10 and info.n_errors == 1
    bad = [r for r in store.iter_records(info.id) if r.response.error]
    assert len(bad) == 1 and bad[0].case.id == "c00003" and "boom on question 3" in bad[0].response.error
    assert bad[0].scores[0].verdict == Verdict.error and "model call failed" in bad[0].scores[0].explanation
    assert check.calls == 9  # the failed response is not given to scorers
    await runner.run(make_cases(10), model)
    assert model.api.calls == 11  # type: ignore[attr-defined]  # only the error is asked again


async def test_retryable_errors_are_retried_then_given_up(store: RunStore) -> None:
    def behave(prompt: str, n: int) -> object:
        if "question 0" in prompt:
            return ModelError("always 503", retryable=True, status=503)
        return ModelError("blip", retryable=True) if n % 2 else "Sorry."

    model = scripted(behave)
    info = await Runner(store, FAST.model_copy(update={"max_retries": 3, "concurrency": 1})).run(make_cases(4), model)
    recs = {r.case.id: r for r in store.iter_records(info.id)}
    assert recs["c00000"].response.error == "always 503" and recs["c00000"].attempts == 4
    assert all(recs[f"c0000{i}"].response.text == "Sorry." for i in (1, 2, 3))
    assert info.n_errors == 1


async def test_timeouts_become_retryable_errors(store: RunStore) -> None:
    async def slow(prompt: str, n: int) -> str:
        if "question 1" in prompt:
            await asyncio.sleep(5)
        return "Sorry."

    model = scripted(slow)
    cfg = FAST.model_copy(update={"timeout": 0.05, "max_retries": 1})
    info = await Runner(store, cfg).run(make_cases(3), model)
    recs = {r.case.id: r for r in store.iter_records(info.id)}
    assert "timed out after 0.05s" in recs["c00001"].response.error and recs["c00001"].attempts == 2
    assert recs["c00000"].response.error is None


async def test_scorer_exception_becomes_error_score(store: RunStore) -> None:
    class Broken:
        id = "broken"
        family = "check"

        async def __call__(self, case, response):  # type: ignore[no-untyped-def]
            raise ValueError("bad regex")

    info = await Runner(store, FAST).run(make_cases(3), get_model("mock/refuse"), scorers=[Broken(), RefusalCheck()])
    for r in store.iter_records(info.id):
        assert [s.scorer for s in r.scores] == ["broken", "refusal"]
        assert r.scores[0].verdict == Verdict.error and "ValueError: bad regex" in r.scores[0].explanation
        assert r.scores[1].verdict == Verdict.pass_


async def test_epochs_give_one_record_per_case_and_epoch(store: RunStore) -> None:
    model = scripted()
    info = await Runner(store, FAST.model_copy(update={"epochs": 3})).run(make_cases(4), model)
    recs = list(store.iter_records(info.id))
    assert [(r.case.id, r.epoch) for r in recs] == [(f"c{i:05d}", e) for i in range(4) for e in range(3)]
    assert len({r.request_key for r in recs}) == 12 and model.api.calls == 12  # type: ignore[attr-defined]
    assert info.n_cases == 4 and info.n_done == 12


async def test_max_tokens_budget_stops_cleanly_and_resume_finishes(store: RunStore) -> None:
    model = scripted()  # 15 tokens per call
    cfg = FAST.model_copy(update={"concurrency": 2, "max_tokens": 150})
    with pytest.raises(BudgetExceeded) as ei:
        await Runner(store, cfg).run(make_cases(40), model)
    info = ei.value.run  # type: ignore[attr-defined]
    assert info.status == "budget_exceeded" and 10 <= info.n_done <= 12 and "--resume" in str(ei.value)
    assert store.get_run(info.id).status == "budget_exceeded"
    done = await Runner(store, cfg.model_copy(update={"max_tokens": None})).run(make_cases(40), model, resume=info.id)
    assert done.status == "complete" and done.n_done == 40
    keys = Counter(r.case.id for r in store.iter_records(info.id))
    assert len(keys) == 40 and set(keys.values()) == {1}
    assert model.api.calls == 40  # type: ignore[attr-defined]


async def test_max_cost_budget(store: RunStore) -> None:
    model = scripted(cost_per_call=0.01)
    with pytest.raises(BudgetExceeded, match="max_cost"):
        await Runner(store, FAST.model_copy(update={"concurrency": 1, "max_cost": 0.05})).run(make_cases(20), model)
    assert model.api.calls == 5  # type: ignore[attr-defined]


async def test_cases_are_pulled_lazily_within_the_window(store: RunStore) -> None:
    pulled = 0
    check = RefusalCheck()
    worst = 0

    def gen():  # type: ignore[no-untyped-def]
        nonlocal pulled, worst
        for c in make_cases(300):
            pulled += 1
            worst = max(worst, pulled - check.calls)
            yield c

    model = scripted(latency=0.001)
    info = await Runner(store, FAST.model_copy(update={"concurrency": 8})).run(gen(), model, scorers=[check])
    assert info.n_done == 300 and pulled == 300
    assert worst <= 8 + 1
    assert model.api.max_active <= 8  # type: ignore[attr-defined]


async def test_cancel_marks_interrupted_keeps_whole_records_and_resume_completes(store: RunStore) -> None:
    model = scripted(latency=0.005)
    runner = Runner(store, FAST.model_copy(update={"concurrency": 4}))
    task = asyncio.ensure_future(runner.run(make_cases(200), model, scorers=[RefusalCheck()], name="cancel-me"))
    while model.api.calls < 60:  # type: ignore[attr-defined]
        await asyncio.sleep(0.005)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    (info,) = store.list_runs()
    assert info.status == "interrupted" and 40 <= info.n_done < 200
    assert all(len(r.scores) == 1 for r in store.iter_records(info.id))
    done = await runner.run(make_cases(200), model, scorers=[RefusalCheck()], resume=info.id[:8])
    assert done.status == "complete" and done.n_done == 200
    assert Counter(r.case.id for r in store.iter_records(info.id)).most_common(1)[0][1] == 1


async def test_resume_retries_errors_and_checks_target(store: RunStore) -> None:
    flaky = {"on": True}

    def behave(prompt: str, n: int) -> object:
        return ModelError("down", retryable=False) if flaky["on"] and "question 2" in prompt else "Sorry."

    model = scripted(behave)
    runner = Runner(store, FAST)
    info = await runner.run(make_cases(5), model)
    assert info.n_errors == 1
    with pytest.raises(ConfigError, match="not mock/refuse"):
        await runner.run(make_cases(5), get_model("mock/refuse"), resume=info.id)
    with pytest.raises(ConfigError, match="system prompt"):
        await runner.run(make_cases(5), model, resume=info.id, system_prompt="other")
    flaky["on"] = False
    again = await runner.run(make_cases(5), model, resume=info.id)
    assert again.n_errors == 0 and again.n_done == 5 and model.api.calls == 6  # type: ignore[attr-defined]


async def test_broken_case_stream_fails_run_but_keeps_records(store: RunStore) -> None:
    def gen():  # type: ignore[no-untyped-def]
        yield from make_cases(5)
        raise SuiteError("suite.jsonl:6: invalid JSON")

    with pytest.raises(SuiteError, match=r"suite\.jsonl:6"):
        await Runner(store, FAST.model_copy(update={"concurrency": 1})).run(gen(), get_model("mock/refuse"))
    (info,) = store.list_runs()
    assert info.status == "failed" and info.n_done == 5


async def test_generate_many_is_cached_and_reports_errors(store: RunStore) -> None:
    model = scripted(fail_on("bad"))
    runner = Runner(store, FAST)
    reqs = [(f"q{i}", [Message(role="user", content=f"ask {i}")]) for i in range(30)] + \
           [("x", [Message(role="user", content="bad one")])]
    got = {rid: out async for rid, out in runner.generate_many(reqs, model)}
    assert len(got) == 31 and isinstance(got["x"], ModelError) and got["q3"].text == "Sorry, no: ask 3"
    again = {rid: out async for rid, out in runner.generate_many(reqs, model)}
    assert model.api.calls == 32  # type: ignore[attr-defined]  # only the error is re-asked
    assert again["q3"].cached and again["q3"].text == "Sorry, no: ask 3"


async def test_generate_many_early_exit_cancels_workers(store: RunStore) -> None:
    model = scripted(latency=0.01)
    runner = Runner(store, FAST.model_copy(update={"concurrency": 2}))
    reqs = ((f"q{i}", [Message(role="user", content=f"ask {i}")]) for i in range(1000))
    agen = runner.generate_many(reqs, model)
    async for _ in agen:
        break
    await agen.aclose()
    assert model.api.calls < 10  # type: ignore[attr-defined]


async def test_limiter_adapts_to_throttling() -> None:
    lim = AdaptiveLimiter(16, cooldown=0.0)
    lim.throttled()
    assert lim.effective == 8
    lim.throttled(), lim.throttled(), lim.throttled(), lim.throttled()
    assert lim.effective == 1
    for _ in range(200):
        lim.succeeded()
    assert 1 < lim.effective <= 16
    for _ in range(5000):
        lim.succeeded()
    assert lim.effective == 16
    once = AdaptiveLimiter(16, cooldown=60)
    once.throttled(), once.throttled()
    assert once.effective == 8 and once.throttle_events == 1


async def test_limiter_bounds_concurrency_and_survives_cancellation() -> None:
    lim = AdaptiveLimiter(3)
    active = peak = 0

    async def job() -> None:
        nonlocal active, peak
        await lim.acquire()
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.002)
        active -= 1
        lim.release()

    waiters = [asyncio.ensure_future(job()) for _ in range(20)]
    await asyncio.sleep(0)
    waiters[10].cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    assert peak == 3 and lim.active == 0


def test_backoff_honours_retry_after_and_caps() -> None:
    e = ModelError("429", retryable=True, retry_after=2.0, status=429)
    assert all(2.0 <= backoff_delay(1, e, 1.0, 60) <= 2.2 for _ in range(50))
    assert backoff_delay(1, e, 1.0, 0.5) == 0.5
    plain = ModelError("503", retryable=True)
    assert all(2.0 <= backoff_delay(3, plain, 1.0, 60) <= 4.0 for _ in range(50))
    assert backoff_delay(30, plain, 1.0, 5.0) <= 5.0


def test_runner_config_rejects_unknown_and_bad_values() -> None:
    with pytest.raises(ValueError):
        RunnerConfig(concurency=4)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        RunnerConfig(concurrency=0)
    assert RunnerConfig().max_retries == 6 and RunnerConfig().concurrency is None


async def test_default_concurrency_comes_from_provider(store: RunStore) -> None:
    model = scripted(latency=0.002)
    assert Runner(store).limiter(model).max_limit == ScriptedAPI.default_concurrency
    await Runner(store, FAST).run(make_cases(40), model)
    assert model.api.max_active <= ScriptedAPI.default_concurrency  # type: ignore[attr-defined]


@pytest.mark.parametrize("prefix", [[], [Message(role="system", content="Sé \"brief\".\n" * 50)],
                                    [Message(role="system", content="a"), Message(role="user", content="b")]])
@pytest.mark.parametrize("msgs", [[], [Message(role="user", content="héllo 😀")],
                                  [Message(role="user", content="x"), Message(role="assistant", content="y"),
                                   Message(role="user", content="z")]])
def test_keyer_precomputes_the_prefix_and_gives_request_key(prefix: list[Message], msgs: list[Message]) -> None:
    from charter.runner._request import Keyer

    for cfg in (GenerateConfig(), GenerateConfig(seed=7, temperature=0.3, max_tokens=9)):
        keyer = Keyer("openai/m", prefix, cfg)
        for epoch in (0, 2, 0, 1):  # the per-epoch state is reused, never consumed
            assert keyer(msgs, epoch) == request_key("openai/m", [m.to_openai() for m in prefix + msgs], cfg, epoch)


_texts = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(max_examples=300, deadline=None)
@given(role=st.sampled_from(["system", "developer", "user", "assistant", "tool"]), content=_texts,
       name=st.none() | _texts, tool_call_id=st.none() | _texts)
def test_message_json_is_json_dumps_of_the_openai_dict(role: str, content: str, name: str | None,
                                                        tool_call_id: str | None) -> None:
    """The request key's messages are written out by hand; byte for byte what json.dumps
    writes, for any text (quotes, controls, U+2028, lone surrogates, astral characters)."""
    import json

    from charter.runner._request import message_json

    m = Message.model_validate({"role": role, "content": content, "name": name, "tool_call_id": tool_call_id})
    assert message_json(m) == json.dumps(m.to_openai(), sort_keys=True, ensure_ascii=False)
