"""Chat messages in the OpenAI format: what every provider sends and every case holds."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from charter.types._unicode import nfc

__all__ = ["Message", "Role"]

Role = Literal["system", "developer", "user", "assistant", "tool"]


class Message(BaseModel):
    """An OpenAI-style chat message. ``tool`` messages carry tool output (untrusted data).
    ``content`` is kept in Unicode form NFC (:func:`~charter.types.nfc`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Role
    content: str
    name: str | None = None
    tool_call_id: str | None = None

    @field_validator("content")
    @classmethod
    def _nfc(cls, content: str) -> str:
        return nfc(content)

    def to_openai(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)
