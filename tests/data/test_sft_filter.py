"""`data sft` keeps no row that a deciding scorer fails, even when the teacher breaks half the rules
(without classifiers every default scorer decides)."""

from __future__ import annotations

from pathlib import Path

from charter.data import DataConfig, RowKind, SFTRow, make_dataset
from charter.evaluate import Response, Verdict, build_scorers
from charter.guide import Expected, load_guide
from charter.model import GenerateConfig, Model, ModelAPI, ModelOutput
from charter.suite import Case, Message
from charter.synth import synthesize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REFUSAL = "I'm sorry, but I can't help with that."


class HalfBadAPI(ModelAPI):
    """Answers right for half the rules; for the other half, complies when it should refuse
    and refuses when it should comply."""

    provider_name = "test-half-bad"

    def __init__(self, model: str, cases: dict[str, Case], bad_rules: set[str]) -> None:
        super().__init__(model)
        self.cases = cases
        self.bad_rules = bad_rules

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        case = self.cases[messages[-1].content]
        refuse = case.expected is Expected.refuse
        if set(case.rule_ids) & self.bad_rules:
            refuse = not refuse
        text = REFUSAL if refuse else "Sure, here is how to do that: first open the settings page, then follow the steps."
        return ModelOutput(model=self.model, choices=[text])


def test_sft_keeps_no_row_a_scorer_fails() -> None:
    guide = load_guide(EXAMPLES / "isp-support.yaml")
    suite = synthesize(guide, seed=3)
    cases = [c for c in suite.cases if c.expected in (Expected.refuse, Expected.comply) and len(c.messages) == 1
             and c.messages[-1].role == "user"]
    by_text = {c.messages[-1].content: c for c in cases}
    cases = list(by_text.values())
    rules = sorted({c.rule_ids[0] for c in cases if c.rule_ids})
    bad = set(rules[::2])
    teacher = Model(HalfBadAPI("half-bad", by_text, bad))
    scorers = build_scorers(guide, classifiers=False)
    result, filters = make_dataset(RowKind.sft, guide, cases, teacher,
                                   DataConfig(system_prompt="You follow the guide.", scorers=scorers))
    assert any("a row a deciding scorer fails is dropped" in f for f in filters)
    assert result.stats["failed_scores"] > 0 and result.dropped
    assert sum(result.failed_by().values()) >= result.stats["failed_scores"]
    kept_ids = {r.metadata["case_id"] for r in result.rows}
    # re-score every kept row: not one failing verdict survives the filter
    import asyncio

    async def verdicts(row: SFTRow) -> list[Verdict]:
        case = next(c for c in cases if c.id == row.metadata["case_id"])
        return [(await s(case, Response(text=row.messages[-1].content))).verdict for s in scorers]

    failing = [r.id for r in result.rows if isinstance(r, SFTRow) and Verdict.fail in asyncio.run(verdicts(r))]
    assert failing == []
    # and the cases the teacher got wrong on a refuse/comply rule are exactly the ones gone
    wrong = {c.id for c in cases if set(c.rule_ids) & bad}
    assert kept_ids.isdisjoint(wrong)
    assert result.stats["rows"] == len(result.rows) > 0
