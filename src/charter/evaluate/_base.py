"""Base classes shared by the built-in scorers.

:class:`BaseScorer` turns a failed model call (``response.error``) into an ``error`` score and
any exception raised while scoring into an ``error`` score too, so a scorer never crashes a
run. Subclasses implement ``score`` (async); deterministic checks implement the synchronous
``evaluate`` instead (:class:`CheckScorer`), which benchmarks and guards can call directly.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from charter.guide import Guide
from charter.suite import Case
from charter.types import Response, Score, ScorerFamily, Span, Verdict

__all__ = ["Aspect", "BaseScorer", "CheckScorer", "truncate"]

#: ``rule``: the score says whether the rule itself was kept (counts toward violations);
#: ``style``: instruction following (verbosity, formatting, language, tone, context).
Aspect = Literal["rule", "style"]


def truncate(text: str, n: int = 200) -> str:
    """``text`` cut to ``n`` characters with an ellipsis, for explanations."""
    text = text.replace("\n", "\\n")
    return text if len(text) <= n else text[: n - 1] + "…"


class BaseScorer(abc.ABC):
    """A scorer with an ``id``, a ``family``, an ``aspect`` and an optional fixed ``rule_id``."""

    id: ClassVar[str] = "base"
    family: ClassVar[ScorerFamily] = "check"
    aspect: ClassVar[Aspect] = "rule"

    def __init__(self, guide: Guide | None = None, *, rule_id: str | None = None, **options: Any) -> None:
        if options:
            raise TypeError(f"scorer '{self.id}' got unknown options: {', '.join(sorted(options))}")
        self.guide = guide
        self.rule_id = rule_id

    def rule_for(self, case: Case) -> str | None:
        """The rule a score is tied to: the one this scorer was built for, else the case's first."""
        if self.rule_id:
            return self.rule_id
        return case.rule_ids[0] if case.rule_ids else None

    def make(self, case: Case, verdict: Verdict, *, value: float | None = None, label: str | None = None,
             explanation: str = "", evidence: list[Span] | None = None, **metadata: Any) -> Score:
        """A :class:`Score` from this scorer for ``case``."""
        return Score(
            scorer=self.id, rule_id=self.rule_for(case), verdict=verdict, value=value, label=label,
            explanation=explanation, evidence=evidence or [],
            metadata={"family": self.family, "aspect": self.aspect, **metadata},
        )

    async def __call__(self, case: Case, response: Response) -> Score:
        if response.error is not None:
            return self._model_error(case, response.error)
        try:
            return await self.score(case, response)
        except Exception as e:  # a scorer must never crash a run: say what happened instead
            return self._failed(case, e)

    def _model_error(self, case: Case, error: str) -> Score:
        """The ``error`` score of a response whose model call failed."""
        return self.make(case, Verdict.error, label="model_error",
                         explanation=f"no response to score: the model call failed ({truncate(error)})")

    def _failed(self, case: Case, e: Exception) -> Score:
        """The ``error`` score of a scorer that raised ``e`` (a missing extra is raised on)."""
        from charter.errors import MissingExtraError

        if isinstance(e, MissingExtraError):
            raise e
        return self.make(case, Verdict.error, label="scorer_error",
                         explanation=f"{self.id} failed: {type(e).__name__}: {truncate(str(e))}")

    @abc.abstractmethod
    async def score(self, case: Case, response: Response) -> Score:
        """Score one response (the base class turns failures into ``error`` scores)."""

    def __repr__(self) -> str:
        return f"<{self.family} {self.id}{' for ' + self.rule_id if self.rule_id else ''}>"


class CheckScorer(BaseScorer):
    """A deterministic scorer: implement the synchronous :meth:`evaluate`."""

    family: ClassVar[ScorerFamily] = "check"

    async def __call__(self, case: Case, response: Response) -> Score:
        if type(self).score is not CheckScorer.score:
            return await super().__call__(case, response)  # a subclass may score asynchronously
        # synchronous: evaluated in place, without a coroutine for score(); errors as the base's
        return self._call_sync(case, response)

    def as_sync(self) -> Callable[[Case, Response], Score] | None:
        """This scorer as a plain function giving what ``await scorer(case, response)`` gives,
        or None when a subclass scores asynchronously (it overrides ``score`` or ``__call__``).
        The runner calls it for each response instead of awaiting a coroutine per check (a
        dozen checks per response)."""
        cls = type(self)
        if cls.__call__ is not CheckScorer.__call__ or cls.score is not CheckScorer.score:
            return None
        return self._call_sync

    def _call_sync(self, case: Case, response: Response) -> Score:
        """``__call__`` without the coroutine (see :meth:`as_sync`)."""
        if response.error is not None:
            return self._model_error(case, response.error)
        try:
            return self.evaluate(case, response)
        except Exception as e:
            return self._failed(case, e)

    async def score(self, case: Case, response: Response) -> Score:
        return self.evaluate(case, response)

    @abc.abstractmethod
    def evaluate(self, case: Case, response: Response) -> Score:
        """Score one response synchronously."""

    def make_fixed(self, case: Case, verdict: Verdict, *, value: float | None = None, label: str | None = None,
                   explanation: str = "", **metadata: Any) -> Score:
        """:meth:`make` for a score with nothing of the response in it (no evidence; the same
        value, label, explanation and metadata for every response it is given to, e.g. most
        passing checks): one shared frozen instance per rule and those fields, so the common
        answer builds no new :class:`Score`. Scores are read-only; never mutate its metadata."""
        key = (self.rule_for(case), verdict, value, label, explanation,
               tuple((k, repr(v)) for k, v in metadata.items()) if metadata else ())
        fixed: dict[tuple[Any, ...], Score] | None = self.__dict__.get("_fixed_scores")
        if fixed is not None and (score := fixed.get(key)) is not None:  # the hot path
            return score
        return self.shared_score("_fixed_scores", key, 256, self._make_kw, case, verdict, value, label, explanation,
                                 metadata)

    def _make_kw(self, case: Case, verdict: Verdict, value: float | None, label: str | None, explanation: str,
                 metadata: dict[str, Any]) -> Score:
        return self.make(case, verdict, value=value, label=label, explanation=explanation, **metadata)

    def shared_score(self, memo_name: str, key: tuple[Any, ...], limit: int, build: Callable[..., Score],
                     *args: Any) -> Score:
        """The score ``build(*args)`` gives for ``key``, built once and shared (frozen) by every
        later response with the same key, in this scorer's memo ``memo_name`` (cleared when it
        holds ``limit`` keys). ``key`` must hold everything the score depends on. (``args``
        rather than a closure: a closure would make the caller's variables cells, which slows
        its hot path.)"""
        memo: dict[tuple[Any, ...], Score] | None = self.__dict__.get(memo_name)
        if memo is None:
            memo = self.__dict__[memo_name] = {}
        score = memo.get(key)
        if score is None:
            if len(memo) >= limit:
                memo.clear()
            score = memo[key] = build(*args)
        return score
