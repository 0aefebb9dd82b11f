"""What the input guard's deterministic detectors (``injection-user``, ``injection-data``,
``secrets-input``, ``blocklist``, ``developer-override``) fire on, per guide, on the suite synthesised offline from it:

- non-violating cases with a detector hit, by guard, and how many of them fire on the case's own
  request (``metadata.plaintext``, the request before any attack frame): those are false hits; a hit
  on the frame alone (a spoofed system message around a benign request) is a right one;
- violating cases the detectors find, and among them the injection / authority techniques.

Usage (the suites are synthesised in a temporary folder):
  PYTHONPATH=$PWD/src python bench/bench_detector_hits.py tests/fixtures/guides/*.yaml examples/*.yaml \
      [--out detector_hits.json] [-v]
``-v`` prints each distinct request that fires on its own. ``--out`` writes under bench/results,
with the ids of the violating cases found, so two runs can be compared case by case.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from charter.guard import Guard, find_injection, find_rule_override, find_secrets
from charter.guide import load_guide
from charter.suite import read_suite

DETECTORS = {"injection-user", "injection-data", "secrets-input", "blocklist", "developer-override"}
INJECTION_TECHNIQUES = ("inject", "developer", "authority")


async def measure(path: str, folder: Path) -> dict[str, Any]:
    suite_path = folder / (path.replace("/", "_") + ".jsonl")
    subprocess.run([sys.executable, "-m", "charter", "synth", path, "-o", str(suite_path)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    suite = read_suite(suite_path)
    guard = Guard.from_guide(load_guide(path))
    by_guard: collections.Counter[str] = collections.Counter()
    res: dict[str, Any] = {"nonviolating": 0, "nonviolating_hit": 0, "own_request_hit": 0, "own_requests": set(),
                           "violating": 0, "violating_found": [], "injection_cases": 0, "injection_found": 0}
    for case in suite.cases:
        d = await guard.check_input(case.messages)
        hit = {h.guard for h in d.hits if h.guard in DETECTORS}
        technique = case.technique or "none"
        if case.intent.value == "violating":
            res["violating"] += 1
            if hit:
                res["violating_found"].append(case.id)
            if any(k in technique for k in INJECTION_TECHNIQUES):
                res["injection_cases"] += 1
                res["injection_found"] += bool(hit)
            continue
        res["nonviolating"] += 1
        res["nonviolating_hit"] += bool(hit)
        by_guard.update(hit)
        plain = str((case.metadata or {}).get("plaintext") or "")
        if plain and (find_injection(plain) or find_secrets(plain) or find_rule_override(plain)):
            res["own_request_hit"] += 1
            res["own_requests"].add(plain[:300])
    res["nonviolating_by_guard"] = dict(by_guard)
    res["own_requests"] = sorted(res["own_requests"])
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("guides", nargs="+")
    ap.add_argument("--out", default="", help="file name under bench/results (none by default)")
    ap.add_argument("-v", action="store_true", help="print the requests that fire on their own")
    args = ap.parse_args()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in args.guides:
            r = out[path] = asyncio.run(measure(path, Path(tmp)))
            print(f"{Path(path).name:30s} non-violating hit {r['nonviolating_hit']:4d}/{r['nonviolating']:5d} "
                  f"(own request {r['own_request_hit']:3d}) {r['nonviolating_by_guard']}; violating found "
                  f"{len(r['violating_found']):4d}/{r['violating']:5d}; injection/authority "
                  f"{r['injection_found']}/{r['injection_cases']}", flush=True)
            if args.v:
                for text in r["own_requests"]:
                    print("    ", json.dumps(text, ensure_ascii=False))
    total = {k: sum(len(r[k]) if isinstance(r[k], list) else r[k] for r in out.values())
             for k in ("nonviolating", "nonviolating_hit", "own_request_hit", "violating", "violating_found",
                       "injection_cases", "injection_found")}
    print("total", total)
    if args.out:
        dest = Path(__file__).resolve().parent / "results" / args.out
        dest.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {dest}")


if __name__ == "__main__":
    main()
