"""`Model.stream`: pieces as the provider sends them (openai/ streams server-sent events; other
providers give one piece), the whole output last, and stream failures as ModelError."""

from __future__ import annotations

import pytest

from charter.errors import ModelError
from charter.model import StreamChunk, get_model
from charter.model._sse import EventParser
from tests.stubs import AnthropicStub, OpenAIStub


async def test_openai_streams_each_delta_then_the_whole_output(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = "one two three four"
    model = get_model("openai/stub-model", base_url=openai_stub.base_url, api_key="sk-x", price_in=1.0)
    chunks = [c async for c in model.stream([{"role": "user", "content": "count please"}])]
    await model.aclose()

    sent = openai_stub.received[-1]["json"]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
    assert [c.text for c in chunks] == ["one", " two", " three", " four", ""]
    assert all(c.output is None for c in chunks[:-1])
    out = chunks[-1].output
    assert out is not None
    assert out.text == "one two three four" and out.finish_reason == "stop" and out.model == "openai/stub-model"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (2, 4)
    assert out.usage.cost == pytest.approx(2 / 1e6)


async def test_a_stream_cut_before_done_is_a_retryable_error(openai_stub: OpenAIStub) -> None:
    openai_stub.reply = "a b c d e f g h"
    openai_stub.fault_sequence = ["cut"]
    model = get_model("openai/stub-model", base_url=openai_stub.base_url, api_key="sk-x")
    got: list[str] = []
    with pytest.raises(ModelError) as e:
        async for c in model.stream("hi"):
            got.append(c.text)
    await model.aclose()
    assert e.value.retryable
    assert "".join(got) == "a b c d"  # what came before the cut was given out


async def test_http_errors_before_the_stream_map_like_generate(openai_stub: OpenAIStub) -> None:
    openai_stub.api_key = "sk-right"
    model = get_model("openai/stub-model", base_url=openai_stub.base_url, api_key="sk-wrong")
    with pytest.raises(ModelError) as e:
        [c async for c in model.stream("hi")]
    await model.aclose()
    assert e.value.status == 401 and not e.value.retryable


async def test_a_provider_that_cannot_stream_gives_one_piece() -> None:
    model = get_model("mock/comply")
    chunks = [c async for c in model.stream("How do I reset my router?")]
    assert len(chunks) == 1 and isinstance(chunks[0], StreamChunk)
    assert chunks[0].output is not None and chunks[0].text == chunks[0].output.text != ""


def test_event_parser_line_by_line() -> None:
    p = EventParser()
    lines = [b": comment\n", b"event: delta\r\n", b"data: {\"a\":\n", b"data: 1}\n", b"\n", b"data: [DONE]"]
    events = [e for e in (p.feed(x) for x in lines) if e is not None]
    assert events == [("delta", "{\"a\":\n1}")]
    assert p.feed(b"") == ("message", "[DONE]")  # the end of the stream ends the last event
    assert p.feed(b"\n") is None


async def test_anthropic_streams_each_text_delta_then_the_whole_output(anthropic_stub: AnthropicStub) -> None:
    anthropic_stub.reply = "five six seven"
    model = get_model("anthropic/stub", base_url=anthropic_stub.base_url, api_key="k")
    chunks = [c async for c in model.stream([{"role": "system", "content": "Be brief."},
                                             {"role": "user", "content": "count on"}])]
    sent = anthropic_stub.received[-1]["json"]
    assert sent["stream"] is True and sent["system"] == "Be brief."
    assert [c.text for c in chunks] == ["five", " six", " seven", ""]
    out = chunks[-1].output
    assert out is not None and out.text == "five six seven" and out.finish_reason == "end_turn"
    assert out.usage.output_tokens == 3 and out.usage.input_tokens > 0

    anthropic_stub.fault_sequence = ["cut"]
    anthropic_stub.reply = "a b c d e f"
    got: list[str] = []
    with pytest.raises(ModelError) as e:
        async for c in model.stream("hi"):
            got.append(c.text)
    await model.aclose()
    assert e.value.retryable and "".join(got) == "a b c"
