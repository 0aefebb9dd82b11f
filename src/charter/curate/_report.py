"""Coverage (rule × use case × intent × technique) and diversity figures for any rows.

For suites with a guide, the coverage plan of :mod:`charter.synth` (``plan_coverage(guide)
.report(cases)``) is included; the counting here covers what the plan does not: training
rows, and the guide's rules that no row touches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from charter.curate._dedup import DedupResult, normalize
from charter.curate._records import Record, text_of
from charter.evaluate.checks import unspaced_words
from charter.guide import Guide

__all__ = ["coverage_report", "distinct_n", "diversity"]

AXES = ("rule", "use_case", "intent", "technique")


def coverage_report(records: Sequence[Record], *, guide: Guide | None = None, thin: int = 2) -> dict[str, Any]:
    """Counts per (rule, use case, intent, technique) cell and per axis; rules of the guide
    with no row (``empty_rules``) or fewer than ``thin`` rows (``thin_rules``); thin cells."""
    cells: Counter[tuple[str, ...]] = Counter()
    by_axis: dict[str, Counter[str]] = {a: Counter() for a in AXES}
    by_rule_intent: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        rules = r.rule_ids or [""]
        for rule in rules:
            key = (rule or "-", r.attr("use_case") or "*", r.attr("intent") or "-", r.attr("technique") or "-")
            cells[key] += 1
            by_axis["rule"][rule or "-"] += 1
            by_rule_intent[rule or "-"][key[2]] += 1
        for a in AXES[1:]:
            by_axis[a][r.attr(a) or "-"] += 1
    out: dict[str, Any] = {
        "rows": len(records),
        "cells": [dict(zip(AXES, k, strict=True), count=v) for k, v in sorted(cells.items())],
        "by_axis": {a: dict(sorted(c.items())) for a, c in by_axis.items()},
        "by_rule_intent": {k: dict(sorted(v.items())) for k, v in sorted(by_rule_intent.items())},
        "thin_cells": [dict(zip(AXES, k, strict=True), count=v) for k, v in sorted(cells.items()) if v < thin],
        "thin_threshold": thin,
    }
    if guide is not None:
        counts = by_axis["rule"]
        ids = guide.rule_ids()
        out["guide"] = f"{guide.meta.name}@{guide.meta.version}"
        out["empty_rules"] = [i for i in ids if counts.get(i, 0) == 0]
        out["thin_rules"] = [i for i in ids if 0 < counts.get(i, 0) < thin]
        out["unknown_rules"] = sorted(set(counts) - set(ids) - {"-"})
        cases = [r.item for r in records if r.kind.value == "case"]
        if cases and len(cases) == len(records):
            out["plan"] = _plan_report(guide, cases)
    return out


def _plan_report(guide: Guide, cases: list[Any]) -> dict[str, Any]:
    try:
        from charter.synth import plan_coverage
    except ImportError:
        return {"unavailable": "charter.synth.plan_coverage could not be imported"}
    rep = plan_coverage(guide).report(cases)
    return {"summary": rep.summary(), "filled": rep.filled, "empty": len(rep.empty), "thin": len(rep.thin),
            "report": rep.model_dump(mode="json")}


def words(text: str) -> list[str]:
    """The words of ``text`` for the diversity figures: the white-space tokens of the normalised
    text, a token of Han, kana or Thai cut into words as the verbosity check counts them
    (:func:`charter.evaluate.checks._text.unspaced_words`: a Chinese character is a word, a
    Thai run one word per 4 characters). A Thai, Japanese or Chinese prompt was one or two
    "words" (distinct-1 near 1.0 for any such dataset); text with spaces between its words gives
    the tokens it gave before."""
    norm = normalize(text)
    if norm.isascii():
        return norm.split()
    return [w for token in norm.split() for w in unspaced_words(token)]


def distinct_n(texts: Sequence[str], n: int) -> float:
    """Distinct n-grams / all n-grams over the words of ``texts`` (:func:`words`)."""
    total = 0
    seen: set[tuple[str, ...]] = set()
    for t in texts:
        w = words(t)
        grams = [tuple(w[i:i + n]) for i in range(len(w) - n + 1)]
        total += len(grams)
        seen.update(grams)
    return round(len(seen) / total, 4) if total else 0.0


def diversity(rows: Sequence[Any], *, dedup_result: DedupResult[Any] | None = None) -> dict[str, Any]:
    """distinct-1/2/3, mean prompt length, and near-dup cluster sizes (from ``dedup_result``)."""
    texts = [text_of(r) for r in rows]
    lengths = [len(words(t)) for t in texts]
    out: dict[str, Any] = {
        "rows": len(texts),
        "distinct_1": distinct_n(texts, 1),
        "distinct_2": distinct_n(texts, 2),
        "distinct_3": distinct_n(texts, 3),
        "mean_words": round(sum(lengths) / len(lengths), 2) if lengths else 0.0,
    }
    if dedup_result is not None:
        sizes = dedup_result.cluster_sizes()
        out["cluster_sizes"] = {str(k): v for k, v in sizes.items()}
        out["largest_cluster"] = max(sizes) if sizes else 0
    return out
