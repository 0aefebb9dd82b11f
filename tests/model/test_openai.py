"""`openai/` (and ollama/, vllm/) against the loopback OpenAI stub."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from charter.errors import ModelError
from charter.model import GenerateConfig, get_model
from charter.model._providers.openai import build_openai_payload
from charter.suite import Message
from tests.stubs import OpenAIStub

SCHEMA = {"title": "Verdict v1", "type": "object", "additionalProperties": False,
          "properties": {"pass": {"type": "boolean"}}, "required": ["pass"]}


async def test_request_and_response_mapping(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = "Four words of answer"
    model = get_model("openai/stub-model", base_url=openai_stub.base_url, api_key="sk-x")
    cfg = GenerateConfig(temperature=0.3, top_p=0.9, max_tokens=12, seed=7, stop=["\n\n"], n=2)
    out = await model.generate(
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is two plus two?"}], cfg)
    await model.aclose()

    sent = openai_stub.received[-1]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-x"
    assert sent["json"] == {
        "model": "stub-model",
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "user", "content": "What is two plus two?"}],
        "temperature": 0.3, "top_p": 0.9, "max_tokens": 12, "seed": 7, "stop": ["\n\n"], "n": 2,
    }
    assert out.model == "openai/stub-model"
    assert out.choices == ["Four words of answer", "Four words of answer"]
    assert out.text == "Four words of answer"
    assert out.finish_reason == "stop"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (7, 8)
    assert out.logprobs is None
    assert out.latency_s > 0


async def test_defaults_send_only_model_and_messages(openai_stub: OpenAIStub) -> None:
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        await model.generate("hi")
    sent = openai_stub.received[-1]
    assert sent["json"] == {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    assert "Authorization" not in sent["headers"]  # a local server needs no key


async def test_logprobs_mapping(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = "yes it is"
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        out = await model.generate("Is it?", GenerateConfig(logprobs=True, top_logprobs=3))
    assert openai_stub.received[-1]["json"]["logprobs"] is True
    assert openai_stub.received[-1]["json"]["top_logprobs"] == 3
    assert out.logprobs is not None
    assert [t.token for t in out.logprobs] == ["yes", " it", " is"]
    assert out.logprobs[0].logprob == -0.5
    assert out.logprobs[1].top == {" it": -0.5, "alt1": -3.0, "alt2": -4.0}


async def test_json_schema_mapping(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = '{"pass": true}'
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        out = await model.generate("judge", GenerateConfig(response_schema=SCHEMA))
    assert openai_stub.received[-1]["json"]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Verdict_v1", "schema": SCHEMA, "strict": True},
    }
    assert out.text == '{"pass": true}'
    async with get_model("openai/m", base_url=openai_stub.base_url, strict="false") as model:
        await model.generate("judge", GenerateConfig(response_schema={"type": "object"}))
    fmt = openai_stub.received[-1]["json"]["response_format"]["json_schema"]
    assert fmt["name"] == "response" and fmt["strict"] is False


def test_message_mapping_tool_and_developer() -> None:
    msgs = [Message(role="developer", content="dev"), Message(role="user", content="q"),
            Message(role="tool", content="doc text", name="search", tool_call_id="t1")]
    local = build_openai_payload("m", msgs, GenerateConfig())["messages"]
    assert local == [{"role": "system", "content": "dev"}, {"role": "user", "content": "q"},
                     {"role": "user", "content": "[tool output from search]\ndoc text"}]
    official = build_openai_payload("m", msgs, GenerateConfig(max_tokens=5), official=True,
                                    max_tokens_field="max_completion_tokens")
    assert official["messages"][0]["role"] == "developer"
    assert official["max_completion_tokens"] == 5 and "max_tokens" not in official


async def test_cost_extra_body_and_headers(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = "a b c d"
    async with get_model("openai/m", base_url=openai_stub.base_url, price_in=2.0, price_out=10.0,
                         extra_body={"top_k": 20}, headers='{"X-Team": "safety"}') as model:
        out = await model.generate("one two three four five")
    sent = openai_stub.received[-1]
    assert sent["json"]["top_k"] == 20
    assert sent["headers"]["X-Team"] == "safety"
    assert out.usage.cost == pytest.approx((5 * 2.0 + 4 * 10.0) / 1e6)


@pytest.mark.parametrize(
    ("fault", "status", "retry_after", "needle"),
    [
        ("429", 429, 2.5, "HTTP 429"),
        ("500", 500, None, "HTTP 500"),
        ("timeout", None, None, "no answer within 0.3s"),
        ("reset", None, None, "connection"),
        ("truncated", None, None, "cut off"),
        ("nonjson", None, None, "not JSON"),
    ],
)
async def test_faults_are_retryable_errors(fault: str, status: int | None, retry_after: float | None,
                                           needle: str) -> None:
    async with OpenAIStub(fault_sequence=[fault, "ok"], retry_after=2.5, hang_s=5) as stub:
        async with get_model("openai/m", base_url=stub.base_url) as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi", GenerateConfig(timeout=0.3))
            assert err.value.retryable is True
            assert err.value.status == status
            assert err.value.retry_after == retry_after
            assert needle in str(err.value)
            out = await model.generate("hi")  # the next request on the same session works
            assert out.text == "Hello from the stub."
        assert stub.faults[fault] == 1 and stub.requests == 2


async def test_server_error_statuses_retryable() -> None:
    async with OpenAIStub(fault_sequence=["500"], server_error_status=503) as stub:
        async with get_model("openai/m", base_url=stub.base_url) as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi")
    assert err.value.retryable and err.value.status == 503


async def test_401_is_not_retryable_and_says_which_key() -> None:
    async with OpenAIStub(api_key="sk-right") as stub:
        async with get_model("openai/m", base_url=stub.base_url, api_key="sk-wrong") as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi")
    assert err.value.retryable is False and err.value.status == 401
    assert "Incorrect API key provided." in str(err.value)
    assert "set OPENAI_API_KEY" in str(err.value)


async def test_404_unknown_model() -> None:
    async with OpenAIStub(models=["known"]) as stub:
        async with get_model("openai/unknown", base_url=stub.base_url) as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi")
    assert err.value.status == 404 and not err.value.retryable
    assert "check the model name 'unknown'" in str(err.value)


async def test_connection_refused_is_retryable() -> None:
    async with OpenAIStub() as stub:
        url = stub.base_url
    async with get_model("openai/m", base_url=url) as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    assert err.value.retryable and "cannot connect" in str(err.value)


async def test_official_api_without_key_fails_before_any_request() -> None:
    async with get_model("openai/gpt-4o-mini") as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    assert not err.value.retryable and "set OPENAI_API_KEY" in str(err.value)


async def test_key_and_base_url_from_env(openai_stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_stub.base_url)
    async with get_model("openai/m") as model:
        await model.generate("hi")
        assert model.api.describe() == {"provider": "openai", "model": "m", "base_url": openai_stub.base_url}
    assert openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-env"


async def test_key_from_dotenv_never_overrides_env(openai_stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch) -> None:
    Path(".env").write_text(f"OPENAI_API_KEY=sk-dotenv\nOPENAI_BASE_URL={openai_stub.base_url}\n")
    async with get_model("openai/m") as model:
        await model.generate("hi")
    assert openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-dotenv"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real")
    async with get_model("openai/m") as model:
        await model.generate("hi")
    assert openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-real"
    import os

    assert "OPENAI_BASE_URL" not in os.environ  # .env is read, not loaded into the environment


async def test_env_file_option(openai_stub: OpenAIStub, tmp_path: Path) -> None:
    env = tmp_path / "secrets.env"
    env.write_text("OPENAI_API_KEY=sk-file\n")
    async with get_model("openai/m", base_url=openai_stub.base_url, env_file=str(env)) as model:
        await model.generate("hi")
    assert openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-file"


async def test_one_session_many_concurrent_requests(openai_stub: OpenAIStub) -> None:
    openai_stub.echo = True
    openai_stub.latency_ms = 5
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        outs = await asyncio.gather(*(model.generate(f"q{i}") for i in range(200)))
        session = model.api._http._session
        assert session is not None and not session.closed
    assert [o.text for o in outs] == [f"q{i}" for i in range(200)]
    assert openai_stub.requests == 200
    assert session.closed


def test_works_across_event_loops() -> None:
    """One Model used from two asyncio.run() calls (e.g. two CLI steps) gets a session per loop."""
    holder: dict[str, object] = {}

    async def first() -> str:
        async with OpenAIStub() as stub:
            holder["port"] = stub.port
            holder["model"] = get_model("openai/m", base_url=stub.base_url)
            return (await holder["model"].generate("hi")).text  # type: ignore[attr-defined]

    async def second() -> str:
        async with OpenAIStub(port=holder["port"], reply="again") as stub:  # type: ignore[arg-type]
            model = holder["model"]
            text = (await model.generate("hi")).text  # type: ignore[attr-defined]
            await model.aclose()  # type: ignore[attr-defined]
            assert stub.requests == 1
            return text

    assert asyncio.run(first()) == "Hello from the stub."
    assert asyncio.run(second()) == "again"


async def test_ollama_and_vllm_default_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_model("ollama/llama3").api.describe()["base_url"] == "http://localhost:11434/v1"
    assert get_model("vllm/qwen").api.describe()["base_url"] == "http://localhost:8000/v1"
    monkeypatch.setenv("VLLM_BASE_URL", "http://gpu-box:9000/v1/")
    assert get_model("vllm/qwen").api.describe()["base_url"] == "http://gpu-box:9000/v1"


async def test_error_in_200_body_and_missing_choices(openai_stub: OpenAIStub) -> None:
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        openai_stub.reply = "x"
        api = model.api
        with pytest.raises(ModelError) as err:
            api.parse_response({"error": {"message": "upstream overloaded"}}, GenerateConfig(), 0.0)
        assert err.value.retryable and "upstream overloaded" in str(err.value)
        with pytest.raises(ModelError) as err:
            api.parse_response({"object": "list"}, GenerateConfig(), 0.0)
        assert not err.value.retryable and "no choices" in str(err.value)


def test_bad_dict_options_are_config_errors() -> None:
    from charter.errors import ConfigError

    with pytest.raises(ConfigError, match="option headers must be a JSON object") as err:
        get_model("openai/m", base_url="http://127.0.0.1:9/v1", headers="X-Key: 1")
    assert "openai/m" in str(err.value)
    with pytest.raises(ConfigError, match="option extra_body must be a JSON object"):
        get_model("openai/m", base_url="http://127.0.0.1:9/v1", extra_body="[1, 2]")
    with pytest.raises(ConfigError, match="option headers"):
        get_model("anthropic/m", headers="nope")
    with pytest.raises(ConfigError, match="option headers"):
        get_model("http/http://127.0.0.1:9/x", headers="nope")


async def test_dotenv_read_only_when_a_setting_needs_it(openai_stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    """A model whose key and URL are given (options or the environment) never reads .env
    (importing python-dotenv and finding the file cost ~6 ms of every start); a setting that
    is missing still reads it."""
    Path(".env").write_text("OPENAI_API_KEY=sk-dotenv\n")
    reads: list[object] = []
    import charter.model._http as http

    real = http._read_dotenv

    def spy(path: str | None) -> dict[str, str]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(http, "_read_dotenv", spy)
    async with get_model("openai/m", base_url=openai_stub.base_url, api_key="sk-given") as model:
        await model.generate("hi")
    assert reads == [] and openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-given"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real")
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        await model.generate("hi")
    assert reads == [] and openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-real"
    monkeypatch.delenv("OPENAI_API_KEY")
    async with get_model("openai/m", base_url=openai_stub.base_url) as model:
        await model.generate("hi")
    assert reads == [None] and openai_stub.received[-1]["headers"]["Authorization"] == "Bearer sk-dotenv"
