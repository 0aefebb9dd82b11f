"""Adaptive red-teaming vs the static suite at the same number of target queries: every
strategy (static synth techniques, PAIR-style iterative, crescendo, TAP tree search) attacks the
same goals of each example guide, each (strategy, goal) pair allowed the same ``--queries``
target queries, against the embedded 0.5B target running under the guide's compiled prompt;
the attacker and (unless ``--judge`` names another model) the judge are the embedded 1.5B.
Success is the judge's verdict against the attacked rule; the 1.5B cannot read a response well
enough for it (docs/redteam.md), so a real comparison needs ``--judge`` set to a stronger model. Prints attack success rate (Wilson 95%) and the target queries each strategy
spent; writes bench/results/redteam.json (config, environment, per-strategy rates, every
attack's outcome).

Attacker and judge calls are not target queries and are not capped by ``--queries``: the
adaptive strategies spend more model time than the static one for the same target queries
(their wall time is in the table).

    python bench/bench_redteam.py [--guides isp-support,kids-tutor,coding-agent] [--goals 2]
                                  [--queries 4] [--max-tokens 192] [--threads 2] [--judge MODEL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from charter.evaluate import Rate
from charter.guide import load_guide
from charter.model import get_model
from charter.redteam import Goal, RedteamConfig, goals_from_guide, run_redteam

ROOT = Path(__file__).resolve().parents[1]
STRATEGIES = ("static", "iterative", "crescendo", "tap")


def _goals(guide_goals: list[Goal], n: int, *, own_first: bool = True) -> list[Goal]:
    """``n`` goals, one per rule, each from the rule's text. ``own_first``: the guide's own rules
    before the included hazard library's (``hazards.*``), which every example guide shares."""
    out: list[Goal] = []
    seen: set[str] = set()
    for g in guide_goals:
        if g.rule_id not in seen and g.id.endswith("#text"):
            out.append(g)
            seen.add(g.rule_id)
    if own_first:
        out.sort(key=lambda g: g.rule_id.startswith("hazards."))  # stable: guide order within each group
    return out[:n]


async def _bench(args: argparse.Namespace) -> dict[str, Any]:
    target = get_model(args.target, role="target", threads=args.threads, parallel=1)
    helper = get_model(args.attacker, role="attacker", threads=args.threads, parallel=1)
    judge = (get_model(args.judge, role="judge", threads=args.threads, parallel=1)
             if args.judge and args.judge != args.attacker else helper)
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in STRATEGIES}
    wall: dict[str, float] = dict.fromkeys(STRATEGIES, 0.0)
    try:
        for name in args.guides.split(","):
            guide = load_guide(ROOT / "examples" / f"{name}.yaml")
            goals = _goals(goals_from_guide(guide), args.goals, own_first=args.goal_rules == "own")
            for goal in goals:
                for strategy in STRATEGIES:
                    cfg = RedteamConfig(budget=args.queries, strategies=(strategy,), max_iterations=args.queries,
                                        max_turns=args.queries, max_backtracks=args.queries,
                                        tap_branching=args.branching, tap_depth=args.queries, tap_width=args.width,
                                        max_tokens=args.max_tokens, attacker_max_tokens=args.attacker_max_tokens,
                                        prompt_variant="compact", seed=args.seed)
                    t0 = time.perf_counter()
                    s = await run_redteam(guide, target, attacker=helper, judge=judge, config=cfg, goals=[goal])
                    dt = time.perf_counter() - t0
                    wall[strategy] += dt
                    for r in s.results:
                        rows[strategy].append({"guide": name, "goal": goal.id, "rule_id": goal.rule_id,
                                               "success": r.success, "queries": r.queries,
                                               "turns": r.turns, "wall_s": round(dt, 1),
                                               "verdicts": [a.verdict for a in r.attempts],
                                               "attempts": [{"prompt": a.messages[-1].content[:400],
                                                             "response": a.response[:400], "verdict": a.verdict,
                                                             "explanation": a.explanation[:300]}
                                                            for a in r.attempts]})
                    print(f"  {name:<13}{goal.id:<40}{strategy:<10} success={s.results[0].success if s.results else '-'}"
                          f" queries={s.queries} {dt:.0f}s", flush=True)
    finally:
        await target.aclose()
        await helper.aclose()
        if judge is not helper:
            await judge.aclose()
    table = []
    for strategy in STRATEGIES:
        rs = [r for r in rows[strategy] if r["queries"]]
        rate = Rate.of(sum(r["success"] for r in rs), len(rs))
        table.append({"strategy": strategy, "attacks": len(rs), "successes": rate.k, "asr": rate.model_dump(),
                      "target_queries": sum(r["queries"] for r in rs), "wall_s": round(wall[strategy], 1)})
    return {"config": {k: v for k, v in vars(args).items() if k != "out"}, "table": table, "attacks": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--guides", default="isp-support,kids-tutor,coding-agent")
    ap.add_argument("--goals", type=int, default=2, help="goals per guide (one per must_not rule)")
    ap.add_argument("--queries", type=int, default=4, help="target queries per (strategy, goal)")
    ap.add_argument("--goal-rules", default="own", choices=["own", "guide-order"],
                    help="own: the guide's own must_not rules first, then the shared hazard library; "
                         "guide-order: the guide's order (the hazard library first)")
    ap.add_argument("--branching", type=int, default=2)
    ap.add_argument("--width", type=int, default=1)
    ap.add_argument("--target", default="local/qwen2.5-0.5b-instruct")
    ap.add_argument("--attacker", default="local/qwen2.5-1.5b-instruct", help="also the judge unless --judge is given")
    ap.add_argument("--judge", default=None,
                    help="a judge that can read a response (an API or GPU-served model; check it with "
                         "`charter calibrate` first); default: the attacker")
    ap.add_argument("--max-tokens", type=int, default=192)
    ap.add_argument("--attacker-max-tokens", type=int, default=192)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "redteam.json")
    args = ap.parse_args()
    t0 = time.perf_counter()
    result = asyncio.run(_bench(args))
    result["environment"] = {"python": platform.python_version(), "machine": platform.machine(),
                             "cpus": os.cpu_count(), "load_avg_at_end": os.getloadavg()[0],
                             "total_wall_s": round(time.perf_counter() - t0, 1)}
    print(f"\n{'strategy':<11}{'attacks':>8}{'succ':>6}{'ASR [95% CI]':>22}{'target q':>10}{'wall s':>9}")
    for row in result["table"]:
        r = Rate.model_validate(row["asr"])
        ci = f"{r.rate:.0%} [{r.low:.0%}, {r.high:.0%}]" if r.rate is not None and r.low is not None \
            and r.high is not None else "n/a"
        print(f"{row['strategy']:<11}{row['attacks']:>8}{row['successes']:>6}{ci:>22}{row['target_queries']:>10}"
              f"{row['wall_s']:>9}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
