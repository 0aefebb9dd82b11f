"""One model request with a timeout, retries with jittered exponential backoff (Retry-After
honoured) and the per-model adaptive concurrency limit."""

from __future__ import annotations

import asyncio
import random

from charter.errors import ModelError
from charter.model import GenerateConfig, ModelAPI, ModelOutput
from charter.runner._limiter import AdaptiveLimiter
from charter.types import Message

__all__ = ["backoff_delay", "call_model"]


def backoff_delay(attempt: int, err: ModelError, base: float, cap: float) -> float:
    """Delay before retry number ``attempt`` (1-based): the server's Retry-After when given
    (plus up to 10% jitter, so clients do not return in lock-step), else full jitter over
    ``base * 2**(attempt-1)``, both capped at ``cap``."""
    if err.retry_after is not None and err.retry_after >= 0:
        return min(cap, float(err.retry_after) * (1.0 + 0.1 * random.random()))
    return random.uniform(0.5, 1.0) * min(cap, base * 2.0 ** (attempt - 1))


def _as_model_error(e: Exception, timeout: float) -> ModelError:
    if isinstance(e, ModelError):
        return e
    if isinstance(e, TimeoutError):
        return ModelError(f"request timed out after {timeout:g}s", retryable=True)
    if isinstance(e, (OSError, ConnectionError, EOFError)):
        return ModelError(f"connection failed: {type(e).__name__}: {e}", retryable=True)
    mod = type(e).__module__
    if mod.startswith("aiohttp"):
        # transport-level failures the provider did not map itself
        return ModelError(f"connection failed: {type(e).__name__}: {e}", retryable=True)
    return ModelError(f"provider raised {type(e).__name__}: {e}", retryable=False)


async def call_model(api: ModelAPI, messages: list[Message], config: GenerateConfig, limiter: AdaptiveLimiter, *,
                     timeout: float, max_retries: int, backoff_base: float, backoff_max: float,
                     stop: asyncio.Event | None = None,
                     ) -> tuple[ModelOutput | ModelError, int]:
    """Call ``api.generate`` until it answers, fails for good, or retries run out. Returns
    the output (or the last error) and the number of attempts. Never raises ModelError;
    cancellation propagates. Once ``stop`` is set (SIGTERM) a failed attempt is
    not retried: its error is returned, and a resume retries it."""
    attempts = 0
    while True:
        attempts += 1
        await limiter.acquire()
        try:
            async with asyncio.timeout(timeout):
                out = await api.generate(messages, config)
        except Exception as e:
            err = _as_model_error(e, timeout)
        else:
            limiter.succeeded()
            return out, attempts
        finally:
            limiter.release()  # also on cancellation: a slot must never leak
        if err.status == 429:
            limiter.throttled()
        if not err.retryable or attempts > max_retries or (stop is not None and stop.is_set()):
            return err, attempts
        delay = backoff_delay(attempts, err, backoff_base, backoff_max)
        if stop is None:
            await asyncio.sleep(delay)
            continue
        try:  # a stop request ends the wait (and the retries) at once
            async with asyncio.timeout(delay):
                await stop.wait()
        except TimeoutError:
            continue
        return err, attempts
