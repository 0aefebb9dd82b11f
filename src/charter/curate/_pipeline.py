"""``curate``: the whole pipeline over one file, writing outputs and ``report.json``.

Order: read (kind detected) → apply reviewed labels → scrub PII → exact + near dedup →
contamination firewall against the evaluation files → splits → write.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.compile import render_rater_html
from charter.curate._dedup import DEFAULT_NGRAM, DEFAULT_NUM_PERM, dedup, firewall
from charter.curate._pii import scrub_pii
from charter.curate._records import Record, read_records, write_records
from charter.curate._report import coverage_report, diversity
from charter.curate._review import apply_review, export_review, import_review
from charter.curate._split import split as split_rows
from charter.data import RowKind
from charter.errors import ConfigError
from charter.guide import Guide
from charter.suite import Case, Message

__all__ = ["RATER_INSTRUCTIONS", "CurateOptions", "curate"]

#: the rater instructions written beside a review sheet (``charter doc GUIDE --for raters``)
RATER_INSTRUCTIONS = "rater-instructions.html"


class CurateOptions(BaseModel):
    """What ``curate`` does (every step but reading and writing is optional)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    against: list[Path] = Field(default_factory=list, description="Evaluation files for the firewall.")
    splits: dict[str, float] | None = None
    seed: int = 0
    threshold: float = 0.8
    num_perm: int = DEFAULT_NUM_PERM
    ngram: int = DEFAULT_NGRAM
    near: bool = True
    dedup: bool = True
    scrub_pii: bool = False
    review_out: Path | None = None
    instructions: str | None = Field(default=None, description="Where the review sheet's rows link to: the "
                                     "rater instructions' address. Default (with a guide): "
                                     "rater-instructions.html, written beside the sheet.")
    apply_review: Path | None = None
    skip_bad: bool = False
    thin: int = 2


def _scrub_msgs(msgs: Sequence[Message], counts: Counter[str]) -> list[Message]:
    out = []
    for m in msgs:
        text, spans = scrub_pii(m.content)
        for s in spans:
            counts[s.label] += 1
        out.append(m.model_copy(update={"content": text}) if spans else m)
    return out


def _scrub(rec: Record, counts: Counter[str]) -> Record:
    item = rec.item
    fields = ["messages"] if isinstance(item, Case) or item.kind is RowKind.sft else [
        f for f in ("prompt", "chosen", "rejected", "completion") if hasattr(item, f)]
    update = {f: _scrub_msgs(getattr(item, f), counts) for f in fields}
    return Record(item.model_copy(update=update), rec.line)


def curate(input_path: str | Path, out_dir: str | Path, options: CurateOptions | None = None, *,
           guide: Guide | None = None) -> dict[str, Any]:
    """Curate ``input_path`` into ``out_dir``; returns the report (also ``report.json``)."""
    opt = options or CurateOptions()
    src = Path(input_path)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: exists and is not a directory", hint="pass a directory with -o")
    bad: list[str] = []
    kind, records = read_records(src, skip_bad=opt.skip_bad, errors=bad)
    if not records:
        raise ConfigError(f"{src}: no valid rows to curate", hint="check the file, or drop --skip-bad to see why")
    report: dict[str, Any] = {"input": str(src), "kind": kind.value, "rows_in": len(records),
                              "bad_lines": bad, "options": opt.model_dump(mode="json")}
    dropped: list[dict[str, Any]] = []

    if opt.apply_review:
        labels = import_review(opt.apply_review, records=records, kind=kind)
        before = {r.id for r in records}
        records, stats = apply_review(records, labels)
        after = {r.id for r in records}
        dropped += [{"id": i, "reason": "review"} for i in sorted(before - after)]
        report["review"] = {"labels": len(labels), "applied": dict(stats)}

    if opt.scrub_pii:
        counts: Counter[str] = Counter()
        records = [_scrub(r, counts) for r in records]
        report["pii"] = dict(sorted(counts.items()))

    dd = None
    if opt.dedup:
        dd = dedup(records, threshold=opt.threshold, num_perm=opt.num_perm, ngram=opt.ngram, seed=opt.seed + 42,
                   near=opt.near)
        for d in dd.duplicates:
            dropped.append({"id": records[d.index].id, "reason": f"{d.kind}-duplicate",
                            "of": records[d.of].id, "similarity": d.similarity})
        report["dedup"] = {"exact": dd.n_exact, "near": dd.n_near, "kept": len(dd.kept)}
        report["diversity"] = diversity(records, dedup_result=dd)
        records = dd.kept
    else:
        report["diversity"] = diversity(records)

    if opt.against:
        evals: list[Record] = []
        sources: dict[str, int] = {}
        for e in opt.against:
            _, recs = read_records(e, skip_bad=opt.skip_bad, errors=bad)
            sources[str(e)] = len(recs)
            evals += recs
        fw = firewall(records, evals, threshold=opt.threshold, num_perm=opt.num_perm, ngram=opt.ngram, near=opt.near,
                      seed=opt.seed + 42)
        for c in fw.contaminated:
            dropped.append({"id": records[c.index].id, "reason": f"contamination-{c.kind}",
                            "eval_id": c.eval_id, "similarity": c.similarity})
        report["firewall"] = {"against": sources, "dropped": fw.n_dropped,
                              "matches": [{"id": records[c.index].id, "eval_id": c.eval_id, "kind": c.kind,
                                           "similarity": c.similarity} for c in fw.contaminated]}
        records = fw.clean

    report["coverage"] = coverage_report(records, guide=guide, thin=opt.thin)
    out.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, list[str]] = {}
    if opt.splits:
        parts = split_rows(records, opt.splits, seed=opt.seed)
        report["splits"] = {}
        for name, rows in parts.items():
            paths = write_records(rows, out / f"{name}.jsonl", name=f"{src.stem}-{name}", split=name)
            outputs[name] = [str(p) for p in paths]
            report["splits"][name] = {"rows": len(rows), "groups": len({r.group for r in rows}),
                                      "rules": dict(Counter(r.attr("rule") or "-" for r in rows))}
    else:
        stem = src.name[:-6] if src.name.endswith(".jsonl") else src.stem
        outputs["all"] = [str(p) for p in write_records(records, out / f"{stem}.jsonl", name=stem)]
    with (out / "dropped.jsonl").open("w", encoding="utf-8") as fh:
        for row in dropped:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if opt.review_out:
        link = opt.instructions
        written: list[str] = []
        if link is None and guide is not None:
            page = Path(opt.review_out).parent / RATER_INSTRUCTIONS
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(render_rater_html(guide), encoding="utf-8")
            link, written = RATER_INSTRUCTIONS, [str(page)]
        export_review(records, opt.review_out, guide=guide, instructions=link)
        outputs["review"] = [str(opt.review_out), *written]
    report.update(rows_out=len(records), dropped=len(dropped), outputs=outputs)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n",
                                     encoding="utf-8")
    return report
