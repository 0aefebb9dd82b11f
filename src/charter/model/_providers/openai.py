"""`openai/<model>`: the OpenAI Chat Completions API and every OpenAI-compatible server
(vLLM, Ollama, llama.cpp server, LM Studio, ...).

Options (``get_model(..., **options)`` or ``--option key=value``):

- ``base_url``   API root, default ``$OPENAI_BASE_URL`` or ``https://api.openai.com/v1``;
- ``api_key``    default ``$OPENAI_API_KEY`` (real environment first, then ``.env``);
- ``env_file``   a ``.env`` file to read instead of the nearest one;
- ``price_in`` / ``price_out``  USD per 1M input / output tokens, to fill ``Usage.cost``;
- ``strict``     strict JSON-schema mode for ``response_schema`` (default true);
- ``max_tokens_field``  ``max_tokens`` or ``max_completion_tokens`` (default: the latter on
  api.openai.com, the former elsewhere);
- ``extra_body`` a dict merged into every request (e.g. ``{"top_k": 20}`` for vLLM);
- ``headers``    extra HTTP headers; ``timeout`` default seconds; ``max_connections``;
- ``stream``     ask for server-sent events (default false); an SSE answer is read either way.

``Model.stream`` (``generate_stream``) always asks for server-sent events and yields each content delta of the
first choice as it arrives (usage from ``stream_options.include_usage``).

``ollama/<model>`` and ``vllm/<model>`` are the same client with the local default base URLs
(``$OLLAMA_BASE_URL`` / ``$VLLM_BASE_URL`` override them).
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

from charter.errors import ModelError
from charter.model._api import provider
from charter.model._http import HTTPChatAPI, HTTPRequest, json_option, snippet
from charter.model._sse import cut_stream, event_json, fold_openai_stream
from charter.model._types import (
    GenerateConfig,
    ModelOutput,
    StreamChunk,
    TokenLogprob,
    Usage,
    final_chunk,
)
from charter.types import Message

__all__ = ["OllamaModel", "OpenAIModel", "VLLMModel", "build_openai_payload", "parse_openai_response"]

OPENAI_URL = "https://api.openai.com/v1"


def _schema_name(schema: dict[str, Any]) -> str:
    name = re.sub(r"[^a-zA-Z0-9_-]", "_", str(schema.get("title") or "response"))
    return name[:64] or "response"


def map_messages(messages: list[Message], *, official: bool) -> list[dict[str, Any]]:
    """Charter messages → OpenAI messages. ``tool`` messages carry no matching tool call in a
    Case, which the API rejects, so they become user turns marked as tool output; outside
    api.openai.com ``developer`` becomes ``system`` (most chat templates lack it)."""
    out: list[dict[str, Any]] = []
    for m in messages:
        role = m.role
        if role == "tool":
            label = f"[tool output{f' from {m.name}' if m.name else ''}]"
            out.append({"role": "user", "content": f"{label}\n{m.content}"})
            continue
        if role == "developer" and not official:
            role = "system"
        d: dict[str, Any] = {"role": role, "content": m.content}
        if m.name:
            d["name"] = m.name
        out.append(d)
    return out


def build_openai_payload(model: str, messages: list[Message], config: GenerateConfig, *,
                         official: bool = False, strict: bool = True,
                         max_tokens_field: str = "max_tokens",
                         extra_body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Request mapping: a Chat Completions request body."""
    p: dict[str, Any] = {"model": model, "messages": map_messages(messages, official=official)}
    if config.temperature is not None:
        p["temperature"] = config.temperature
    if config.top_p is not None:
        p["top_p"] = config.top_p
    if config.max_tokens is not None:
        p[max_tokens_field] = config.max_tokens
    if config.seed is not None:
        p["seed"] = config.seed
    if config.stop:
        p["stop"] = list(config.stop)
    if config.n != 1:
        p["n"] = config.n
    if config.logprobs:
        p["logprobs"] = True
        if config.top_logprobs is not None:
            p["top_logprobs"] = config.top_logprobs
    if config.response_schema is not None:
        p["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": _schema_name(config.response_schema),
                            "schema": config.response_schema, "strict": strict},
        }
    if extra_body:
        p.update(extra_body)
    return p


def _logprobs(choice: dict[str, Any]) -> list[TokenLogprob] | None:
    lp = choice.get("logprobs")
    content = lp.get("content") if isinstance(lp, dict) else None
    if not content:
        return None
    return [
        TokenLogprob(token=t["token"], logprob=float(t["logprob"]),
                     top={a["token"]: float(a["logprob"]) for a in t.get("top_logprobs") or ()})
        for t in content
    ]


def parse_openai_response(data: Any, *, name: str, latency_s: float = 0.0,
                          price_in: float = 0.0, price_out: float = 0.0) -> ModelOutput:
    """Response mapping: a Chat Completions answer → ModelOutput."""
    try:
        choices = data["choices"]
        texts = [(c.get("message") or {}).get("content") or "" for c in choices]
        first = choices[0]
    except (KeyError, TypeError, IndexError, AttributeError):
        if isinstance(data, dict) and "error" in data:  # some gateways send errors with 200
            raise ModelError(f"{name}: the server reported an error: {snippet(str(data['error']))}",
                             hint="a transient upstream error; the runner retries",
                             retryable=True) from None
        raise ModelError(f"{name}: the answer has no choices: {snippet(str(data))}",
                         hint="is base_url an OpenAI-compatible /v1 endpoint?") from None
    u = data.get("usage") or {}
    tin, tout = int(u.get("prompt_tokens") or 0), int(u.get("completion_tokens") or 0)
    return ModelOutput(
        model=name,
        choices=texts,
        finish_reason=first.get("finish_reason"),
        usage=Usage(input_tokens=tin, output_tokens=tout,
                    cost=(tin * price_in + tout * price_out) / 1e6),
        logprobs=_logprobs(first),
        latency_s=latency_s,
        raw=data,
    )


@provider("openai")
class OpenAIModel(HTTPChatAPI):
    """OpenAI Chat Completions and OpenAI-compatible servers."""

    key_env = "OPENAI_API_KEY"
    base_url_env = "OPENAI_BASE_URL"
    default_base_url = OPENAI_URL
    default_concurrency = 32

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        base = self.setting(self.base_url_env, "base_url") or self.default_base_url
        self.base_url = base.rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        self.official = self.base_url.startswith(OPENAI_URL)
        self.api_key = self.setting(self.key_env, "api_key")
        self.price_in = float(options.get("price_in") or 0.0)
        self.price_out = float(options.get("price_out") or 0.0)
        self.strict = _flag(options.get("strict", True))
        self.max_tokens_field = str(options.get("max_tokens_field")
                                    or ("max_completion_tokens" if self.official else "max_tokens"))
        self.extra_body = json_option(options, "extra_body", self.full_name)
        self.headers = {"Content-Type": "application/json",
                        **{str(k): str(v) for k, v in json_option(options, "headers", self.full_name).items()}}
        if self.api_key:
            self.headers["Authorization"] = f"Bearer {self.api_key}"
        self.stream = _flag(options.get("stream", False))

    def build_request(self, messages: list[Message], config: GenerateConfig) -> HTTPRequest:
        if self.official and not self.api_key:
            raise ModelError(f"{self.full_name}: no API key for {self.base_url}",
                             hint=f"set {self.key_env} (environment or .env) or pass --option api_key=...",
                             status=401)
        payload = build_openai_payload(self.model, messages, config, official=self.official,
                                       strict=self.strict, max_tokens_field=self.max_tokens_field,
                                       extra_body=self.extra_body)
        if self.stream:
            payload["stream"] = True
            payload["stream_options"] = {"include_usage": True}
        return HTTPRequest(self.url, payload, self.headers)

    def fold_stream(self, body: bytes) -> Any:
        return fold_openai_stream(body, self.full_name)

    async def generate_stream(self, messages: list[Message], config: GenerateConfig) -> AsyncGenerator[StreamChunk, None]:
        req = self.build_request(messages, config)
        payload = {**req.payload, "stream": True, "stream_options": {"include_usage": True}}
        name = self.full_name
        t0 = time.perf_counter()
        texts: list[str] = []
        finish: str | None = None
        usage: dict[str, Any] = {}
        done = False
        async with aclosing(self.open_stream(HTTPRequest(req.url, payload, req.headers), config)) as events:
            async for _, data in events:
                if data.strip() == "[DONE]":
                    done = True
                    break
                chunk = event_json(name, data)
                if not isinstance(chunk, dict):
                    continue
                if "error" in chunk:
                    raise ModelError(f"{name}: the server reported an error in the stream: {snippet(str(chunk['error']))}",
                                     hint="a transient upstream error; the runner retries", retryable=True)
                usage = chunk.get("usage") or usage
                for c in chunk.get("choices") or ():
                    if int(c.get("index", 0)) != 0:
                        continue
                    piece = (c.get("delta") or {}).get("content")
                    if piece:
                        texts.append(piece)
                        yield StreamChunk(text=piece)
                    finish = c.get("finish_reason") or finish
        if not done:
            raise cut_stream(name, "data: [DONE]")
        yield final_chunk(name, texts, finish, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0),
                          price_in=self.price_in, price_out=self.price_out, latency_s=time.perf_counter() - t0)

    def parse_response(self, data: Any, config: GenerateConfig, latency_s: float) -> ModelOutput:
        return parse_openai_response(data, name=self.full_name, latency_s=latency_s,
                                     price_in=self.price_in, price_out=self.price_out)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "base_url": self.base_url}


@provider("ollama")
class OllamaModel(OpenAIModel):
    """An Ollama server's OpenAI-compatible API (default http://localhost:11434/v1)."""

    key_env = "OLLAMA_API_KEY"
    base_url_env = "OLLAMA_BASE_URL"
    default_base_url = "http://localhost:11434/v1"
    default_concurrency = 4


@provider("vllm")
class VLLMModel(OpenAIModel):
    """A vLLM server's OpenAI-compatible API (default http://localhost:8000/v1)."""

    key_env = "VLLM_API_KEY"
    base_url_env = "VLLM_BASE_URL"
    default_base_url = "http://localhost:8000/v1"
    default_concurrency = 64


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(value)
