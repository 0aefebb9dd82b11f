"""`python/<module:function>`: any callable as a model."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from charter.errors import ConfigError, ModelError
from charter.model import GenerateConfig, ModelOutput, get_model

APP = textwrap.dedent('''
    import asyncio
    from charter.errors import ModelError
    from charter.model import ModelOutput

    calls = []

    def answer(messages, config):
        calls.append((messages, config))
        return "sync: " + messages[-1]["content"]

    async def answer_async(messages, config):
        await asyncio.sleep(0)
        return {"text": "async: " + messages[-1]["content"], "usage": {"input_tokens": 3, "output_tokens": 2},
                "finish_reason": "length"}

    def one_arg(messages):
        return str(len(messages))

    class Bot:
        def reply(self, messages, config):
            return ModelOutput(model="bot", choices=["from bot"])

    bot = Bot()

    class AsyncBot:
        async def __call__(self, messages, config):
            return "async object"

    async_bot = AsyncBot()

    def broken(messages, config):
        raise ValueError("index out of sync")

    def flaky(messages, config):
        raise ConnectionError("db down")

    def signals(messages, config):
        raise ModelError("quota", retryable=True, retry_after=3)

    def wrong_type(messages, config):
        return 42

    def bad_usage(messages, config):
        return {"text": "x", "usage": {"input_tokens": "many"}}

    NOT_CALLABLE = 3
''')


@pytest.fixture
def app_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "charter_test_app.py").write_text(APP)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "charter_test_app"


async def test_sync_function_gets_messages_and_config(app_module: str) -> None:
    model = get_model(f"python/{app_module}:answer")
    out = await model.generate([{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}],
                               GenerateConfig(temperature=0.2, n=2))
    assert out.choices == ["sync: hi", "sync: hi"]
    assert out.model == f"python/{app_module}:answer"
    import charter_test_app  # type: ignore[import-not-found]

    messages, config = charter_test_app.calls[-1]
    assert messages == [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}]
    assert config["temperature"] == 0.2 and config["n"] == 2 and config["max_tokens"] is None


async def test_async_dict_one_arg_and_model_output(app_module: str) -> None:
    out = await get_model(f"python/{app_module}:answer_async").generate("yo")
    assert out.text == "async: yo" and out.finish_reason == "length"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (3, 2)
    assert (await get_model(f"python/{app_module}:one_arg").generate("a")).text == "1"
    out = await get_model(f"python/{app_module}:bot.reply").generate("a")
    assert isinstance(out, ModelOutput) and out.text == "from bot" and out.model == "bot"
    model = get_model(f"python/{app_module}:async_bot")
    assert model.api.is_async  # type: ignore[attr-defined]
    assert (await model.generate("a")).text == "async object"


async def test_file_path_target(tmp_path: Path) -> None:
    f = tmp_path / "rag.py"
    f.write_text("def run(messages, config):\n    return 'file: ' + messages[-1]['content']\n")
    out = await get_model(f"python/{f}:run").generate("q")
    assert out.text == "file: q"


async def test_exceptions_map_to_model_errors(app_module: str) -> None:
    with pytest.raises(ModelError, match="raised ValueError: index out of sync") as err:
        await get_model(f"python/{app_module}:broken").generate("x")
    assert not err.value.retryable
    with pytest.raises(ModelError, match="ConnectionError: db down") as err:
        await get_model(f"python/{app_module}:flaky").generate("x")
    assert err.value.retryable
    with pytest.raises(ModelError, match="quota") as err:
        await get_model(f"python/{app_module}:signals").generate("x")
    assert err.value.retryable and err.value.retry_after == 3
    with pytest.raises(ModelError, match="returned int: '42'"):
        await get_model(f"python/{app_module}:wrong_type").generate("x")
    with pytest.raises(ModelError, match="bad usage"):
        await get_model(f"python/{app_module}:bad_usage").generate("x")


def test_bad_import_paths(app_module: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not module:function"):
        get_model("python/no_colon_here")
    with pytest.raises(ConfigError, match="cannot import module 'no_such_mod_xyz'") as err:
        get_model("python/no_such_mod_xyz:f")
    assert "PYTHONPATH" in str(err.value)
    with pytest.raises(ConfigError, match="has no attribute 'nope'") as err:
        get_model(f"python/{app_module}:nope")
    assert "answer" in str(err.value)  # lists what is there
    with pytest.raises(ConfigError, match="is not callable"):
        get_model(f"python/{app_module}:NOT_CALLABLE")
    with pytest.raises(ConfigError, match="not found"):
        get_model(f"python/{tmp_path}/missing.py:f")
    (tmp_path / "boom.py").write_text("raise RuntimeError('import-time failure')\n")
    with pytest.raises(ConfigError, match=r"importing .* failed: RuntimeError: import-time failure"):
        get_model(f"python/{tmp_path}/boom.py:f")


async def test_module_in_the_working_directory_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (tmp_path / "cwd_bot_charter_test.py").write_text("def answer(messages):\n    return 'from cwd'\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(tmp_path))])
    out = await get_model("python/cwd_bot_charter_test:answer").generate("hi")
    assert out.text == "from cwd"
