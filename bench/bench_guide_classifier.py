"""How the classifier trained from the guide (``guide_classifier``) scores the guide's own replies.

For every example guide (examples/*.yaml) and fixture guide (tests/fixtures/guides/*.yaml),
each judged point of the guide's worked examples becomes a case (``charter.synth.example_suite``,
as ``charter suite`` writes it: the expected behavior derived from the GOOD reply), and every
labelled reply of the case (GOOD, OK, BAD) is scored by the scorer a run builds
(``charter.evaluate.build_scorers(guide)``, the one with id ``guide_classifier``), as
``await scorer(case, response)``. It counts, per guide:

* GOOD and OK replies it fails (a check that fires on text the guide asks for), with their p;
* BAD replies it fails (its detection of what the guide forbids), and those it abstains on;
* the same with the classifier trained on the guide **without** the example being scored
  (``--folds`` folds of the examples, by example, seeded): what it says about a reply it never
  saw, which is what a run's responses are.

``n/a`` (the classifier abstains) counts as neither pass nor fail.

To measure an earlier tree, run this file with ``PYTHONPATH=OLD/src`` (public API only).

    python bench/bench_guide_classifier.py [--guide G.yaml ...] [--folds 4] [--label before]

Prints a table; writes bench/results/guide_classifier[-LABEL].json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted(ROOT.glob("examples/*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "guides").glob("*.yaml"))


def _keyed_examples(guide: Any) -> list[tuple[str, int]]:
    return [(r.id, k) for r in guide.iter_rules() for k in range(len(r.examples))]


def _without(guide: Any, drop: set[tuple[str, int]]) -> Any:
    """The guide with the examples ``drop`` ((rule id, index)) taken out (in memory)."""

    def rule(r: Any) -> Any:
        keep = [ex for k, ex in enumerate(r.examples) if (r.id, k) not in drop]
        return r.model_copy(update={"examples": keep})

    return guide.model_copy(update={
        "policies": [p.model_copy(update={"rules": [rule(r) for r in p.rules]}) for p in guide.policies],
        "defaults": [rule(r) for r in guide.defaults],
        "edge_cases": [rule(e) for e in guide.edge_cases],
    })


def _example_key(case: Any) -> tuple[str, int]:
    """(rule id, example index) of an example-suite case (provenance ``example:RULE[K]``)."""
    src = case.provenance.source
    rid, _, k = src.removeprefix("example:").rpartition("[")
    return rid, int(k.rstrip("]"))


def _score_all(cases: list[Any], scorer_for: Callable[[Any], Any]) -> list[dict[str, Any]]:
    from charter.types import Response

    async def go() -> list[dict[str, Any]]:
        out = []
        for case in cases:
            scorer = scorer_for(case)
            for cand in case.metadata.get("candidates", []):
                s = await scorer(case, Response(text=cand["text"]))
                out.append({"case": case.id, "expected": str(case.expected), "reply": cand["verdict"],
                            "verdict": str(s.verdict), "p": s.value, "text": cand["text"][:100]})
        return out

    return asyncio.run(go())


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("good", "ok", "bad"):
        mine = [r for r in rows if r["reply"] == kind]
        fails = [r for r in mine if r["verdict"] == "fail"]
        na = [r for r in mine if r["verdict"] == "n/a"]
        out[kind] = {"n": len(mine), "fail": len(fails), "na": len(na),
                     "fail_p": sorted(round(float(r["p"]), 3) for r in fails)}
    return out


def measure(path: Path, folds: int, seed: int) -> dict[str, Any]:
    from charter.evaluate import build_scorers
    from charter.guide import load_guide
    from charter.synth import example_suite

    guide = load_guide(path)
    cases = [c for c in example_suite(guide).suite.cases if c.metadata.get("candidates")]
    t0 = time.process_time()
    full = next((s for s in build_scorers(guide) if s.id == "guide_classifier"), None)
    if full is None:
        return {"guide": path.name, "skipped": "no guide_classifier for this guide"}
    train_s = time.process_time() - t0
    in_sample = _score_all(cases, lambda _c: full)
    keys = _keyed_examples(guide)
    random.Random(seed).shuffle(keys)
    fold_of = {key: i % folds for i, key in enumerate(keys)}
    held: dict[int, Any] = {}

    def heldout_scorer(case: Any) -> Any:
        f = fold_of[_example_key(case)]
        if f not in held:
            sub = _without(guide, {k for k, v in fold_of.items() if v == f})
            held[f] = next(s for s in build_scorers(sub) if s.id == "guide_classifier")
        return held[f]

    heldout = _score_all(cases, heldout_scorer)
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return {"guide": name, "cases": len(cases), "train_cpu_s": round(train_s, 2),
            "in_sample": _summary(in_sample), "heldout": _summary(heldout),
            "in_sample_rows": in_sample, "heldout_rows": heldout}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guide", type=Path, action="append", help="guide YAML (default: examples + fixtures)")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--label", default="")
    args = ap.parse_args(argv)
    guides = [p.resolve() for p in args.guide] if args.guide else GUIDES
    results = [measure(p, args.folds, args.seed) for p in guides]

    def cell(s: dict[str, Any], kind: str) -> str:
        d = s[kind]
        na = f" ({d['na']} n/a)" if d["na"] else ""
        return f"{d['fail']}/{d['n']}{na}"

    head = (f"{'guide':<42} {'GOOD fail':>10} {'OK fail':>8} {'BAD fail':>13} | {'held-out GOOD':>14} "
            f"{'OK':>8} {'BAD':>13}")
    print(head)
    print("-" * len(head))
    tot: dict[str, dict[str, dict[str, int]]] = {}
    for r in results:
        if "skipped" in r:
            print(f"{r['guide']:<42} {r['skipped']}")
            continue
        s, h = r["in_sample"], r["heldout"]
        print(f"{Path(r['guide']).name:<42} {cell(s, 'good'):>10} {cell(s, 'ok'):>8} {cell(s, 'bad'):>13} | "
              f"{cell(h, 'good'):>14} {cell(h, 'ok'):>8} {cell(h, 'bad'):>13}")
        for part in ("in_sample", "heldout"):
            for kind in ("good", "ok", "bad"):
                t = tot.setdefault(part, {}).setdefault(kind, {"n": 0, "fail": 0, "na": 0, "fail_p": []})  # type: ignore[dict-item]
                for f in ("n", "fail", "na"):
                    t[f] += r[part][kind][f]
    print("-" * len(head))
    print(f"{'total':<42} {cell(tot['in_sample'], 'good'):>10} {cell(tot['in_sample'], 'ok'):>8} "
          f"{cell(tot['in_sample'], 'bad'):>13} | {cell(tot['heldout'], 'good'):>14} "
          f"{cell(tot['heldout'], 'ok'):>8} {cell(tot['heldout'], 'bad'):>13}")
    for r in results:
        for part in ("in_sample", "heldout"):
            if "skipped" not in r and r[part]["good"]["fail"]:
                print(f"  {Path(r['guide']).name} {part} GOOD failed at p = {r[part]['good']['fail_p']}")
    out = ROOT / "bench" / "results" / f"guide_classifier{'-' + args.label if args.label else ''}.json"
    out.write_text(json.dumps({"folds": args.folds, "seed": args.seed, "totals": tot, "guides": results},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
