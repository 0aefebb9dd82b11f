"""A memo of the span detectors (``find_pii``, ``find_secrets``) for one exchange.

The proxy's guards and its recorder read the same texts: the output guards run ``find_pii``
and ``find_secrets`` on the answer, the input guard ``find_secrets`` on the request, and the
recorder's scrubber runs both again on the same strings, in its own thread. Both detectors are
pure functions of the text, so the proxy opens a memo for the exchange (:func:`span_memo`),
hands it to the recorder with the exchange, and the recorder reads the spans back instead of
scanning again. The memo lives as long as the exchange: texts of other exchanges never share it
(no memo is open outside :func:`span_memo`, and then each call scans as before).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token

from charter.types import Span

__all__ = ["SpanMemo", "memoised", "span_memo"]

#: (detector name, text) -> its spans
SpanMemo = dict[tuple[str, str], list[Span]]

_MEMO: ContextVar[SpanMemo | None] = ContextVar("charter_span_memo", default=None)


class span_memo:  # (a class, not @contextmanager: a third of the cost per use)
    """Within the block, the detectors keep their results in ``memo`` (None: no memo)."""

    __slots__ = ("_memo", "_token")

    def __init__(self, memo: SpanMemo | None) -> None:
        self._memo = memo
        self._token: Token[SpanMemo | None] | None = None

    def __enter__(self) -> SpanMemo | None:
        self._token = _MEMO.set(self._memo)
        return self._memo

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _MEMO.reset(self._token)
            self._token = None


def memoised(name: str, text: str, find: Callable[[str], list[Span]]) -> list[Span]:
    """``find(text)``, read from the open memo when it has it (a new list each call: callers
    may change theirs)."""
    memo = _MEMO.get()
    if memo is None:
        return find(text)
    key = (name, text)
    spans = memo.get(key)
    if spans is None:
        spans = memo[key] = find(text)
    return list(spans)
