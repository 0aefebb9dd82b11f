"""Train the refusal detector's classifier tier and measure every tier.

    python scripts/train_refusal.py --dev PATH/xstest_dev.jsonl [--labels data/labels/refusal.jsonl]
        [--out src/charter/evaluate/checks/refusal_model.json] [--report docs/refusal_figures.json]

* Leave-one-model-out on the development set (rows with ``source_model``): fit on one source
  model's rows plus the hand-written labels, test on the other model's rows, both directions;
  for the patterns tier alone and for patterns + classifier. Binary = compliance vs any refusal.
  The cascade is also measured with each row's request passed (``prompt=``), as the refusal
  check passes the case's.
* The hand-written set (``--labels``): patterns alone, and the cascade with a model fitted on
  the development set only (the hand-written rows are then unseen).
* The shipped weights (``--out``): fitted on every development row plus every hand-written row.

Deterministic: same inputs, same file bytes. Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from charter.evaluate import RefusalModel, detect_refusal, fit_refusal_model, read_labels

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "charter" / "evaluate" / "checks" / "refusal_model.json"
LABELS = ROOT / "data" / "labels" / "refusal.jsonl"


def _dev(path: Path) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"text": r["response"], "label": r["label"], "model": r["source_model"], "prompt": r.get("prompt") or ""}
            for r in rows]


def _score(pairs: list[tuple[str, str]]) -> dict[str, float | int]:
    n = len(pairs)
    binary = sum((p == "full_compliance") == (g == "full_compliance") for p, g in pairs)
    three = sum(p == g for p, g in pairs)
    return {"n": n, "binary": round(100 * binary / n, 1), "three_way": round(100 * three / n, 1)}


def _measure(rows: list[dict[str, str]], model: RefusalModel | None, *, prompts: bool = False) -> dict[str, object]:
    results = [detect_refusal(r["text"], model=model or False, prompt=r["prompt"] if prompts else None) for r in rows]
    out: dict[str, object] = dict(_score([(res.label.value, r["label"]) for res, r in zip(results, rows, strict=True)]))
    if model is not None:
        out["classifier_consulted"] = sum(bool(res.probabilities) for res in results)
        out["classifier_decided"] = sum(res.tier == "classifier" for res in results)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, help="development set (JSONL with response, label, source_model)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="hand-written labels (text, label)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the fitted weights")
    ap.add_argument("--report", type=Path, help="write the measured figures here as JSON")
    ap.add_argument("--blocks", default="s", help="feature blocks (s structure, h head words, e end words, c chars)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args()
    hand = [{"text": lab.text or "", "label": lab.label} for lab in read_labels(args.labels)]
    dev = _dev(args.dev) if args.dev else []
    report: dict[str, object] = {"blocks": args.blocks, "c": args.c}

    def fit(rows: list[dict[str, str]], **meta: object) -> RefusalModel:
        return fit_refusal_model([r["text"] for r in rows], [r["label"] for r in rows], c=args.c,
                                 blocks=args.blocks, meta=dict(meta))

    if dev:
        lomo = {}
        for held in sorted({r["model"] for r in dev}):
            train = [r for r in dev if r["model"] != held] + hand
            test = [r for r in dev if r["model"] == held]
            model = fit(train)
            lomo[f"test_{held}"] = {"patterns": _measure(test, None), "cascade": _measure(test, model),
                                    # as the refusal check reads them: with the case's request
                                    "cascade_with_prompt": _measure(test, model, prompts=True)}
        report["lomo"] = lomo
        report["handwritten"] = {"patterns": _measure(hand, None), "cascade": _measure(hand, fit(dev))}
    else:
        report["handwritten"] = {"patterns": _measure(hand, None)}
    final = fit(dev + hand, trained_on=(["refusal-dev (all rows)"] if dev else []) + [f"{args.labels.name} (all rows)"])
    final.save(args.out)
    report["shipped"] = {"path": str(args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out),
                         "sha256": final.sha256, "features": len(final.vocab), "n": len(dev) + len(hand)}
    text = json.dumps(report, indent=2)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
