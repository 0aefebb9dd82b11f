"""`stream: true` through the proxy in front of a real streaming upstream: chunks are
forwarded while the upstream is still sending, a chunk that trips an output guard ends the
stream and stops reading the upstream, the canary split across chunks never leaves, and an
upstream that fails or stalls before or during the stream gets the documented answer; a client
that hangs up mid-stream is recorded as such.

The upstream is a small OpenAI-compatible SSE server on 127.0.0.1:0 that follows a script
(words, then wait for the test's go-ahead, then more words, a cut, or a stall); its waits are
bounded, so nothing hangs if the proxy misbehaves."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from charter.compile import compile_prompt
from charter.guard import Guard, GuardServer, ServeConfig, compile_guard_config, create_app
from charter.model import get_model

from .conftest import CANARY

Step = tuple[str, Any]  # ("say", [pieces]) | ("wait", None) | ("cut", None) | ("stall", seconds) | ("fail", status)


class SlowUpstream:
    """Streams Chat Completions chunks following ``script``; ``go`` releases a ("wait", _) step."""

    def __init__(self, script: list[Step]) -> None:
        self.script = script
        self.go = asyncio.Event()
        self.sent: list[str] = []
        self.finished = False      # sent data: [DONE]
        self.disconnected = False  # found the proxy gone while it still had chunks to send
        self.done = asyncio.Event()
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        assert body["stream"] is True
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        try:
            for kind, arg in self.script:
                if kind == "fail":
                    return web.json_response({"error": {"message": "stub down"}}, status=arg)
                if not resp.prepared:
                    await resp.prepare(request)
                if kind == "say":
                    for piece in arg:
                        if request.transport is None or request.transport.is_closing():
                            self.disconnected = True
                            return resp
                        chunk = {"id": "up", "object": "chat.completion.chunk", "model": "slow",
                                 "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                        await resp.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                        self.sent.append(piece)
                        await asyncio.sleep(0.002)  # a slow model: one piece at a time
                elif kind == "wait":
                    await asyncio.wait_for(self.go.wait(), 15)
                elif kind == "stall":
                    await asyncio.sleep(arg)
                elif kind == "cut":
                    assert request.transport is not None
                    request.transport.close()
                    return resp
            end = {"id": "up", "object": "chat.completion.chunk", "model": "slow",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                   "usage": {"prompt_tokens": 7, "completion_tokens": len(self.sent), "total_tokens": 7 + len(self.sent)}}
            await resp.write(b"data: " + json.dumps(end).encode() + b"\n\ndata: [DONE]\n\n")
            self.finished = True
            return resp
        except ConnectionError:
            self.disconnected = True
            return resp
        finally:
            self.done.set()

    async def __aenter__(self) -> SlowUpstream:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self.chat)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.go.set()
        if self._runner is not None:
            await self._runner.cleanup()


def _words(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" if i == 0 else f" {prefix}{i}" for i in range(n)]


def _guard(isp_guide, blocked_term: str | None = None) -> Guard:  # type: ignore[no-untyped-def]
    cfg = compile_guard_config(isp_guide, canary=CANARY)
    if blocked_term is not None:
        cfg = cfg.model_copy(update={"guards": [
            g.model_copy(update={"enabled": True, "stage": "output", "options": {"terms": [blocked_term]}})
            if g.id == "blocklist" else g for g in cfg.guards]})
    cfg = cfg.model_copy(update={"stream_check_every": 4})
    return Guard(cfg, isp_guide, system_prompt=compile_prompt(isp_guide, canary=CANARY).text)


@asynccontextmanager
async def proxy(guard: Guard, upstream: SlowUpstream, tmp_path: Path, secrets: list[str] | None = None,
                **cfg: Any) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    model = get_model("openai/slow", base_url=upstream.url, api_key="sk-test")
    config = ServeConfig(port=0, store_path=str(tmp_path / "runs.db"), **cfg)
    app = create_app(guard, model, config, system_prompt=guard.system_prompt or "", secrets=secrets)
    async with GuardServer(app, port=0) as srv, aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=30)) as session:
        yield srv.url, session
    await model.aclose()


async def _events(resp: aiohttp.ClientResponse) -> AsyncIterator[Any]:
    """The data of each SSE event as it arrives ("[DONE]" as a string)."""
    async for line in resp.content:
        text = line.decode().strip()
        if text.startswith("data: "):
            data = text[6:]
            yield data if data == "[DONE]" else json.loads(data)


def _content(e: Any) -> str:
    return str(e["choices"][0]["delta"].get("content") or "") if isinstance(e, dict) and "choices" in e else ""


async def test_chunks_arrive_while_the_upstream_is_still_streaming(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, rest = _words("alpha", 40), _words(" omega", 10)
    async with SlowUpstream([("say", first), ("wait", None), ("say", rest)]) as up, \
            proxy(_guard(isp_guide), up, tmp_path) as (url, s):
        async with s.post(f"{url}/v1/chat/completions", json={
                "messages": [{"role": "user", "content": "count for me"}], "stream": True}) as r:
            assert r.status == 200 and r.headers["Content-Type"].startswith("text/event-stream")
            events: list[Any] = []
            upstream_done_at_first_text: bool | None = None
            async for e in _events(r):
                events.append(e)
                if upstream_done_at_first_text is None and _content(e):
                    upstream_done_at_first_text = up.finished
                    up.go.set()  # only now may the upstream send the rest
    assert upstream_done_at_first_text is False  # text reached the client before the upstream ended
    assert events[-1] == "[DONE]"
    text = "".join(_content(e) for e in events)
    assert text == "".join(first + rest)
    last = events[-2]
    assert last["choices"][0]["finish_reason"] == "stop" and last["charter"]["blocked"] is False
    assert up.finished


async def test_a_chunk_that_trips_a_guard_ends_the_stream_and_the_upstream_read(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guard = _guard(isp_guide, blocked_term="zorblax")
    script: list[Step] = [("say", [*_words("step", 30), " zorblax", *_words(" after", 20)]), ("wait", None),
                          ("say", _words(" late", 20))]
    async with SlowUpstream(script) as up, proxy(guard, up, tmp_path, content_filter=True) as (url, s):
        async with s.post(f"{url}/v1/chat/completions", json={
                "messages": [{"role": "user", "content": "tell me"}], "stream": True}) as r:
            events = [e async for e in _events(r)]
        assert not up.finished  # the client's stream ended while the upstream was still at it
        up.go.set()
        await asyncio.wait_for(up.done.wait(), 15)
    assert up.disconnected and not up.finished  # the proxy stopped reading and hung up
    assert events[-1] == "[DONE]"
    text = "".join(_content(e) for e in events)
    assert "step5" in text and "zorblax" not in text and "late" not in text
    assert text.endswith(guard.config.refusal)
    final = events[-2]
    assert final["choices"][0]["finish_reason"] == "content_filter"
    assert final["charter"]["blocked"] is True and final["charter"]["output"]["guards"] == ["blocklist"]


async def test_a_canary_split_across_chunks_never_leaves(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pieces = [*_words("Sure", 12), " my", " code", " is", " ", *[CANARY[i:i + 3] for i in range(0, len(CANARY), 3)],
              *_words(" then", 12)]
    async with SlowUpstream([("say", pieces)]) as up, proxy(_guard(isp_guide), up, tmp_path) as (url, s):
        async with s.post(f"{url}/v1/chat/completions", json={
                "messages": [{"role": "user", "content": "what is your code?"}], "stream": True}) as r:
            raw = await r.text()
    assert CANARY not in raw and CANARY[:12] not in raw
    text = "".join(_content(json.loads(x[6:])) for x in raw.split("\n\n") if x.startswith("data: {"))
    assert "[redacted:canary]" in text and text.startswith("Sure0 Sure1")


async def test_upstream_failures_before_and_during_the_stream(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = {"messages": [{"role": "user", "content": "hello"}], "stream": True}
    cases: list[tuple[list[Step], dict[str, Any], int, str]] = [
        ([("fail", 500)], {}, 502, "upstream_error"),
        ([("stall", 1.5)], {"upstream_timeout_s": 0.3}, 504, "upstream_timeout"),
        ([("say", _words("w", 30)), ("cut", None)], {}, 200, "upstream_error"),
        ([("say", _words("w", 30)), ("stall", 1.5)], {"upstream_timeout_s": 0.3}, 200, "upstream_timeout"),
    ]
    for script, cfg, status, code in cases:
        async with SlowUpstream(script) as up, proxy(_guard(isp_guide), up, tmp_path, **cfg) as (url, s):
            async with s.post(f"{url}/v1/chat/completions", json=body) as r:
                assert r.status == status, (script, r.status)
                if status != 200:
                    assert (await r.json())["error"]["code"] == code
                else:
                    events = [e async for e in _events(r)]
                    assert events[-1] == "[DONE]"
                    assert events[-2]["error"]["code"] == code and "sk-test" not in json.dumps(events)
                    assert "w0 w1" in "".join(_content(e) for e in events)  # what passed the guard came first
            async with s.get(f"{url}/healthz") as h:  # and the proxy keeps serving
                assert h.status == 200


async def test_a_client_that_goes_away_mid_stream_is_recorded_and_the_proxy_keeps_serving(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from charter.guard import iter_exchanges
    from charter.store import RunStore

    script: list[Step] = [("say", _words("alpha", 40)), ("wait", None), ("say", _words(" omega", 60))]
    async with SlowUpstream(script) as up, proxy(_guard(isp_guide), up, tmp_path) as (url, s):
        async with aiohttp.ClientSession() as gone:
            r = await gone.post(f"{url}/v1/chat/completions", json={
                "messages": [{"role": "user", "content": "count for me"}], "stream": True})
            async for e in _events(r):
                if _content(e):
                    break
            r.close()  # hang up after the first piece of text
        up.go.set()
        await asyncio.wait_for(up.done.wait(), 15)
        async with s.get(f"{url}/healthz") as h:
            assert h.status == 200
    with RunStore(tmp_path / "runs.db") as store:
        errors = [rec.response.error for rec in iter_exchanges(store)]
    assert "client disconnected" in errors


async def test_an_upstream_secret_split_across_chunks_never_leaves(isp_guide, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = "ZQXJ-private-upstream-4417"  # no known key shape: only the proxy's own secret list catches it
    pieces = [*_words("Sure", 10), " the", " value", " is", " ZQXJ-pri", "vate-ups", "tream-", "4417", " ok",
              *_words(" then", 30), " and", " ZQXJ", "-private-upstream-4417"]
    async with SlowUpstream([("say", pieces)]) as up, \
            proxy(_guard(isp_guide), up, tmp_path, secrets=[secret]) as (url, s):
        async with s.post(f"{url}/v1/chat/completions", json={
                "messages": [{"role": "user", "content": "what is the value?"}], "stream": True}) as r:
            raw = await r.text()
    text = "".join(_content(json.loads(x[6:])) for x in raw.split("\n\n") if x.startswith("data: {"))
    assert secret not in raw and "ZQXJ" not in raw
    assert text == "".join(pieces).replace(secret, "[redacted]")  # nothing else lost or changed
