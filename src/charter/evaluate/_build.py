"""The default scorer set for a guide, scoring a response with many scorers, and a case's
overall verdict."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

from charter.evaluate._score import Response, Score, Scorer, Verdict
from charter.guide import Guide
from charter.model import Model
from charter.suite import Case

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


def build_scorers(guide: Guide, *, judge: Model | None = None, canaries: Sequence[str] = (),
                  system_prompt: str | None = None, classifiers: bool = True, judge_mode: str = "rubric",
                  judge_intents: Sequence[str] | None = None) -> list[Scorer]:
    """The default scorers for ``guide`` (used by ``charter eval`` / ``run``, SFT filtering and
    guards): the deterministic checks; with ``classifiers`` the language classifier (extra
    ``classifiers``), the profanity classifier (extra ``profanity``) when installed, and the
    classifier trained from the guide; with a ``judge`` model, the rubric judge
    (``judge_mode="yesno"``: the log-probability judge small local models handle best;
    the refusal check also asks the judge, yes/no, when its patterns and classifier are unsure;
    ``judge_intents``: judge only cases of those intents, ``n/a`` elsewhere).
    ``canaries`` / ``system_prompt`` turn on the leakage check."""
    if judge_mode not in JUDGE_MODES:
        from charter.errors import ConfigError

        raise ConfigError(f"unknown judge mode '{judge_mode}'", hint=f"use one of: {', '.join(JUDGE_MODES)}")
    from charter.evaluate.checks import (
        ContextCheck,
        FormattingCheck,
        HumanClaimCheck,
        LeakageCheck,
        PIICheck,
        PreachyCheck,
        RefusalCheck,
        VerbosityCheck,
    )

    out: list[Scorer] = [RefusalCheck(guide, judge=judge), VerbosityCheck(guide), FormattingCheck(guide), PIICheck(guide),
                         PreachyCheck(guide), HumanClaimCheck(guide), ContextCheck(guide)]
    if canaries or system_prompt:
        out.append(LeakageCheck(guide, canaries=canaries, system_prompt=system_prompt))
    if classifiers:
        import importlib.util

        from charter.evaluate.classifiers import (
            GuideClassifierScorer,
            LanguageClassifier,
            ProfanityClassifier,
            profanity_available,
        )

        if importlib.util.find_spec("py3langid") is not None:
            out.append(LanguageClassifier(guide))
        if profanity_available():
            out.append(ProfanityClassifier(guide))
        if importlib.util.find_spec("numpy") is not None and sum(len(r.examples) for r in guide.iter_rules()) >= 2:
            out.append(GuideClassifierScorer(guide))
    if judge is not None:
        from charter.evaluate.judges import RubricJudge, YesNoJudge

        judge_scorer: Scorer = (RubricJudge if judge_mode == "rubric" else YesNoJudge)(guide, model=judge)
        out.append(IntentFilter(judge_scorer, judge_intents) if judge_intents else judge_scorer)
    return out


async def score_response(scorers: Iterable[Scorer], case: Case, response: Response) -> list[Score]:
    """Run every scorer on one response, concurrently, in the scorers' order."""
    return list(await asyncio.gather(*(s(case, response) for s in scorers)))


def case_outcome(case: Case, scores: Iterable[Score]) -> Verdict:
    """A case's overall verdict: fail if any score fails, else error if any errs, else pass
    (n/a scores are ignored; a case with no applicable score is n/a)."""
    verdicts = [s.verdict for s in scores]
    if Verdict.fail in verdicts:
        return Verdict.fail
    if Verdict.error in verdicts:
        return Verdict.error
    if Verdict.pass_ in verdicts:
        return Verdict.pass_
    return Verdict.na
