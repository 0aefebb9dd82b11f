"""`anthropic/<model>`: the Anthropic Messages API.

Options: ``base_url`` (default ``$ANTHROPIC_BASE_URL`` or ``https://api.anthropic.com``),
``api_key`` (default ``$ANTHROPIC_API_KEY``, real environment first, then ``.env``),
``anthropic_version`` (default ``2023-06-01``), ``max_tokens`` (required by the API when the
config sets none; default 1024), ``price_in`` / ``price_out`` (USD per 1M tokens),
``headers``, ``timeout``, ``max_connections``.

``Model.stream`` (``generate_stream``) asks for events and yields each text delta as it
arrives (with ``response_schema``, whose answer is a tool call, it gives the whole answer once).

Mapping: system and developer messages go to the top-level ``system`` field; consecutive
turns of one role are merged (the API wants user/assistant alternation); tool output becomes
a user turn marked as such; ``response_schema`` is enforced with a forced tool call whose
input is the JSON answer; ``n > 1`` sends n requests; logprobs are not offered by the API.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

from charter.errors import ModelError
from charter.model._api import provider
from charter.model._http import HTTPChatAPI, HTTPRequest, json_option, snippet
from charter.model._sse import cut_stream, event_json, fold_anthropic_stream
from charter.model._types import GenerateConfig, ModelOutput, StreamChunk, Usage, final_chunk
from charter.types import Message

__all__ = ["AnthropicModel", "build_anthropic_payload", "parse_anthropic_response"]

ANTHROPIC_URL = "https://api.anthropic.com"
SCHEMA_TOOL = "respond"


def map_messages(messages: list[Message]) -> tuple[str | None, list[dict[str, Any]]]:
    """Charter messages → (system text, alternating user/assistant turns)."""
    system: list[str] = []
    turns: list[dict[str, Any]] = []
    for m in messages:
        if m.role in ("system", "developer"):
            system.append(m.content)
            continue
        if m.role == "tool":
            role, text = "user", f"[tool output{f' from {m.name}' if m.name else ''}]\n{m.content}"
        else:
            role, text = m.role, m.content
        if turns and turns[-1]["role"] == role:
            turns[-1]["content"] += "\n\n" + text
        else:
            turns.append({"role": role, "content": text})
    return ("\n\n".join(system) if system else None), turns


def build_anthropic_payload(model: str, messages: list[Message], config: GenerateConfig, *,
                            default_max_tokens: int = 1024) -> dict[str, Any]:
    """Request mapping: a Messages API request body."""
    system, turns = map_messages(messages)
    p: dict[str, Any] = {"model": model, "max_tokens": config.max_tokens or default_max_tokens,
                         "messages": turns}
    if system is not None:
        p["system"] = system
    if config.temperature is not None:
        p["temperature"] = min(config.temperature, 1.0)  # the API's range is [0, 1]
    if config.top_p is not None:
        p["top_p"] = config.top_p
    if config.stop:
        p["stop_sequences"] = list(config.stop)
    if config.response_schema is not None:
        p["tools"] = [{"name": SCHEMA_TOOL, "description": "Give the answer in this JSON shape.",
                       "input_schema": config.response_schema}]
        p["tool_choice"] = {"type": "tool", "name": SCHEMA_TOOL}
    return p


def parse_anthropic_response(data: Any, *, name: str, latency_s: float = 0.0,
                             price_in: float = 0.0, price_out: float = 0.0) -> ModelOutput:
    """Response mapping: a Messages API answer → ModelOutput (tool input → JSON text)."""
    try:
        blocks = data["content"]
        parts: list[str] = []
        for b in blocks:
            if b.get("type") == "text":
                parts.append(b.get("text", ""))
            elif b.get("type") == "tool_use" and b.get("name") == SCHEMA_TOOL:
                parts.append(json.dumps(b.get("input"), ensure_ascii=False))
    except (KeyError, TypeError, AttributeError):
        if isinstance(data, dict) and data.get("type") == "error":
            raise ModelError(f"{name}: the server reported an error: {snippet(str(data.get('error')))}",
                             hint="a transient upstream error; the runner retries",
                             retryable=True) from None
        raise ModelError(f"{name}: the answer has no content blocks: {snippet(str(data))}",
                         hint="is base_url an Anthropic Messages API endpoint?") from None
    u = data.get("usage") or {}
    tin, tout = int(u.get("input_tokens") or 0), int(u.get("output_tokens") or 0)
    return ModelOutput(
        model=name,
        choices=["".join(parts)],
        finish_reason=data.get("stop_reason"),
        usage=Usage(input_tokens=tin, output_tokens=tout,
                    cost=(tin * price_in + tout * price_out) / 1e6),
        latency_s=latency_s,
        raw=data,
    )


@provider("anthropic")
class AnthropicModel(HTTPChatAPI):
    """Anthropic Messages API."""

    key_env = "ANTHROPIC_API_KEY"
    default_concurrency = 16

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        base = self.setting("ANTHROPIC_BASE_URL", "base_url") or ANTHROPIC_URL
        self.base_url = base.rstrip("/")
        self.url = f"{self.base_url}/v1/messages"
        self.api_key = self.setting(self.key_env, "api_key")
        self.default_max_tokens = int(options.get("max_tokens") or 1024)
        self.price_in = float(options.get("price_in") or 0.0)
        self.price_out = float(options.get("price_out") or 0.0)
        self.headers = {
            "Content-Type": "application/json",
            "anthropic-version": str(options.get("anthropic_version") or "2023-06-01"),
            **{str(k): str(v) for k, v in json_option(options, "headers", self.full_name).items()},
        }
        if self.api_key:
            self.headers["x-api-key"] = self.api_key
        self.stream = str(options.get("stream", False)).strip().lower() in ("1", "true", "yes", "on")

    def build_request(self, messages: list[Message], config: GenerateConfig) -> HTTPRequest:
        if not self.api_key and self.base_url == ANTHROPIC_URL:
            raise ModelError(f"{self.full_name}: no API key for {self.base_url}",
                             hint=f"set {self.key_env} (environment or .env) or pass --option api_key=...",
                             status=401)
        payload = build_anthropic_payload(self.model, messages, config,
                                          default_max_tokens=self.default_max_tokens)
        if self.stream:
            payload["stream"] = True
        return HTTPRequest(self.url, payload, self.headers)

    def fold_stream(self, body: bytes) -> Any:
        return fold_anthropic_stream(body, self.full_name)

    def parse_response(self, data: Any, config: GenerateConfig, latency_s: float) -> ModelOutput:
        return parse_anthropic_response(data, name=self.full_name, latency_s=latency_s,
                                        price_in=self.price_in, price_out=self.price_out)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        if config.n == 1:
            return await super().generate(messages, config)
        one = config.model_copy(update={"n": 1})
        outs = await asyncio.gather(*(super(AnthropicModel, self).generate(messages, one)
                                      for _ in range(config.n)))
        first = outs[0]
        usage = sum((o.usage for o in outs[1:]), first.usage)
        return first.model_copy(update={"choices": [o.text for o in outs], "usage": usage,
                                        "latency_s": max(o.latency_s for o in outs)})

    async def generate_stream(self, messages: list[Message], config: GenerateConfig) -> AsyncGenerator[StreamChunk, None]:
        if config.response_schema is not None:  # the answer is a tool call's input: give it whole
            async for chunk in super().generate_stream(messages, config):
                yield chunk
            return
        req = self.build_request(messages, config.model_copy(update={"n": 1}) if config.n != 1 else config)
        name = self.full_name
        t0 = time.perf_counter()
        texts: list[str] = []
        finish: str | None = None
        usage: dict[str, Any] = {}
        done = False
        async with aclosing(self.open_stream(HTTPRequest(req.url, {**req.payload, "stream": True}, req.headers),
                                             config)) as events:
            async for event, data in events:
                ev = event_json(name, data)
                if not isinstance(ev, dict):
                    continue
                kind = ev.get("type", event)
                if kind == "error":
                    raise ModelError(f"{name}: the server reported an error in the stream: {snippet(str(ev.get('error')))}",
                                     hint="a transient upstream error; the runner retries", retryable=True)
                if kind == "message_start":
                    usage.update((ev.get("message") or {}).get("usage") or {})
                elif kind == "content_block_delta":
                    delta = ev.get("delta") or {}
                    if delta.get("type") == "text_delta" and delta.get("text"):
                        texts.append(delta["text"])
                        yield StreamChunk(text=delta["text"])
                elif kind == "message_delta":
                    finish = (ev.get("delta") or {}).get("stop_reason") or finish
                    usage.update(ev.get("usage") or {})
                elif kind == "message_stop":
                    done = True
                    break
        if not done:
            raise cut_stream(name, "message_stop")
        yield final_chunk(name, texts, finish, int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0),
                          price_in=self.price_in, price_out=self.price_out, latency_s=time.perf_counter() - t0)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "base_url": self.base_url}
