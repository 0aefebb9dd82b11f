"""A run cancelled at once (a second SIGTERM / SIGINT cancels the task instead of stopping it
gracefully) ends the CLI with exit 130 and one line, not a traceback."""

from __future__ import annotations

import asyncio

import pytest

import charter.cli._app as app_module
from charter.cli import main


def test_a_cancelled_run_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def cancelled(*args: object, **kwargs: object) -> int:
        async def go() -> None:
            raise asyncio.CancelledError

        asyncio.run(go())
        return 0

    monkeypatch.setattr(app_module, "app", cancelled)
    assert main(["eval"]) == 130
    err = capsys.readouterr().err
    assert err == "charter: cancelled; work done so far is saved (resume with --resume)\n"


def test_other_base_exceptions_still_propagate(monkeypatch: pytest.MonkeyPatch) -> None:
    class Boom(BaseException):
        pass

    def boom(*args: object, **kwargs: object) -> int:
        raise Boom

    monkeypatch.setattr(app_module, "app", boom)
    with pytest.raises(Boom):
        main(["eval"])
