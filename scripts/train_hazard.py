"""Fit the shipped hazard-request model and measure it by cross-validation on its corpus.

    python scripts/train_hazard.py [--corpus data/hazard_requests/requests.jsonl]
        [--out src/charter/guard/hazard_model.json] [--report docs/hazard_figures.json] [--c 1.0]

* 5-fold cross-validation on the corpus, grouped by ``pair`` (a harmful request and the
  look-alike written beside it stay in one fold; the fold is a hash of the pair, so it does not
  depend on row order): AUC (harmful vs the rest), and at each threshold of a sweep F1, recall,
  false positives on look-alikes and on everyday requests; the closest-hazard accuracy on
  harmful rows; per hazard, recall and look-alike false positives at the shipped threshold.
* The shipped weights (``--out``): fitted on every row.

Deterministic: same corpus, same file bytes. Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from charter.guard import HAZARD_THRESHOLD, HazardModel, fit_hazard_model

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "hazard_requests" / "requests.jsonl"
OUT = ROOT / "src" / "charter" / "guard" / "hazard_model.json"
FOLDS = 5


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fold(pair: str) -> int:
    return int(hashlib.sha256(pair.encode()).hexdigest()[:8], 16) % FOLDS


def _fit(rows: list[dict[str, Any]], c: float, **meta: Any) -> HazardModel:
    return fit_hazard_model([r["text"] for r in rows], [r["label"] == "harmful" for r in rows],
                            [r["hazard"] if r["label"] == "harmful" else None for r in rows], c=c, meta=meta)


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _at(scored: list[tuple[dict[str, Any], float, str | None]], t: float) -> dict[str, Any]:
    tp = sum(p >= t for r, p, _ in scored if r["label"] == "harmful")
    pos = sum(r["label"] == "harmful" for r, _, _ in scored)
    fp_look = sum(p >= t for r, p, _ in scored if r["label"] == "lookalike")
    n_look = sum(r["label"] == "lookalike" for r, _, _ in scored)
    fp_ben = sum(p >= t for r, p, _ in scored if r["label"] == "benign")
    n_ben = sum(r["label"] == "benign" for r, _, _ in scored)
    prec = tp / (tp + fp_look + fp_ben) if tp + fp_look + fp_ben else 0.0
    rec = tp / pos if pos else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"threshold": t, "f1": round(f1, 3), "recall": round(rec, 3),
            "fp_lookalike": round(fp_look / n_look, 3) if n_look else None,
            "fp_benign": round(fp_ben / n_ben, 3) if n_ben else None}


def cross_validate(rows: list[dict[str, Any]], c: float) -> dict[str, Any]:
    scored: list[tuple[dict[str, Any], float, str | None]] = []
    for k in range(FOLDS):
        test = [r for r in rows if _fold(r["pair"]) == k]
        model = _fit([r for r in rows if _fold(r["pair"]) != k], c)
        for r in test:
            pred = model.predict(r["text"])
            scored.append((r, pred.p, pred.hazard))
    harm = [(r, p, h) for r, p, h in scored if r["label"] == "harmful"]
    out: dict[str, Any] = {
        "folds": FOLDS, "grouped_by": "pair", "n": len(rows),
        "auc": round(auc([p for _, p, _ in harm], [p for r, p, _ in scored if r["label"] != "harmful"]), 4),
        "auc_vs_lookalike": round(auc([p for _, p, _ in harm], [p for r, p, _ in scored if r["label"] == "lookalike"]), 4),
        "hazard_accuracy": round(sum(h == r["hazard"] for r, _, h in harm) / len(harm), 3),
        "sweep": [_at(scored, round(0.05 * i, 2)) for i in range(2, 20)],
        "at_shipped_threshold": _at(scored, HAZARD_THRESHOLD),
    }
    per = {}
    for hz in sorted({r["hazard"] for r in rows if r["hazard"]}):
        sub = [(r, p, h) for r, p, h in scored if r["hazard"] == hz]
        per[hz] = {k: v for k, v in _at(sub, HAZARD_THRESHOLD).items() if k in ("recall", "fp_lookalike")}
    out["per_hazard"] = per
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the fitted weights")
    ap.add_argument("--report", type=Path, help="write the measured figures here as JSON")
    ap.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength (chosen on seed 1 of bench_guard_eval: see docs/guards.md)")
    ap.add_argument("--no-cv", action="store_true", help="fit the shipped weights only")
    args = ap.parse_args()
    rows = _rows(args.corpus)
    report: dict[str, Any] = {"corpus": args.corpus.name, "c": args.c, "threshold": HAZARD_THRESHOLD}
    if not args.no_cv:
        report["cv"] = cross_validate(rows, args.c)
    final = _fit(rows, args.c, trained_on=f"{args.corpus.name} (all rows)")
    final.save(args.out)
    report["shipped"] = {"path": str(args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out),
                         "sha256": final.sha256, "features": len(final.weights), "bytes": len(final.to_json())}
    text = json.dumps(report, indent=2)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
