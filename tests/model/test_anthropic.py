"""`anthropic/` against the loopback Anthropic-style stub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.errors import ModelError
from charter.model import GenerateConfig, get_model
from tests.stubs import AnthropicStub


async def test_request_mapping_system_roles_and_headers(anthropic_stub: AnthropicStub) -> None:
    anthropic_stub.reply = "Short answer here"
    async with get_model("anthropic/claude-x", base_url=anthropic_stub.root_url, api_key="ak") as model:
        out = await model.generate(
            [
                {"role": "system", "content": "Be kind."},
                {"role": "developer", "content": "Answer in English."},
                {"role": "user", "content": "first"},
                {"role": "tool", "content": "doc", "name": "kb"},
                {"role": "assistant", "content": "ok"},
                {"role": "user", "content": "second question"},
            ],
            GenerateConfig(temperature=1.7, top_p=0.8, max_tokens=50, stop=["END"], seed=3),
        )
    sent = anthropic_stub.received[-1]
    assert sent["path"] == "/v1/messages"
    assert sent["headers"]["x-api-key"] == "ak"
    assert sent["headers"]["anthropic-version"] == "2023-06-01"
    assert sent["json"] == {
        "model": "claude-x",
        "max_tokens": 50,
        "system": "Be kind.\n\nAnswer in English.",
        "messages": [
            {"role": "user", "content": "first\n\n[tool output from kb]\ndoc"},
            {"role": "assistant", "content": "ok"},
            {"role": "user", "content": "second question"},
        ],
        "temperature": 1.0,  # clamped to the API's range
        "top_p": 0.8,
        "stop_sequences": ["END"],
    }
    assert out.model == "anthropic/claude-x"
    assert out.text == "Short answer here"
    assert out.finish_reason == "end_turn"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (5 + 6 + 1 + 2, 3)  # stub counts words of system + turns


async def test_default_max_tokens_option(anthropic_stub: AnthropicStub) -> None:
    async with get_model("anthropic/c", base_url=anthropic_stub.root_url, max_tokens=77) as model:
        await model.generate("hi")
    assert anthropic_stub.received[-1]["json"]["max_tokens"] == 77
    assert "system" not in anthropic_stub.received[-1]["json"]


async def test_json_schema_via_forced_tool(anthropic_stub: AnthropicStub) -> None:
    anthropic_stub.reply = '{"score": 4, "reason": "fine"}'
    schema = {"type": "object", "properties": {"score": {"type": "integer"}, "reason": {"type": "string"}}}
    async with get_model("anthropic/c", base_url=anthropic_stub.root_url) as model:
        out = await model.generate("rate it", GenerateConfig(response_schema=schema))
    sent = anthropic_stub.received[-1]["json"]
    assert sent["tools"][0]["input_schema"] == schema
    assert sent["tool_choice"] == {"type": "tool", "name": "respond"}
    assert json.loads(out.text) == {"score": 4, "reason": "fine"}
    assert out.finish_reason == "tool_use"


async def test_n_choices_make_n_requests(anthropic_stub: AnthropicStub) -> None:
    async with get_model("anthropic/c", base_url=anthropic_stub.root_url, price_in=1.0, price_out=1.0) as model:
        out = await model.generate("hi there", GenerateConfig(n=3))
    assert anthropic_stub.requests == 3
    assert out.choices == ["Hello from the stub."] * 3
    assert out.usage.input_tokens == 6 and out.usage.output_tokens == 12
    assert out.usage.cost == pytest.approx(18 / 1e6)


@pytest.mark.parametrize(("fault", "status"), [("429", 429), ("500", 529), ("reset", None),
                                               ("truncated", None), ("nonjson", None), ("timeout", None)])
async def test_faults(fault: str, status: int | None) -> None:
    async with AnthropicStub(fault_sequence=[fault], server_error_status=529, retry_after=4, hang_s=5) as stub:
        async with get_model("anthropic/c", base_url=stub.root_url) as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi", GenerateConfig(timeout=0.3))
            assert (await model.generate("hi")).text == "Hello from the stub."
    assert err.value.retryable and err.value.status == status
    assert err.value.retry_after == (4.0 if fault == "429" else None)
    if status == 529:
        assert "stub fault 500" in str(err.value)  # the server's message is quoted


async def test_401_hint_names_anthropic_key() -> None:
    async with AnthropicStub(api_key="right") as stub:
        async with get_model("anthropic/c", base_url=stub.root_url, api_key="wrong") as model:
            with pytest.raises(ModelError) as err:
                await model.generate("hi")
    assert err.value.status == 401 and not err.value.retryable
    assert "invalid x-api-key" in str(err.value) and "set ANTHROPIC_API_KEY" in str(err.value)


async def test_400_is_not_retryable(anthropic_stub: AnthropicStub) -> None:
    async with get_model("anthropic/c", base_url=anthropic_stub.root_url,
                         headers={"anthropic-version": ""}) as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    assert err.value.status == 400 and not err.value.retryable
    assert "anthropic-version header is required" in str(err.value)


async def test_key_and_url_from_dotenv(anthropic_stub: AnthropicStub) -> None:
    Path(".env").write_text(f"ANTHROPIC_API_KEY=ak-dotenv\nANTHROPIC_BASE_URL={anthropic_stub.root_url}\n")
    async with get_model("anthropic/c") as model:
        await model.generate("hi")
    assert anthropic_stub.received[-1]["headers"]["x-api-key"] == "ak-dotenv"


async def test_official_api_without_key() -> None:
    async with get_model("anthropic/claude-3-5-haiku-latest") as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    assert "set ANTHROPIC_API_KEY" in str(err.value) and not err.value.retryable
