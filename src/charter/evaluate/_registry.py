"""The scorer registry and its decorators: ``@check``, ``@classifier``, ``@judge``.

A registered scorer is a *factory*: a class (or function) called as
``factory(guide=None, **options) -> Scorer``. A plain ``async def fn(case, response) -> Score``
can be registered too; it is wrapped so that it has an ``id`` and a ``family``.

>>> @check("shouting")
... class Shouting(CheckScorer):
...     def evaluate(self, case, response):
...         loud = response.text.isupper()
...         return self.make(case, Verdict.fail if loud else Verdict.pass_)
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from charter.guide import Guide
from charter.registry import Registry
from charter.suite import Case
from charter.types import Response, Score, Scorer, ScorerFamily

__all__ = ["ScorerInfo", "check", "classifier", "create_scorer", "judge", "scorers"]


@dataclass(frozen=True)
class ScorerInfo:
    """What the registry holds for one scorer: its name, family and factory."""

    name: str
    family: ScorerFamily
    factory: Callable[..., Scorer]
    description: str = ""
    #: the factory needs a judge ``model=`` option
    needs_model: bool = False
    #: the factory needs these options (e.g. ``canaries``) to be useful; without them it is n/a
    options_hint: tuple[str, ...] = ()


scorers: Registry[ScorerInfo] = Registry("scorer")


class _FunctionScorer:
    def __init__(self, name: str, family: ScorerFamily,
                 fn: Callable[[Case, Response], Awaitable[Score]]) -> None:
        self.id = name
        self.family = family
        self._fn = fn

    async def __call__(self, case: Case, response: Response) -> Score:
        return await self._fn(case, response)


def _register(family: ScorerFamily, name: str, description: str, needs_model: bool,
              options_hint: tuple[str, ...]) -> Callable[[Any], Any]:
    def deco(obj: Any) -> Any:
        if inspect.isclass(obj):
            obj.id = name
            obj.family = family
            factory: Callable[..., Scorer] = obj
        elif inspect.iscoroutinefunction(obj):
            fn = obj

            def factory(guide: Guide | None = None, **options: Any) -> Scorer:
                return _FunctionScorer(name, family, fn)
        else:
            raise TypeError(f"@{family}('{name}') needs a class or an async function, got {obj!r}")
        doc = description or (inspect.getdoc(obj) or "").split("\n")[0]
        scorers.add(name, ScorerInfo(name, family, factory, doc, needs_model, options_hint))
        return obj

    return deco


def check(name: str, *, description: str = "", options_hint: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """Register a deterministic scorer (family ``check``) under ``name``."""
    return _register("check", name, description, False, options_hint)


def classifier(name: str, *, description: str = "") -> Callable[[Any], Any]:
    """Register a local-ML scorer (family ``classifier``) under ``name``."""
    return _register("classifier", name, description, False, ())


def judge(name: str, *, description: str = "") -> Callable[[Any], Any]:
    """Register an LLM-judge scorer (family ``judge``); its factory takes ``model=``."""
    return _register("judge", name, description, True, ())


def create_scorer(name: str, guide: Guide | None = None, **options: Any) -> Scorer:
    """Build the registered scorer ``name`` for ``guide`` with ``options``."""
    _ensure_builtins()
    return scorers.get(name).factory(guide, **options)


def _ensure_builtins() -> None:
    import charter.evaluate.checks
    import charter.evaluate.classifiers
    import charter.evaluate.judges  # noqa: F401
