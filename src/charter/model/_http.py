"""Shared plumbing for HTTP providers: one aiohttp session per provider instance, fast JSON,
API keys from options / environment / ``.env``, and the mapping of HTTP failures to
:class:`~charter.errors.ModelError`.

Failure mapping (the runner retries ``retryable`` errors with backoff)::

    429, 408, 409, 425, 5xx, 529 ........ retryable (Retry-After / retry-after-ms honoured)
    timeout, connection refused/reset .... retryable
    truncated body, non-JSON body ........ retryable
    400, 401, 403, 404, 413, 422 ......... not retryable, with a hint saying what to fix

A provider subclasses :class:`HTTPChatAPI` and writes two pure functions: request mapping
(``build_request``) and response mapping (``parse_response``); the call in between is shared.
"""

from __future__ import annotations

import abc
import asyncio
import email.utils
import json
import os
import time
from collections.abc import AsyncGenerator, Mapping
from pathlib import Path
from typing import Any

import aiohttp

from charter.errors import ConfigError, ContextOverflowError, ModelError
from charter.model._api import ModelAPI
from charter.model._sse import EventParser, is_event_stream
from charter.model._types import GenerateConfig, ModelOutput
from charter.types import Message

__all__ = [
    "HTTPChatAPI",
    "HTTPRequest",
    "SessionHolder",
    "dumps",
    "env_value",
    "error_for_status",
    "json_option",
    "loads",
    "parse_retry_after",
    "snippet",
]

try:  # orjson is optional: ~5x faster on the hot path, same results
    import orjson as _orjson

    def dumps(obj: Any) -> bytes:
        """Serialize to compact UTF-8 JSON bytes."""
        return _orjson.dumps(obj)

    def loads(data: bytes | str) -> Any:
        """Parse JSON bytes or text (raises ValueError on bad JSON)."""
        return _orjson.loads(data)

except ImportError:  # pragma: no cover - exercised only without orjson

    def dumps(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()

    def loads(data: bytes | str) -> Any:
        return json.loads(data)


DEFAULT_TIMEOUT = 120.0
RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})


def snippet(body: bytes | str, limit: int = 300) -> str:
    """The start of a response body, for error messages."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("Retry-After") or headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _server_message(body: bytes) -> str:
    """The error message a server put in its JSON body (OpenAI, Anthropic, FastAPI shapes)."""
    try:
        data = loads(body)
    except ValueError:
        return snippet(body, 200)
    if isinstance(data, dict):
        err = data.get("error", data.get("detail", data.get("message")))
        if isinstance(err, dict):
            err = err.get("message") or err
        if err is not None:
            return snippet(err if isinstance(err, str) else json.dumps(err), 300)
    return snippet(body, 200)


#: how servers say that a request is longer than the model's context: OpenAI's error code,
#: llama.cpp's error type, Anthropic's and vLLM's messages
_OVERFLOW_MARKERS = ("context_length_exceeded", "exceed_context_size_error", "maximum context length",
                     "prompt is too long", "does not fit the context")


def error_for_status(status: int, body: bytes, headers: Mapping[str, str], *, where: str,
                     key_env: str | None = None, model: str = "") -> ModelError:
    """Map a non-2xx HTTP answer to a ModelError with ``retryable``, ``retry_after`` and a hint
    (a :class:`ContextOverflowError` when the server says the request is too long)."""
    msg = f"{where} answered HTTP {status}: {_server_message(body)}"
    if status in (400, 413, 422):
        text = body[:4096].decode("utf-8", "replace").lower()
        if any(m in text for m in _OVERFLOW_MARKERS):
            return ContextOverflowError(msg, status=status,
                                        hint="the request is longer than the model's context window: shorten it "
                                             "or use a model with a longer context")
    if status in RETRYABLE_STATUS or status >= 500:
        hint = ("rate limited; the runner retries with backoff — lower --concurrency if it persists"
                if status == 429 else "a transient server error; the runner retries it")
        return ModelError(msg, hint=hint, retryable=True, retry_after=parse_retry_after(headers),
                          status=status)
    if status == 401:
        hint = (f"set {key_env} (environment or .env) or pass --option api_key=..."
                if key_env else "check the credentials in the headers option")
    elif status == 403:
        hint = "the key is valid but lacks access to this model or endpoint"
    elif status == 404:
        hint = (f"check the model name '{model}' and base_url" if model
                else "check the URL and the model name")
    elif status in (400, 413, 422):
        hint = "the server rejected the request: check the model options (max_tokens, response_schema, stop, ...)"
    else:
        hint = "see the server's message above"
    return ModelError(msg, hint=hint, retryable=False, status=status)


def json_option(options: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    """A dict option given as a dict or a JSON object string (``--option headers={...}``)."""
    value = options.get(key)
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        try:
            value = loads(value)
        except ValueError:
            value = None
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: option {key} must be a JSON object, got {snippet(str(options[key]), 80)!r}",
                          hint=f'e.g. --option {key}=\'{{"name": "value"}}\'')
    return value


def _read_dotenv(path: str | os.PathLike[str] | None) -> dict[str, str]:
    from dotenv import dotenv_values, find_dotenv

    file = str(path) if path else find_dotenv(usecwd=True)
    if not file or not Path(file).is_file():
        return {}
    return {k: v for k, v in dotenv_values(file).items() if v is not None}


def env_value(name: str, options: Mapping[str, Any], option: str, *,
              env_file: str | os.PathLike[str] | None = None,
              dotenv_cache: dict[str, str] | None = None) -> str | None:
    """A setting from, in order: the provider option, the real environment, then ``.env``
    (the file named by the ``env_file`` option, else the nearest ``.env`` above the working
    directory). A ``.env`` never overrides the real environment."""
    if options.get(option) not in (None, ""):
        return str(options[option])
    if os.environ.get(name):
        return os.environ[name]
    values = dotenv_cache if dotenv_cache is not None else _read_dotenv(env_file)
    return values.get(name) or None


class SessionHolder:
    """One ``aiohttp.ClientSession`` per provider instance, created lazily inside the running
    event loop (a new loop — e.g. a second ``asyncio.run`` — gets a new session)."""

    def __init__(self, *, limit: int = 512, keepalive_s: float = 30.0) -> None:
        self.limit = limit
        self.keepalive_s = keepalive_s
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def get(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        s = self._session
        if s is None or s.closed or self._loop is not loop:
            if s is not None:
                _drop(s)
            connector = aiohttp.TCPConnector(limit=self.limit, limit_per_host=0,
                                             keepalive_timeout=self.keepalive_s, ttl_dns_cache=300)
            s = self._session = aiohttp.ClientSession(
                connector=connector, json_serialize=lambda o: dumps(o).decode(),
                headers={"User-Agent": "charter"})  # replaces aiohttp's own (no skip_auto_headers:
            # that makes aiohttp sort and copy every request's headers)
            self._loop = loop
        return s

    async def aclose(self) -> None:
        s, self._session = self._session, None
        if s is not None and not s.closed:
            if self._loop is asyncio.get_running_loop():
                await s.close()
            else:
                _drop(s)


def _drop(session: aiohttp.ClientSession) -> None:
    """Forget a session whose event loop is gone (its transports died with the loop)."""
    connector = session.connector
    if connector is not None and not connector.closed:
        try:
            connector._close()  # synchronous part of close(); nothing left to await
        except RuntimeError:  # the owning loop is closed
            pass
    session._connector = None  # marks it closed, no ResourceWarning


def _client_error(e: BaseException, where: str, url: str, seconds: float) -> ModelError:
    """A network failure as a retryable ModelError that says what happened."""
    if isinstance(e, TimeoutError):  # aiohttp's timeouts subclass it
        return ModelError(f"{where}: no answer within {seconds:g}s from {url}",
                          hint="the runner retries; raise the timeout if the model is slow", retryable=True)
    if isinstance(e, aiohttp.ClientPayloadError):
        return ModelError(f"{where}: the response body from {url} was cut off ({e})",
                          hint="a transient network or server fault; the runner retries", retryable=True)
    if isinstance(e, aiohttp.ClientConnectorError):
        return ModelError(f"{where}: cannot connect to {url} ({e.os_error or e})",
                          hint="is the server running and the base_url right?", retryable=True)
    return ModelError(f"{where}: connection to {url} failed ({type(e).__name__}: {e})",
                      hint="a transient network fault; the runner retries", retryable=True)


class HTTPRequest:
    """What request mapping produces: where to send which JSON body."""

    __slots__ = ("headers", "method", "payload", "url")

    def __init__(self, url: str, payload: Any, headers: dict[str, str], method: str = "POST") -> None:
        self.url = url
        self.payload = payload
        self.headers = headers
        self.method = method


class HTTPChatAPI(ModelAPI):
    """Base of JSON-over-HTTP chat providers: request mapping → call → response mapping."""

    default_concurrency = 32
    #: environment variable holding the API key (named in 401 hints)
    key_env: str | None = None

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.full_name = f"{self.provider_name}/{model}"
        #: the ``.env`` values, read on the first setting that neither an option nor the real
        #: environment gives (importing python-dotenv and finding the file: ~6 ms)
        self._dotenv: dict[str, str] | None = None
        self._http = SessionHolder(limit=int(options.get("max_connections", 512)))
        default = options.get("timeout")
        self._default_timeout = float(default) if default else DEFAULT_TIMEOUT
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}
        if options.get("concurrency"):
            self.default_concurrency = int(options["concurrency"])

    def setting(self, env: str, option: str) -> str | None:
        """An option, else the environment variable ``env``, else ``.env``."""
        if self.options.get(option) in (None, "") and not os.environ.get(env) and self._dotenv is None:
            self._dotenv = _read_dotenv(self.options.get("env_file"))
        return env_value(env, self.options, option, dotenv_cache=self._dotenv or {})

    @abc.abstractmethod
    def build_request(self, messages: list[Message], config: GenerateConfig) -> HTTPRequest:
        """Request mapping: Charter messages + config → the provider's JSON request."""

    @abc.abstractmethod
    def parse_response(self, data: Any, config: GenerateConfig, latency_s: float) -> ModelOutput:
        """Response mapping: the provider's JSON answer → ModelOutput (ModelError if malformed)."""

    def _timeout(self, seconds: float) -> aiohttp.ClientTimeout:
        t = self._timeouts.get(seconds)
        if t is None:
            t = self._timeouts[seconds] = aiohttp.ClientTimeout(total=seconds)
        return t

    async def call(self, req: HTTPRequest, config: GenerateConfig) -> tuple[bytes, float]:
        """Send the request; return (2xx body, latency seconds) or raise a mapped ModelError."""
        return await self._send(req.method, req.url, dumps(req.payload) if req.payload is not None else None,
                                req.headers, config)

    async def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str],
                    config: GenerateConfig) -> tuple[bytes, float]:
        """:meth:`call` with the body already serialised (the request's dictionaries are not
        kept alive while the answer is awaited)."""
        seconds = config.timeout or self._default_timeout
        where = self.full_name
        session = self._http.get()
        t0 = time.perf_counter()
        try:
            async with session.request(method, url, data=data, headers=headers,
                                       timeout=self._timeout(seconds)) as resp:
                body = await resp.read()
                status = resp.status
                if status >= 300:
                    raise error_for_status(status, body, resp.headers, where=where,
                                           key_env=self.key_env, model=self.model)
        except ModelError:
            raise
        except (TimeoutError, aiohttp.ClientError, ConnectionError) as e:
            raise _client_error(e, where, url, seconds) from None
        return body, time.perf_counter() - t0

    async def open_stream(self, req: HTTPRequest, config: GenerateConfig) -> AsyncGenerator[tuple[str, str], None]:
        """Send a streaming request; yield its server-sent events (name, data) as they arrive.
        The time-out is per read (no event for that long), not for the whole answer; failures
        map to ModelError as in :meth:`call`."""
        seconds = config.timeout or self._default_timeout
        session = self._http.get()
        data = dumps(req.payload) if req.payload is not None else None
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=seconds, sock_read=seconds)
        parser = EventParser()
        try:
            async with session.request(req.method, req.url, data=data, headers=req.headers,
                                       timeout=timeout) as resp:
                if resp.status >= 300:
                    raise error_for_status(resp.status, await resp.read(), resp.headers, where=self.full_name,
                                           key_env=self.key_env, model=self.model)
                async for line in resp.content:
                    event = parser.feed(line)
                    if event is not None:
                        yield event
                event = parser.feed(b"")
                if event is not None:
                    yield event
        except ModelError:
            raise
        except (TimeoutError, aiohttp.ClientError, ConnectionError) as e:
            raise _client_error(e, self.full_name, req.url, seconds) from None

    #: streamed answers: request them (``stream=true`` option) and fold them back
    stream: bool = False

    def fold_stream(self, body: bytes) -> Any:
        """An SSE answer → the JSON the provider sends unstreamed (providers that stream
        override it); a cut stream raises a retryable ModelError."""
        raise ModelError(f"{self.full_name}: the server answered with an event stream, which this provider "
                         f"cannot read: {snippet(body, 200)!r}", hint="check base_url and the stream option")

    def decode(self, body: bytes) -> Any:
        """Parse a JSON body, or fold an SSE stream (asked for or not); a non-JSON body is a
        retryable error (proxies, cut streams)."""
        # a JSON object's first byte is its brace (no white space to strip, no stream to fold)
        if body[:1] != b"{" and is_event_stream(body):
            return self.fold_stream(body)
        try:
            return loads(body)
        except ValueError:
            raise ModelError(
                f"{self.full_name}: the server answered with a body that is not "
                f"JSON: {snippet(body, 200)!r}",
                hint="a proxy or an overloaded server answered; the runner retries",
                retryable=True) from None

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        # the body is serialised and the request dropped before the answer is awaited: with 16
        # calls in flight this path sets off a fifth of the garbage collections the one through
        # ``call`` did, and no full one (docs/performance.md, "The model call on the proxy's path")
        method, url, data, headers = self._serialised(self.build_request(messages, config))
        body, latency = await self._send(method, url, data, headers, config)
        return self.parse_response(self.decode(body), config, latency)

    @staticmethod
    def _serialised(req: HTTPRequest) -> tuple[str, str, bytes | None, dict[str, str]]:
        return req.method, req.url, dumps(req.payload) if req.payload is not None else None, req.headers

    async def aclose(self) -> None:
        await self._http.aclose()
