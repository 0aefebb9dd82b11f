"""Contract tests over the built-in providers: registered, documented, and each one answers a
plain conversation with a well-formed ModelOutput, closes, and is reusable in a new loop."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from charter.model import GenerateConfig, ModelAPI, ModelOutput, get_model, providers
from tests.stubs import AnthropicStub, OpenAIStub

BUILTINS = ["anthropic", "hf", "http", "local", "mock", "ollama", "openai", "python", "replay", "vllm"]


def test_all_builtins_registered_and_documented() -> None:
    import charter.model._providers  # noqa: F401

    for name in BUILTINS:
        cls = providers.get(name)
        assert issubclass(cls, ModelAPI) and cls.provider_name == name
        assert cls.default_concurrency >= 1
        assert (cls.__doc__ or "").strip() or name == "mock"


def answer(messages: list[dict[str, Any]], config: dict[str, Any]) -> str:
    return "python says hi"


@pytest_asyncio.fixture
async def targets(tmp_path: Path) -> AsyncIterator[dict[str, tuple[str, dict[str, Any]]]]:
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps({"messages": [{"role": "user", "content": "hello"}], "response": "logged"}) + "\n")
    async with OpenAIStub() as o, AnthropicStub() as a:
        yield {
            "openai": ("openai/m", {"base_url": o.base_url}),
            "ollama": ("ollama/m", {"base_url": o.base_url}),
            "vllm": ("vllm/m", {"base_url": o.base_url}),
            "anthropic": ("anthropic/m", {"base_url": a.root_url}),
            "http": (f"http/{o.base_url}/chat/completions",
                     {"request_template": {"model": "m", "messages": "{{ messages }}"},
                      "response_path": "choices.0.message.content"}),
            "python": (f"python/{__name__}:answer", {}),
            "replay": (f"replay/{log}", {}),
            "mock": ("mock/echo", {}),
        }


@pytest.mark.parametrize("name", ["openai", "ollama", "vllm", "anthropic", "http", "python", "replay", "mock"])
async def test_contract(name: str, targets: dict[str, tuple[str, dict[str, Any]]]) -> None:
    model_name, options = targets[name]
    model = get_model(model_name, **options)
    assert model.name == model_name
    for _ in range(2):
        out = await model.generate([{"role": "system", "content": "be nice"}, {"role": "user", "content": "hello"}],
                                   GenerateConfig(max_tokens=20))
        assert isinstance(out, ModelOutput)
        assert isinstance(out.text, str) and out.text
        assert out.model.split("/")[0] == name and out.choices and not out.cached
        assert out.usage.input_tokens >= 0 and out.latency_s >= 0
    assert json.dumps(model.api.describe())  # metadata is JSON, holds no secrets
    assert "api_key" not in json.dumps(model.api.describe())
    await model.aclose()
    await model.aclose()  # closing twice is harmless


def test_entry_point_plugin_provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The documented plugin path: a module advertised in the `charter` entry-point group."""
    from charter.cli import main
    from charter.registry import Context

    (tmp_path / "acme_charter_plugin.py").write_text(
        "from charter.model import ModelAPI, ModelOutput, provider\n"
        "@provider('acme')\n"
        "class AcmeModel(ModelAPI):\n"
        "    '''Acme chat API.'''\n"
        "    async def generate(self, messages, config):\n"
        "        return ModelOutput(model=f'acme/{self.model}', choices=['acme: ' + messages[-1].content])\n")
    dist = tmp_path / "acme_charter_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-charter-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[charter]\nacme = acme_charter_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with Context() as ctx:  # a fresh plugin scan, discarded at the end of the test
        assert main(["ask", "acme/large", "hi"]) == 0
        assert capsys.readouterr().out == "acme: hi\n"
        assert main(["models"]) == 0
        assert "acme/       installed  Acme chat API." in capsys.readouterr().out
        assert "acme" in providers.names(context=ctx)
    assert "acme" not in providers.names()
