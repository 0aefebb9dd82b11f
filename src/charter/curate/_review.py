"""Human label review: export rows for reviewers (CSV or JSONL) and import their labels.

Exported columns: ``id, kind, rule_ids, rule_text, instructions, prompt, response, alternative,
expected, scores`` (the scorers' verdicts recorded with the row, ``scorer[rule]: verdict`` a line),
``current_label`` (never ``good`` for a row a scorer failed) and the empty reviewer columns ``reviewer_label, reviewer_notes, reviewer``.
``instructions`` links each row to the labelling instructions of its rules
(``rater-instructions.html#rule-<id>``, one link per rule; see ``charter doc --for raters``)
when the export is given where those instructions are.
Labels a reviewer may write, per row kind:

- case: an expected behavior (``comply``, ``refuse``, ``clarify``, ``redirect``, ``safe_complete``);
- sft, kto: ``good`` or ``bad``;
- prefs: ``keep`` (chosen is better), ``swap`` (rejected is better) or ``drop``.

An empty ``reviewer_label`` means "not reviewed". Import validates the columns, the ids and
the labels, and reports every problem as ``file:line``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter.compile import rule_anchor
from charter.curate._records import Record
from charter.data import KTORow, PreferenceRow, RowKind, SFTRow
from charter.errors import ConfigError, SuiteError
from charter.guide import Expected, Guide
from charter.suite import Case

__all__ = ["REVIEW_COLUMNS", "ReviewLabel", "apply_review", "export_review", "import_review", "review_labels"]

REVIEW_COLUMNS = ["id", "kind", "rule_ids", "rule_text", "instructions", "prompt", "response", "alternative", "expected",
                  "scores", "current_label", "reviewer_label", "reviewer_notes", "reviewer"]
_REQUIRED = ("id", "reviewer_label")


def review_labels(kind: RowKind) -> tuple[str, ...]:
    """The labels a reviewer may give a row of ``kind``."""
    if kind is RowKind.case:
        return tuple(e.value for e in Expected)
    if kind is RowKind.prefs:
        return ("keep", "swap", "drop")
    return ("good", "bad")


@dataclass(frozen=True)
class ReviewLabel:
    id: str
    label: str
    notes: str = ""
    reviewer: str = ""
    line: int = 0


def _conv(msgs: Sequence[Any]) -> str:
    return "\n".join(f"{m.role}: {m.content}" for m in msgs)


def _verdicts(meta: dict[str, Any]) -> tuple[str, bool]:
    """The scorers' verdicts recorded with a row (``scorer[rule]: verdict``, one a line) and
    whether any of them failed."""
    scores = meta.get("scores")
    if not isinstance(scores, list):
        return "", False
    lines, failed = [], False
    for s in scores:
        if not isinstance(s, dict):
            continue
        verdict = str(s.get("verdict", ""))
        failed = failed or verdict == "fail"
        rule = f"[{s['rule_id']}]" if s.get("rule_id") else ""
        lines.append(f"{s.get('scorer', '?')}{rule}: {verdict}")
    return "\n".join(lines), failed


def _row(rec: Record, guide: Guide | None, instructions: str | None = None) -> dict[str, str]:
    item = rec.item
    texts = []
    for rid in rec.rule_ids:
        try:
            texts.append(f"{rid}: {guide.rule(rid).text}" if guide else rid)
        except KeyError:
            texts.append(f"{rid}: (not in the guide)")
    out = dict.fromkeys(REVIEW_COLUMNS, "")
    out.update(id=rec.id, kind=rec.kind.value, rule_ids=" ".join(rec.rule_ids), rule_text="\n".join(texts))
    if instructions:
        out["instructions"] = " ".join(f"{instructions}#{rule_anchor(rid)}" for rid in rec.rule_ids) or instructions
    if isinstance(item, Case):
        out.update(prompt=_conv(item.messages), expected=item.expected.value, current_label=item.expected.value)
    elif isinstance(item, SFTRow):
        shown, failed = _verdicts(item.metadata)
        out.update(prompt=_conv(item.messages[:-1]), response=item.messages[-1].content, scores=shown,
                   current_label="bad" if failed else "good")
    elif isinstance(item, PreferenceRow):
        out.update(prompt=_conv(item.prompt), response=_conv(item.chosen), alternative=_conv(item.rejected),
                   current_label="keep")
    elif isinstance(item, KTORow):
        shown, failed = _verdicts(item.metadata)
        out.update(prompt=_conv(item.prompt), response=_conv(item.completion), scores=shown,
                   current_label="good" if item.label and not failed else "bad")
    if not isinstance(item, Case):
        out["expected"] = str(item.metadata.get("expected") or "")
    return out


def export_review(records: Sequence[Record], path: str | Path, *, guide: Guide | None = None,
                  instructions: str | None = None) -> Path:
    """Write a review sheet: CSV when ``path`` ends in ``.csv``, else JSONL. ``instructions``:
    the address (a path relative to the sheet, or a URL) of the rater instructions
    (``charter doc GUIDE --for raters``); each row's ``instructions`` cell then links to the
    section of each of its rules."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    rows = [_row(r, guide, instructions) for r in records]
    if p.suffix.lower() == ".csv":
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=REVIEW_COLUMNS)
            w.writeheader()
            w.writerows(rows)
    else:
        with p.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return p


def _read(p: Path, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if p.suffix.lower() == ".csv":
        with p.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise SuiteError(f"{p}:1: review sheet lacks column(s) {', '.join(missing)}",
                                 hint=f"the sheet needs: {', '.join(REVIEW_COLUMNS)}")
            return [(reader.line_num, dict(r)) for r in reader]
    out: list[tuple[int, dict[str, Any]]] = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"{p}:{n}: invalid JSON ({e.msg})")
            continue
        if not isinstance(obj, dict) or any(c not in obj for c in _REQUIRED):
            problems.append(f"{p}:{n}: a review row needs the fields {', '.join(_REQUIRED)}")
            continue
        out.append((n, obj))
    return out


def import_review(path: str | Path, *, records: Sequence[Record] | None = None,
                  kind: RowKind | None = None) -> list[ReviewLabel]:
    """Read reviewed labels. Unknown ids (when ``records`` is given), bad labels and repeated
    ids are reported together as one :class:`SuiteError` listing every ``file:line``."""
    p = Path(path)
    if not p.is_file():
        raise SuiteError(f"{p}: review file not found", hint="export one with `charter curate FILE --review-out`")
    problems: list[str] = []
    rows = _read(p, problems)
    known = {r.id: r.kind for r in records} if records is not None else None
    out: list[ReviewLabel] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        rid = str(row.get("id") or "").strip()
        label = str(row.get("reviewer_label") or "").strip().lower()
        if not rid:
            problems.append(f"{p}:{line}: empty id")
            continue
        if known is not None and rid not in known:
            problems.append(f"{p}:{line}: unknown id '{rid}' (not in the data being reviewed)")
            continue
        if rid in seen:
            problems.append(f"{p}:{line}: id '{rid}' already reviewed on line {seen[rid]}")
            continue
        seen[rid] = line
        if not label:
            continue
        k = (known or {}).get(rid) or kind or _kind_of(str(row.get("kind") or ""))
        allowed = review_labels(k) if k else ()
        if label not in allowed:
            problems.append(f"{p}:{line}: bad label '{label}' for a {k.value if k else 'row of unknown kind'}"
                            + (f" (use one of: {', '.join(allowed)})" if allowed else ""))
            continue
        out.append(ReviewLabel(rid, label, str(row.get("reviewer_notes") or ""), str(row.get("reviewer") or ""), line))
    if problems:
        n = len(problems)
        raise SuiteError("\n".join(problems) + f"\n{n} problem{'s' if n != 1 else ''} in the review sheet",
                         hint="fix the lines above and import again")
    return out


def _kind_of(s: str) -> RowKind | None:
    try:
        return RowKind(s)
    except ValueError:
        return None


def apply_review(records: Sequence[Record], labels: Sequence[ReviewLabel]) -> tuple[list[Record], Counter[str]]:
    """Records with the reviewers' labels applied: a case's ``expected`` is replaced; ``bad``
    SFT rows and ``drop`` pairs are removed; ``swap`` flips a pair; KTO labels are set."""
    by_id = {lab.id: lab for lab in labels}
    stats: Counter[str] = Counter()
    out: list[Record] = []
    for rec in records:
        lab = by_id.get(rec.id)
        if lab is None:
            out.append(rec)
            continue
        item = rec.item
        review = {"label": lab.label, "notes": lab.notes, "reviewer": lab.reviewer}
        stats[f"{rec.kind.value}:{lab.label}"] += 1
        if isinstance(item, Case):
            new: Any = item.model_copy(update={"expected": Expected(lab.label),
                                               "metadata": {**item.metadata, "review": review}})
        else:
            meta = {**item.metadata, "review": review}
            if lab.label in ("bad", "drop") and not isinstance(item, KTORow):
                continue
            if isinstance(item, PreferenceRow) and lab.label == "swap":
                new = item.model_copy(update={"chosen": item.rejected, "rejected": item.chosen, "metadata": meta})
            elif isinstance(item, KTORow):
                new = item.model_copy(update={"label": lab.label == "good", "metadata": meta})
            else:
                new = item.model_copy(update={"metadata": meta})
        out.append(Record(new, rec.line))
    if not by_id.keys() <= {r.id for r in records}:
        raise ConfigError("review labels name ids that are not in the data", hint="import with records= to check")
    return out, stats
