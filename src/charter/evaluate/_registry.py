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
from charter.registry import Context, Registry
from charter.types import Case, Response, Score, Scorer, ScorerFamily

__all__ = ["ScorerInfo", "check", "classifier", "create_scorer", "judge", "scorers"]

#: predicate: can this scorer run for this guide on this installation (extras, examples)?
Available = Callable[[Guide], bool]


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
    #: part of a guide's default scorer set (:func:`~charter.evaluate.build_scorers`: ``charter
    #: eval``, ``run``, ``data``); a scorer with ``options_hint`` joins it only when
    #: one of those options is given
    default: bool = True
    #: whether it can run for a guide here (an extra installed, enough examples); ``None``: always
    available: Available | None = None


#: every scorer, built-in or plugin; built-ins live in these modules
scorers: Registry[ScorerInfo] = Registry(
    "scorer", builtins=("charter.evaluate.checks", "charter.evaluate.classifiers", "charter.evaluate.judges"),
    homes={"rubric": "charter.evaluate.judges", "yesno": "charter.evaluate.judges"})
#: the built-in modules of the default checks and classifiers (``build_scorers`` lists these
#: without importing the judges, which a run without a judge never uses)
DEFAULT_SET_MODULES = ("charter.evaluate.checks", "charter.evaluate.classifiers")


class _FunctionScorer:
    def __init__(self, name: str, family: ScorerFamily,
                 fn: Callable[[Case, Response], Awaitable[Score]]) -> None:
        self.id = name
        self.family = family
        self._fn = fn

    async def __call__(self, case: Case, response: Response) -> Score:
        return await self._fn(case, response)


def _register(family: ScorerFamily, name: str, description: str, needs_model: bool,
              options_hint: tuple[str, ...], default: bool, available: Available | None) -> Callable[[Any], Any]:
    def deco(obj: Any) -> Any:
        factory: Callable[..., Scorer]
        if inspect.isclass(obj):
            cls: Any = obj
            cls.id = name
            cls.family = family
            factory = cls
        elif inspect.iscoroutinefunction(obj):
            fn = obj

            def make_function_scorer(guide: Guide | None = None, **options: Any) -> Scorer:
                return _FunctionScorer(name, family, fn)

            factory = make_function_scorer
        else:
            raise TypeError(f"@{family}('{name}') needs a class or an async function, got {obj!r}")
        doc = description or (inspect.getdoc(obj) or "").split("\n")[0]
        scorers.add(name, ScorerInfo(name, family, factory, doc, needs_model, options_hint, default, available))
        return obj

    return deco


def check(name: str, *, description: str = "", options_hint: tuple[str, ...] = (), default: bool = True,
          available: Available | None = None) -> Callable[[Any], Any]:
    """Register a deterministic scorer (family ``check``) under ``name``; ``default=False``
    keeps it out of a guide's default set (then only ``create_scorer`` builds it)."""
    return _register("check", name, description, False, options_hint, default, available)


def classifier(name: str, *, description: str = "", default: bool = True,
               available: Available | None = None) -> Callable[[Any], Any]:
    """Register a local-ML scorer (family ``classifier``) under ``name``; ``available`` says
    when it can run (its extra installed, the guide has what it needs)."""
    return _register("classifier", name, description, False, (), default, available)


def judge(name: str, *, description: str = "") -> Callable[[Any], Any]:
    """Register an LLM-judge scorer (family ``judge``); its factory takes ``model=``.
    :func:`~charter.evaluate.build_scorers` uses the judge named by its ``judge_mode``."""
    return _register("judge", name, description, True, (), False, None)


def create_scorer(name: str, guide: Guide | None = None, *, context: Context | None = None,
                  **options: Any) -> Scorer:
    """Build the registered scorer ``name`` for ``guide`` with ``options`` (``context``: whose
    registry; default the current :class:`charter.Context`)."""
    return scorers.get(name, context=context).factory(guide, **options)
