"""End-to-end time of the main job, `charter run`, per stage.

    python bench/bench_run.py [--guide examples/isp-support.yaml] [--profile quick]
                              [--target M] [--judge M] [--generator M]

Runs the job in this process (fresh output folder and store in a temp dir; the model cache
in ~/.cache/charter is reused, as it is for a user's second run), timestamps every stage,
prints a table and writes bench/results/run.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from charter.job import DEFAULT_GENERATOR, DEFAULT_JUDGE, DEFAULT_TARGET, JobConfig, run_job

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guide", default=str(ROOT / "examples" / "isp-support.yaml"))
    ap.add_argument("--profile", default="quick")
    ap.add_argument("--target", default=DEFAULT_TARGET)
    ap.add_argument("--judge", default=DEFAULT_JUDGE)
    ap.add_argument("--generator", default=DEFAULT_GENERATOR)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "run.json"))
    args = ap.parse_args()

    stages: list[tuple[str, float]] = []
    t0 = time.monotonic()

    def say(msg: str) -> None:
        if msg[:1].isdigit() and "/5 " in msg[:5]:
            stages.append((msg, time.monotonic() - t0))
        print(f"[{time.monotonic() - t0:7.1f}s] {msg}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("CHARTER_PROGRESS", "0")
        cfg = JobConfig(profile=args.profile, target=args.target, judge=None if args.judge == "none" else args.judge,
                        generator=None if args.generator == "none" else args.generator,
                        out_dir=Path(tmp) / "out", store=Path(tmp) / "runs.db")
        result = run_job(args.guide, cfg, say=say)
    total = time.monotonic() - t0
    rows = []
    for i, (name, start) in enumerate(stages):
        end = stages[i + 1][1] if i + 1 < len(stages) else total
        rows.append({"stage": name, "seconds": round(end - start, 1)})
    print(f"\n{'stage':<55} {'seconds':>8}")
    for r in rows:
        print(f"{r['stage']:<55} {r['seconds']:>8.1f}")
    print(f"{'total':<55} {total:>8.1f}")
    n = {label: s["n"] for label, s in result.summary.items()}
    payload = {
        "benchmark": "run", "guide": Path(args.guide).name, "profile": args.profile, "target": args.target,
        "judge": args.judge, "generator": args.generator, "responses": n, "stages": rows,
        "total_seconds": round(total, 1), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(terse=True)},
        "summary": result.summary,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(payload, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
