"""Shared machinery of the loopback stub servers: start/stop on 127.0.0.1 with a free port,
request counting and recording, latency, and deterministic fault injection.

Faults (one draw per request, from ``random.Random(seed)`` in arrival order, unless
``fault_sequence`` still has entries — those are used first, one per request)::

    "429"        HTTP 429 with Retry-After: <retry_after>
    "500"        HTTP <server_error_status> (500 by default) with a JSON error body
    "timeout"    never answers within the client's timeout (sleeps ``hang_s``)
    "reset"      the TCP connection is reset (RST) before any answer
    "truncated"  a 200 whose body stops halfway (Content-Length says more)
    "nonjson"    a 200 whose body is an HTML page
    "cut"        a 200 event stream that stops before its end (a truncated body when not streaming)
    "ok"         (only in fault_sequence / fault_plan) a normal answer

``fault_plan(prompt, attempt)`` makes faults deterministic per request and attempt whatever
the arrival order: it gets the last user message and how many times that prompt has been
asked (1-based) and returns a fault name, or None / "ok". ``answered`` counts the complete
answers sent per prompt (duplicates = prompts answered more than once). The server stops by
itself after ``lifetime_s`` seconds.
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
from collections import Counter
from collections.abc import Callable
from typing import Any, Self

from aiohttp import web

from charter.model._http import dumps, loads  # orjson when installed, else json

FAULTS = ("429", "500", "timeout", "reset", "truncated", "nonjson", "cut")
Reply = str | Callable[[dict[str, Any]], str]


class StubServer:
    """Base of the stubs. Use as ``async with OpenAIStub(latency_ms=5) as stub: stub.base_url``.

    Every knob is a plain attribute and may be changed while the server runs.
    """

    api_root = "/v1"

    def __init__(
        self,
        *,
        latency_ms: float = 0.0,
        latency_jitter_ms: float = 0.0,
        seed: int = 0,
        rate_429: float = 0.0,
        rate_500: float = 0.0,
        rate_timeout: float = 0.0,
        rate_reset: float = 0.0,
        rate_truncated: float = 0.0,
        rate_nonjson: float = 0.0,
        fault_sequence: list[str] | tuple[str, ...] = (),
        retry_after: float = 1.0,
        server_error_status: int = 500,
        hang_s: float = 30.0,
        reply: Reply = "Hello from the stub.",
        echo: bool = False,
        api_key: str | None = None,
        models: list[str] | None = None,
        record: bool = True,
        port: int = 0,
        fault_plan: Callable[[str, int], str | None] | None = None,
        always_stream: bool = False,
        lifetime_s: float | None = 600.0,
    ) -> None:
        self.latency_ms = latency_ms
        #: each answer waits ``latency_ms`` ± up to this much (uniform, its own seeded generator,
        #: so fault sequences do not change): a fixed latency keeps every request of a client
        #: that starts N at once in lock-step, queued behind its N-1 peers' work on both sides
        self.latency_jitter_ms = latency_jitter_ms
        self._jitter = random.Random(seed + 1)
        self.rng = random.Random(seed)
        self.rates = {"429": rate_429, "500": rate_500, "timeout": rate_timeout,
                      "reset": rate_reset, "truncated": rate_truncated, "nonjson": rate_nonjson}
        for name in fault_sequence:
            if name not in (*FAULTS, "ok"):
                raise ValueError(f"unknown fault {name!r}; use one of {FAULTS} or 'ok'")
        self.fault_sequence = list(fault_sequence)
        self.retry_after = retry_after
        self.server_error_status = server_error_status
        self.hang_s = hang_s
        self.reply = reply
        self.echo = echo
        self.api_key = api_key
        self.models = models
        self.record = record
        self.requests = 0
        self.faults: Counter[str] = Counter()
        self.received: list[dict[str, Any]] = []
        self.fault_plan = fault_plan
        self.always_stream = always_stream
        self.lifetime_s = lifetime_s
        self.attempts: Counter[str] = Counter()
        self.answered: Counter[str] = Counter()
        self._port = port
        self._runner: web.AppRunner | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def routes(self) -> list[web.RouteDef]:
        raise NotImplementedError

    async def start(self) -> Self:
        app = web.Application()
        app.add_routes([*self.routes(), web.get("/stub/stats", self._stats)])
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2,
                                     handler_cancellation=True)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._port))
        self._port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock, backlog=1024)
        await site.start()
        if self.lifetime_s:
            self._reaper = asyncio.get_running_loop().call_later(
                self.lifetime_s, lambda: asyncio.ensure_future(self.stop()))
        return self

    async def stop(self) -> None:
        reaper = getattr(self, "_reaper", None)
        if reaper is not None:
            reaper.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """What a client takes as ``base_url``."""
        return self.root_url + self.api_root

    # -- helpers for handlers -------------------------------------------------------------
    def next_fault(self, prompt: str = "") -> str | None:
        if self.fault_plan is not None:
            self.attempts[prompt] += 1
            f = self.fault_plan(prompt, self.attempts[prompt])
            return None if f in (None, "ok") else f
        if self.fault_sequence:
            f = self.fault_sequence.pop(0)
            return None if f == "ok" else f
        r = self.rng.random()
        acc = 0.0
        for name, rate in self.rates.items():
            if rate:
                acc += rate
                if r < acc:
                    return name
        return None

    def reply_text(self, body: dict[str, Any], last_user: str) -> str:
        if self.echo:
            return last_user
        if callable(self.reply):
            return self.reply(body)
        return self.reply

    async def begin(self, request: web.Request) -> tuple[dict[str, Any] | None, web.StreamResponse | None, str | None]:
        """Count, parse, record, wait, and pick a fault. Returns (body, early response, fault)."""
        self.requests += 1
        raw = await request.read()
        try:
            body = loads(raw)
        except ValueError:
            return None, self.json_response({"error": {"message": "request body is not JSON"}}, 400), None
        if self.record:
            self.received.append({"path": request.path, "headers": dict(request.headers), "json": body})
        msgs = body.get("messages") if isinstance(body, dict) else None
        fault = self.next_fault(last_user_text(msgs) if isinstance(msgs, list) else "")
        if fault:
            self.faults[fault] += 1
        if self.latency_ms:
            j = self.latency_jitter_ms
            await asyncio.sleep((self.latency_ms + (self._jitter.uniform(-j, j) if j else 0.0)) / 1000.0)
        return body, None, fault

    async def apply_fault(self, request: web.Request, fault: str, error_body: dict[str, Any]) -> web.StreamResponse:
        if fault == "429":
            return self.json_response(error_body | {"_fault": "429"}, 429,
                                      headers={"Retry-After": f"{self.retry_after:g}"})
        if fault == "500":
            return self.json_response(error_body | {"_fault": "500"}, self.server_error_status)
        if fault == "timeout":
            await asyncio.sleep(self.hang_s)
            return self.json_response({"error": {"message": "late"}}, 504)
        if fault == "nonjson":
            return web.Response(status=200, text="<html><body>502 Bad Gateway from a proxy</body></html>",
                                content_type="text/html")
        if fault in ("truncated", "cut"):
            full = b'{"id": "cut", "choices": [{"message": {"content": "' + b"x" * 200 + b'"}}]}'
            resp = web.StreamResponse(status=200, headers={"Content-Type": "application/json"})
            resp.content_length = len(full)
            await resp.prepare(request)
            await resp.write(full[: len(full) // 2])
            assert request.transport is not None
            request.transport.close()
            return resp
        if fault == "reset":
            transport = request.transport
            assert transport is not None
            sock = transport.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
            raise asyncio.CancelledError  # nothing more to send on a reset connection
        raise ValueError(f"unknown fault {fault!r}")

    @staticmethod
    def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        return web.Response(body=dumps(obj), status=status, headers=headers,
                            content_type="application/json")

    async def _stats(self, request: web.Request) -> web.Response:
        return self.json_response({"requests": self.requests, "faults": dict(self.faults)})


def last_user_text(messages: list[dict[str, Any]]) -> str:
    for m in reversed(messages):
        if m.get("role") == "user":
            c = m.get("content")
            return c if isinstance(c, str) else str(c)
    return ""


def words(text: str) -> int:
    return len(text.split())
