"""Provider-neutral request and response types."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.types import ModelOutput, TokenLogprob, Usage

__all__ = ["GenerateConfig", "ModelOutput", "ModelRole", "StreamChunk", "TokenLogprob", "Usage", "final_chunk", "request_key"]


class ModelRole(StrEnum):
    target = "target"
    judge = "judge"
    generator = "generator"
    attacker = "attacker"


class GenerateConfig(BaseModel):
    """Sampling and output settings for one request. ``None`` means the provider default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    max_tokens: int | None = Field(default=None, ge=1)
    seed: int | None = None
    stop: list[str] | None = None
    response_schema: dict[str, Any] | None = Field(
        default=None, description="JSON schema the output must follow (structured output)."
    )
    logprobs: bool = False
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    n: int = Field(default=1, ge=1, le=16)
    timeout: float | None = Field(default=None, gt=0, description="Per-request timeout, seconds.")

    def merged(self, other: GenerateConfig | None) -> GenerateConfig:
        """``self`` with every field set in ``other`` taking precedence."""
        if other is None:
            return self
        return self.model_copy(update=other.model_dump(exclude_unset=True))

    def cache_key_part(self) -> str:
        return json.dumps(self.model_dump(exclude={"timeout"}), sort_keys=True)


class StreamChunk(BaseModel):
    """One piece of a streamed answer (:meth:`Model.stream`): ``text`` as the provider sent it;
    the last chunk also carries the whole answer as ``output`` (text, usage, finish reason)."""

    model_config = ConfigDict(frozen=True)

    text: str = ""
    output: ModelOutput | None = None


def final_chunk(name: str, texts: list[str], finish: str | None, tokens_in: int, tokens_out: int, *,
                price_in: float, price_out: float, latency_s: float) -> StreamChunk:
    """The last chunk of a stream: the whole answer as one :class:`ModelOutput`, with its usage
    and cost (prices per million tokens)."""
    return StreamChunk(output=ModelOutput(
        model=name, choices=["".join(texts)], finish_reason=finish,
        usage=Usage(input_tokens=tokens_in, output_tokens=tokens_out,
                    cost=(tokens_in * price_in + tokens_out * price_out) / 1e6),
        latency_s=latency_s))


def request_key(model: str, messages: list[dict[str, Any]], config: GenerateConfig, epoch: int = 0) -> str:
    """Cache key of a request: (model, messages, config, epoch)."""
    payload = json.dumps(
        {"m": model, "msgs": messages, "cfg": config.cache_key_part(), "e": epoch},
        sort_keys=True, ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()
