"""What one worker needs to make a request: the request key, the cache, the budget, the
retried call (see ``_call``)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Coroutine, Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from charter.errors import ModelError
from charter.model import GenerateConfig, Model, ModelOutput
from charter.runner._budget import Budget
from charter.runner._call import Deadlines, call_model
from charter.store import decode_output
from charter.types import Message

if TYPE_CHECKING:
    from charter.runner._runner import Runner

__all__ = ["Call", "Keyer", "message_json"]


class Keyer:
    """request_key(model, messages, config, epoch) with the constant parts precomputed
    (same digest as :func:`charter.model.request_key`).

    The key hashes ``{"cfg": .., "e": .., "m": .., "msgs": [*prefix, *messages]}`` (sorted
    keys), so everything up to the request's own messages — the system prompt, often tens of
    kilobytes — is the same for every request of an epoch: it is serialized and hashed once
    per epoch, and each request hashes only its own messages on a copy of that state.
    """

    def __init__(self, model: str, prefix: list[Message], config: GenerateConfig) -> None:
        self.model = model
        self.prefix = [m.to_openai() for m in prefix]
        self.cfg = config.cache_key_part()
        self._heads: dict[int, Any] = {}

    def _head(self, epoch: int) -> Any:
        head = self._heads.get(epoch)
        if head is None:
            # "msgs" sorts last, so the payload ends with the message list: '...[PREFIX]}'
            text = json.dumps({"m": self.model, "msgs": self.prefix, "cfg": self.cfg, "e": epoch},
                              sort_keys=True, ensure_ascii=False)
            head = self._heads[epoch] = hashlib.sha256(text[:-2].encode())
        return head

    def __call__(self, messages: Sequence[Message], epoch: int) -> str:
        h = self._head(epoch).copy()
        if messages:
            own = ", ".join([message_json(m) for m in messages])
            h.update(((", " if self.prefix else "") + own).encode())
        h.update(b"]}")
        return str(h.hexdigest())


#: the fields ``message_json`` writes out; a Message with others falls back to json.dumps
_MESSAGE_FIELDS = ("content", "name", "role", "tool_call_id")
_WRITTEN_OUT = tuple(sorted(Message.model_fields)) == _MESSAGE_FIELDS


def message_json(m: Message) -> str:
    """``json.dumps(m.to_openai(), sort_keys=True, ensure_ascii=False)``, written out: a
    message's fields are four strings (two optional), so the keys' order is fixed and each
    value is one ``encode_basestring`` (what ``json.dumps`` itself calls for a string), at a
    fifth of the cost (no ``model_dump``, no encoder object)."""
    if not _WRITTEN_OUT:  # pragma: no cover - only if Message gains a field
        return json.dumps(m.to_openai(), sort_keys=True, ensure_ascii=False)
    out = '{"content": ' + encode_basestring(m.content)
    if m.name is not None:
        out += ', "name": ' + encode_basestring(m.name)
    out += ', "role": ' + encode_basestring(m.role)
    if m.tool_call_id is not None:
        out += ', "tool_call_id": ' + encode_basestring(m.tool_call_id)
    return out + "}"


class Call:
    """Model, config, limiter, keyer and store of one run (or ``generate_many``)."""

    def __init__(self, runner: Runner, model: Model, config: GenerateConfig, prefix: list[Message],
                 budget: Budget | None = None, stop: asyncio.Event | None = None) -> None:
        rc = runner.config
        self.api = model.api
        self.name = model.name
        self.config = config
        self.limiter = runner.limiter(model)
        self.keyer = Keyer(model.name, prefix, config)
        self.prefix = prefix
        self.store = runner.store
        self.use_cache = rc.cache
        # nothing of this model was ever cached: lookups cannot hit, skip them (a cold run)
        self.lookup = rc.cache and runner.store.cache_has_model(model.name)
        self.timeout = config.timeout or rc.timeout
        self.deadlines = Deadlines(self.timeout)
        self.budget = budget if budget is not None and budget.active else None
        self.max_retries = rc.max_retries
        self.backoff_base = rc.backoff_base
        self.backoff_max = rc.backoff_max
        self.stop = stop

    def _send(self, msgs: list[Message]) -> Coroutine[Any, Any, tuple[ModelOutput | ModelError, int]]:
        # the call's coroutine itself (no coroutine of its own around it: one layer less on
        # every resume of the request)
        return call_model(self.api, msgs, self.config, self.limiter, timeout=self.timeout,
                          max_retries=self.max_retries, backoff_base=self.backoff_base,
                          backoff_max=self.backoff_max, stop=self.stop, deadlines=self.deadlines)

    async def __call__(self, messages: Sequence[Message], epoch: int
                       ) -> tuple[ModelOutput | ModelError, str, int, bool, float] | None:
        """(output or error, request key, attempts, served from cache, latency); None when
        the budget is spent (nothing was sent)."""
        t0 = time.perf_counter()
        key = self.keyer(messages, epoch)
        if self.lookup:
            data = self.store.cache_get(key)
            if data is not None:
                try:
                    return decode_output(data), key, 0, True, time.perf_counter() - t0
                except ValueError:
                    pass  # a row that cannot be read is a miss: the fresh answer replaces it
        msgs = [*self.prefix, *messages] if self.prefix else list(messages)
        budget = self.budget
        if budget is None:
            res, attempts = await self._send(msgs)
            return res, key, attempts, False, time.perf_counter() - t0
        r = await budget.reserve(msgs)
        if r is None:
            return None
        tin = tout = 0
        cost = 0.0
        try:
            res, attempts = await self._send(msgs)
            if not isinstance(res, ModelError):
                u = res.usage
                tin, tout, cost = u.input_tokens, u.output_tokens, u.cost
        finally:
            budget.settle(r, tin, tout, cost)
        return res, key, attempts, False, time.perf_counter() - t0
