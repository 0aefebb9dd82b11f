"""`http/<url>`: any HTTP endpoint as a model, to test a whole application (RAG, agent, ...).

Options:

- ``request_template``  the JSON body, as a dict or a JSON string, with Jinja2 placeholders.
  Variables: ``messages`` (list of ``{role, content}``), ``last_user`` (alias ``prompt``),
  ``system`` (system text), ``conversation`` (messages without system ones), ``config``
  (the GenerateConfig as a dict) and ``case_id`` (when the runner set one). In a dict
  template a string that is exactly one ``{{ expr }}`` becomes the value itself (a list
  stays a list); other strings are rendered as text. A JSON-string template is rendered as
  a whole then parsed, so quote values with ``tojson``:
  ``'{"q": {{ last_user | tojson }}, "history": {{ messages | tojson }}}'``.
  Default: ``{"messages": "{{ messages }}"}``.
- ``response_path``  where the answer is in the JSON reply: ``data.answer``,
  ``choices.0.message.content``, ``items[0].text``. Without it a text/plain or JSON-string
  body is the answer.
- ``headers`` (dict or JSON string; values are templates too, e.g. a per-case header),
  ``method`` (default POST), ``timeout``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from charter import _regex
from charter.errors import ConfigError, ModelError
from charter.model._api import provider
from charter.model._context import current_case_id
from charter.model._http import HTTPChatAPI, HTTPRequest, json_option, loads, snippet
from charter.model._types import GenerateConfig, ModelOutput
from charter.types import Message

__all__ = ["HTTPTargetModel", "extract_path"]

_SOLE_EXPR = _regex.compile(r"^\s*\{\{(.+?)\}\}\s*$", re.S)
_PATH_TOKEN = _regex.compile(r"[^.\[\]]+|\[(-?\d+)\]")


def _split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for m in _PATH_TOKEN.finditer(path):
        tok = m.group(1) if m.group(1) is not None else m.group(0)
        parts.append(int(tok) if re.fullmatch(r"-?\d+", tok) else tok)
    return parts


def extract_path(data: Any, path: str) -> Any:
    """Follow a dotted/indexed path (``a.b.0.c`` or ``a.b[0].c``); KeyError says where it broke."""
    cur = data
    walked: list[str] = []
    for part in _split_path(path):
        try:
            if isinstance(part, int) and isinstance(cur, list):
                cur = cur[part]
            elif isinstance(cur, dict):
                cur = cur[str(part)]
            else:
                raise KeyError(part)
        except (KeyError, IndexError):
            at = ".".join(walked) or "the top level"
            have = (f"keys {sorted(cur)[:12]}" if isinstance(cur, dict)
                    else f"a list of {len(cur)}" if isinstance(cur, list) else f"a {type(cur).__name__}")
            raise KeyError(f"'{part}' not found at {at} (found {have})") from None
        walked.append(str(part))
    return cur


@provider("http")
class HTTPTargetModel(HTTPChatAPI):
    """A generic HTTP application endpoint with request/response templates."""

    default_concurrency = 8

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        if not model.startswith(("http://", "https://")):
            raise ConfigError(f"http/ target '{model}' is not a URL",
                              hint="write http/https://host/path, e.g. http/http://localhost:8000/chat")
        self.url = model
        self.method = str(options.get("method") or "POST").upper()
        self.response_path = options.get("response_path") or None
        tmpl = options.get("request_template", {"messages": "{{ messages }}"})
        self._text_template: str | None = None
        self._dict_template: Any = None
        if isinstance(tmpl, str):
            try:
                self._dict_template = loads(tmpl)
            except ValueError:
                self._text_template = tmpl  # e.g. {"m": {{ messages | tojson }}}: render, then parse
        else:
            self._dict_template = tmpl
        headers = json_option(options, "headers", self.full_name)
        self.headers = {"Content-Type": "application/json", **{str(k): str(v) for k, v in headers.items()}}
        self._compile()

    @cached_property
    def _env(self) -> Any:
        import jinja2

        return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)

    def _compile(self) -> None:
        """Compile every template once; a syntax error is a ConfigError now, not per request."""
        import jinja2

        def comp(node: Any) -> Any:
            if isinstance(node, str):
                m = _SOLE_EXPR.match(node)
                if m:
                    src = m.group(1).strip()
                    return ("expr", (src, self._env.compile_expression(src, undefined_to_none=False)))
                return ("text", self._env.from_string(node)) if "{" in node else ("lit", node)
            if isinstance(node, dict):
                return ("dict", {k: comp(v) for k, v in node.items()})
            if isinstance(node, list):
                return ("list", [comp(v) for v in node])
            return ("lit", node)

        try:
            self._compiled = comp(self._dict_template) if self._text_template is None else None
            self._compiled_text = (self._env.from_string(self._text_template)
                                   if self._text_template is not None else None)
            self._compiled_headers = {k: comp(v) for k, v in self.headers.items()}
        except jinja2.TemplateSyntaxError as e:
            raise ConfigError(f"http/ request template has a Jinja2 error: {e.message} (line {e.lineno})",
                              hint="fix the request_template / headers option") from None

    def _render(self, node: Any, ctx: dict[str, Any]) -> Any:
        kind, val = node
        if kind == "lit":
            return val
        if kind == "expr":
            import jinja2

            src, fn = val
            out = fn(**ctx)
            if isinstance(out, jinja2.Undefined):
                raise jinja2.UndefinedError(f"'{src}' is undefined")
            return out
        if kind == "text":
            return val.render(ctx)
        if kind == "dict":
            return {k: self._render(v, ctx) for k, v in val.items()}
        return [self._render(v, ctx) for v in val]

    def build_request(self, messages: list[Message], config: GenerateConfig) -> HTTPRequest:
        import jinja2

        msgs = [m.to_openai() for m in messages]
        last_user = next((m.content for m in reversed(messages) if m.role == "user"), "")
        ctx = {
            "messages": msgs,
            "conversation": [m for m in msgs if m["role"] not in ("system", "developer")],
            "last_user": last_user,
            "prompt": last_user,
            "system": "\n\n".join(m.content for m in messages if m.role in ("system", "developer")),
            "config": config.model_dump(),
            "case_id": current_case_id.get(),
        }
        try:
            headers = {k: str(self._render(v, ctx)) for k, v in self._compiled_headers.items()}
            if self._compiled_text is not None:
                text = self._compiled_text.render(ctx)
                try:
                    payload = loads(text)
                except ValueError:
                    raise ModelError(
                        f"http/{self.url}: the rendered request_template is not JSON: {snippet(text, 200)!r}",
                        hint="quote values with the tojson filter: {{ last_user | tojson }}") from None
            else:
                payload = self._render(self._compiled, ctx)
        except jinja2.UndefinedError as e:
            raise ModelError(f"http/{self.url}: request_template uses an unknown variable ({e.message})",
                             hint="variables: messages, conversation, last_user, prompt, system, config, case_id") from None
        if self.method in ("GET", "HEAD", "DELETE"):
            payload = None
        return HTTPRequest(self.url, payload, headers, self.method)

    def decode(self, body: bytes) -> Any:
        if self.response_path is None:
            try:
                return loads(body)
            except ValueError:
                return body.decode("utf-8", "replace")  # a text/plain answer is the answer
        return super().decode(body)

    def parse_response(self, data: Any, config: GenerateConfig, latency_s: float) -> ModelOutput:
        if self.response_path is None:
            if not isinstance(data, str):
                keys = f"keys {sorted(data)[:12]}" if isinstance(data, dict) else type(data).__name__
                raise ModelError(f"http/{self.url}: the reply is JSON ({keys}) but no response_path was given; "
                                 f"the body looked like {snippet(str(data), 200)}",
                                 hint="pass --option response_path=data.answer (the path to the answer text)")
            text = data
        else:
            try:
                value = extract_path(data, self.response_path)
            except KeyError as e:
                raise ModelError(f"http/{self.url}: response_path '{self.response_path}': {e.args[0]}; "
                                 f"the body looked like {snippet(str(data), 300)}",
                                 hint="fix the response_path option to point at the answer text") from None
            text = value if isinstance(value, str) else str(value) if value is not None else ""
        return ModelOutput(model=self.full_name, choices=[text] * config.n, finish_reason="stop",
                           latency_s=latency_s, raw=data if isinstance(data, dict) else None)
