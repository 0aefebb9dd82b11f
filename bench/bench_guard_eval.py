"""Input-guard effectiveness on a suite synthesised offline from each example guide: F1 of
violating vs the rest, miss rate, false blocks on look-alikes and benign cases (Wilson 95%),
the threshold meeting 5% false blocks on look-alikes, and the input classifier's latency.
Two settings per guide: ``seen seeds`` (the classifier trained from the guide alone; the
suite's cases are rewrites of the guide's own examples and boundary texts) and ``unseen
seeds`` (2-fold cross-fitting over the seed sources: each case is checked by a classifier
trained without the example it was made from). Prints a table; writes
bench/results/guard_eval.json.

``--third-party FILE`` also checks prompts written by others (JSONL with ``prompt`` and
``prompt_type``; types starting with ``contrast`` are harmful, the rest are safe prompts that
look harmful, as in XSTest) with each guide's input guards trained on the guide alone, and
reports the block rate on each side with Wilson 95% intervals. Nothing is tuned on that file.

    python bench/bench_guard_eval.py [--seed 1] [--third-party xstest.jsonl]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from charter.evaluate import Rate
from charter.guard import Guard, compile_guard_config, evaluate_guards
from charter.guide import load_guide
from charter.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ["isp-support", "kids-tutor", "coding-agent"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--third-party", default=None, help="JSONL of prompts written by others (see above)")
    args = ap.parse_args()
    rows = []
    print(f"{'guide':<14}{'setting':<14}{'cases':>7}{'F1':>7}{'miss':>8}{'FB look':>9}{'FB benign':>11}"
          f"{'thr@5%':>8}{'p50 ms':>8}")
    for name in GUIDES:
        guide = load_guide(ROOT / "examples" / f"{name}.yaml")
        suite = synthesize(guide, seed=args.seed)
        for setting, folds in (("seen seeds", 1), ("unseen seeds", 2)):
            ev = asyncio.run(evaluate_guards(compile_guard_config(guide), guide, suite.cases, suite_name=suite.name,
                                             folds=folds))
            lat = ev.latency_ms.get("input-classifier", {})
            row = {"guide": name, "setting": setting, "folds": folds, "n_cases": ev.n_cases, "f1": ev.f1,
                   "precision": ev.precision, "recall": ev.recall, "miss": ev.miss.model_dump(),
                   "false_block_lookalike": ev.false_block_lookalike.model_dump(),
                   "false_block_benign": ev.false_block_benign.model_dump(),
                   "threshold_for_5pct": ev.threshold_for_target, "classifier_latency_ms": lat}
            rows.append(row)
            print(f"{name:<14}{setting:<14}{ev.n_cases:>7}{ev.f1 or 0:>7.3f}{ev.miss.rate or 0:>8.3f}"
                  f"{ev.false_block_lookalike.rate or 0:>9.3f}{ev.false_block_benign.rate or 0:>11.3f}"
                  f"{ev.threshold_for_target or float('nan'):>8.2f}{lat.get('p50', 0):>8.2f}")
    third = _third_party(Path(args.third_party)) if args.third_party else None
    out = ROOT / "bench" / "results" / "guard_eval.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seed": args.seed, "rows": rows, "third_party": third}, indent=2) + "\n")


def _third_party(path: Path) -> dict[str, object]:
    prompts: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            prompts[row["prompt"]] = str(row.get("prompt_type", "")).startswith("contrast")
    print(f"\nthird-party prompts ({path.name}): {sum(prompts.values())} harmful, "
          f"{len(prompts) - sum(prompts.values())} safe look-alikes; input guards trained on the guide alone")
    print(f"{'guide':<14}{'blocked harmful':>24}{'blocked safe':>24}")
    guides: dict[str, object] = {}
    for name in GUIDES:
        guide = load_guide(ROOT / "examples" / f"{name}.yaml")
        guard = Guard(compile_guard_config(guide), guide)

        async def check(g: Guard = guard) -> list[tuple[bool, bool]]:
            return [(harmful, (await g.check_input([{"role": "user", "content": p}])).blocked)
                    for p, harmful in prompts.items()]
        res = asyncio.run(check())
        hit = Rate.of(sum(b for h, b in res if h), sum(h for h, _ in res))
        fb = Rate.of(sum(b for h, b in res if not h), sum(not h for h, _ in res))
        guides[name] = {"blocked_harmful": hit.model_dump(), "blocked_safe": fb.model_dump()}
        print(f"{name:<14}{_fmt(hit):>24}{_fmt(fb):>24}")
    return {"file": path.name, "n_harmful": sum(prompts.values()), "n_safe": len(prompts) - sum(prompts.values()),
            "guides": guides}


def _fmt(r: Rate) -> str:
    return f"{r.rate:.1%} [{r.low:.0%}, {r.high:.0%}]" if r.rate is not None else "-"


if __name__ == "__main__":
    main()
