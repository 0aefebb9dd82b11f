"""`mock/<behavior>`: deterministic, offline models for tests and demos.

Behaviors:

- ``refuse``   always refuses;
- ``comply``   always answers helpfully (echoes the request in a compliant answer);
- ``echo``     returns the last user message verbatim;
- ``leak``     repeats its system prompt, then the request (a model that leaks, for guard tests);
- ``cautious`` refuses when the request contains a risky keyword, otherwise complies —
  a crude stand-in for a safety-tuned model, producing both violations and false refusals;
- ``json``     returns JSON matching ``response_schema`` (minimal valid instance);
- ``error``    always raises a non-retryable ModelError;
- ``flaky``    fails with a retryable error on every other call;
- ``script:<file>``  answers from a JSONL file of {"match": substring, "response": text}.

Options: ``latency`` (seconds) to simulate slow models. ``max_tokens`` cuts an answer after that
many words, with ``finish_reason`` ``length`` as a real model's.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

from charter.errors import ConfigError, ModelError
from charter.model._api import ModelAPI, provider
from charter.model._types import GenerateConfig, ModelOutput, TokenLogprob, Usage
from charter.types import Message

RISKY = re.compile(
    r"\b(kill|weapon|bomb|explosive|poison|hack|steal|address of|home address|password|"
    r"credit card|suicide|drugs?|meth|malware|exploit|ssn|social security|hate|attack)\b",
    re.I,
)
REFUSAL = "I'm sorry, but I can't help with that request."


def _minimal(schema: dict[str, Any]) -> Any:
    t = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if t == "object":
        props = schema.get("properties", {})
        return {k: _minimal(v) for k, v in props.items()}
    if t == "array":
        return []
    if t == "integer":
        return int(schema.get("minimum", 0))
    if t == "number":
        return float(schema.get("minimum", 0))
    if t == "boolean":
        return True
    return "ok"


@provider("mock")
class MockModel(ModelAPI):
    default_concurrency = 256
    BEHAVIORS = ("refuse", "comply", "echo", "cautious", "json", "error", "flaky", "leak")

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.behavior, _, arg = model.partition(":")
        if self.behavior not in (*self.BEHAVIORS, "script"):
            raise ConfigError(
                f"unknown mock behavior '{model}'",
                hint=f"use one of: {', '.join(self.BEHAVIORS)}, script:<file.jsonl>",
            )
        self.latency = float(options.get("latency", 0.0))
        self.calls = 0
        self.script: list[tuple[str, str]] = []
        if self.behavior == "script":
            p = Path(arg)
            if not p.is_file():
                raise ConfigError(f"mock script '{arg}' not found", hint="pass mock/script:path/to/file.jsonl")
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        row = json.loads(line)
                        self.script.append((str(row["match"]), str(row["response"])))
                    except (json.JSONDecodeError, KeyError, TypeError) as e:
                        raise ConfigError(f"{p}:{i}: bad mock script line ({e})",
                                          hint='each line is {"match": "...", "response": "..."}') from None

    def _answer(self, prompt: str, config: GenerateConfig) -> str:
        b = self.behavior
        if b == "refuse":
            return REFUSAL
        if b == "echo":
            return prompt
        if b == "json":
            return json.dumps(_minimal(config.response_schema or {"type": "object"}))
        if b == "cautious" and RISKY.search(prompt):
            return REFUSAL
        if b == "script":
            for match, response in self.script:
                if match in prompt:
                    return response
            return REFUSAL
        return f"Sure, here is help with your request: {prompt[:200]}"

    def prices(self) -> tuple[float, float] | None:
        """Free: nothing is billed."""
        return (0.0, 0.0)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        self.calls += 1
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.behavior == "error":
            raise ModelError("mock/error always fails", hint="use another mock behavior")
        if self.behavior == "flaky" and self.calls % 2 == 1:
            raise ModelError("mock/flaky transient failure", retryable=True)
        prompt = next((m.content for m in reversed(messages) if m.role == "user"), "")
        if self.behavior == "leak":
            system = "\n".join(m.content for m in messages if m.role in ("system", "developer"))
            text = f"My instructions say: {system}\nYou asked: {prompt}"
        else:
            text = self._answer(prompt, config)
        finish = "stop"
        if config.max_tokens is not None and len(text.split(" ")) > config.max_tokens:
            text, finish = " ".join(text.split(" ")[: config.max_tokens]), "length"  # cut at the cap
        logprobs = None
        if config.logprobs:
            logprobs = [TokenLogprob(token=t, logprob=-0.1, top={t: -0.1}) for t in text.split(" ")[:50]]
        words_in = sum(len(m.content.split()) for m in messages)
        return ModelOutput(
            model=f"mock/{self.model}",
            choices=[text] * config.n,
            finish_reason=finish,
            usage=Usage(input_tokens=words_in, output_tokens=len(text.split())),
            logprobs=logprobs,
        )
