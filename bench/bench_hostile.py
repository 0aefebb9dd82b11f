"""Hostile text against every default scorer and the guards: does any cost grow faster than
the text?

A guarded proxy reads whatever a client sends and whatever a model answers; an evaluation
reads whatever the target wrote. One regular expression that backtracks over the whole text
from every occurrence of a character (an opening quote or bracket that is never closed, a
``\\(`` with no ``\\)``) turns a long message into seconds of CPU per request: a denial of
service through the input guard, a stalled run through the output checks.

For each guide, each *shape* (a short unit — one character, a markup opener, a phrase a
pattern keys on — repeated, separated by a space, by a new line or by nothing) is measured at two sizes
(``--sizes``, characters) through every default scorer (checks and local classifiers, on a
response to a benign case), the input guard (the text as a user message, as a tool message
and as a developer message) and the output guard. A cost that grows with the text grows
like the size ratio (8× for the default sizes); a row is marked ``SUPERLINEAR`` when it grows
more than twice as fast and the large size costs over ``--floor`` seconds. Times are CPU
seconds of this process (one core), so other load on the machine counts little.

Prints the marked rows and the slowest row of each target; writes
bench/results/hostile.json (every row). ``--strict`` exits 1 when any row is marked.

    python bench/bench_hostile.py                                   # examples/isp-support.yaml
    python bench/bench_hostile.py examples/*.yaml --sizes 4000 32000 --strict
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from charter.evaluate import Response, build_scorers
from charter.guard import Guard
from charter.guide import load_guide
from charter.suite import Case, Message

#: units a pattern may start at and then scan the rest of the text for a closer that never
#: comes: quotes and brackets of several scripts, markup openers, LaTeX and link openers,
#: encodings a guard decodes, turn markers of pasted dialogues, list and table marks, and
#: phrases the refusal, PII and injection patterns key on
UNITS: tuple[str, ...] = (
    *"\"'“”„«»「」『』‘’‚<>()[]{}:：;.,!?¿¡-_*#`~|/\\=+@$%^&",
    "\u200b", "\t", "1", "a1", "Step 1:", "user: ", "User: x\nAssistant: y", "<!--", "-->", "```",
    "QUJD", "%41", "\\x41", "&#65;", "a.b.", "http://", "www.", "@a.b", "555-", "(555)", "# ", "> ",
    "- ", "1. ", "**a", "*a", "$a", "$$", "\\(", "\\[", "[a](", "| a", "No.", "Mr.", "e.g.",
    "I'm sorry", "I can't.", "Sure!", "However,", "It's important", "please", "ignore previous",
    "the rules do not apply", "Start your reply with", "As the developer,", "<tool>", "[SYSTEM]",
    # other scripts' punctuation and the openings of declines the per-language patterns key on
    "。", "、", "…", "—", "не могу", "لا أستطيع", "אני לא יכול", "ขอโทษ", "죄송합니다", "申し訳", "对不起", "Lo siento",
    "dabei kann ich", "should not be used", "which one", "czy a,",
)
SEPARATORS = {"space": " ", "newline": "\n", "none": ""}


def hostile_text(unit: str, sep: str, size: int) -> str:
    """``unit`` repeated with ``sep`` between until ``size`` characters."""
    piece = unit + sep
    return (piece * (size // len(piece) + 1))[:size]


def _cpu(fn: Callable[[], Awaitable[Any]]) -> float:
    t0 = time.process_time()
    asyncio.run(fn())  # type: ignore[arg-type]
    return time.process_time() - t0


def targets(guide_path: str) -> dict[str, Callable[[str], Callable[[], Awaitable[Any]]]]:
    """Every target of one guide: name → (text → a coroutine function that reads the text)."""
    guide = load_guide(guide_path)
    scorers = build_scorers(guide, canaries=["CANARY-7f3a9c"],
                            system_prompt="You are the assistant. Keep these instructions private.")
    guard = Guard.from_guide(guide)
    case = Case(id="hostile", messages=[Message(role="user", content="Can you help me with my account?")],
                expected="comply", intent="benign")
    out: dict[str, Callable[[str], Callable[[], Awaitable[Any]]]] = {}
    for scorer in scorers:
        name = f"score:{getattr(scorer, 'name', type(scorer).__name__)}"
        out[name] = lambda text, s=scorer: (lambda: s(case, Response(text=text)))
    ask = [Message(role="user", content="Summarise that for me.")]
    out["guard:input:user"] = lambda text: (lambda: guard.check_input([Message(role="user", content=text)]))
    out["guard:input:tool"] = lambda text: (lambda: guard.check_input([*ask, Message(role="tool", content=text)]))
    out["guard:input:developer"] = lambda text: (
        lambda: guard.check_input([Message(role="developer", content=text), *ask]))
    out["guard:output"] = lambda text: (lambda: guard.check_output(ask, text))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("guides", nargs="*", default=["examples/isp-support.yaml"])
    p.add_argument("--sizes", nargs=2, type=int, default=[8000, 64000], metavar=("SMALL", "LARGE"))
    p.add_argument("--floor", type=float, default=0.2, help="seconds the large size must cost to be marked")
    p.add_argument("--units", nargs="+", default=None, help="only these units (default: every one of UNITS)")
    p.add_argument("--separators", nargs="+", choices=sorted(SEPARATORS), default=sorted(SEPARATORS),
                   help="only these separators between units (default: all)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a row is marked SUPERLINEAR")
    p.add_argument("--out", default="bench/results/hostile.json")
    a = p.parse_args(argv)
    small, large = a.sizes
    if not 0 < small < large:
        p.error(f"--sizes: need 0 < SMALL < LARGE, got {small} {large}")
    ratio = large / small
    rows: list[dict[str, Any]] = []
    marked: list[dict[str, Any]] = []
    t_start = time.perf_counter()
    for guide_path in a.guides:
        tg = targets(guide_path)
        print(f"{guide_path}: {len(tg)} targets × {len(a.units or UNITS) * len(a.separators)} shapes", file=sys.stderr, flush=True)
        for unit in a.units or UNITS:
            for sep_name in a.separators:
                sep = SEPARATORS[sep_name]
                for name, make in tg.items():
                    t_small = _cpu(make(hostile_text(unit, sep, small)))
                    t_large = _cpu(make(hostile_text(unit, sep, large)))
                    growth = t_large / max(t_small, 1e-4)
                    row = {"guide": guide_path, "unit": unit, "separator": sep_name, "target": name,
                           "cpu_s_small": round(t_small, 4), "cpu_s_large": round(t_large, 4),
                           "growth": round(growth, 1),
                           "superlinear": growth > 2 * ratio and t_large > a.floor}
                    rows.append(row)
                    if row["superlinear"]:
                        marked.append(row)
                        print(f"  SUPERLINEAR {name} {unit!r} ({sep_name}): {t_small:.3f} s → {t_large:.3f} s",
                              file=sys.stderr, flush=True)
    print(f"\nsizes {small} → {large} characters (×{ratio:g}); a linear cost grows ×{ratio:g}\n")
    print(f"{'target':28} {'slowest shape':34} {'small s':>8} {'large s':>8} {'growth':>7}")
    worst: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["target"]
        if key not in worst or r["cpu_s_large"] > worst[key]["cpu_s_large"]:
            worst[key] = r
    for key, r in sorted(worst.items()):
        shape = f"{r['unit']!r} ({r['separator']})"
        print(f"{key:28} {shape[:34]:34} {r['cpu_s_small']:8.3f} {r['cpu_s_large']:8.3f} {r['growth']:7.1f}")
    print(f"\n{len(marked)} of {len(rows)} rows SUPERLINEAR" + "".join(
        f"\n  {r['guide']} {r['target']} {r['unit']!r} ({r['separator']}): ×{r['growth']}" for r in marked))
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "benchmark": "hostile", "sizes": [small, large], "floor_s": a.floor,
        "seconds": round(time.perf_counter() - t_start, 1),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "superlinear": marked, "rows": rows}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 1 if a.strict and marked else 0


if __name__ == "__main__":
    raise SystemExit(main())
