"""Server-sent events: parse a streamed chat answer and fold it into the JSON the provider
would have sent unstreamed, so one response mapping serves both.

A stream that ends before its terminator (OpenAI ``data: [DONE]``, Anthropic
``message_stop``) was cut: that is a retryable :class:`ModelError`, like a truncated body.
"""

from __future__ import annotations

from typing import Any

from charter.errors import ModelError

__all__ = ["EventParser", "cut_stream", "event_json", "fold_anthropic_stream", "fold_openai_stream", "is_event_stream", "parse_events"]


def is_event_stream(body: bytes) -> bool:
    """Whether a body is an SSE stream (``data:`` / ``event:`` / ``:`` comment lines first)."""
    head = body.lstrip()[:16]
    return head.startswith((b"data:", b"event:", b": "))


def parse_events(body: bytes) -> list[tuple[str, str]]:
    """(event name, data) of every event in an SSE body (multi-line data joined by ``\\n``)."""
    out: list[tuple[str, str]] = []
    event, data = "message", list[str]()
    for raw in body.decode("utf-8", "replace").splitlines():
        if not raw:
            if data:
                out.append((event, "\n".join(data)))
            event, data = "message", []
            continue
        if raw.startswith(":"):
            continue
        field, _, value = raw.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
    if data:
        out.append((event, "\n".join(data)))
    return out


class EventParser:
    """Server-sent events line by line, as a stream arrives: :meth:`feed` each line (bytes,
    with or without its line end) and get an (event name, data) when a blank line ends one;
    feed ``b""`` at the end of the stream for a last event without its blank line."""

    def __init__(self) -> None:
        self.event = "message"
        self.data: list[str] = []

    def feed(self, line: bytes) -> tuple[str, str] | None:
        raw = line.decode("utf-8", "replace").rstrip("\r\n")
        if not raw:
            if not self.data:
                self.event = "message"
                return None
            out = (self.event, "\n".join(self.data))
            self.event, self.data = "message", []
            return out
        if raw.startswith(":"):
            return None
        field, _, value = raw.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            self.event = value
        elif field == "data":
            self.data.append(value)
        return None


def cut_stream(name: str, what: str) -> ModelError:
    """The error for a stream that ended before ``what`` (retryable)."""
    return ModelError(f"{name}: the answer stream was cut before {what}",
                      hint="a transient network or server fault; the runner retries", retryable=True)


def event_json(name: str, data: str) -> Any:
    """An event's data as JSON; not JSON means the stream was cut (retryable)."""
    from charter.model._http import loads

    try:
        return loads(data)
    except ValueError:
        raise cut_stream(name, "its end (an event is not JSON)") from None


def fold_openai_stream(body: bytes, name: str) -> dict[str, Any]:
    """Chat Completions chunks → one ``chat.completion`` object."""
    texts: dict[int, list[str]] = {}
    finish: dict[int, str | None] = {}
    usage: dict[str, Any] | None = None
    model = None
    done = False
    for _, data in parse_events(body):
        if data.strip() == "[DONE]":
            done = True
            break
        chunk = event_json(name, data)
        if isinstance(chunk, dict) and "error" in chunk:
            return chunk  # the response mapping reports it
        model = chunk.get("model", model)
        usage = chunk.get("usage") or usage
        for c in chunk.get("choices") or ():
            i = int(c.get("index", 0))
            piece = (c.get("delta") or {}).get("content")
            texts.setdefault(i, [])
            if piece:
                texts[i].append(piece)
            if c.get("finish_reason"):
                finish[i] = c["finish_reason"]
    if not done:
        raise cut_stream(name, "data: [DONE]")
    choices = [{"index": i, "message": {"role": "assistant", "content": "".join(texts[i])},
                "finish_reason": finish.get(i)} for i in sorted(texts)] or \
        [{"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": None}]
    return {"object": "chat.completion", "model": model, "choices": choices, "usage": usage or {}}


def fold_anthropic_stream(body: bytes, name: str) -> dict[str, Any]:
    """Messages API events → one ``message`` object (text blocks; tool input as JSON)."""
    msg: dict[str, Any] = {"type": "message", "content": [], "usage": {}}
    blocks: dict[int, dict[str, Any]] = {}
    done = False
    for event, data in parse_events(body):
        ev = event_json(name, data)
        kind = ev.get("type", event) if isinstance(ev, dict) else event
        if kind == "error":
            return {"type": "error", "error": ev.get("error")}
        if kind == "message_start":
            m = ev.get("message") or {}
            msg["model"] = m.get("model")
            msg["usage"].update(m.get("usage") or {})
        elif kind == "content_block_start":
            blocks[int(ev.get("index", 0))] = dict(ev.get("content_block") or {})
        elif kind == "content_block_delta":
            b = blocks.setdefault(int(ev.get("index", 0)), {"type": "text", "text": ""})
            d = ev.get("delta") or {}
            if d.get("type") == "text_delta":
                b["text"] = b.get("text", "") + d.get("text", "")
            elif d.get("type") == "input_json_delta":
                b["_json"] = b.get("_json", "") + d.get("partial_json", "")
        elif kind == "message_delta":
            msg["stop_reason"] = (ev.get("delta") or {}).get("stop_reason")
            msg["usage"].update(ev.get("usage") or {})
        elif kind == "message_stop":
            done = True
            break
    if not done:
        raise cut_stream(name, "message_stop")
    for i in sorted(blocks):
        b = blocks[i]
        if "_json" in b:
            b["input"] = event_json(name, b.pop("_json") or "{}")
        msg["content"].append(b)
    return msg
