"""`http/<url>`: a whole application behind an HTTP endpoint, with templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

from charter.errors import ConfigError, ModelError
from charter.model import GenerateConfig, case_scope, get_model
from charter.model._providers.http import extract_path


class App:
    """A tiny 'RAG app' answering in a configurable shape and recording what it got."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.reply: Any = {"data": {"answer": "From the docs: 42."}}
        self.status = 200
        self.text: str | None = None
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append({"method": request.method, "headers": dict(request.headers),
                              "body": body.decode() if body else None})
        if self.text is not None:
            return web.Response(text=self.text, status=self.status)
        return web.json_response(self.reply, status=self.status)


@pytest_asyncio.fixture
async def app() -> AsyncIterator[App]:
    a = App()
    server = web.Application()
    server.router.add_route("*", "/chat", a.handle)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    a.url = f"http://127.0.0.1:{port}/chat"
    yield a
    await runner.cleanup()


def _json(app: App, i: int = -1) -> Any:
    import json

    return json.loads(app.received[i]["body"])


CONVO = [{"role": "system", "content": "sys"}, {"role": "user", "content": "What is \"the\" answer?"}]


async def test_dict_template_with_native_values(app: App) -> None:
    tmpl = {"question": "{{ last_user }}", "history": "{{ conversation }}", "sys": "{{ system }}",
            "label": "q: {{ last_user | upper }}", "n": 3, "t": "{{ config.temperature }}"}
    async with get_model(f"http/{app.url}", request_template=tmpl, response_path="data.answer") as model:
        out = await model.generate(CONVO, GenerateConfig(temperature=0.5))
    assert _json(app) == {"question": 'What is "the" answer?',
                          "history": [{"role": "user", "content": 'What is "the" answer?'}],
                          "sys": "sys", "label": 'q: WHAT IS "THE" ANSWER?', "n": 3, "t": 0.5}
    assert out.text == "From the docs: 42." and out.model == f"http/{app.url}"


async def test_json_string_template_with_tojson(app: App) -> None:
    tmpl = '{"q": {{ last_user | tojson }}, "msgs": {{ messages | tojson }}}'
    app.reply = {"choices": [{"message": {"content": "ok"}}]}
    async with get_model(f"http/{app.url}", request_template=tmpl,
                         response_path="choices.0.message.content") as model:
        out = await model.generate(CONVO)
    assert _json(app) == {"q": 'What is "the" answer?', "msgs": CONVO}
    assert out.text == "ok"


async def test_default_template_headers_and_case_id(app: App) -> None:
    app.reply = {"items": [{"text": "a"}, {"text": "b"}]}
    async with get_model(f"http/{app.url}", response_path="items[1].text",
                         headers='{"Authorization": "Bearer t", "X-Case": "{{ case_id }}"}') as model:
        with case_scope("case-7"):
            out = await model.generate("hi")
    assert _json(app) == {"messages": [{"role": "user", "content": "hi"}]}
    assert app.received[-1]["headers"]["Authorization"] == "Bearer t"
    assert app.received[-1]["headers"]["X-Case"] == "case-7"
    assert out.text == "b"


async def test_plain_text_answer_and_get_method(app: App) -> None:
    app.text = "plain answer"
    async with get_model(f"http/{app.url}", method="get") as model:
        out = await model.generate("hi")
    assert out.text == "plain answer"
    assert app.received[-1]["method"] == "GET" and app.received[-1]["body"] is None


async def test_response_path_not_found_shows_body(app: App) -> None:
    app.reply = {"data": {"result": "x", "sources": []}}
    async with get_model(f"http/{app.url}", response_path="data.answer") as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    msg = str(err.value)
    assert not err.value.retryable
    assert "'answer' not found at data (found keys ['result', 'sources'])" in msg
    assert "the body looked like {'data': {'result': 'x'" in msg


async def test_json_reply_without_response_path(app: App) -> None:
    async with get_model(f"http/{app.url}") as model:
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
    assert "no response_path was given" in str(err.value) and "keys ['data']" in str(err.value)


async def test_bad_templates(app: App) -> None:
    with pytest.raises(ConfigError, match="Jinja2 error"):
        get_model(f"http/{app.url}", request_template={"q": "{{ last_user "})
    async with get_model(f"http/{app.url}", request_template='{"q": {{ last_user }}}') as model:
        with pytest.raises(ModelError, match="rendered request_template is not JSON") as err:
            await model.generate('say "hi"')
        assert "tojson" in str(err.value)
    async with get_model(f"http/{app.url}", request_template={"q": "{{ nope }}"}) as model:
        with pytest.raises(ModelError, match="unknown variable"):
            await model.generate("hi")
    with pytest.raises(ConfigError, match="not a URL"):
        get_model("http/localhost:8000/chat")


async def test_status_and_body_faults(app: App) -> None:
    async with get_model(f"http/{app.url}", response_path="a") as model:
        app.status, app.reply = 503, {"detail": "warming up"}
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
        assert err.value.retryable and err.value.status == 503 and "warming up" in str(err.value)
        app.status, app.reply = 422, {"detail": [{"msg": "field required"}]}
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
        assert not err.value.retryable and "field required" in str(err.value)
        app.status, app.text = 200, "<html>oops</html>"
        with pytest.raises(ModelError) as err:
            await model.generate("hi")
        assert err.value.retryable and "not JSON" in str(err.value)


def test_extract_path() -> None:
    data = {"a": [{"b": {"c": "x"}}, {"b": None}], "n": 1}
    assert extract_path(data, "a.0.b.c") == "x"
    assert extract_path(data, "a[0].b.c") == "x"
    assert extract_path(data, "a[-1].b") is None
    with pytest.raises(KeyError, match=r"'5' not found at a \(found a list of 2\)"):
        extract_path(data, "a.5")
    with pytest.raises(KeyError, match=r"'x' not found at n \(found a int\)"):
        extract_path(data, "n.x")
