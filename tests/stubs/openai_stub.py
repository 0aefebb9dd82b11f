"""A fast OpenAI-compatible stub server (``POST /v1/chat/completions``, ``GET /v1/models``).

In tests::

    async with OpenAIStub(latency_ms=5, rate_429=0.1, seed=1) as stub:
        model = get_model("openai/stub-model", base_url=stub.base_url)
        ...
        stub.requests, stub.faults, stub.received[-1]["json"]

As a separate process (benchmarks)::

    python -m tests.stubs.openai_stub --port 8123 --latency-ms 50 [--rate-429 0.05 ...]

Answers: ``reply`` (a string, or a function of the request body), or with ``echo=True`` the
last user message. ``n`` choices, usage counted in whitespace words, logprobs when asked
(one entry per word, logprob -0.5, ``top_logprobs`` alternatives). ``api_key`` makes it
answer 401 to a wrong ``Authorization: Bearer``; ``models`` makes unknown models 404.
``GET /stub/stats`` returns the request and fault counters.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from aiohttp import web

from charter.model._http import dumps
from tests.stubs._base import StubServer, last_user_text, words

__all__ = ["OpenAIStub", "main"]


def _logprobs(text: str, top: int) -> dict[str, Any]:
    content = []
    for i, tok in enumerate(text.split(" ")):
        t = tok if i == 0 else " " + tok
        alts = [{"token": t, "logprob": -0.5, "bytes": None}]
        alts += [{"token": f"alt{j}", "logprob": -2.0 - j, "bytes": None} for j in range(1, top)]
        content.append({"token": t, "logprob": -0.5, "bytes": list(t.encode()),
                        "top_logprobs": alts[:top]})
    return {"content": content}


class OpenAIStub(StubServer):
    """OpenAI Chat Completions stub with latency and fault injection."""

    api_root = "/v1"

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/v1/chat/completions", self.chat), web.get("/v1/models", self.list_models)]

    async def list_models(self, request: web.Request) -> web.Response:
        names = self.models or ["stub-model"]
        return self.json_response({"object": "list",
                                   "data": [{"id": n, "object": "model", "owned_by": "stub"} for n in names]})

    async def chat(self, request: web.Request) -> web.StreamResponse:
        body, early, fault = await self.begin(request)
        if early is not None:
            return early
        assert body is not None
        if self.api_key is not None and request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return self.json_response({"error": {"message": "Incorrect API key provided.",
                                                 "type": "invalid_request_error",
                                                 "code": "invalid_api_key"}}, 401)
        model = body.get("model", "")
        if self.models is not None and model not in self.models:
            return self.json_response({"error": {"message": f"The model `{model}` does not exist",
                                                 "code": "model_not_found"}}, 404)
        messages = body.get("messages") or []
        prompt = last_user_text(messages)
        streaming = bool(body.get("stream")) or self.always_stream
        if fault and not (fault == "cut" and streaming):
            return await self.apply_fault(
                request, fault, {"error": {"message": f"stub fault {fault}", "type": "server_error"}})
        text = self.reply_text(body, prompt)
        if streaming:
            return await self._stream(request, model, text, prompt, messages, cut=fault == "cut")
        n = int(body.get("n") or 1)
        choice: dict[str, Any] = {"index": 0, "message": {"role": "assistant", "content": text},
                                  "finish_reason": "stop"}
        if body.get("logprobs"):
            choice["logprobs"] = _logprobs(text, int(body.get("top_logprobs") or 0))
        choices = [choice] if n == 1 else [{**choice, "index": i} for i in range(n)]
        tin = sum(words(str(m.get("content", ""))) for m in messages)
        tout = words(text) * n
        self.answered[prompt] += 1
        return self.json_response({
            "id": f"chatcmpl-stub{self.requests}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": choices,
            "usage": {"prompt_tokens": tin, "completion_tokens": tout, "total_tokens": tin + tout},
        })


    async def _stream(self, request: web.Request, model: str, text: str, prompt: str,
                      messages: list[dict[str, Any]], *, cut: bool) -> web.StreamResponse:
        """The answer as Chat Completions chunks (one per word), usage in the last one;
        ``cut`` stops after half the words, without ``data: [DONE]``."""
        resp = web.StreamResponse(status=200, headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        pieces = [w if i == 0 else " " + w for i, w in enumerate(text.split(" "))]

        def event(obj: dict[str, Any]) -> bytes:
            return b"data: " + dumps(obj) + b"\n\n"

        base = {"id": f"chatcmpl-stub{self.requests}", "object": "chat.completion.chunk", "model": model}
        for i, piece in enumerate(pieces):
            if cut and i >= max(1, len(pieces) // 2):
                assert request.transport is not None
                request.transport.close()
                return resp
            await resp.write(event({**base, "choices": [{"index": 0, "delta": {"content": piece},
                                                          "finish_reason": None}]}))
        tin = sum(words(str(m.get("content", ""))) for m in messages)
        await resp.write(event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
        await resp.write(event({**base, "choices": [], "usage": {"prompt_tokens": tin, "completion_tokens": words(text),
                                                                  "total_tokens": tin + words(text)}}))
        await resp.write(b"data: [DONE]\n\n")
        self.answered[prompt] += 1
        await resp.write_eof()
        return resp


def main(argv: list[str] | None = None) -> None:
    """Serve the stub until interrupted (used by benchmarks and hostile-runner tests)."""
    ap = argparse.ArgumentParser(prog="python -m tests.stubs.openai_stub", description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--latency-jitter-ms", type=float, default=0.0, help="latency varies uniformly by ± this much")
    ap.add_argument("--seed", type=int, default=0)
    for fault in ("429", "500", "timeout", "reset", "truncated", "nonjson"):
        ap.add_argument(f"--rate-{fault}", type=float, default=0.0, dest=f"rate_{fault}")
    ap.add_argument("--retry-after", type=float, default=1.0)
    ap.add_argument("--hang-s", type=float, default=30.0)
    ap.add_argument("--reply", default="Hello from the stub.")
    ap.add_argument("--echo", action="store_true")
    ap.add_argument("--api-key", default=None)
    ap.add_argument("--lifetime-s", type=float, default=600.0, help="stop by itself after this many seconds")
    args = ap.parse_args(argv)
    stub = OpenAIStub(
        latency_ms=args.latency_ms, latency_jitter_ms=args.latency_jitter_ms, seed=args.seed, rate_429=args.rate_429, rate_500=args.rate_500,
        rate_timeout=args.rate_timeout, rate_reset=args.rate_reset,
        rate_truncated=args.rate_truncated, rate_nonjson=args.rate_nonjson,
        retry_after=args.retry_after, hang_s=args.hang_s, reply=args.reply, echo=args.echo,
        api_key=args.api_key, record=False, port=args.port, lifetime_s=args.lifetime_s,
    )

    async def serve() -> None:
        async with stub:
            print(f"openai stub listening on {stub.base_url}", flush=True)
            while stub._runner is not None:
                await asyncio.sleep(0.5)

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
