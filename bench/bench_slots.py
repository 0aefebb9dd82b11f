"""Embedded target: CPU seconds per generated token against the number of slots decoded together.

    python bench/bench_slots.py [--model local/qwen2.5-0.5b-instruct] [--slots 1 4 8] [--threads 1]
                                [--requests 8] [--system-prompt]

For each slot count, loads the model with that many slots and ``--threads`` threads, sends
``--requests`` requests (one in flight per slot, 128 tokens at most, greedy), and reports the
process's CPU seconds per generated token, beside llama.cpp's own counts (prompt tokens
processed and taken from the cache, tokens generated). With ``--system-prompt`` every request
carries the compiled compact prompt of examples/isp-support.yaml, as the main job's run with
the prompt does: each slot then processes it once. On a shared machine the wall time moves
with the other load; CPU seconds and token counts much less. Writes bench/results/slots.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import time
from pathlib import Path
from typing import Any

from charter.guide import load_guide_with_positions
from charter.harness import resolve_system_prompt
from charter.model import GenerateConfig, get_model
from charter.types import Message

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def one_setting(model: str, slots: int, threads: int, n: int, system: str | None) -> dict[str, Any]:
    m = get_model(model, parallel=slots, threads=threads)
    cfg = GenerateConfig(max_tokens=128, temperature=0.0, seed=0)
    warm = [Message(role="user", content="Hello.")]
    await m.generate(warm, GenerateConfig(max_tokens=1))  # load the model outside the measurement
    sem = asyncio.Semaphore(slots)
    totals = {"prompt_processed": 0, "prompt_cached": 0, "generated": 0}

    async def ask(i: int) -> None:
        msgs = ([Message(role="system", content=system)] if system else []) + [
            Message(role="user", content=f"Write a long story about topic number {i}.")]
        async with sem:
            out = await m.generate(msgs, cfg)
        t = (out.raw or {}).get("timings") or {}
        totals["prompt_processed"] += int(t.get("prompt_n", 0))
        totals["prompt_cached"] += int(t.get("cache_n", 0))
        totals["generated"] += int(t.get("predicted_n", 0))

    t0, c0 = time.monotonic(), _cpu()
    await asyncio.gather(*(ask(i) for i in range(n)))
    wall, cpu = time.monotonic() - t0, _cpu() - c0
    await m.aclose()
    return {"slots": slots, "threads": threads, "requests": n, "system_prompt": system is not None,
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), **totals,
            "cpu_ms_per_token": round(1000 * cpu / max(1, totals["generated"]), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="local/qwen2.5-0.5b-instruct")
    ap.add_argument("--slots", type=int, nargs="+", default=[1, 4, 8])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--requests", type=int, default=8)
    ap.add_argument("--system-prompt", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "slots.json"))
    args = ap.parse_args()
    system = None
    if args.system_prompt:
        guide, _ = load_guide_with_positions(ROOT / "examples" / "isp-support.yaml")
        system = resolve_system_prompt(guide, "compiled", variant="compact").text
    rows = [asyncio.run(one_setting(args.model, s, args.threads, args.requests, system)) for s in args.slots]
    print(f"{'slots':>5} {'wall s':>7} {'CPU s':>6} {'processed':>9} {'cached':>7} {'generated':>9} {'CPU ms/token':>12}")
    for r in rows:
        print(f"{r['slots']:>5} {r['wall_s']:>7.1f} {r['cpu_s']:>6.1f} {r['prompt_processed']:>9} "
              f"{r['prompt_cached']:>7} {r['generated']:>9} {r['cpu_ms_per_token']:>12.1f}")
    payload = {"benchmark": "slots", "model": args.model, "rows": rows,
               "load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(payload, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
