"""Latency of the policy-conditioned LLM classifier (the `policy_judge` input guard) on an
embedded model, through the same path the proxy uses (``Guard.check_input``). A handful of
requests from the guide's own examples (violating and not, alternating) are checked one after
another; the first check is reported apart (it starts the llama.cpp server and fills the
prefix cache with the fixed policy part of the prompt), then p50/p95 of the rest. The machine
load (1-minute load average) before and after is recorded, because on a shared CPU it moves
the figures more than anything else. Prints a table; writes bench/results/policy_judge.json.

    python bench/bench_policy_judge.py [--judge local/qwen2.5-0.5b-instruct] [--n 8] [--guide isp-support]

The verdicts are printed for orientation only: eight requests say nothing about accuracy
(measure that with ``charter guard eval --judge MODEL``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from charter.guard import Guard
from charter.guide import ExampleLabel, load_guide
from charter.model import get_model

ROOT = Path(__file__).resolve().parents[1]
GUARD_ID = "policy-judge"


def _requests(guide: Any, n: int) -> list[tuple[str, str]]:
    """(label, text): the guide's violating and non-violating example prompts, alternating."""
    bad, ok = [], []
    for rule in guide.iter_rules():
        for ex in rule.examples:
            (bad if ex.label == ExampleLabel.violating else ok).append(ex.prompt_text())
    out: list[tuple[str, str]] = []
    for a, b in zip(bad, ok, strict=False):
        out += [("violating", a), ("not violating", b)]
    return out[:n]


async def _run(args: argparse.Namespace) -> dict[str, Any]:
    guide = load_guide(ROOT / "examples" / f"{args.guide}.yaml")
    judge = get_model(args.judge, role="judge")
    guard = Guard.from_guide(guide, judge=judge)
    rows = []
    try:
        for label, text in _requests(guide, args.n):
            t0 = time.perf_counter()
            d = await guard.check_input([{"role": "user", "content": text}])
            wall = (time.perf_counter() - t0) * 1000
            score = next((s for s in d.scores if s.scorer == "policy_judge"), None)
            rows.append({"label": label, "text": text[:80], "judge_ms": d.latency_by_guard.get(GUARD_ID),
                         "check_ms": round(wall, 1), "p_yes": score.value if score else None,
                         "verdict": str(score.verdict) if score else None})
            print(f"{rows[-1]['judge_ms']:>10.0f} ms  p(yes)={rows[-1]['p_yes']}  {label:<14} {text[:60]!r}")
    finally:
        await judge.aclose()
    return {"rows": rows}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--judge", default="local/qwen2.5-0.5b-instruct")
    ap.add_argument("--guide", default="isp-support")
    ap.add_argument("--n", type=int, default=8, help="requests to check (the first one warms up)")
    args = ap.parse_args()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    res = asyncio.run(_run(args))
    load1 = os.getloadavg()[0]
    lat = [r["judge_ms"] for r in res["rows"] if r["judge_ms"] is not None]
    warm = sorted(lat[1:])
    result = {
        "judge": args.judge, "guide": args.guide, "n": len(lat),
        "first_check_ms": round(lat[0], 1) if lat else None,
        "p50_ms": round(statistics.median(warm), 1) if warm else None,
        "p95_ms": round(warm[int(0.95 * (len(warm) - 1))], 1) if warm else None,
        "wall_s": round(time.perf_counter() - t0, 1),
        "rows": res["rows"],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_1m_before": round(load0, 2), "loadavg_1m_after": round(load1, 2)},
    }
    print(f"{args.judge}: first check {result['first_check_ms']} ms (server start + policy prefix), then "
          f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms over {len(warm)} checks; "
          f"load average {load0:.2f} -> {load1:.2f} on {os.cpu_count()} CPUs")
    out = ROOT / "bench" / "results" / "policy_judge.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
