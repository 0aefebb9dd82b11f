"""User feedback on proxied answers, stored in the run store (a run of its own), and its
exports: thumbs-down exchanges as regression cases (rule ids proposed by the guide-trained
classifier with a confidence; low confidence goes to a review sheet), corrections as SFT
rows, ratings as KTO rows. Every exported row carries the exchange id and rule ids.
"""

from __future__ import annotations

import csv
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import ConfigError, StoreError
from charter.evaluate import Score, Verdict
from charter.guard._classifier import PromptClassifier, train_prompt_classifier
from charter.guide import Expected, Guide
from charter.store import CaseRow, ResponseRow, RunStore, ScoreRow, WriteBatch
from charter.suite import Case, Intent, Message, Provenance, Suite, write_suite

__all__ = ["FEEDBACK_RUN_KIND", "Feedback", "export_feedback", "iter_feedback", "record_feedback"]

FEEDBACK_RUN_KIND = "guard-feedback"
Rating = Literal["up", "down"]
ExportKind = Literal["suite", "kto", "sft", "review"]


class Feedback(BaseModel):
    """One rating of one exchange, with the exchange it is about."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    exchange_id: str
    rating: Rating
    comment: str | None = Field(default=None, max_length=4000)
    correction: str | None = Field(default=None, max_length=20000)
    messages: list[Message] = Field(default_factory=list)
    response: str = ""
    rule_ids: list[str] = Field(default_factory=list)
    created_at: float = 0.0


def _feedback_run(store: RunStore, target: str) -> str:
    for r in store.list_runs():
        if r.metadata.get("kind") == FEEDBACK_RUN_KIND:
            return r.id
    return store.create_run(name="feedback", target=target, guide_hash=None, suite_hash=None, config={},
                            metadata={"kind": FEEDBACK_RUN_KIND})


def record_feedback(store: RunStore, fb: Feedback, *, target: str = "serve") -> str:
    """Append ``fb`` to the store's feedback run; returns the feedback id."""
    rid = _feedback_run(store, target)
    fid = f"{fb.exchange_id}/{uuid.uuid4().hex[:8]}"
    case = Case(id=fid, messages=fb.messages or [Message(role="user", content="")], expected=Expected.comply,
                intent=Intent.benign, rule_ids=fb.rule_ids,
                provenance=Provenance(generator="feedback", source=f"exchange:{fb.exchange_id}"))
    score = Score(scorer="feedback", verdict=Verdict.pass_ if fb.rating == "up" else Verdict.fail,
                  value=1.0 if fb.rating == "up" else 0.0, label=fb.rating, explanation=fb.comment or "",
                  metadata={"exchange_id": fb.exchange_id, "correction": fb.correction,
                            "created_at": fb.created_at or time.time()})
    b = WriteBatch()
    n = len(store.case_positions(rid))
    b.cases.append(CaseRow(rid, fid, n, case.model_dump_json()))
    b.responses.append(ResponseRow(rid, fid, 0, fb.response, None, None, 0, 0, 0.0, 0, None))
    b.scores.append(ScoreRow(rid, fid, 0, 0, score.scorer, None, str(score.verdict), score.value, score.label,
                             score.explanation, json.dumps({"evidence": [], "metadata": score.metadata})))
    store.commit(b)
    return fid


def iter_feedback(store: RunStore) -> Iterator[Feedback]:
    """Every stored feedback, oldest first."""
    for r in sorted(store.list_runs(), key=lambda r: r.created_at):
        if r.metadata.get("kind") != FEEDBACK_RUN_KIND:
            continue
        for rec in store.iter_records(r.id):
            s = next((s for s in rec.scores if s.scorer == "feedback"), None)
            if s is None:
                continue
            yield Feedback(exchange_id=str(s.metadata.get("exchange_id", rec.case.id.split("/")[0])),
                           rating="up" if s.label == "up" else "down", comment=s.explanation or None,
                           correction=s.metadata.get("correction"), messages=rec.case.messages,
                           response=rec.response.text, rule_ids=rec.case.rule_ids,
                           created_at=float(s.metadata.get("created_at") or 0.0))


def _last_user(msgs: list[Message]) -> str:
    return next((m.content for m in reversed(msgs) if m.role == "user"), "")


def export_feedback(store: RunStore, kind: ExportKind, out: str | Path, *, guide: Guide | None = None,
                    min_confidence: float = 0.7, classifier: PromptClassifier | None = None) -> int:
    """Write the feedback as ``kind`` to ``out``; returns the number of rows. ``suite`` and
    ``review`` need the guide (rule ids are proposed by its classifier)."""
    items = list(iter_feedback(store))
    if not items:
        raise StoreError("no feedback stored yet", hint="POST /v1/feedback to `charter serve`, or use record_feedback()")
    p = Path(out)
    p.parent.mkdir(parents=True, exist_ok=True)
    if kind == "kto":
        rows = [{"prompt": [m.model_dump(exclude_none=True) for m in f.messages],
                 "completion": [{"role": "assistant", "content": f.response}], "label": f.rating == "up",
                 "exchange_id": f.exchange_id, "rule_ids": f.rule_ids} for f in items]
        return _jsonl(p, rows)
    if kind == "sft":
        rows = [{"messages": [*(m.model_dump(exclude_none=True) for m in f.messages),
                              {"role": "assistant", "content": f.correction}],
                 "exchange_id": f.exchange_id, "rule_ids": f.rule_ids} for f in items if f.correction]
        return _jsonl(p, rows)
    if guide is None:
        raise ConfigError(f"exporting feedback as {kind} needs the guide", hint="pass --guide GUIDE")
    clf = classifier or train_prompt_classifier(guide)
    cases: list[Case] = []
    review: list[dict[str, object]] = []
    for f in items:
        if f.rating != "down":
            continue
        prob, rule = clf.predict(_last_user(f.messages))
        violating = prob >= 0.5
        conf = prob if violating else 1.0 - prob
        rule_ids = ([rule] if violating and rule else []) or f.rule_ids
        row: dict[str, object] = {"exchange_id": f.exchange_id, "proposed_rule_ids": ";".join(rule_ids),
               "proposed_expected": "refuse" if violating else "comply", "confidence": round(conf, 3),
               "comment": f.comment or "", "correction": f.correction or "",
               "prompt": _last_user(f.messages), "response": f.response}
        if conf < min_confidence:
            review.append(row)
            continue
        cases.append(Case(id=f"feedback-{f.exchange_id}", messages=f.messages,
                          expected=Expected.refuse if violating else Expected.comply,
                          intent=Intent.violating if violating else Intent.benign, rule_ids=rule_ids,
                          provenance=Provenance(generator="feedback", confidence=round(conf, 4),
                                                source=f"exchange:{f.exchange_id}"),
                          metadata={"exchange_id": f.exchange_id, "comment": f.comment, "correction": f.correction}))
    if kind == "suite":
        write_suite(Suite(name=f"feedback-{p.stem}", cases=cases, guide=f"{guide.meta.name}@{guide.meta.version}",
                          guide_hash=guide.fingerprint()), p)
        return len(cases)
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["exchange_id", "proposed_rule_ids", "proposed_expected", "confidence",
                                           "comment", "correction", "prompt", "response"])
        w.writeheader()
        w.writerows(review)
    return len(review)


def _jsonl(p: Path, rows: list[dict[str, object]]) -> int:
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)
