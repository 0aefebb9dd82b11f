"""Compare the human-claim check's scores in two source trees: a speed change of the check must
score (verdict, value, label, evidence spans, explanation) every case alike. Each tree runs in
its own process; the scores are compared as JSON, case by case.

The cases: every fixture guide's examples, scored by the guide itself (its user message or
conversation, each good, bad and ok reply); the same replies and bench_checks.py's responses
(chat, short, long) and every string of the test suite (as in compare_pii_spans.py) as replies,
and each example's user message as the prompt of a fixed reply, under the bench's guide listing
every language (``bench_checks.ALL_LANGUAGES``).

    python bench/compare_human_claim.py --baseline /tmp/base/src     # prints each case that differs

Exits 1 when a case differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ROOT / "tests" / "fixtures" / "guides"


def scores() -> list[str]:
    """Every case's score as JSON (with what was scored), in a fixed order."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_checks
    import compare_pii_spans

    from charter.evaluate.checks import HumanClaimCheck
    from charter.guide import load_guide
    from charter.suite import Case, Message
    from charter.types import Response

    def case(prompt: str, messages: list[Message] | None = None) -> Case:
        return Case(id="c", messages=messages or [Message(role="user", content=prompt)], expected="comply",
                    intent="benign", rule_ids=["x"])

    out: list[str] = []
    replies: list[str] = []
    prompts: list[str] = []
    for path in sorted(GUIDES.glob("*.yaml")):
        guide = load_guide(path)
        check = HumanClaimCheck(guide)
        for rule in guide.rules:
            for ex in rule.examples:
                if ex.conversation:
                    messages = [Message(role=t.role, content=t.content) for t in ex.conversation]
                elif ex.user:
                    messages = [Message(role="user", content=ex.user)]
                    prompts.append(ex.user)
                else:
                    continue
                for reply in [*ex.good, *ex.bad, *ex.ok]:
                    replies.append(reply)
                    score = check.evaluate(case("", messages), Response(text=reply))
                    out.append(f"{path.name} {reply[:60]!r} {score.model_dump_json()}")
    guide = load_guide(bench_checks.GUIDE)
    langs = guide.audience.languages.model_copy(update={"supported": ["en", *bench_checks.ALL_LANGUAGES],
                                                        "unsupported": []})
    check = HumanClaimCheck(guide.model_copy(update={"audience": guide.audience.model_copy(update={"languages": langs})}))
    bench = case("Can you help with my card fees?")
    for reply in dict.fromkeys(replies + compare_pii_spans.texts()):
        out.append(f"all {reply[:60]!r} {check.evaluate(bench, Response(text=reply)).model_dump_json()}")
    for prompt in dict.fromkeys(prompts):
        out.append(f"asked {prompt[:60]!r} {check.evaluate(case(prompt), Response(text='Sure, happy to help.')).model_dump_json()}")
    return out


def _child(src: Path) -> list[str]:
    run = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(src)}, check=True)
    result: list[str] = json.loads(run.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, help="the src/ folder of the tree to compare with")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(scores()))
        return
    if args.baseline is None:
        ap.error("--baseline is required")
    before, after = _child(args.baseline), _child(ROOT / "src")
    if len(before) != len(after):
        raise SystemExit(f"{len(before)} cases in the baseline, {len(after)} here")
    differ = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    for a, b in differ:
        print("-", a[:400])
        print("+", b[:400])
    fails = sum('"verdict":"fail"' in b for b in after)
    print(f"{len(after)} cases ({fails} failed by the check), {len(differ)} scored otherwise than the baseline")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
