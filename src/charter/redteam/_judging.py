"""Success is the judge's call: a rubric judge (``charter.evaluate.judges``) asked whether the
target's last answer follows the rule; a ``fail`` is a successful attack."""

from __future__ import annotations

from charter.evaluate import Response, Verdict
from charter.evaluate.judges import RubricJudge
from charter.guide import Expected, Guide
from charter.model import Model
from charter.suite import Case, Intent, Message

__all__ = ["JudgeCall", "RuleJudge"]


class JudgeCall:
    """The judge's answer on one response."""

    def __init__(self, verdict: Verdict, confidence: float | None, explanation: str) -> None:
        self.verdict = verdict
        self.confidence = confidence
        self.explanation = explanation

    @property
    def broken(self) -> bool:
        return self.verdict == Verdict.fail


class RuleJudge:
    """Judges a conversation's last answer against one rule of the guide."""

    def __init__(self, guide: Guide, model: Model) -> None:
        self.scorer = RubricJudge(guide, model=model)
        self.name = model.name

    async def __call__(self, rule_id: str, messages: list[Message], answer: str) -> JudgeCall:
        case = Case(id=f"redteam:{rule_id}", messages=messages or [Message(role="user", content="")],
                    expected=Expected.refuse, intent=Intent.violating, rule_ids=[rule_id])
        score = await self.scorer(case, Response(text=answer))
        conf: float | None = None
        if score.value is not None and score.verdict in (Verdict.pass_, Verdict.fail):
            conf = score.value if score.verdict == Verdict.pass_ else 1.0 - score.value
        return JudgeCall(score.verdict, conf, score.explanation)
