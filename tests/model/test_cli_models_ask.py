"""`charter models` and `charter ask`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from charter.cli import main
from tests.stubs import AnthropicStub, OpenAIStub
from tests.stubs.threaded import serve_in_thread


def test_models_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for name in ("openai/", "anthropic/", "http/", "python/", "replay/", "hf/", "local/", "mock/"):
        assert f"  {name}" in out
    assert "Local models" in out and "local/qwen2.5-0.5b-instruct" in out


def test_models_json_reports_install_state(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "transformers" else real(name, *a))
    assert main(["models", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {p["name"]: p for p in data["providers"]}
    assert rows["hf"]["installed"] is False and rows["hf"]["missing"] == ["transformers"]
    assert rows["hf"]["install"] == "pip install 'charter[hf]'"
    assert rows["openai"]["installed"] is True and rows["openai"]["install"] is None
    assert rows["local"]["extra"] == "local"
    local = {m["name"]: m for m in data["local_models"]}
    assert "local/smollm2-135m-instruct" in local
    assert all(m["state"] in ("assembled", "packages", "partial", "missing") and m["size"] > 0
               for m in local.values())
    assert main(["models", "--format", "yaml"]) == 2


def test_ask_against_openai_stub(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text('{"type": "object", "properties": {"ok": {"type": "boolean"}}}')
    with serve_in_thread(OpenAIStub(reply='{"ok": true}', api_key="sk-cli")) as stub:
        rc = main(["ask", "openai/stub-model", "Is it fine?", "--system", "Answer in JSON.",
                   "--temperature", "0.2", "--max-tokens", "30", "--seed", "1", "--json-schema", str(schema),
                   "--option", f"base_url={stub.base_url}", "-o", "api_key=sk-cli", "-o", "price_out=1000000"])
        sent = stub.received[-1]["json"]
    assert rc == 0
    captured = capsys.readouterr()
    assert captured.out == '{"ok": true}\n'
    assert "openai/stub-model · 6 in / 2 out tokens" in captured.err and "$2.000000" in captured.err
    assert sent["messages"] == [{"role": "system", "content": "Answer in JSON."},
                                {"role": "user", "content": "Is it fine?"}]
    assert (sent["temperature"], sent["max_tokens"], sent["seed"]) == (0.2, 30, 1)
    assert sent["response_format"]["json_schema"]["schema"]["properties"] == {"ok": {"type": "boolean"}}


def test_ask_json_format_and_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin"))
    with serve_in_thread(AnthropicStub(echo=True)) as stub:
        rc = main(["ask", "anthropic/c", "-", "--format", "json", "--option", f"base_url={stub.root_url}"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["choices"] == ["from stdin"] and out["model"] == "anthropic/c"
    assert out["finish_reason"] == "end_turn" and out["usage"]["output_tokens"] == 2


def test_ask_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with serve_in_thread(OpenAIStub(api_key="right")) as stub:
        assert main(["ask", "openai/m", "hi", "-o", f"base_url={stub.base_url}"]) == 4
    assert "HTTP 401" in capsys.readouterr().err
    assert main(["ask", "nope/m", "hi"]) == 2
    assert "unknown model provider 'nope'" in capsys.readouterr().err
    assert main(["ask", "mock/echo", "hi", "--option", "novalue"]) == 2
    assert "is not key=value" in capsys.readouterr().err
    bad = tmp_path / "s.json"
    bad.write_text("{oops")
    assert main(["ask", "mock/echo", "hi", "--json-schema", str(bad)]) == 2
    assert f"{bad}:1:2" in capsys.readouterr().err
    assert main(["ask", "mock/echo", "hi", "--json-schema", str(tmp_path / "none.json")]) == 2
    assert main(["ask", "mock/echo", "hi", "--temperature", "3"]) == 2


def test_ask_mock_is_offline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "mock/echo", "say this back", "--max-tokens", "2"]) == 0
    assert capsys.readouterr().out == "say this\n"
