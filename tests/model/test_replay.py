"""`replay/<file.jsonl>`: answers from logs of an existing system."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from charter.errors import ConfigError, ModelError
from charter.model import GenerateConfig, case_scope, get_model


def write_log(path: Path, rows: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path / "prod.jsonl", [
        {"case_id": "c1", "messages": [{"role": "user", "content": "Where is my order?"}],
         "response": "It ships tomorrow.", "usage": {"input_tokens": 5, "output_tokens": 4}, "latency_s": 0.8},
        # OpenAI-style transcript: production system prompt + final assistant turn
        {"id": "c2", "messages": [{"role": "system", "content": "You are ShopBot."},
                                  {"role": "user", "content": "Cancel it."},
                                  {"role": "assistant", "content": "Done, it is cancelled."}]},
        "",
        {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
                      {"role": "user", "content": "Refund?"}], "response": {"text": "Refunds take 5 days."}},
        {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
                      {"role": "user", "content": "Refund?"}], "completion": "Second logged answer."},
    ])


async def test_lookup_by_conversation_ignores_system_prompts(log: Path) -> None:
    model = get_model(f"replay/{log}")
    out = await model.generate([{"role": "system", "content": "The guide's prompt under test"},
                                {"role": "user", "content": "Cancel it."}])
    assert out.text == "Done, it is cancelled." and out.model == f"replay/{log}"
    out = await model.generate("Where is my order?")
    assert out.text == "It ships tomorrow."
    assert (out.usage.input_tokens, out.usage.output_tokens, out.latency_s) == (5, 4, 0.8)


async def test_multi_turn_and_n_choices_in_file_order(log: Path) -> None:
    convo = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
             {"role": "user", "content": "Refund?"}]
    model = get_model(f"replay/{log}")
    assert (await model.generate(convo)).text == "Refunds take 5 days."
    out = await model.generate(convo, GenerateConfig(n=3))
    assert out.choices == ["Refunds take 5 days.", "Second logged answer.", "Refunds take 5 days."]


async def test_lookup_by_case_id_wins(log: Path) -> None:
    model = get_model(f"replay/{log}")

    async def ask(case_id: str | None, text: str) -> str:
        with case_scope(case_id):
            return (await model.generate(text)).text

    # concurrent tasks each see their own case id
    got = await asyncio.gather(ask("c2", "anything"), ask("c1", "whatever"), ask("unknown", "Cancel it."))
    assert got == ["Done, it is cancelled.", "It ships tomorrow.", "Done, it is cancelled."]


async def test_missing_conversation_is_a_clear_error(log: Path) -> None:
    model = get_model(f"replay/{log}")
    with pytest.raises(ModelError) as err:
        await model.generate("Something never logged")
    assert not err.value.retryable
    assert "no logged response for this conversation" in str(err.value)
    assert "'Something never logged'" in str(err.value)
    with case_scope("c9"), pytest.raises(ModelError, match="no logged response for case 'c9' or this"):
        await model.generate("nope")
    # the same last user message in another history matches only with match=last_user
    with pytest.raises(ModelError):
        await model.generate("Refund?")
    assert (await get_model(f"replay/{log}", match="last_user").generate("Refund?")).text == "Refunds take 5 days."


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "not valid JSON"),
        ('{"response": "x"}', "no 'messages' list"),
        ('{"messages": [{"role": "user"}], "response": "x"}', "needs a 'role' and a string 'content'"),
        ('{"messages": [{"role": "user", "content": "q"}]}', "no response"),
        ('{"messages": [{"role": "system", "content": "s"}], "response": "r"}', "no user message"),
        ('{"messages": [{"role": "user", "content": "q"}], "response": "r", "usage": {"input_tokens": "lots"}}',
         "bad usage"),
    ],
)
def test_bad_lines_report_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    good = json.dumps({"messages": [{"role": "user", "content": "ok"}], "response": "fine"})
    path = write_log(tmp_path / "log.jsonl", [good, good, line])
    with pytest.raises(ConfigError) as err:
        get_model(f"replay/{path}")
    assert f"{path}:3:" in str(err.value) and needle in str(err.value)


def test_missing_or_empty_file_and_bad_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        get_model(f"replay/{tmp_path}/nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(ConfigError, match="no exchanges"):
        get_model(f"replay/{tmp_path}/empty.jsonl")
    (tmp_path / "ok.jsonl").write_text('{"messages": [{"role": "user", "content": "q"}], "response": "r"}\n')
    with pytest.raises(ConfigError, match="match='fuzzy'"):
        get_model(f"replay/{tmp_path}/ok.jsonl", match="fuzzy")


async def test_a_logged_exchange_without_user_turn_is_found_by_case_id(tmp_path: Path) -> None:
    path = write_log(tmp_path / "log.jsonl", [
        {"case_id": "spam-1", "messages": [{"role": "developer", "content": "Is this comment spam? PUGCOIN!"}],
         "response": "YES"}])
    model = get_model(f"replay/{path}")
    with case_scope("spam-1"):
        assert (await model.generate([{"role": "developer", "content": "Is this comment spam? PUGCOIN!"}])).text == "YES"
    with pytest.raises(ModelError, match="no logged response"):
        await model.generate([{"role": "developer", "content": "Is this comment spam? PUGCOIN!"}])
