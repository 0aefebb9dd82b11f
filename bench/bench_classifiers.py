"""Throughput of Charter's local classifiers (language, profanity, the guide-trained classifier)
as scorers, in responses per second, on bench_checks.py's two workloads: ``short`` generated
responses (about 40 words) and ``long`` real model responses (the 60 of
tests/fixtures/refusal_dev_sample.jsonl, about 700 characters each, cycled), plus ``stub``,
the one-line answer of the loopback stub that bench_eval.py's ``charter eval`` scores.

Each classifier is called as a run calls it (``await scorer(case, response)``), after one
warm-up pass (its model loaded, its caches as a run has them after a few responses). Times
are CPU seconds of the process (one core); each cell is the median of ``--repeat`` passes.

``--baseline OLD/src`` measures an earlier tree in the same run (each tree in its own process,
alternating, ``--rounds`` times; medians) and compares every score each tree gave (verdict,
value, label, explanation, metadata): the run fails if a speed change changed an answer.

    python bench/bench_classifiers.py [--n 2000] [--repeat 3]
    git worktree add /tmp/base main && python bench/bench_classifiers.py --baseline /tmp/base/src

Prints a table; writes bench/results/classifiers.json.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
GUIDE = ROOT / "examples" / "isp-support.yaml"
LONG = ROOT / "tests" / "fixtures" / "refusal_dev_sample.jsonl"
CLASSIFIERS = ("language", "profanity", "guide_classifier")


def measure(n: int, repeat: int) -> dict[str, Any]:
    from bench_checks import make_responses

    from charter.evaluate import build_scorers
    from charter.guide import load_guide
    from charter.suite import Case, Message
    from charter.types import Response

    guide = load_guide(GUIDE)
    scorers = {s.id: s for s in build_scorers(guide) if s.id in CLASSIFIERS}
    case = Case(id="bench", messages=[Message(role="user", content="Why is my bill higher this month?")],
                expected="comply", intent="benign", rule_ids=[guide.rule_ids()[0]])
    texts = [json.loads(line)["response"] for line in LONG.read_text(encoding="utf-8").splitlines()]
    workloads = {"short": make_responses(n, 0), "long": (texts * (n // len(texts) + 1))[:n],
                 "stub": ["Hello from the stub."] * n}
    rows: list[dict[str, Any]] = []
    digest = hashlib.sha256()

    async def run() -> None:
        for workload, items in workloads.items():
            responses = [Response(text=t) for t in items]
            for sid in CLASSIFIERS:
                scorer = scorers[sid]
                for r in responses[:100]:  # warm-up: the model loaded, the caches a run has
                    await scorer(case, r)
                times = []
                for k in range(repeat):
                    t = time.process_time()
                    for r in responses:
                        s = await scorer(case, r)
                        if k == 0:
                            digest.update(s.model_dump_json().encode())
                    times.append(time.process_time() - t)
                dt = statistics.median(times)
                rows.append({"workload": workload, "classifier": sid, "responses": len(responses),
                             "seconds": round(dt, 4), "responses_per_s": round(len(responses) / dt, 1)})

    asyncio.run(run())
    return {"rows": rows, "answers_sha256": digest.hexdigest()}


def _child(src: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])}
    out = subprocess.run([sys.executable, __file__, "--child", "--n", str(args.n), "--repeat", str(args.repeat)],
                         env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="responses per workload")
    ap.add_argument("--repeat", type=int, default=3, help="passes per cell (median)")
    ap.add_argument("--baseline", default=None, help="an earlier source tree, measured beside this one")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds with --baseline")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "classifiers.json"))
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.n, args.repeat)))
        return

    trees = {"after": ROOT / "src"} | ({"before": Path(args.baseline)} if args.baseline else {})
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in trees}
    for _ in range(args.rounds if args.baseline else 1):
        for kind, src in trees.items():
            runs[kind].append(_child(src, args))
    table: dict[str, dict[tuple[str, str], float]] = {}
    for kind, got in runs.items():
        table[kind] = {(r["workload"], r["classifier"]): statistics.median(
            g["rows"][i]["responses_per_s"] for g in got) for i, r in enumerate(got[0]["rows"])}
    answers = {kind: sorted({g["answers_sha256"] for g in got}) for kind, got in runs.items()}
    same = len({a for v in answers.values() for a in v}) == 1

    head = f"{'workload':9} {'classifier':18} {'after /s':>10}"
    if args.baseline:
        head += f" {'before /s':>10} {'ratio':>7}"
    print(head)
    for (workload, sid), rate in table["after"].items():
        line = f"{workload:9} {sid:18} {rate:10.0f}"
        if args.baseline:
            before = table["before"][(workload, sid)]
            line += f" {before:10.0f} {rate / before:7.2f}"
        print(line)
    if args.baseline:
        print("every score identical in both trees: " + ("yes" if same else f"NO {answers}"))
    result = {"benchmark": "classifiers", "n": args.n, "repeat": args.repeat, "baseline": args.baseline,
              "rounds": args.rounds if args.baseline else 1,
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform(terse=True), "load_avg": os.getloadavg()},
              "responses_per_s": {kind: [{"workload": w, "classifier": c, "responses_per_s": v}
                                         for (w, c), v in t.items()] for kind, t in table.items()},
              "same_answers": same if args.baseline else None,
              "note": "CPU time of one process (one core), median of the passes and of the rounds; shared machine"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")
    if args.baseline and not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
