"""Compare what ``find_pii`` finds in two source trees, span by span, on bench_checks.py's
responses (the chat, short and long workloads) and on every string of the test suite (the string
constants of tests/**/*.py and the strings of tests/**/*.json and *.jsonl): a speed change of the
PII detector must find the same spans, and a change of what it finds must list every text whose
spans moved. Each tree runs in its own process.

    python bench/compare_pii_spans.py --baseline /tmp/base/src     # prints each text that differs

Exits 1 when a text differs (so a speed change can be checked in one line).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    """The texts compared, without repeats, in a fixed order."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_checks

    out: list[str] = [*bench_checks.make_responses(2000, 0), *bench_checks.make_responses(2000, 1, most=2)]
    out += [json.loads(line)["response"] for line in bench_checks.LONG.read_text(encoding="utf-8").splitlines()]
    for path in sorted((ROOT / "tests").rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        out += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((ROOT / "tests").rglob("*.json*")):
        try:
            raw = path.read_text(encoding="utf-8")
            for doc in ([json.loads(line) for line in raw.splitlines() if line.strip()] if path.suffix == ".jsonl"
                        else [json.loads(raw)]):
                walk(doc)
        except (ValueError, UnicodeDecodeError):
            continue
    return list(dict.fromkeys(out))


def _spans(src: Path, items: list[str]) -> list[list[list[Any]]]:
    """``find_pii`` of each text in a process that imports Charter from ``src``."""
    run = subprocess.run([sys.executable, __file__, "--child"], input=json.dumps(items), capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(src)}, check=True)
    result: list[list[list[Any]]] = json.loads(run.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, help="the src/ folder of the tree to compare with")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        from charter.evaluate.checks import find_pii

        print(json.dumps([[[s.start, s.end, s.label] for s in find_pii(t)] for t in json.load(sys.stdin)]))
        return
    if args.baseline is None:
        ap.error("--baseline is required")
    items = texts()
    before, after = _spans(args.baseline, items), _spans(ROOT / "src", items)
    differ = 0
    for text, a, b in zip(items, before, after, strict=True):
        if a != b:
            differ += 1
            print("TEXT:", text[:200].replace("\n", " "))
            print("   -", [(s, text[s[0]:s[1]]) for s in a if s not in b])
            print("   +", [(s, text[s[0]:s[1]]) for s in b if s not in a])
    print(f"{len(items)} texts, {differ} with other spans than the baseline")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
