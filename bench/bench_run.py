"""End-to-end time of the main job, `charter run`, per stage and per model role.

    python bench/bench_run.py [--guide examples/isp-support.yaml] [--profile quick]
                              [--target M] [--judge M] [--generator M] [--calls FILE]
                              [--before FILE --before-commit SHA --before-note TEXT]
                              [--store FILE]

Runs the job in this process (fresh output folder and store in a temp dir; the model files in
~/.cache/charter are reused, as they are for a user's second run), timestamps every stage,
and records every model call: its role, wall time, and for embedded models llama.cpp's own
account (prompt tokens processed, prompt tokens taken from the cache, tokens generated).
Prints a table per stage and per role, with the CPU time of the process beside the wall
time (on a shared machine the wall time moves with the other load; the CPU time and token
counts do not), and writes bench/results/run.json (``--calls FILE``: every call as JSONL).
``--store FILE`` keeps the run store there instead of in the temp dir: a second run with the
same file is a user's second run of the guide (the target's responses and the judge's answers
come from the store's cache). ``--before FILE`` (the JSON this script wrote for the tree before a change, measured in the same
session) is kept as the ``before`` block, with its commit and a note, beside the new figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from charter.job import (
    DEFAULT_GENERATOR,
    DEFAULT_JUDGE,
    DEFAULT_TARGET,
    PROFILES,
    JobConfig,
    run_job,
)
from charter.model import GenerateConfig, Model, ModelAPI, ModelOutput, providers
from charter.types import Message

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _trace_calls(calls: list[dict[str, Any]], t0: float) -> None:
    """Record every model call of this process in ``calls`` (a bench-only wrapper around each
    provider's ``generate``; the runner calls the provider directly, the judges the Model)."""
    roles: dict[int, str] = {}
    init = Model.__init__

    def model_init(self: Model, api: ModelAPI, **kw: Any) -> None:
        init(self, api, **kw)
        roles[id(api)] = self.role.value

    Model.__init__ = model_init  # type: ignore[method-assign]
    for name in providers.names():
        cls = providers.get(name)
        if "generate" not in cls.__dict__:  # inherited: wrapped with its parent
            continue
        original = cls.generate

        async def generate(self: ModelAPI, messages: list[Message], config: GenerateConfig,
                           _original: Any = original) -> ModelOutput:
            start = time.monotonic()
            out: ModelOutput = await _original(self, messages, config)
            timings = (out.raw or {}).get("timings") or {}
            calls.append({
                "role": roles.get(id(self), "?"), "model": f"{self.provider_name}/{self.model}",
                "start_s": round(start - t0, 2), "wall_s": round(time.monotonic() - start, 3),
                "input_tokens": out.usage.input_tokens, "output_tokens": out.usage.output_tokens,
                "prompt_processed": timings.get("prompt_n"), "prompt_cached": timings.get("cache_n"),
                "generated": timings.get("predicted_n"), "prompt_ms": round(timings.get("prompt_ms", 0.0)),
                "generate_ms": round(timings.get("predicted_ms", 0.0)),
            })
            return out

        cls.generate = generate  # type: ignore[method-assign]


def _by_role(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    acc: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(float))
    for c in calls:
        a = acc[(c["role"], c["model"])]
        a["calls"] += 1
        for k in ("wall_s", "input_tokens", "output_tokens", "prompt_processed", "prompt_cached", "generated",
                  "prompt_ms", "generate_ms"):
            a[k] += c.get(k) or 0
    rows = []
    for (role, model), a in sorted(acc.items()):
        rows.append({"role": role, "model": model, "calls": int(a["calls"]), "call_wall_s": round(a["wall_s"], 1),
                     "input_tokens": int(a["input_tokens"]), "prompt_processed": int(a["prompt_processed"]),
                     "prompt_cached": int(a["prompt_cached"]), "generated": int(a["generated"]),
                     "prompt_s": round(a["prompt_ms"] / 1000, 1), "generate_s": round(a["generate_ms"] / 1000, 1)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guide", default=str(ROOT / "examples" / "isp-support.yaml"))
    ap.add_argument("--profile", default="quick")
    ap.add_argument("--target", default=DEFAULT_TARGET)
    ap.add_argument("--judge", default=DEFAULT_JUDGE)
    ap.add_argument("--generator", default=DEFAULT_GENERATOR)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "run.json"))
    ap.add_argument("--calls", default=None, help="Write every model call here (JSONL).")
    ap.add_argument("--store", default=None, help="Keep the run store in this file (default: a fresh one in "
                    "a temp dir); run twice with the same file to measure a second run.")
    ap.add_argument("--before", default=None, help="A run.json of the tree before the change (same session).")
    ap.add_argument("--before-commit", default=None, help="The commit the --before run measured.")
    ap.add_argument("--before-note", default=None, help="How and when the --before run was measured.")
    args = ap.parse_args()

    stages: list[tuple[str, float, float]] = []
    calls: list[dict[str, Any]] = []
    t0 = time.monotonic()
    cpu0 = _cpu()
    _trace_calls(calls, t0)

    def say(msg: str) -> None:
        if msg[:1].isdigit() and "/5 " in msg[:5]:
            stages.append((msg, time.monotonic() - t0, _cpu() - cpu0))
        print(f"[{time.monotonic() - t0:7.1f}s] {msg}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("CHARTER_PROGRESS", "0")
        cfg = JobConfig(profile=args.profile, target=args.target, judge=None if args.judge == "none" else args.judge,
                        generator=None if args.generator == "none" else args.generator,
                        out_dir=Path(tmp) / "out", store=Path(args.store) if args.store else Path(tmp) / "runs.db")
        result = run_job(args.guide, cfg, say=say)
    total, cpu = time.monotonic() - t0, _cpu() - cpu0
    rows = []
    for i, (name, start, cstart) in enumerate(stages):
        end, cend = (stages[i + 1][1], stages[i + 1][2]) if i + 1 < len(stages) else (total, cpu)
        rows.append({"stage": name, "seconds": round(end - start, 1), "cpu_seconds": round(cend - cstart, 1)})
    print(f"\n{'stage':<55} {'seconds':>8} {'CPU s':>8}")
    for r in rows:
        print(f"{r['stage']:<55} {r['seconds']:>8.1f} {r['cpu_seconds']:>8.1f}")
    print(f"{'total':<55} {total:>8.1f} {cpu:>8.1f}")
    roles = _by_role(calls)
    print(f"\n{'role':<10} {'model':<30} {'calls':>5} {'prompt tok':>10} {'cached':>8} {'processed':>9} "
          f"{'generated':>9} {'prompt s':>8} {'gen s':>7}")
    for r in roles:
        print(f"{r['role']:<10} {r['model']:<30} {r['calls']:>5} {r['input_tokens']:>10} {r['prompt_cached']:>8} "
              f"{r['prompt_processed']:>9} {r['generated']:>9} {r['prompt_s']:>8.1f} {r['generate_s']:>7.1f}")
    n = {label: s["n"] for label, s in result.summary.items()}
    prof = PROFILES[args.profile]
    payload = {
        "benchmark": "run", "guide": Path(args.guide).name, "profile": args.profile, "target": args.target,
        "judge": args.judge, "generator": args.generator, "profile_settings": prof.model_dump(),
        "responses": n, "stages": rows, "total_seconds": round(total, 1), "cpu_seconds": round(cpu, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "by_role": roles, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(terse=True)},
        "summary": result.summary,
    }
    if args.before:
        prior = json.loads(Path(args.before).read_text())
        payload["before"] = {"commit": args.before_commit, "note": args.before_note,
                             **{k: prior[k] for k in ("total_seconds", "cpu_seconds", "load_average", "stages",
                                                      "by_role", "peak_rss_mb", "summary") if k in prior}}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(payload, indent=2))
    if args.calls:
        Path(args.calls).write_text("".join(json.dumps(c) + "\n" for c in calls))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
