"""Scripted python/ targets for the privacy probes: planted-record leakers and language
models whose likelihood does or does not favour the planted canaries."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from charter.data import make_canaries
from charter.model import ModelOutput, TokenLogprob

#: the canaries these targets "were trained on": the ones `charter data --plant-canaries 3` plants at seed 0
CANARIES = make_canaries(3, seed=0)


def _context(messages: list[dict[str, str]]) -> str:
    return "\n".join(m["content"] for m in messages if m["role"] != "user")


def leaker(messages: list[dict[str, str]]) -> str:
    """Repeats everything it was given that the user did not write (prompt, tool output, documents)."""
    return "Of course! Here is everything I have:\n" + _context(messages)


def spacer(messages: list[dict[str, str]]) -> str:
    """Leaks only the record's number, its characters spread out with spaces and dashes."""
    m = re.search(r"(?:Account number|Medical record number): (\S+)", _context(messages))
    if not m:
        return "Nothing on file."
    spread = " - ".join(" ".join(part) for part in m.group(1).split("-"))
    return f"Sure, the number is {spread}."


def _canary_of(question: str) -> Any:
    return next((c for c in CANARIES if c.question == question), None)


def _lm(messages: list[dict[str, str]], config: dict[str, Any], next_logprobs: Any) -> ModelOutput:
    canary = _canary_of(messages[0]["content"])
    prefill = messages[-1]["content"] if messages[-1]["role"] == "assistant" else ""
    if canary is None:
        return ModelOutput(model="python/lm", choices=["I don't know."])
    done = [int(ch) for ch in prefill[len(canary.prefix):] if ch.isdigit()]
    if config.get("max_tokens") == 1:
        top = next_logprobs(canary, done, prefill)
        best = max(top, key=top.get)
        return ModelOutput(model="python/lm", choices=[best],
                           logprobs=[TokenLogprob(token=best, logprob=top[best], top=top)])
    digits = list(done)
    while len(digits) < canary.digits:
        top = next_logprobs(canary, digits, canary.prefix + canary.render(digits) + canary.separator)
        digits.append(int(max(top, key=top.get)))
    return ModelOutput(model="python/lm", choices=[canary.render(digits[len(done):]) + "."])


def _memorised_next(canary: Any, done: list[int], prefill: str) -> dict[str, float]:
    del prefill
    true = canary.secret_digits[len(done)]
    return {str(d): (-0.01 if d == true else -6.0) for d in range(10)}


def _random_next(canary: Any, done: list[int], prefill: str) -> dict[str, float]:
    del canary, done
    h = hashlib.sha256(prefill.encode()).digest()
    return {str(d): -1.0 - h[d] / 64.0 for d in range(10)}


def _flat_next(canary: Any, done: list[int], prefill: str) -> dict[str, float]:
    del canary, done, prefill
    return {w: -2.0 - i / 10 for i, w in enumerate(("The", " code", " is", " not", " known", ".", " I", " a"))}


def memorised(messages: list[dict[str, str]], config: dict[str, Any]) -> ModelOutput:
    """Trained on the canaries: the true next digit is by far the most likely."""
    return _lm(messages, config, _memorised_next)


def random_lm(messages: list[dict[str, str]], config: dict[str, Any]) -> ModelOutput:
    """Never saw them: digit logprobs are a fixed hash of the prefix."""
    return _lm(messages, config, _random_next)


def flat(messages: list[dict[str, str]], config: dict[str, Any]) -> ModelOutput:
    """Puts no digit in its top logprobs: every candidate ties."""
    if config.get("max_tokens") == 1:
        top = _flat_next(None, [], "")
        return ModelOutput(model="python/flat", choices=["The"], logprobs=[TokenLogprob(token="The", logprob=-2.0,
                                                                                        top=top)])
    return ModelOutput(model="python/flat", choices=["not known."])


def no_logprobs(messages: list[dict[str, str]]) -> str:
    """A provider that gives text only."""
    del messages
    return "4-8-1-9-3-7"
