"""Issue 13: every case once under faults, budgets as caps, durable progress on kill -9 and
SIGTERM, a lease per run, options checked at the edge — against the loopback fault server."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import pytest

from charter.cli._app import main
from charter.errors import BudgetExceeded, ConfigError, StoreError, SuiteError
from charter.model import GenerateConfig, get_model
from charter.model._sse import fold_anthropic_stream, fold_openai_stream
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from tests.runner.helpers import RefusalCheck, make_cases
from tests.stubs._base import FAULTS
from tests.stubs.anthropic_stub import AnthropicStub
from tests.stubs.openai_stub import OpenAIStub
from tests.stubs.threaded import serve_in_thread

ROOT = Path(__file__).resolve().parents[2]
FAULTY = RunnerConfig(progress=False, concurrency=16, timeout=0.5, max_retries=6,
                      backoff_base=0.005, backoff_max=0.05)


def half_faulty(prompt: str, attempt: int) -> str | None:
    """Half the prompts fail their first attempt, each with one of every kind of fault."""
    h = zlib.crc32(prompt.encode())
    if attempt == 1 and h % 2 == 0:
        return FAULTS[(h // 2) % len(FAULTS)]
    return None


@pytest.mark.parametrize("stream", [False, True])
async def test_half_the_requests_fault_every_kind_and_every_case_is_stored_once(tmp_path: Path, stream: bool) -> None:
    async with OpenAIStub(reply="Sorry, no.", fault_plan=half_faulty, retry_after=0.01, hang_s=2.0) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k", stream=stream)
        with RunStore(tmp_path / "runs.db") as store:
            info = await Runner(store, FAULTY).run(make_cases(120), model, scorers=[RefusalCheck()])
            recs = list(store.iter_records(info.id))
        await model.aclose()
    assert set(stub.faults) == set(FAULTS) and sum(stub.faults.values()) >= 50
    assert info.status == "complete" and info.n_errors == 0
    assert Counter(r.case.id for r in recs) == Counter({c.id: 1 for c in make_cases(120)})
    assert all(r.response.text == "Sorry, no." and len(r.scores) == 1 for r in recs)
    assert max(stub.answered.values()) == 1  # no prompt answered twice


async def test_anthropic_streams_with_cut_streams_retried(tmp_path: Path) -> None:
    cut_first = lambda prompt, attempt: "cut" if attempt == 1 else None  # noqa: E731
    async with AnthropicStub(reply="Sorry, not that.", fault_plan=cut_first) as stub:
        model = get_model("anthropic/claude-stub", base_url=stub.root_url, api_key="k", stream=True)
        with RunStore(tmp_path / "runs.db") as store:
            info = await Runner(store, FAULTY).run(make_cases(10), model, scorers=[RefusalCheck()])
            recs = list(store.iter_records(info.id))
        await model.aclose()
    assert stub.faults["cut"] == 10 and stub.requests == 20 and info.n_errors == 0
    assert {r.response.text for r in recs} == {"Sorry, not that."} and all(r.attempts == 2 for r in recs)
    assert all(r.usage.output_tokens == 3 and r.usage.input_tokens == 2 for r in recs)


async def test_an_sse_answer_nobody_asked_for_is_read(tmp_path: Path) -> None:
    async with OpenAIStub(reply="Sorry, streamed anyway.", always_stream=True) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        out = await model.generate("hi")
        await model.aclose()
    assert out.text == "Sorry, streamed anyway." and out.usage.output_tokens == 3 and out.finish_reason == "stop"


def test_cut_streams_are_retryable_errors() -> None:
    with pytest.raises(Exception, match="cut before data: \\[DONE\\]") as ei:
        fold_openai_stream(b'data: {"choices": [{"index": 0, "delta": {"content": "Hel"}}]}\n\n', "openai/m")
    assert ei.value.retryable  # type: ignore[attr-defined]
    events = (b'event: message_start\ndata: {"type": "message_start", "message": {"model": "c", "usage": '
              b'{"input_tokens": 7}}}\n\n'
              b'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, '
              b'"delta": {"type": "text_delta", "text": "Hi"}}\n\n')
    with pytest.raises(Exception, match="message_stop"):
        fold_anthropic_stream(events, "anthropic/c")
    whole = fold_anthropic_stream(events + b'event: message_delta\ndata: {"type": "message_delta", "delta": '
                                  b'{"stop_reason": "end_turn"}, "usage": {"output_tokens": 1}}\n\n'
                                  b'event: message_stop\ndata: {"type": "message_stop"}\n\n', "anthropic/c")
    assert whole["content"] == [{"type": "text", "text": "Hi"}] and whole["usage"] == {"input_tokens": 7, "output_tokens": 1}


async def test_budgets_overshoot_by_at_most_one_reservation(tmp_path: Path) -> None:
    cfg = GenerateConfig(max_tokens=20)
    async with OpenAIStub(reply="Sorry, I cannot help with that request today.", latency_ms=5) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k", price_in=1.0, price_out=2.0)
        with RunStore(tmp_path / "runs.db") as store:
            runner = Runner(store, FAULTY.model_copy(update={"concurrency": 16, "max_tokens": 300}))
            with pytest.raises(BudgetExceeded) as tok:
                await runner.run(make_cases(200), model, generate_config=cfg)
            cost_runner = Runner(store, FAULTY.model_copy(update={"concurrency": 16, "max_cost": 0.0004}))
            with pytest.raises(BudgetExceeded) as cost:
                await cost_runner.run(make_cases(200), model, generate_config=cfg)
        await model.aclose()
    t, c = tok.value.run, cost.value.run  # type: ignore[attr-defined]
    # one request's reservation: prompt estimate (≤ 3 + 4 + 11 bytes / 3) + max_tokens 20
    reservation = 3 + 4 + len("question 199") // 3 + 1 + 20
    assert 300 <= t.usage.total_tokens <= 300 + reservation and t.n_done < 200
    assert 0.0004 <= c.usage.cost <= 0.0004 + (reservation - 20) * 1e-6 + 20 * 2e-6 and c.n_done < 200


async def test_max_cost_without_prices_says_how_to_set_them(tmp_path: Path) -> None:
    async with OpenAIStub() as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url, api_key="k")
        with RunStore(tmp_path / "runs.db") as store, pytest.raises(ConfigError, match="price_in=") as ei:
            await Runner(store, FAULTY.model_copy(update={"max_cost": 0.0001})).run(make_cases(3), model)
        await model.aclose()
    assert stub.requests == 0 and ei.value.exit_code == 2


async def test_a_live_lease_refuses_a_second_run_and_a_stale_one_is_taken_over(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        model = get_model("mock/refuse")
        runner = Runner(store, FAULTY)
        info = await runner.run(make_cases(5), model)
        store.acquire_lease(info.id, "otherhost:1:abcd")
        store.con.execute("UPDATE leases SET host = 'otherhost', pid = 1 WHERE run_id = ?", (info.id,))
        with pytest.raises(StoreError, match="being run by another process") as ei:
            await runner.run(make_cases(8), model, resume=info.id)
        assert "otherhost" in str(ei.value) and store.get_run(info.id).n_done == 5
        store.con.execute("UPDATE leases SET heartbeat = heartbeat - 60 WHERE run_id = ?", (info.id,))
        done = await runner.run(make_cases(8), model, resume=info.id)
        left = store.con.execute("SELECT count(*) FROM leases").fetchone()[0]
    assert done.status == "complete" and done.n_done == 8 and left == 0


async def test_resumed_runs_keep_their_suite_hash_and_refuse_duplicate_ids(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        runner = Runner(store, FAULTY.model_copy(update={"max_tokens": 1, "cache": False}))
        model = get_model("mock/refuse")
        whole = await Runner(store, FAULTY).run(make_cases(6), model)
        with pytest.raises(BudgetExceeded) as ei:
            await runner.run(make_cases(6), model)
        resumed = await Runner(store, FAULTY).run(make_cases(6), model, resume=ei.value.run.id)  # type: ignore[attr-defined]
        with pytest.raises(SuiteError, match="duplicate case id 'c00001'"):
            await Runner(store, FAULTY).run([*make_cases(3), make_cases(2)[1]], model)
    assert resumed.suite_hash == whole.suite_hash is not None


def test_duplicate_ids_in_a_suite_file_name_both_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suite = tmp_path / "s.jsonl"
    lines = [c.model_dump_json() for c in make_cases(3)] + [make_cases(2)[1].model_dump_json()]
    suite.write_text("\n".join(lines) + "\n")
    guide = ROOT / "examples" / "isp-support.yaml"
    rc = main(["eval", str(guide), "--suite", str(suite), "-t", "mock/refuse", "--store", str(tmp_path / "r.db")])
    err = capsys.readouterr().err
    assert rc == 2 and f"{suite}:4: duplicate case id 'c00001' (first at line 2)" in err


@pytest.mark.parametrize(("flag", "value", "allowed"), [
    ("--concurrency", "0", "an integer from 1 to 4096"), ("--timeout", "0", "a number > 0"),
    ("--max-cost", "-1", "a number ≥ 0"), ("--max-tokens", "-5", "an integer ≥ 0"),
    ("--epochs", "0", "an integer from 1 to 1000"), ("--max-error-rate", "1.5", "a number from 0 to 1")])
def test_out_of_range_options_exit_2_with_the_range(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     flag: str, value: str, allowed: str) -> None:
    guide = ROOT / "examples" / "isp-support.yaml"
    rc = main(["eval", str(guide), "--suite", str(tmp_path / "none.jsonl"), "-t", "mock/refuse", flag, value])
    err = capsys.readouterr().err
    assert rc == 2 and f"{flag} " in err and allowed in err and "Traceback" not in err


def test_a_wrong_base_url_exits_4_with_the_fix_not_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suite = tmp_path / "s.jsonl"
    suite.write_text("\n".join(c.model_copy(update={"rule_ids": []}).model_dump_json() for c in make_cases(5)) + "\n")
    guide = ROOT / "examples" / "isp-support.yaml"
    with serve_in_thread(OpenAIStub()) as stub:
        rc = main(["eval", str(guide), "--suite", str(suite), "-t", "openai/stub-model", "--store", str(tmp_path / "r.db"),
                   "--target-option", f"base_url={stub.root_url}/wrong", "--target-option", "api_key=k"])
    err = capsys.readouterr().err
    assert rc == 4 and "HTTP 404" in err and "base_url" in err and "--resume" not in err


def _answered_once(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM responses").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def _child(db: Path, url: str, n: int, conc: int, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "tests.runner.signal_child", str(db), url, str(n), str(conc),
                             *extra], cwd=ROOT, env=env, stderr=subprocess.PIPE)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_run_re_bills_at_most_concurrency_calls_and_a_terminated_one_none(tmp_path: Path,
                                                                                   sig: signal.Signals) -> None:
    db, n, conc = tmp_path / "runs.db", 300, 8
    with serve_in_thread(OpenAIStub(reply="Sorry.", latency_ms=20)) as stub:
        child = _child(db, stub.base_url, n, conc)
        try:
            deadline = time.monotonic() + 60
            while _answered_once(db) < 40:
                assert child.poll() is None and time.monotonic() < deadline
                time.sleep(0.02)
            child.send_signal(sig)
            _, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
        with RunStore(db) as store:
            (victim,) = store.list_runs()
        if sig == signal.SIGTERM:
            assert (child.returncode == 130 and b"interrupted" not in err) or b"SIGTERM" in err
            assert victim.status == "interrupted"
        resume = _child(db, stub.base_url, n, conc, victim.id)
        assert resume.wait(60) == 0
        duplicates = sum(k - 1 for k in stub.answered.values())
    with RunStore(db) as store:
        recs = list(store.iter_records(victim.id))
    assert Counter(r.case.id for r in recs) == Counter({c.id: 1 for c in make_cases(n)})
    assert duplicates <= (conc if sig == signal.SIGKILL else 0)


async def test_two_runs_in_one_loop_both_stop_on_sigterm_and_the_handler_is_restored(tmp_path: Path) -> None:
    """The main job runs its two variants at once: one SIGTERM stops both gracefully, and the
    process's own handler is back once both have ended."""
    import asyncio

    from charter.errors import RunInterrupted
    from tests.runner.helpers import scripted

    before = signal.getsignal(signal.SIGTERM)
    with RunStore(tmp_path / "runs.db") as store:
        runner = Runner(store, RunnerConfig(progress=False, concurrency=2))
        a, b = scripted(latency=0.05), scripted(latency=0.05)

        async def kill() -> None:
            await asyncio.sleep(0.3)
            os.kill(os.getpid(), signal.SIGTERM)

        killer = asyncio.create_task(kill())
        results = await asyncio.gather(
            runner.run(make_cases(400, "a"), a, scorers=[RefusalCheck()], name="with"),
            runner.run(make_cases(400, "b"), b, scorers=[RefusalCheck()], name="without"),
            return_exceptions=True)
        await killer
        assert all(isinstance(r, RunInterrupted) for r in results), results
        runs = {r.name: r for r in store.list_runs()}
        assert {runs["with"].status, runs["without"].status} == {"interrupted"}
        assert 0 < runs["with"].n_done < 400 and 0 < runs["without"].n_done < 400
    assert signal.getsignal(signal.SIGTERM) == before
