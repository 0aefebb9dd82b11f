"""The embedded llama.cpp provider on the real smallest model (local/smollm2-135m-instruct).

The model is loaded once for the module; the whole file runs in a few seconds on a CPU.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter.errors import ContextOverflowError, ModelError, ModelFileError
from charter.model import GenerateConfig, Model, get_model, resolve_local_model
from charter.model._providers.local import LocalServerPool, server_pool
from charter.registry import Context, default_context
from tests._embedded import NEEDS_135M

pytestmark = NEEDS_135M

NAME = "local/smollm2-135m-instruct"
SETTINGS = {"parallel": 4, "n_ctx": 1024, "threads": 1}  # 1 thread: robust on a busy CPU


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("charter-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARTER_CACHE_DIR", str(root))
        yield root


@pytest.fixture(scope="module")
def model(cache_root: Path) -> Iterator[Model]:
    m = get_model(NAME, **SETTINGS)
    asyncio.run(m.api.start())  # type: ignore[attr-defined]
    yield m
    server = m.api._server  # type: ignore[attr-defined]
    asyncio.run(m.aclose())
    assert server.closed and server not in server_pool().servers()


GREEDY = GenerateConfig(temperature=0, seed=1, max_tokens=24)


async def test_generates_text_with_usage(model: Model) -> None:
    out = await model.generate("What is the capital of France?", GREEDY)
    assert out.model == NAME
    assert out.text.strip()
    assert out.finish_reason in ("stop", "length")
    assert 0 < out.usage.output_tokens <= 24
    assert out.usage.input_tokens > 5
    assert out.latency_s > 0
    again = await model.generate("What is the capital of France?", GREEDY)
    assert again.text == out.text  # greedy decoding is deterministic


async def test_max_tokens_and_stop(model: Model) -> None:
    out = await model.generate("Write a long story about a dragon.", GenerateConfig(temperature=0, max_tokens=5))
    assert out.usage.output_tokens == 5 and out.finish_reason == "length"
    full = await model.generate("Write a long story about a dragon.", GenerateConfig(temperature=0, max_tokens=40))
    cut = full.text.split(" ")[3]
    stopped = await model.generate("Write a long story about a dragon.",
                                   GenerateConfig(temperature=0, max_tokens=40, stop=[cut]))
    assert cut not in stopped.text and full.text.startswith(stopped.text)


async def test_logprobs(model: Model) -> None:
    out = await model.generate("Say hello.", GREEDY.model_copy(update={"logprobs": True, "top_logprobs": 3}))
    lps = out.logprobs or []
    # the end-of-turn token is counted in usage but is not text, so it has no entry
    assert len(lps) == out.usage.output_tokens - (out.finish_reason == "stop")
    assert "".join(t.token for t in lps) == out.text
    for t in lps:
        assert t.logprob <= 0
        assert 1 <= len(t.top) <= 3
        assert max(t.top.values()) == pytest.approx(t.logprob)  # greedy picks the top token


async def test_json_schema_output(model: Model) -> None:
    schema = {
        "type": "object",
        "properties": {
            "verdict": {"type": "string", "enum": ["pass", "fail"]},
            "score": {"type": "integer", "minimum": 1, "maximum": 5},
            "reason": {"type": "string", "maxLength": 40},
        },
        "required": ["verdict", "score", "reason"],
        "additionalProperties": False,
    }
    out = await model.generate("Grade this answer: 'Paris is the capital of France.'",
                               GenerateConfig(temperature=0, max_tokens=80, response_schema=schema))
    data = json.loads(out.text)
    assert set(data) == {"verdict", "score", "reason"}
    assert data["verdict"] in ("pass", "fail")
    assert isinstance(data["score"], int) and 1 <= data["score"] <= 5
    assert isinstance(data["reason"], str) and len(data["reason"]) <= 40


async def test_parallel_requests_and_n(model: Model) -> None:
    prompts = [f"Name a colour number {i}." for i in range(6)]
    outs = await asyncio.gather(*(model.generate(p, GenerateConfig(max_tokens=8, seed=i))
                                  for i, p in enumerate(prompts)))
    assert all(o.text for o in outs) and len(outs) == 6
    many = await model.generate("Tell me a word.", GenerateConfig(n=3, max_tokens=6, temperature=1.0, seed=3))
    assert len(many.choices) == 3 and all(many.choices)
    assert many.usage.output_tokens <= 18


async def test_models_with_the_same_file_share_one_server(model: Model) -> None:
    twin = get_model(NAME, **SETTINGS)
    await twin.api.start()  # type: ignore[attr-defined]
    assert twin.api._server is model.api._server  # type: ignore[attr-defined]
    shared = twin.api._server  # type: ignore[attr-defined]
    assert shared in server_pool().servers() and shared.refs == 2
    await twin.aclose()
    assert shared.refs == 1 and not shared.closed
    out = await model.generate("hi", GenerateConfig(max_tokens=2))
    assert out.text


async def test_flash_attention_setting_gets_a_server_of_its_own(model: Model) -> None:
    """flash_attn=off is a different llama.cpp server (the setting is fixed when a server loads);
    it answers, greedily and repeatably, like the default one."""
    off = get_model(NAME, **SETTINGS, flash_attn="off")
    try:
        out = await off.generate("What is the capital of France?", GREEDY)
        server = off.api._server  # type: ignore[attr-defined]
        assert server is not model.api._server  # type: ignore[attr-defined]
        assert server.settings.flash_attn == "off" and model.api._server.settings.flash_attn == "auto"  # type: ignore[attr-defined]
        assert out.text.strip() and 0 < out.usage.output_tokens <= 24
        assert (await off.generate("What is the capital of France?", GREEDY)).text == out.text
    finally:
        await off.aclose()
    assert server.closed


async def test_listener_is_loopback_and_locked(model: Model) -> None:
    address = model.api._server.address  # type: ignore[attr-defined]
    assert address.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{address}/health", timeout=5) as r:
        assert json.load(r)["status"] == "ok"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{address}/v1/models", timeout=5)
    assert err.value.code == 401  # a random API key guards it from other local processes


async def test_context_overflow_and_timeout_are_model_errors(model: Model) -> None:
    with pytest.raises(ContextOverflowError) as err:
        await model.generate("word " * 1500, GenerateConfig(max_tokens=4))
    assert "does not fit the context" in str(err.value) and "n_ctx=" in str(err.value)
    assert err.value.retryable is False

    with pytest.raises(ModelError, match="did not answer within") as err:
        await model.generate("Write a long story.", GenerateConfig(max_tokens=900, timeout=0.2))
    assert err.value.retryable is True
    out = await model.generate("hi", GenerateConfig(max_tokens=3))  # the slot was freed
    assert out.text


async def test_closing_the_pool_stops_the_server(cache_root: Path) -> None:
    pool = LocalServerPool()
    m = get_model(NAME, parallel=1, n_ctx=256, threads=1, pool=pool)
    out = await m.generate("hi", GenerateConfig(max_tokens=2))
    assert out.text and len(pool.servers()) == 1
    server = pool.servers()[0]
    await m.aclose()
    assert pool.servers() == [] and server.closed
    again = await m.generate("hi", GenerateConfig(max_tokens=2))  # reopens on demand
    assert again.text and len(pool.servers()) == 1

    running = asyncio.create_task(m.generate("Write a long story.", GenerateConfig(max_tokens=2000)))
    await asyncio.sleep(0.1)  # the request is decoding in its slot
    await asyncio.to_thread(pool.close_all)  # what closing the default context does at interpreter exit
    with pytest.raises(ModelError, match="shut down") as err:
        await running
    assert err.value.retryable is True
    assert pool.servers() == []
    await m.aclose()


async def test_corrupt_files_give_clear_errors(tmp_path: Path, cache_root: Path) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"this is not a model" * 50)
    m = get_model(f"local/{junk}")
    with pytest.raises(ModelFileError, match="not a GGUF model file") as err:
        await m.generate("hi")
    assert str(junk) in str(err.value)

    real = resolve_local_model(NAME)
    truncated = tmp_path / "truncated.gguf"
    with real.open("rb") as src, truncated.open("wb") as dst:
        dst.write(src.read(3_000_000))
    m = get_model("local/anything", path=str(truncated))
    with pytest.raises(ModelFileError, match="could not load") as err:
        await m.generate("hi")
    assert str(truncated) in str(err.value)


async def test_hash_mismatch_names_the_file(tmp_path: Path, cache_root: Path) -> None:
    real = resolve_local_model(NAME)
    copy = tmp_path / "copy.gguf"
    shutil.copyfile(real, copy)
    with copy.open("r+b") as fh:
        fh.seek(5_000_000)
        fh.write(b"\x00\x01\x02\x03")
    m = get_model(f"local/{copy}", sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")
    with pytest.raises(ModelFileError) as err:
        await m.generate("hi")
    msg = str(err.value)
    assert str(copy) in msg and "expected: b179c952" in msg and "actual:" in msg


async def test_a_context_owns_its_servers_and_stops_them_when_it_closes(cache_root: Path) -> None:
    with Context() as ctx:
        m = get_model(NAME, **SETTINGS)
        assert m.api.pool is server_pool(ctx) and m.api.pool is not server_pool(default_context())  # type: ignore[attr-defined]
        assert (await m.generate("hi", GenerateConfig(max_tokens=2))).text
        server = server_pool(ctx).servers()[0]
    assert server.closed and server_pool(ctx).servers() == []
