"""The default scorer set for a guide, scoring a response with many scorers, and a case's
overall verdict."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from charter.errors import ConfigError
from charter.evaluate._registry import DEFAULT_SET_MODULES, scorers
from charter.guide import Guide
from charter.model import Model
from charter.registry import Context
from charter.types import Case, Response, Score, Scorer, Verdict

__all__ = ["JUDGE_MODES", "IntentFilter", "build_scorers", "case_outcome", "score_response"]

JUDGE_MODES = ("rubric", "yesno")


class IntentFilter:
    """A scorer applied only to cases of some intents (``n/a`` elsewhere): lets a slow LLM
    judge look at the cases where harm is at stake while checks score the rest."""

    def __init__(self, scorer: Scorer, intents: Sequence[str]) -> None:
        self.inner = scorer
        self.id = scorer.id
        self.family = scorer.family
        self.intents = frozenset(intents)

    async def __call__(self, case: Case, response: Response) -> Score:
        if case.intent.value in self.intents:
            return await self.inner(case, response)
        return Score(scorer=self.id, rule_id=case.rule_ids[0] if case.rule_ids else None, verdict=Verdict.na,
                     explanation=f"not judged: this run judges only {', '.join(sorted(self.intents))} cases",
                     metadata={"family": self.family, "aspect": "rule"})


def _takes_judge(factory: Callable[..., Scorer]) -> bool:
    try:
        return "judge" in inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False


def build_scorers(guide: Guide, *, judge: Model | Scorer | None = None, canaries: Sequence[str] = (),
                  system_prompt: str | None = None, classifiers: bool = True, judge_mode: str = "rubric",
                  judge_intents: Sequence[str] | None = None, context: Context | None = None) -> list[Scorer]:
    """The default scorers for ``guide`` (used by ``charter eval`` / ``run``, SFT filtering and
    guards), asked of the scorer registry of ``context`` (default: the current
    :class:`charter.Context`), so a plugin's ``@check`` joins them exactly like a built-in:

    * every registered ``default`` check, in registration order (built-ins first); a check
      with an ``options_hint`` joins only when one of those options is given: ``canaries`` /
      ``system_prompt`` turn on the leakage check;
    * with ``classifiers``, every ``default`` classifier whose ``available(guide)`` holds
      (language: extra ``classifiers``; profanity: extra ``profanity``; the classifier trained
      from the guide: numpy and two examples);
    * with a ``judge`` model, the judge registered under ``judge_mode`` (``rubric``, or
      ``yesno``: the log-probability judge small local models handle best); ``judge_intents``:
      judge only cases of those intents, ``n/a`` elsewhere; a factory that takes a ``judge``
      option (the refusal check: it asks the judge, yes/no, when its patterns and classifier
      are unsure) gets the judge model;
    * a ``judge`` that is already a scorer (the reward-model judge, ``--judge rm/<dir>``) is
      used as the judge as it is.
    """
    if judge_mode not in JUDGE_MODES:
        raise ConfigError(f"unknown judge mode '{judge_mode}'", hint=f"use one of: {', '.join(JUDGE_MODES)}")
    options: dict[str, Any] = {"canaries": list(canaries), "system_prompt": system_prompt}
    out: list[Scorer] = []
    infos = scorers.values(context=context, builtins=DEFAULT_SET_MODULES)  # the judges load only when asked for
    for family in ("check", "classifier"):
        if family == "classifier" and not classifiers:
            continue
        for info in infos:
            if info.family != family or not info.default:
                continue
            if info.available is not None and not info.available(guide):
                continue
            given = {k: options[k] for k in info.options_hint if options.get(k)}
            if info.options_hint and not given:
                continue
            if isinstance(judge, Model) and _takes_judge(info.factory):
                given["judge"] = judge
            out.append(info.factory(guide, **given))
    if judge is not None:
        judge_scorer = (scorers.get(judge_mode, context=context).factory(guide, model=judge)
                        if isinstance(judge, Model) else judge)
        out.append(IntentFilter(judge_scorer, judge_intents) if judge_intents else judge_scorer)
    return out


async def score_response(scorers: Iterable[Scorer], case: Case, response: Response) -> list[Score]:
    """Run every scorer on one response, concurrently, in the scorers' order."""
    return list(await asyncio.gather(*(s(case, response) for s in scorers)))


def case_outcome(case: Case, scores: Iterable[Score], *, response: Response | None = None,
                 guide: Guide | None = None) -> Verdict:
    """A case's verdict for its rule under test, from the authoritative scorer
    (:func:`charter.evaluate.case_verdict`): the judge, else a check tied to the rule, else the
    refusal detector; ``n/a`` when none applies (the case is unscored). Style and safety checks
    not tied to the rule never fail it."""
    from charter.evaluate._verdict import case_verdict

    return case_verdict(case, scores, response=response, guide=guide).verdict
