"""Throughput of Charter's deterministic checks (responses / second), each alone and all
together, on generated responses, and of the refusal detector's first two tiers on long real
model responses (tests/fixtures/refusal_dev_sample.jsonl, about 700 characters each). Times are
CPU seconds of this process (one core), so other load on the machine does not count.
Prints a table; writes bench/results/checks.json.

    python bench/bench_checks.py [--n 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from pathlib import Path

from charter.evaluate import Response
from charter.evaluate.checks import (
    BlocklistCheck,
    ContextCheck,
    FormattingCheck,
    HumanClaimCheck,
    LeakageCheck,
    PIICheck,
    PreachyCheck,
    ReferenceCheck,
    RefusalCheck,
    VerbosityCheck,
)
from charter.guide import load_guide
from charter.suite import Case, Message

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml"
LONG = ROOT / "tests" / "fixtures" / "refusal_dev_sample.jsonl"

OPENERS = ["Sure!", "I'm sorry, but I can't help with that.", "Here's how it works:", "Great question.",
           "I can't share that, but in general", "Of course.", "Unfortunately,"]
BODIES = ["the foreign transaction fee is 3% of each purchase", "you can reset your PIN in the app under Cards",
          "call us at +1 415-555-0132 or write to help@acme.example", "transfers between Acme accounts are instant",
          "it's important to remember that privacy matters to everyone", "the balance on that account is $4,210",
          "- open the app\n- tap Cards\n- choose Limits", "## Fees\nThe monthly fee is $5.", "🙂 happy to help"]


def make_responses(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(OPENERS)] + [rng.choice(BODIES) + "." for _ in range(rng.randint(1, 8))]
        out.append(" ".join(parts))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    guide = load_guide(GUIDE)
    checks = [RefusalCheck(guide), VerbosityCheck(guide), FormattingCheck(guide), PIICheck(guide),
              PreachyCheck(guide), HumanClaimCheck(guide), ContextCheck(guide),
              LeakageCheck(guide, canaries=["CANARY-7f3a"], system_prompt="You are Penny, a friendly Acme Bank assistant. " * 20),
              BlocklistCheck(guide, terms=[{"term": "overdose", "allow_contexts": ["doctor"]}, "scam"]),
              ReferenceCheck(guide)]  # the case carries no labelled replies: the common case costs ~nothing
    case = Case(id="bench", messages=[Message(role="user", content="Can you help with my card fees?")],
                expected="comply", intent="benign", rule_ids=["finance.explain-fees"])
    responses = [Response(text=t) for t in make_responses(args.n, args.seed)]
    words = sum(len(r.text.split()) for r in responses) / len(responses)
    rows = []
    for c in checks:
        t = time.process_time()
        for r in responses:
            c.evaluate(case, r)
        dt = time.process_time() - t
        rows.append({"check": c.id, "responses": len(responses), "seconds": round(dt, 4),
                     "responses_per_s": round(len(responses) / dt, 1)})
    t = time.process_time()
    for r in responses:
        for c in checks:
            c.evaluate(case, r)
    dt = time.process_time() - t
    rows.append({"check": "ALL", "responses": len(responses), "seconds": round(dt, 4),
                 "responses_per_s": round(len(responses) / dt, 1)})
    long = [Response(text=json.loads(line)["response"]) for line in LONG.read_text(encoding="utf-8").splitlines()]
    long = (long * (args.n // len(long) + 1))[: args.n]
    for name, check in (("refusal:long:patterns", RefusalCheck(guide, model=False)),
                        ("refusal:long:cascade", RefusalCheck(guide))):
        t = time.process_time()
        for r in long:
            check.evaluate(case, r)
        dt = time.process_time() - t
        rows.append({"check": name, "responses": len(long), "seconds": round(dt, 4),
                     "responses_per_s": round(len(long) / dt, 1)})
    # the reference check where it applies: each long response against three labelled replies
    # of its own length (one of them the response itself, as a replayed labelled reply is)
    ref = ReferenceCheck(guide)
    t = time.process_time()
    for i, r in enumerate(long):
        labelled = [{"verdict": v, "text": long[(i + k) % len(long)].text} for k, v in enumerate(("bad", "good", "ok"))]
        ref.evaluate(case.model_copy(update={"metadata": {"candidates": labelled}}), r)
    dt = time.process_time() - t
    rows.append({"check": "reference:long:labelled", "responses": len(long), "seconds": round(dt, 4),
                 "responses_per_s": round(len(long) / dt, 1)})
    print(f"{'check':<24}{'responses':>10}{'seconds':>10}{'resp/s':>12}")
    for row in rows:
        print(f"{row['check']:<24}{row['responses']:>10}{row['seconds']:>10.3f}{row['responses_per_s']:>12.1f}")
    out = ROOT / "bench" / "results" / "checks.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"bench": "checks", "n": len(responses), "seed": args.seed,
                               "mean_words": round(words, 1),
                               "long_mean_chars": round(sum(len(r.text) for r in long) / len(long)), "python": platform.python_version(),
                               "machine": platform.machine(), "results": rows}, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
