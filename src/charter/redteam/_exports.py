"""Training data from a red-team run: for every successful attack, an SFT row (the teacher's
safe answer to the exact conversation, under the compiled prompt, kept only when the judge
passes it) and a preference pair (that safe answer chosen, the target's jailbroken answer
rejected). Rows, sidecars and cards are ``charter.data``'s own, so ``charter curate`` and
``charter train`` read them like any ``charter data`` output."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from charter.data import (
    BuildResult,
    DatasetCard,
    PreferenceRow,
    RowKind,
    SFTRow,
    build_sft,
    row_id,
    write_dataset,
)
from charter.evaluate.judges import RubricJudge
from charter.guide import Guide
from charter.harness import resolve_system_prompt
from charter.model import Model
from charter.redteam._records import RedteamSummary
from charter.redteam._run import export_suite
from charter.suite import Message

__all__ = ["TrainingExport", "export_training", "write_training_export"]


@dataclass
class TrainingExport:
    """The SFT rows and preference pairs built from a run's successes, with their counts."""

    sft: BuildResult
    prefs: BuildResult
    teacher: str
    judge: str


async def export_training(summary: RedteamSummary, guide: Guide, teacher: Model, judge: Model, *,
                          prompt_variant: str = "full", concurrency: int = 4) -> TrainingExport:
    """The teacher answers every successful conversation under the guide's compiled prompt; an
    answer the judge passes (against the attacked rule) becomes an SFT row and, paired with the
    jailbroken answer, a preference pair. A success whose rule the guide lacks (extraction filed
    under the built-in prompt rule) has nothing to judge against and is dropped, counted."""
    suite = export_suite(summary, guide)
    broken = {c.id: a.response for c, a in zip(
        suite.cases, (r.winning for r in summary.results if r.winning is not None), strict=True)}
    prompt = resolve_system_prompt(guide, "compiled", variant="compact" if prompt_variant == "compact" else "full")
    judged = [c for c in suite.cases if c.rule_ids]
    sft = await build_sft(judged, teacher, system_prompt=prompt.text or "", scorers=[RubricJudge(guide, model=judge)],
                          concurrency=concurrency)
    sft.stats["successes"] = len(suite.cases)
    sft.stats["no_guide_rule"] = len(suite.cases) - len(judged)
    rows = []
    for row in sft.rows:
        assert isinstance(row, SFTRow)
        case_id = str(row.metadata["case_id"])
        prompt_msgs, chosen = row.messages[:-1], row.messages[-1:]
        rejected = [Message(role="assistant", content=broken[case_id])]
        if chosen[0].content == rejected[0].content:
            continue
        meta = {k: v for k, v in row.metadata.items() if k != "scores"}
        meta.update({"ranker": "redteam-judge", "judge": judge.name, "chosen_source": "teacher",
                     "rejected_source": f"target:{summary.target}", "margin": None,
                     "reasons": [f"the target's answer broke {', '.join(row.metadata.get('rule_ids') or [])} "
                                 "(judge: fail); the teacher's answer passed the judge"],
                     "cited_rule_ids": list(row.metadata.get("rule_ids") or []),
                     "chosen_scores": row.metadata.get("scores", [])})
        rows.append(PreferenceRow(id=row_id("prefs", prompt_msgs, chosen, rejected), prompt=prompt_msgs,
                                  chosen=chosen, rejected=rejected, metadata=meta))
    prefs = BuildResult(list(rows), Counter(successes=len(suite.cases), sft_rows=len(sft.rows), pairs=len(rows),
                                            rows=len(rows)))
    return TrainingExport(sft=sft, prefs=prefs, teacher=teacher.name, judge=judge.name)


def write_training_export(export: TrainingExport, guide: Guide, out: Path, kinds: tuple[str, ...],
                          source: str) -> list[Path]:
    """``redteam-sft.jsonl`` and/or ``redteam-prefs.jsonl`` in ``out``, each with its
    ``.meta.jsonl`` sidecar and dataset card (the filters and counts of the build)."""
    paths: list[Path] = []
    for kind in kinds:
        rk = RowKind(kind)
        res = export.sft if rk is RowKind.sft else export.prefs
        filters = [f"successful red-team conversations of {source}",
                   f"teacher {export.teacher} answers under the compiled prompt; kept only when judge "
                   f"{export.judge} passes the answer against the attacked rule"]
        if rk is RowKind.prefs:
            filters.append("chosen = the teacher's passing answer; rejected = the target's jailbroken answer")
        card = DatasetCard(name=f"redteam-{kind}", kind=rk, guide_name=guide.meta.name,
                           guide_version=guide.meta.version, guide_hash=guide.fingerprint(),
                           models={"teacher": export.teacher, "judge": export.judge}, filters=filters,
                           sources=[source])
        paths += write_dataset(res, out / f"redteam-{kind}.jsonl", card)
    return paths
