"""`replay/<file.jsonl>`: answers read from the logs of an existing system, so a team can
audit real transcripts against its guide without calling any model.

Each line is one logged exchange, in either shape::

    {"case_id": "c1", "messages": [{"role": "user", "content": "..."}], "response": "..."}
    {"id": "c1", "messages": [..., {"role": "assistant", "content": "the response"}]}

(``response`` may also be ``{"text": ...}``, or be named ``completion`` / ``output``;
optional ``usage`` {input_tokens, output_tokens} and ``latency_s`` are kept.)

Lookup, in order: the case id the runner set (:func:`charter.model.case_scope`), then the
conversation — role and content of the non-system messages, since the runner adds the
system prompt under test and logs carry the production one. Option ``match=last_user``
matches on the last user message alone. No match → a non-retryable ModelError. Several
lines for one conversation give the choices for ``n > 1`` in file order. A line whose
conversation has no user turn (e.g. a developer message alone) needs a case id: only that
finds it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from charter.errors import ConfigError, ModelError
from charter.model._api import ModelAPI, provider
from charter.model._context import current_case_id
from charter.model._types import GenerateConfig, ModelOutput, Usage
from charter.types import Message

__all__ = ["ReplayModel", "conversation_key"]

_SKIP_ROLES = ("system", "developer")
_RESPONSE_KEYS = ("response", "completion", "output")


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return str(value["text"])
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return str(value["content"])
    return None


def conversation_key(messages: list[dict[str, Any]], match: str = "conversation") -> str:
    """The lookup key of a conversation: hash of (role, content) of its non-system turns,
    or of the last user message alone when ``match == "last_user"``."""
    turns = [(m.get("role"), m.get("content")) for m in messages if m.get("role") not in _SKIP_ROLES]
    if match == "last_user":
        turns = [t for t in turns if t[0] == "user"][-1:]
    payload = json.dumps(turns, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


@provider("replay")
class ReplayModel(ModelAPI):
    """Logged responses of an existing system, looked up by case id or conversation."""

    default_concurrency = 256

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.path = Path(options.get("path") or model)
        self.match = str(options.get("match") or "conversation")
        if self.match not in ("conversation", "last_user"):
            raise ConfigError(f"replay/ option match={self.match!r} is not known",
                              hint="use match=conversation (default) or match=last_user")
        if not self.path.is_file():
            raise ConfigError(f"replay log '{self.path}' not found",
                              hint="write replay/path/to/log.jsonl (one logged exchange per line)")
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_conversation: dict[str, list[dict[str, Any]]] = {}
        self._load()

    def _load(self) -> None:
        with self.path.open(encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{self.path}:{lineno}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ConfigError(f"{where}: not valid JSON (column {e.colno}: {e.msg})",
                                      hint="each line is one JSON object") from None
                if not isinstance(row, dict) or not isinstance(row.get("messages"), list):
                    raise ConfigError(f"{where}: no 'messages' list",
                                      hint='each line is {"messages": [...], "response": "..."}')
                messages = row["messages"]
                if not all(isinstance(m, dict) and isinstance(m.get("content"), str) and "role" in m
                           for m in messages):
                    raise ConfigError(f"{where}: every message needs a 'role' and a string 'content'",
                                      hint='e.g. {"role": "user", "content": "..."}')
                text = next((_text(row[k]) for k in _RESPONSE_KEYS if k in row), None)
                if text is None and messages and messages[-1].get("role") == "assistant":
                    text, messages = messages[-1]["content"], messages[:-1]
                if text is None:
                    raise ConfigError(f"{where}: no response: neither a 'response' key nor a final "
                                      "assistant message", hint='add "response": "..." to the line')
                case_id = row.get("case_id", row.get("id"))
                if case_id is None and not any(m.get("role") == "user" for m in messages):
                    raise ConfigError(f"{where}: the conversation has no user message",
                                      hint="a logged exchange needs the user turn(s) it answered, "
                                           "or a case_id to be found by")
                try:
                    usage = Usage(**row["usage"]) if isinstance(row.get("usage"), dict) else Usage()
                    latency = float(row.get("latency_s") or 0.0)
                except (TypeError, ValueError) as e:
                    raise ConfigError(f"{where}: bad usage or latency_s ({e})",
                                      hint="usage is {input_tokens, output_tokens}; latency_s a number") from None
                entry = {"text": text, "usage": usage, "latency_s": latency}
                if case_id is not None:
                    self.by_id.setdefault(str(case_id), entry)
                if any(m.get("role") == "user" for m in messages):  # else only its case_id finds it
                    self.by_conversation.setdefault(conversation_key(messages, self.match), []).append(entry)
        if not self.by_conversation and not self.by_id:
            raise ConfigError(f"replay log '{self.path}' has no exchanges", hint="the file is empty")

    def prices(self) -> tuple[float, float] | None:
        """Free: nothing is billed."""
        return (0.0, 0.0)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        case_id = current_case_id.get()
        entries: list[dict[str, Any]] | None = None
        if case_id is not None and case_id in self.by_id:
            entries = [self.by_id[case_id]]
        else:
            entries = self.by_conversation.get(conversation_key([m.to_openai() for m in messages], self.match))
        if not entries:
            last = next((m.content for m in reversed(messages) if m.role == "user"), "")
            which = f"case '{case_id}' or " if case_id else ""
            raise ModelError(
                f"replay/{self.path}: no logged response for {which}this conversation "
                f"(last user message: {last[:80]!r})",
                hint="the log must hold this exact conversation (system messages are ignored); "
                     "try --option match=last_user, or add the exchange to the log")
        first = entries[0]
        choices = [entries[i % len(entries)]["text"] for i in range(config.n)]
        return ModelOutput(model=f"replay/{self.model}", choices=choices, finish_reason="stop",
                           usage=first["usage"], latency_s=first["latency_s"])
