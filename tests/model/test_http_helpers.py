"""`charter.model._http`: Retry-After parsing, status mapping, settings precedence."""

from __future__ import annotations

import email.utils
import time
from pathlib import Path

import pytest

from charter.errors import ContextOverflowError
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


@pytest.mark.parametrize("status,body", [
    (400, b'{"error": {"message": "This model\'s maximum context length is 8192 tokens. However, your messages '
          b'resulted in 9000 tokens.", "type": "invalid_request_error", "code": "context_length_exceeded"}}'),
    (400, b'{"error": {"code": 400, "message": "the request exceeds the available context size", '
          b'"type": "exceed_context_size_error", "n_prompt_tokens": 5000, "n_ctx": 4096}}'),
    (400, b'{"type": "error", "error": {"type": "invalid_request_error", "message": "prompt is too long: '
          b'210000 tokens > 200000 maximum"}}'),
    (413, b'{"object": "error", "message": "This model\'s maximum context length is 4096 tokens."}'),
])
def test_context_overflow_is_its_own_error(status: int, body: bytes) -> None:
    err = error_for_status(status, body, {}, where="openai/gpt-x")
    assert isinstance(err, ContextOverflowError)
    assert err.retryable is False and err.status == status
    assert "longer than the model's context window" in str(err)


def test_other_errors_are_not_context_overflow() -> None:
    assert not isinstance(error_for_status(400, b'{"error": {"message": "unknown field: temprature"}}', {},
                                           where="w"), ContextOverflowError)
    # a transient server error stays retryable even if its text mentions the context
    err = error_for_status(503, b'{"error": {"message": "context_length_exceeded cache busy"}}', {}, where="w")
    assert not isinstance(err, ContextOverflowError) and err.retryable


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
