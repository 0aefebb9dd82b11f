"""An Anthropic-style stub server (``POST /v1/messages``) with latency and fault injection.

    async with AnthropicStub(api_key="k", server_error_status=529) as stub:
        model = get_model("anthropic/claude-stub", base_url=stub.root_url, api_key="k")

Like the API it answers 400 without an ``anthropic-version`` header or ``max_tokens``, 401
to a wrong ``x-api-key`` (when ``api_key`` is set), and with a forced tool call
(``tool_choice: {type: tool}``) returns a ``tool_use`` block whose input is the reply parsed
as JSON (or ``{"text": reply}``).
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from charter.model._http import dumps
from tests.stubs._base import StubServer, last_user_text, words

__all__ = ["AnthropicStub"]


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


class AnthropicStub(StubServer):
    """Anthropic Messages API stub."""

    api_root = ""

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/v1/messages", self.messages)]

    async def messages(self, request: web.Request) -> web.StreamResponse:
        body, early, fault = await self.begin(request)
        if early is not None:
            return early
        assert body is not None
        if self.api_key is not None and request.headers.get("x-api-key") != self.api_key:
            return self.json_response(_error("authentication_error", "invalid x-api-key"), 401)
        if not request.headers.get("anthropic-version"):
            return self.json_response(_error("invalid_request_error", "anthropic-version header is required"), 400)
        if not isinstance(body.get("max_tokens"), int):
            return self.json_response(_error("invalid_request_error", "max_tokens: Field required"), 400)
        model = body.get("model", "")
        if self.models is not None and model not in self.models:
            return self.json_response(_error("not_found_error", f"model: {model}"), 404)
        streaming = bool(body.get("stream")) or self.always_stream
        if fault and not (fault == "cut" and streaming):
            kind = "rate_limit_error" if fault == "429" else "overloaded_error"
            return await self.apply_fault(request, fault, _error(kind, f"stub fault {fault}"))
        messages = body.get("messages") or []
        prompt = last_user_text(messages)
        text = self.reply_text(body, prompt)
        if streaming and not (body.get("tool_choice") or {}).get("type") == "tool":
            tin = words(str(body.get("system", ""))) + sum(words(str(m.get("content", ""))) for m in messages)
            return await self._stream(request, model, text, prompt, tin, cut=fault == "cut")
        choice = body.get("tool_choice") or {}
        if choice.get("type") == "tool":
            try:
                tool_input = json.loads(text)
            except ValueError:
                tool_input = {"text": text}
            content: list[dict[str, Any]] = [{"type": "tool_use", "id": "toolu_stub",
                                              "name": choice.get("name"), "input": tool_input}]
            stop_reason = "tool_use"
        else:
            content = [{"type": "text", "text": text}]
            stop_reason = "end_turn"
        tin = words(str(body.get("system", ""))) + sum(words(str(m.get("content", ""))) for m in messages)
        self.answered[prompt] += 1
        return self.json_response({
            "id": f"msg_stub{self.requests}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": tin, "output_tokens": words(text)},
        })

    async def _stream(self, request: web.Request, model: str, text: str, prompt: str, tin: int, *,
                      cut: bool) -> web.StreamResponse:
        """The answer as Messages API events (a text delta per word); ``cut`` stops halfway,
        without ``message_stop``."""
        resp = web.StreamResponse(status=200, headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)

        async def event(kind: str, obj: dict[str, Any]) -> None:
            await resp.write(f"event: {kind}\ndata: ".encode() + dumps({"type": kind, **obj}) + b"\n\n")

        await event("message_start", {"message": {"id": f"msg_stub{self.requests}", "type": "message", "role": "assistant",
                                                  "model": model, "content": [], "usage": {"input_tokens": tin}}})
        await event("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}})
        pieces = [w if i == 0 else " " + w for i, w in enumerate(text.split(" "))]
        for i, piece in enumerate(pieces):
            if cut and i >= max(1, len(pieces) // 2):
                assert request.transport is not None
                request.transport.close()
                return resp
            await event("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": piece}})
        await event("content_block_stop", {"index": 0})
        await event("message_delta", {"delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": words(text)}})
        await event("message_stop", {})
        self.answered[prompt] += 1
        await resp.write_eof()
        return resp
