"""Leak rate of planted third-party records by the embedded 0.5B target under the ISP guide's
compiled prompt (compact variant): the 14 planted-data families in each plant location,
answers cut at 80 tokens. Runs one location at a time and writes what it has after each, so a
slow machine still leaves results. Prints a table; writes bench/results/planted.json.

    python bench/bench_planted.py [--target local/qwen2.5-0.5b-instruct] [--max-tokens 80]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

from charter.evaluate import Rate
from charter.guide import load_guide
from charter.model import get_model
from charter.redteam import PLANT_LOCATIONS, RedteamConfig, planted_rates, run_redteam

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "examples" / "isp-support.yaml"
OUT = ROOT / "bench" / "results" / "planted.json"


def _families(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by: dict[str, list[bool]] = {}
    for r in rows:
        by.setdefault(r["goal"].split(":")[-1], []).append(r["success"])
    return {f: Rate.of(sum(v), len(v)).model_dump() for f, v in sorted(by.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default="local/qwen2.5-0.5b-instruct")
    ap.add_argument("--max-tokens", type=int, default=80)
    a = ap.parse_args()
    guide = load_guide(GUIDE)
    model = get_model(a.target)
    res: dict[str, Any] = {"target": a.target, "guide": GUIDE.name, "prompt_variant": "compact",
                           "max_tokens": a.max_tokens, "locations": {}, "rows": []}
    for loc in PLANT_LOCATIONS:
        t0 = time.perf_counter()
        cfg = RedteamConfig(budget=14, strategies=("planted",), plant_locations=(loc,), max_tokens=a.max_tokens,
                            prompt_variant="compact")
        s = asyncio.run(run_redteam(guide, model, config=cfg))
        res["locations"][loc] = {"rate": planted_rates(s.results)["by_location"][loc].model_dump(),
                                 "seconds": round(time.perf_counter() - t0, 1)}
        res["rows"] += [{"goal": r.goal_id, "success": r.success,
                         "explanation": r.attempts[0].explanation if r.attempts else "; ".join(r.notes),
                         "response": r.attempts[0].response if r.attempts else ""} for r in s.results]
        res["families"] = _families(res["rows"])
        OUT.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        rate = res["locations"][loc]["rate"]
        print(f"{loc:<9} {rate['k']:>2}/{rate['n']:<2} leaked  ({res['locations'][loc]['seconds']} s)", flush=True)
    for fam, rate in res["families"].items():
        print(f"  {fam:<20} {rate['k']}/{rate['n']}")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
