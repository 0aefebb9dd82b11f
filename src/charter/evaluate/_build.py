"""The default scorer set for a guide, scoring a response with many scorers, and a case's
overall verdict."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

from charter.evaluate._score import Response, Score, Scorer, Verdict
from charter.guide import Guide
from charter.model import Model
from charter.suite import Case

__all__ = ["build_scorers", "case_outcome", "score_response"]


def build_scorers(guide: Guide, *, judge: Model | None = None, canaries: Sequence[str] = (),
                  system_prompt: str | None = None, classifiers: bool = True) -> list[Scorer]:
    """The default scorers for ``guide`` (used by ``charter eval`` / ``run``, SFT filtering and
    guards): the deterministic checks; with ``classifiers`` the language classifier (extra
    ``classifiers``), the profanity classifier (extra ``profanity``) when installed, and the
    classifier trained from the guide; with a ``judge`` model, the rubric judge.
    ``canaries`` / ``system_prompt`` turn on the leakage check."""
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

    out: list[Scorer] = [RefusalCheck(guide), VerbosityCheck(guide), FormattingCheck(guide), PIICheck(guide),
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
        from charter.evaluate.judges import RubricJudge

        out.append(RubricJudge(guide, model=judge))
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
