"""`charter.model._http`: Retry-After parsing, status mapping, settings precedence."""

from __future__ import annotations

import email.utils
import time
from pathlib import Path

import pytest

from charter.model._http import env_value, error_for_status, parse_retry_after, snippet


def test_parse_retry_after() -> None:
    assert parse_retry_after({"Retry-After": "7"}) == 7.0
    assert parse_retry_after({"retry-after-ms": "1500", "Retry-After": "7"}) == 1.5
    assert parse_retry_after({}) is None
    assert parse_retry_after({"Retry-After": "soon"}) is None
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= (parse_retry_after({"Retry-After": future}) or 0) <= 31
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert parse_retry_after({"Retry-After": past}) == 0.0


@pytest.mark.parametrize(
    ("status", "retryable", "hint"),
    [(429, True, "rate limited"), (500, True, "transient"), (502, True, "transient"),
     (529, True, "transient"), (408, True, "transient"), (400, False, "rejected the request"),
     (401, False, "set OPENAI_API_KEY"), (403, False, "lacks access"), (404, False, "model name 'gpt-x'"),
     (422, False, "rejected the request"), (418, False, "server's message")],
)
def test_error_for_status(status: int, retryable: bool, hint: str) -> None:
    err = error_for_status(status, b'{"error": {"message": "said the server"}}', {"Retry-After": "3"},
                           where="openai/gpt-x", key_env="OPENAI_API_KEY", model="gpt-x")
    assert err.retryable is retryable and err.status == status
    assert err.retry_after == (3.0 if retryable else None)
    assert f"openai/gpt-x answered HTTP {status}: said the server" in str(err)
    assert hint in str(err)


def test_error_body_shapes() -> None:
    assert "plain text failure" in str(error_for_status(400, b"plain text failure", {}, where="w"))
    assert "'detail'" not in str(error_for_status(400, b'{"detail": "bad field"}', {}, where="w"))
    assert "check the credentials" in str(error_for_status(401, b"{}", {}, where="http/x"))
    assert snippet("a" * 400, 10).startswith("aaaaaaaaaa... (400 chars)")


def test_env_value_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("K=from-dotenv\n")
    dot = {"K": "from-dotenv"}
    assert env_value("K", {}, "k", dotenv_cache=dot) == "from-dotenv"
    monkeypatch.setenv("K", "from-env")
    assert env_value("K", {}, "k", dotenv_cache=dot) == "from-env"
    assert env_value("K", {"k": "from-option"}, "k", dotenv_cache=dot) == "from-option"
    monkeypatch.delenv("K")
    assert env_value("K", {}, "k", env_file=tmp_path / ".env") == "from-dotenv"
    assert env_value("MISSING", {}, "m", dotenv_cache={}) is None
