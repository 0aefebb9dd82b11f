"""Score a part of the suite from its stored run, and cluster the failures by rule and kind.

A case's verdict is :func:`charter.evaluate.case_verdict` (the judge when it scored the case,
else a tied check, else the refusal detector), so the loop counts exactly what ``charter eval``
and the report count. Kinds:

- ``false_refusal``: the case should have been answered and the target refused (in part);
- ``violation``: any other failure of the rule under test (it answered what it should have
  refused, leaked, missed a redirect, ...);
- ``style``: the rule passed but a style check of the guide failed (verbosity, formatting,
  language, tone) — reported to the generator, never part of the pass rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from charter.evaluate import case_verdict, compute_metrics
from charter.guide import Guide
from charter.iterate._records import FailureCluster, FailureKind, PartScore
from charter.types import Verdict

__all__ = ["cluster_failures", "score_part"]

_KIND_ORDER = {"violation": 0, "false_refusal": 1, "style": 2}


def score_part(run_id: str, records: Sequence[Any], guide: Guide) -> PartScore:
    """Pass rate overall and per rule of one run's records."""
    m = compute_metrics(records, guide=guide)
    return PartScore(run_id=run_id, pass_rate=m.overall.pass_rate, errors=m.overall.errors,
                     by_rule={rid: g.pass_rate for rid, g in sorted(m.by_rule.items())})


def cluster_failures(records: Sequence[Any], guide: Guide, *, limit: int = 6) -> list[FailureCluster]:
    """The failures of ``records`` grouped by (rule, kind): failures of rules first, largest
    first (violations before false refusals at equal size), then style; at most ``limit``."""
    found: dict[tuple[str, FailureKind], list[tuple[Any, str]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for rec in records:
        v = case_verdict(rec.case, rec.scores, response=rec.response, guide=guide)
        rid = v.rule_id or (rec.case.rule_ids[0] if rec.case.rule_ids else "")
        if not rid:
            continue
        totals[rid] += 1
        kind: FailureKind | None = None
        reason = v.reason or v.label
        if v.verdict == Verdict.fail:
            kind = "false_refusal" if v.false_refusal else "violation"
        elif v.verdict == Verdict.pass_:
            style = [d for d in v.dimensions if d.kind == "style" and d.verdict == Verdict.fail]
            if style:
                kind = "style"
                reason = "; ".join(f"{d.scorer}: {d.explanation or d.label or 'failed'}" for d in style)
        if kind is not None:
            found[(rid, kind)].append((rec, reason))
    clusters = []
    for (rid, kind), items in found.items():
        reasons: list[str] = []
        for _, r in items:
            if r and r not in reasons:
                reasons.append(r)
        clusters.append(FailureCluster(
            rule_id=rid, kind=kind, n=len(items), of=totals[rid],
            case_ids=[rec.case.id for rec, _ in items][:20],
            prompts=[" ".join(rec.case.prompt.split())[:300] for rec, _ in items][:3],
            reasons=reasons[:3]))
    clusters.sort(key=lambda c: (c.kind == "style", -c.n, _KIND_ORDER[c.kind], c.rule_id))
    return clusters[:limit]
