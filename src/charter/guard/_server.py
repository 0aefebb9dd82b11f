"""`charter serve`: an OpenAI-compatible guarded proxy on aiohttp.

``POST /v1/chat/completions`` (JSON or SSE stream), ``GET /v1/models``, ``POST /v1/feedback``,
``GET /healthz``. Each request: authenticate (when keys are set), rate-limit, read the body
within the size and time limits, add the compiled system prompt, run the input guards, call
the upstream :class:`~charter.model.Model`, run the output guards (on the stream too), answer
in OpenAI's format with a ``charter`` field, record the exchange. Errors use OpenAI's JSON
error shape: 400 malformed, 401 no/bad key, 404 unknown route or response id, 408 slow
client, 413 body or message count too large, 429 rate limited, 502 upstream failed,
504 upstream timed out.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from charter.errors import ConfigError, ModelError
from charter.evaluate.checks import SpanMemo, span_memo
from charter.guard._config import Action
from charter.guard._feedback import Feedback, record_feedback
from charter.guard._guard import Guard, GuardDecision
from charter.guard._record import Recorder
from charter.guard._security import KeyRing, RateLimiter
from charter.model import GenerateConfig, Model, ModelOutput, StreamChunk
from charter.store import RunStore
from charter.suite import Message

try:  # orjson, when installed, parses and writes JSON several times faster
    import orjson as _orjson

    def _loads(raw: bytes) -> Any:
        return _orjson.loads(raw)

    def _dumps(obj: Any) -> bytes:
        return _orjson.dumps(obj)

    _JSONError: tuple[type[Exception], ...] = (_orjson.JSONDecodeError,)
except ImportError:  # pragma: no cover - exercised only without orjson
    def _loads(raw: bytes) -> Any:
        return json.loads(raw)

    def _dumps(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()

    _JSONError = (json.JSONDecodeError, UnicodeDecodeError)

__all__ = ["GuardServer", "ServeConfig", "create_app", "is_loopback"]

log = logging.getLogger("charter.serve")
_ROLES = ("system", "developer", "user", "assistant", "tool")
#: a long piece of a stream (or a whole answer from a model that cannot stream) is cut into
#: words, so the stream guard counts its checks the same way whatever the upstream sends
_WORD = re.compile(r"\s*\S+|\s+")
_LONG_PIECE = 32


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


class ServeConfig(BaseModel):
    """How the proxy runs (security limits included)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    model_name: str = Field(default="charter-guarded", description="The model id clients see.")
    keep_system: bool = Field(default=False, description="Keep the caller's system prompt instead of the guide's.")
    content_filter: bool = Field(default=False, description="Blocks end with finish_reason content_filter.")
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_messages: int = Field(default=256, ge=1)
    rate_limit_per_minute: float = Field(default=600.0, gt=0)
    rate_burst: int | None = Field(default=None, ge=1)
    client_timeout_s: float = Field(default=15.0, gt=0, description="Time to send the whole request body.")
    upstream_timeout_s: float = Field(default=60.0, gt=0)
    record: bool = True
    scrub_pii: bool = True
    store_path: str | None = None
    feedback_window: int = Field(default=10_000, ge=1,
                                 description="Recent exchanges kept in memory for POST /v1/feedback.")
    gc_threshold: int | None = Field(
        default=20_000, ge=700,
        description="While the proxy runs: the garbage collector's generation-0 threshold (Python's default is "
                    "700), and the objects built at start-up frozen out of its sweeps; None leaves the collector alone.")


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=_dumps(body), status=status, headers=headers, content_type="application/json")


def _error(status: int, message: str, kind: str, code: str | None = None,
           headers: dict[str, str] | None = None) -> web.Response:
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return _json(body, status=status, headers=headers)


class _BadRequest(Exception):
    def __init__(self, message: str, status: int = 400, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.kind = status, kind


class _State:
    def __init__(self, guard: Guard, upstream: Model, config: ServeConfig, keys: KeyRing, system_prompt: str,
                 secrets: list[str], recorder: Recorder | None) -> None:
        self.guard, self.upstream, self.config, self.keys = guard, upstream, config, keys
        self.system_prompt = system_prompt
        self.system_message = Message(role="system", content=system_prompt)
        self.secrets = [s for s in secrets if s]
        self.recorder = recorder
        self.limiter = RateLimiter(config.rate_limit_per_minute, config.rate_burst)
        self.recent: OrderedDict[str, tuple[list[Message], str, list[str]]] = OrderedDict()
        self.served = 0

    def clean(self, text: str) -> str:
        """Never let an upstream secret (its API key) out, in a response or a log line."""
        for s in self.secrets:
            text = text.replace(s, "[redacted]")
        return text

    def cleaner(self) -> Callable[[str, bool], str]:
        """:meth:`clean` for text sent piece by piece: a secret split across pieces is caught
        too, as the last ``len(longest secret) - 1`` characters wait for the next piece (or
        the end: ``final=True``)."""
        keep = max((len(s) for s in self.secrets), default=1) - 1
        pending = ""

        def feed(piece: str, final: bool = False) -> str:
            nonlocal pending
            text = self.clean(pending + piece)
            if final or keep == 0:
                pending = ""
                return text
            pending = text[-keep:]
            return text[:-keep]
        return feed

    def remember(self, rid: str, messages: list[Message], text: str, rule_ids: list[str]) -> None:
        self.recent[rid] = (messages, text, rule_ids)
        while len(self.recent) > self.config.feedback_window:
            self.recent.popitem(last=False)


_STATE: web.AppKey[_State] = web.AppKey("charter_state", _State)


def _parse_messages(raw: Any, limit: int) -> list[Message]:
    if not isinstance(raw, list) or not raw:
        raise _BadRequest("'messages' must be a non-empty array")
    if len(raw) > limit:
        raise _BadRequest(f"too many messages: {len(raw)} > {limit}", status=413)
    out = []
    for i, m in enumerate(raw):
        role = m.get("role") if isinstance(m, dict) else None
        if role not in _ROLES:
            raise _BadRequest(f"messages[{i}] needs a role of {', '.join(_ROLES)}")
        content = m.get("content")
        if isinstance(content, list):  # OpenAI content parts: keep the text ones
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
        if content is None:
            content = ""
        if not isinstance(content, str):
            raise _BadRequest(f"messages[{i}].content must be a string or an array of text parts")
        out.append(Message(role=role, content=content))
    return out


#: the request fields that set generation: a body with none of them uses the model's settings
_GEN_KEYS = frozenset({"temperature", "top_p", "max_completion_tokens", "max_tokens", "seed", "stop", "n"})


def _gen_config(body: dict[str, Any]) -> GenerateConfig | None:
    """The generation settings the request sets (None when it sets none: the model's own)."""
    if _GEN_KEYS.isdisjoint(body):  # most requests: nothing to look up
        return None
    fields = {"temperature": body.get("temperature"), "top_p": body.get("top_p"),
              "max_tokens": body.get("max_completion_tokens", body.get("max_tokens")), "seed": body.get("seed")}
    stop = body.get("stop")
    if stop is not None:
        fields["stop"] = [stop] if isinstance(stop, str) else stop
    if body.get("n", 1) != 1:
        raise _BadRequest("only n=1 is supported")
    if all(v is None for v in fields.values()):
        return None
    try:
        return GenerateConfig(**{k: v for k, v in fields.items() if v is not None})
    except ValidationError as e:
        first = e.errors()[0]
        raise _BadRequest(f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']}") from None


def _response_id() -> str:
    """A new response id: ``chatcmpl-`` and 32 hex digits, the first 16 the clock (nanoseconds)
    and the last 16 random. The recorder keys each exchange by it, in tables ordered by that
    key: ids in time order are appended at the end of those B-trees, where 32 random digits put
    each exchange on a page of its own, so every commit rewrote a page per exchange and table
    (under load about 0.1 ms of the writer's CPU per exchange, half of it system time). The 64
    random bits keep an id unguessable for ``POST /v1/feedback``; they come from the operating
    system's random source 4 KiB at a time (one system call per 256 ids, not one per id)."""
    return f"chatcmpl-{time.time_ns() & 0xFFFF_FFFF_FFFF_FFFF:016x}{_random_hex16()}"


class _RandomHex:
    """16 hex digits of ``os.urandom`` per call, read from the system 4 KiB at a time. A forked
    child starts with an empty block: it never hands out the digits its parent has."""

    def __init__(self) -> None:
        self._reset()
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._block = ""
        self._at = 0

    def __call__(self) -> str:
        with self._lock:  # two threads never get the same digits
            at = self._at
            if at >= len(self._block):
                self._block, at = os.urandom(4096).hex(), 0
            self._at = at + 16
            return self._block[at:at + 16]


_random_hex16 = _RandomHex()


def _rule_ids(decisions: list[GuardDecision]) -> list[str]:
    """The rules of every decision, sorted, once (the answer and the record both name them)."""
    if len(decisions) == 1:
        ids = decisions[0].rule_ids
        return sorted(set(ids)) if ids else []
    return sorted({r for d in decisions for r in d.rule_ids})


def _charter_field(rid: str, decisions: list[GuardDecision], rule_ids: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"response_id": rid}
    blocked = False
    for d in decisions:
        action = d.action
        out[d.stage] = {"action": action.value, "rule_ids": d.rule_ids, "guards": [h.guard for h in d.hits]}
        blocked = blocked or action == Action.block
    out["blocked"] = blocked
    out["rule_ids"] = _rule_ids(decisions) if rule_ids is None else rule_ids
    return out


def create_app(guard: Guard, upstream: Model, config: ServeConfig, *, keys: KeyRing | None = None,
               system_prompt: str = "", secrets: list[str] | None = None) -> web.Application:
    """The proxy as an aiohttp application (see the module docstring)."""
    keys = keys or KeyRing()
    if not is_loopback(config.host) and not len(keys):
        raise ConfigError(f"refusing to serve on {config.host} without API keys",
                          hint="pass --api-keys FILE (keys or sha256 hashes), or bind 127.0.0.1")
    recorder = None
    if config.record:
        recorder = Recorder(config.store_path, guard.guide, target=f"serve/{upstream.name}",
                            scrub_pii=config.scrub_pii, config={"upstream": upstream.name,
                                                                "model_name": config.model_name})
    state = _State(guard, upstream, config, keys, system_prompt, secrets or [], recorder)
    app = web.Application(client_max_size=config.max_body_bytes, middlewares=[_middleware(state)])
    app[_STATE] = state
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/v1/models", _models)
    app.router.add_post("/v1/chat/completions", _chat)
    app.router.add_post("/v1/feedback", _feedback)

    async def _close(app: web.Application) -> None:
        if state.recorder is not None:
            state.recorder.finish()
    app.on_cleanup.append(_close)
    if config.gc_threshold is not None:
        threshold = config.gc_threshold

        async def _tune(app: web.Application) -> None:
            _gc_tuning(+1, threshold)

        async def _untune(app: web.Application) -> None:
            _gc_tuning(-1, threshold)
        app.on_startup.append(_tune)
        app.on_cleanup.append(_untune)
    return app


#: proxies running in this process with the collector tuned, and the thresholds to restore
_GC_STATE: dict[str, Any] = {"apps": 0, "saved": None}


def _gc_tuning(delta: int, threshold: int) -> None:
    """Tune the garbage collector while at least one proxy runs, and restore it after the last.

    A request allocates many short-lived objects; with Python's default generation-0 threshold
    (700) the 64 requests in flight keep crossing it, and every tenth collection of the older
    generations walks the whole heap (the guide, the scorers, their compiled patterns): about
    a tenth of the proxy's CPU in the bench. Freezing the start-up objects keeps them out of
    every sweep; the higher threshold makes collections rare. Cycles are still collected."""
    apps = _GC_STATE["apps"]
    if delta > 0 and apps == 0:
        _GC_STATE["saved"] = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(threshold, *_GC_STATE["saved"][1:])
    elif delta < 0 and apps == 1 and _GC_STATE["saved"] is not None:
        gc.set_threshold(*_GC_STATE["saved"])
        gc.unfreeze()
        _GC_STATE["saved"] = None
    _GC_STATE["apps"] = max(0, apps + delta)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _middleware(state: _State) -> Any:
    @web.middleware
    async def mw(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            if request.path != "/healthz":
                identity = request.remote or "local"
                if len(state.keys):
                    auth = request.headers.get("Authorization", "")
                    token = auth[7:].strip() if auth[:7].lower() == "bearer " else None
                    matched = state.keys.check(token)
                    if matched is None:
                        return _error(401, "missing or invalid API key", "invalid_request_error", "invalid_api_key",
                                      headers={"WWW-Authenticate": "Bearer"})
                    identity = matched
                wait = state.limiter.allow(identity)
                if wait > 0:
                    return _error(429, "rate limit reached for this key; retry later", "rate_limit_error",
                                  "rate_limit_exceeded", headers={"Retry-After": str(max(1, round(wait)))})
                if request.content_length is not None and request.content_length > state.config.max_body_bytes:
                    return _error(413, f"request body over {state.config.max_body_bytes} bytes",
                                  "invalid_request_error", "request_too_large")
            return await handler(request)
        except _BadRequest as e:
            return _error(e.status, str(e), e.kind)
        except web.HTTPRequestEntityTooLarge:
            return _error(413, f"request body over {state.config.max_body_bytes} bytes", "invalid_request_error",
                          "request_too_large")
        except web.HTTPException as e:
            if e.status >= 400:
                return _error(e.status, e.reason or "error", "invalid_request_error")
            raise
        except Exception as e:  # never a traceback or a secret to the client
            log.error("internal error: %s", state.clean(f"{type(e).__name__}: {e}"))
            return _error(500, "internal error in the proxy", "server_error")
    return mw


async def _healthz(request: web.Request) -> web.Response:
    return _json({"status": "ok"})


async def _models(request: web.Request) -> web.Response:
    state: _State = request.app[_STATE]
    return _json({"object": "list", "data": [
        {"id": state.config.model_name, "object": "model", "created": 0, "owned_by": "charter"}]})


async def _read_json(request: web.Request, state: _State) -> dict[str, Any]:
    try:
        if request.content.is_eof():  # the whole body came with the headers: nothing to wait for
            raw = await request.read()
        else:
            async with asyncio.timeout(state.config.client_timeout_s):  # no task, unlike wait_for
                raw = await request.read()
    except TimeoutError:
        raise _BadRequest(f"the request body did not arrive within {state.config.client_timeout_s:g}s",
                          status=408) from None
    try:
        body = _loads(raw)
    except _JSONError as e:
        raise _BadRequest(f"malformed JSON body: {e}") from None
    if not isinstance(body, dict):
        raise _BadRequest("the body must be a JSON object")
    return body


async def _feedback(request: web.Request) -> web.Response:
    state: _State = request.app[_STATE]
    body = await _read_json(request, state)
    rid = body.get("response_id")
    if not isinstance(rid, str) or rid not in state.recent:
        raise _BadRequest("unknown response_id", status=404)
    messages, text, rule_ids = state.recent[rid]
    try:
        fb = Feedback.model_validate({"exchange_id": rid, "rating": body.get("rating"), "comment": body.get("comment"),
                                      "correction": body.get("correction"), "messages": messages, "response": text,
                                      "rule_ids": rule_ids, "created_at": time.time()})
    except ValidationError as e:
        first = e.errors()[0]
        raise _BadRequest(f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']} (rating is up or down)") from None
    store_path = state.config.store_path

    def write() -> str:
        with RunStore(store_path) as store:
            return record_feedback(store, fb, target=f"serve/{state.upstream.name}")
    fid = await asyncio.to_thread(write)
    return _json({"id": fid, "object": "feedback", "response_id": rid, "rating": fb.rating})


async def _chat(request: web.Request) -> web.StreamResponse:
    state: _State = request.app[_STATE]
    cfg = state.config
    body = await _read_json(request, state)
    messages = _parse_messages(body.get("messages"), cfg.max_messages)
    gen = _gen_config(body)
    stream = bool(body.get("stream", False))
    rid = _response_id()
    t0 = time.perf_counter()
    convo = [m for m in messages if m.role != "system"] if not cfg.keep_system else messages
    # the detectors' spans of this exchange, for the recorder to scrub with instead of scanning
    # the same texts again (not on a stream: its checks read a text that grows)
    memo: SpanMemo | None = {} if state.recorder is not None and not stream else None
    with span_memo(memo):
        decision_in = await state.guard.check_input(convo)
    decisions = [decision_in]
    text, finish, usage = "", "stop", (0, 0)
    if decision_in.blocked:
        text = decision_in.message or state.guard.config.refusal
        finish = "content_filter" if cfg.content_filter else "stop"
        if stream:
            return await _stream_text(request, state, rid, [text], decisions, finish, messages, t0)
    else:
        sent = decision_in.messages if decision_in.messages is not None else convo
        upstream_msgs = sent if cfg.keep_system else [state.system_message, *sent]
        if stream:
            return await _stream_guarded(request, state, rid, upstream_msgs, gen, convo, decisions, messages, t0)
        try:
            async with asyncio.timeout(cfg.upstream_timeout_s):  # no extra task, unlike wait_for
                out = await state.upstream.generate(upstream_msgs, gen)
        except (TimeoutError, ModelError) as e:
            return await _upstream_failed(state, rid, messages, decisions, t0, e)
        raw = out.choices[0] if out.choices else ""
        usage = (out.usage.input_tokens, out.usage.output_tokens)
        with span_memo(memo):
            decision_out = await state.guard.check_output(convo, raw)
        decisions.append(decision_out)
        if decision_out.blocked:
            text = decision_out.message or state.guard.config.refusal
            finish = "content_filter" if cfg.content_filter else "stop"
        else:
            text = decision_out.text if decision_out.text is not None else raw
            finish = out.finish_reason or "stop"
    text = state.clean(text)
    rule_ids = _rule_ids(decisions)
    await _record(state, rid, messages, text, decisions, usage, t0, None, rule_ids=rule_ids,
                  convo=None if cfg.keep_system else convo, memo=memo)
    return _json({
        "id": rid, "object": "chat.completion", "created": int(time.time()), "model": cfg.model_name,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
        "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": usage[0] + usage[1]},
        "charter": _charter_field(rid, decisions, rule_ids)})


async def _record(state: _State, rid: str, messages: list[Message], text: str, decisions: list[GuardDecision],
                  usage: tuple[int, int], t0: float, error: str | None, *, rule_ids: list[str] | None = None,
                  convo: list[Message] | None = None, memo: SpanMemo | None = None) -> None:
    """Keep the exchange for feedback and queue it for the recorder. ``rule_ids`` and
    ``convo`` (the messages less the system ones) when the caller has them already; ``memo``:
    the spans the guards found in this exchange's texts."""
    if rule_ids is None:
        rule_ids = _rule_ids(decisions)
    state.remember(rid, [m for m in messages if m.role != "system"] if convo is None else convo, text, rule_ids)
    state.served += 1
    if state.recorder is not None:
        await state.recorder.record(rid, messages, text, model=state.upstream.name, decisions=decisions, usage=usage,
                                    latency_s=time.perf_counter() - t0, error=error, memo=memo)


def _chunk(rid: str, model: str, delta: dict[str, Any], finish: str | None = None,
           extra: dict[str, Any] | None = None) -> bytes:
    body: dict[str, Any] = {"id": rid, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if extra:
        body.update(extra)
    return b"data: " + _dumps(body) + b"\n\n"


async def _open_sse(request: web.Request) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await resp.prepare(request)
    return resp


async def _stream_text(request: web.Request, state: _State, rid: str, pieces: list[str],
                       decisions: list[GuardDecision], finish: str, messages: list[Message],
                       t0: float) -> web.StreamResponse:
    resp = await _open_sse(request)
    model = state.config.model_name
    await resp.write(_chunk(rid, model, {"role": "assistant", "content": ""}))
    for p in pieces:
        await resp.write(_chunk(rid, model, {"content": state.clean(p)}))
    await resp.write(_chunk(rid, model, {}, finish, {"charter": _charter_field(rid, decisions)}))
    await resp.write(b"data: [DONE]\n\n")
    await _record(state, rid, messages, "".join(pieces), decisions, (0, 0), t0, None)
    return resp


async def _next_chunk(chunks: AsyncIterator[StreamChunk], timeout: float) -> StreamChunk | None:
    """The upstream's next chunk (None at its end) within ``timeout`` seconds (TimeoutError)."""
    try:
        async with asyncio.timeout(timeout):
            return await anext(chunks)
    except StopAsyncIteration:
        return None


def _pieces(text: str) -> list[str]:
    return _WORD.findall(text) if len(text) > _LONG_PIECE else [text]


async def _stream_guarded(request: web.Request, state: _State, rid: str, upstream_msgs: list[Message],
                          gen: GenerateConfig | None, convo: list[Message], decisions: list[GuardDecision],
                          messages: list[Message], t0: float) -> web.StreamResponse:
    """Forward the upstream's stream as it arrives, through the output stream guard.

    A failure before the first chunk is an HTTP error (502, 504); after it, the stream ends
    with an error event. ``upstream_timeout_s`` bounds the wait for each chunk, not the whole
    answer. A block (or a client that goes away) stops reading the upstream at once."""
    cfg = state.config
    chunks = state.upstream.stream(upstream_msgs, gen)
    try:
        first = await _next_chunk(chunks, cfg.upstream_timeout_s)
    except (TimeoutError, ModelError) as e:
        await chunks.aclose()
        return await _upstream_failed(state, rid, messages, decisions, t0, e)
    outputs: list[ModelOutput] = []

    async def texts() -> AsyncGenerator[str, None]:
        chunk = first
        while chunk is not None:
            if chunk.output is not None:
                outputs.append(chunk.output)
            if chunk.text:
                for piece in _pieces(chunk.text):
                    yield piece
            chunk = await _next_chunk(chunks, cfg.upstream_timeout_s)

    resp = await _open_sse(request)
    model = cfg.model_name
    source = texts()
    guarded = state.guard.stream(convo, source)
    sent: list[str] = []
    error: str | None = None
    clean = state.cleaner()
    try:
        await resp.write(_chunk(rid, model, {"role": "assistant", "content": ""}))
        try:
            async for piece in guarded:
                piece = clean(piece, False)
                if piece:
                    sent.append(piece)
                    await resp.write(_chunk(rid, model, {"content": piece}))
        except (TimeoutError, ModelError) as e:
            timeout = isinstance(e, TimeoutError)
            error = "upstream timeout" if timeout else "upstream error"
            if isinstance(e, ModelError):
                log.warning("upstream failed mid-stream: %s", state.clean(e.message))
            await source.aclose()
            await chunks.aclose()  # before writing: a slow client must not hold the upstream open
            msg = (f"the upstream model stopped sending for {cfg.upstream_timeout_s:g}s" if timeout
                   else "the upstream model failed mid-stream; try again later")
            body = {"error": {"message": msg, "type": "upstream_error", "param": None,
                              "code": "upstream_timeout" if timeout else "upstream_error"}}
            await resp.write(b"data: " + _dumps(body) + b"\n\n")
        else:
            await source.aclose()
            await chunks.aclose()
            d = guarded.decision
            out = outputs[-1] if outputs else None
            finish = (out.finish_reason if out is not None else None) or "stop"
            if d is None or not d.blocked:  # what was held back for the secret check
                rest = clean("", True)
                if rest:
                    sent.append(rest)
                    await resp.write(_chunk(rid, model, {"content": rest}))
            if d is not None:
                decisions.append(d)
                if d.blocked:
                    note = ("\n\n" if sent else "") + (d.message or state.guard.config.refusal)
                    sent.append(note)
                    await resp.write(_chunk(rid, model, {"content": note}))
                    finish = "content_filter" if cfg.content_filter else "stop"
            await resp.write(_chunk(rid, model, {}, finish, {"charter": _charter_field(rid, decisions)}))
        await resp.write(b"data: [DONE]\n\n")
    except ConnectionError:  # the client went away: stop reading the upstream, keep the record
        error = error or "client disconnected"
    finally:
        await source.aclose()
        await chunks.aclose()
    out = outputs[-1] if outputs else None
    usage = (out.usage.input_tokens, out.usage.output_tokens) if out is not None else (0, 0)
    await _record(state, rid, messages, "".join(sent), decisions, usage, t0, error)
    return resp


async def _upstream_failed(state: _State, rid: str, messages: list[Message], decisions: list[GuardDecision],
                           t0: float, e: Exception) -> web.Response:
    """The 504 / 502 answer (and record) for an upstream that timed out or failed."""
    if isinstance(e, TimeoutError):
        await _record(state, rid, messages, "", decisions, (0, 0), t0, "upstream timeout")
        return _error(504, f"the upstream model did not answer within {state.config.upstream_timeout_s:g}s",
                      "upstream_error", "upstream_timeout")
    log.warning("upstream failed: %s", state.clean(e.message if isinstance(e, ModelError) else str(e)))
    await _record(state, rid, messages, "", decisions, (0, 0), t0, "upstream error")
    return _error(502, "the upstream model failed; try again later", "upstream_error", "upstream_error")


class GuardServer:
    """Runs the proxy app on ``host:port`` (port 0: a free one) until :meth:`stop`.

    >>> async with GuardServer(app, host="127.0.0.1", port=0) as srv:   # doctest: +SKIP
    ...     print(srv.url)
    """

    def __init__(self, app: web.Application, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app, self.host, self.port = app, host, port
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> GuardServer:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0 and self._runner.addresses:
            self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> GuardServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
