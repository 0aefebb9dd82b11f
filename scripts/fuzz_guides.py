"""Run Charter's offline commands on guides retyped the way word processors and wikis write them.

    python scripts/fuzz_guides.py                                   # every example and fixture guide
    python scripts/fuzz_guides.py examples/isp-support.yaml --transforms smart_quotes,crlf
    python scripts/fuzz_guides.py --commands check,prompt --json fuzz.json

Real teams paste their guides from Word, Google Docs, Confluence and chat: curly quotes and
apostrophes, dashes, non-breaking spaces, CRLF line endings, a byte-order mark, bullets, emoji.
For each guide and each transform below (one at a time, so a failure names its cause), the
script writes a transformed copy into a temporary folder and runs the offline commands in this
process through the CLI (``charter.cli.main``): ``check``, ``prompt`` (full and compact),
``doc`` (readers and raters), ``guard`` (compile), ``synth`` (offline) and ``eval`` of a few of
the synthesised cases against ``mock/refuse``, ``mock/comply`` and ``mock/leak`` (no judge).

A result is one of:

- ``ok``: exit 0 (``check``: no problem more than the untransformed guide has);
- ``crash``: a Python exception out of the CLI (a traceback; its last frame is shown);
- ``hang``: the command ran past ``--timeout`` seconds (60);
- ``exit N``: a Charter error (its message is shown); a fault unless the text is truly invalid;
- ``lint SEVERITY CODE``: ``check`` found an error or warning more than on the untransformed
  guide (a check that fires on the team's typography is a fault);
- ``lost C``: the full prompt lacks a character the transform wrote into the rule texts
  (the compiled prompt must keep the team's typography);
- ``unescaped <script>``: the HTML rater document holds a rule's ``<script>`` as markup.

Strings are transformed where they are prose (they hold a space), so ids, enum values, dates
and language codes stay valid; ``crlf``, ``cr_only``, ``bom``, ``json`` and ``curly_yaml_quotes``
(the quote marks around YAML values made curly, as a word processor retypes the file) change
the file itself; ``all_at_once`` applies every string transform in turn. ``none`` is the guide
parsed and dumped again with no change: the baseline every other transform is read against.
Exit status: 0 when every result is ``ok``, 1 otherwise. Nothing is downloaded; nothing outside
the temporary folder is written (the run store is in it too).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# -- transforms of one prose string ------------------------------------------------------------


def _every_other_space(text: str, repl: str) -> str:
    n = 0

    def sub(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return repl if n % 2 else " "

    return re.sub(" ", sub, text)


def _wrap_last_word(text: str, left: str, right: str) -> str:
    words = text.split(" ")
    if len(words) > 2:
        words[-1] = f"{left}{words[-1]}{right}"
    return " ".join(words)


def smart_quotes(text: str) -> str:
    """Straight quotes made curly, apostrophes too; the last word wrapped in “ ” where none is quoted."""
    out = re.sub(r'"([^"]*)"', "“\\1”", text)
    out = re.sub(r"(?<=\w)'(?=\w)|(?<=s)'(?!\w)", "’", out)
    out = re.sub(r"(?<!\w)'([^']*)'(?!\w)", "‘\\1’", out)
    return out if any(q in out for q in "“‘") else _wrap_last_word(out, "“", "”")


def apostrophes(text: str) -> str:
    """Only the apostrophes made curly: "the customer’s", "don’t"."""
    return re.sub(r"(?<=\w)'(?=\w)|(?<=s)'(?!\w)", "’", text)


def dashes(text: str) -> str:
    """Em dash for " - " and the first ", ", en dash between numbers."""
    out = re.sub(r"(?<=\d)-(?=\d)", "–", text.replace(" - ", " — "))
    return out.replace(", ", " — ", 1) if "—" not in out else out


def transform_table() -> dict[str, Callable[[str], str]]:
    return {
        "smart_quotes": smart_quotes,
        "apostrophes": apostrophes,
        "dashes": dashes,
        "nbsp": lambda t: _every_other_space(t, "\u00a0"),
        "narrow_nbsp": lambda t: _every_other_space(t, "\u202f"),
        "tabs": lambda t: t.replace(" ", "\t", 1),
        "zero_width": lambda t: t.replace(" ", " \u200b", 1).replace(" ", "\u200d ", 1) + "\u200b",
        "bidi_marks": lambda t: f"\u200f{t}\u200e",
        "emoji": lambda t: f"{t} 🙂 👩‍💻",
        "fullwidth": lambda t: t.translate(str.maketrans(",.:;!?()", "，。：；！？（）")),
        "bullets": lambda t: f"• {t}",
        "ellipsis": lambda t: t.replace("...", "…").rstrip(".") + "…",
        "unbalanced_quote": lambda t: _wrap_last_word(t, "“", ""),
        "backslashes": lambda t: f"{t} (see C:\\Users\\new\\table.txt, \\d+ and \\n)",
        "jinja": lambda t: f"{t} {{{{ customer.name }}}} {{% if vip %}}VIP{{% endif %}} {{#",
        "script_tag": lambda t: f"{t} <script>alert('x')</script>",
        "format_markers": lambda t: f"{t} %s %d %(name)s {{0}} {{name}} {{",
        "line_separator": lambda t: t.replace(" ", "\u2028", 1),  # Word's soft return, pasted
        "vertical_tab": lambda t: t.replace(" ", "\v", 1),  # Word's soft return as a control character
    }


#: the character each transform writes into rule texts: when a rule text has it, the full prompt must too
KEPT = {"smart_quotes": "“", "dashes": "—", "nbsp": "\u00a0", "narrow_nbsp": "\u202f", "emoji": "🙂",
        "bullets": "•", "ellipsis": "…", "unbalanced_quote": "“", "jinja": "{{", "script_tag": "<script>",
        "format_markers": "%s", "backslashes": "\\Users"}

FILE_TRANSFORMS = ("crlf", "cr_only", "bom", "json", "curly_yaml_quotes")
ALL_TRANSFORMS = ("none", *transform_table(), "long_rule", *FILE_TRANSFORMS, "all_at_once")


def _walk(data: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(data, dict):
        return {k: _walk(v, fn) for k, v in data.items()}
    if isinstance(data, list):
        return [_walk(v, fn) for v in data]
    if isinstance(data, str) and " " in data.strip():
        return fn(data)
    return data


def _long_rule(data: Any) -> Any:
    """The first rule's text repeated to 5,000 characters."""
    for policy in data.get("policies") or []:
        for rule in policy.get("rules") or []:
            if isinstance(rule, dict) and isinstance(rule.get("text"), str):
                base = rule["text"].strip()
                rule["text"] = " ".join([base] * (5000 // (len(base) + 1) + 1))[:5000]
                return data
    return data


def transformed(src: Path, name: str) -> str:
    """The text of ``src`` under the transform ``name``."""
    raw = src.read_text(encoding="utf-8")
    if name == "crlf":
        return raw.replace("\r\n", "\n").replace("\n", "\r\n")
    if name == "cr_only":
        return raw.replace("\r\n", "\n").replace("\n", "\r")
    if name == "bom":
        return "\ufeff" + raw
    if name == "curly_yaml_quotes":  # the file itself retyped: "..." and '...' around values made curly
        out = re.sub(r'(?<=[:\-\[,{] )"((?:[^"\\\n]|\\.)*)"', "“\\1”", raw)
        return re.sub(r"(?<=[:\-\[,{] )'((?:[^'\n]|'')*)'(?!')", "‘\\1’", out)
    data = yaml.safe_load(raw)
    if name == "json":  # JSON is YAML: a guide exported from another tool
        return json.dumps(data, ensure_ascii=False, indent=2)
    if name == "long_rule":
        data = _long_rule(data)
    elif name == "all_at_once":  # a guide that went through several tools: every string transform in turn
        for fn in transform_table().values():
            data = _walk(data, fn)
        data = _long_rule(data)
    elif name != "none":
        data = _walk(data, transform_table()[name])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    if name == "tabs":  # a tab pasted into a quoted string, not the "\t" escape the dumper writes
        text = re.sub(r"(?<!\\)\\t", "\t", text)
    return text


# -- running the commands ----------------------------------------------------------------------


class _Hang(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def fire(signum: int, frame: Any) -> None:
        raise _Hang

    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def cli(args: list[str], timeout: int) -> tuple[str, str, str]:
    """Run ``charter ARGS`` in this process: (result, stdout, stderr)."""
    from charter.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with _deadline(timeout), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(args)
    except _Hang:
        return "hang", out.getvalue(), err.getvalue()
    except Exception as e:  # a crash is what this script looks for
        tb = traceback.extract_tb(e.__traceback__)[-1]
        where = f"{Path(tb.filename).name}:{tb.lineno} {tb.name}"
        return f"crash {type(e).__name__}: {str(e)[:120]} ({where})", out.getvalue(), err.getvalue()
    return ("ok" if rc == 0 else f"exit {rc}"), out.getvalue(), err.getvalue()


def _problems(check_json: str) -> dict[str, int]:
    """{"error CH110": 1, "warning CH112": 3, ...}: what ``check --format json`` found, counted."""
    try:
        problems = json.loads(check_json)["problems"]
    except (ValueError, KeyError, TypeError):
        return {}
    return dict(Counter(f"{p.get('severity')} {p.get('code') or p.get('message', '')[:60]}" for p in problems))


COMMANDS = ("check", "prompt", "prompt-compact", "doc", "doc-raters", "guard", "synth", "eval")
TARGETS = ("mock/refuse", "mock/comply", "mock/leak")


def run_guide(path: Path, transform: str, work: Path, commands: tuple[str, ...], timeout: int,
              n_cases: int, baseline: dict[str, int] | None) -> dict[str, str]:
    """Every command on one transformed guide: {command: result}."""
    g = work / f"{path.stem}.{transform}.yaml"
    text = transformed(path, transform)
    g.write_bytes(text.encode("utf-8"))
    try:
        data = yaml.safe_load(text.removeprefix("\ufeff"))
    except yaml.YAMLError:
        data = None
    policies = (data.get("policies") if isinstance(data, dict) else None) or []
    rule_texts = " ".join(r["text"] for p in policies if isinstance(p, dict) for r in p.get("rules") or []
                          if isinstance(r, dict) and isinstance(r.get("text"), str))
    res: dict[str, str] = {}
    s = str(g)
    if "check" in commands:
        r, out, err = cli(["check", s, "--format", "json"], timeout)
        found = _problems(out)
        new = sorted(k for k, n in found.items() if n > (baseline or {}).get(k, 0))
        res["check"] = r if r.startswith(("crash", "hang")) else ("lint " + ", ".join(new) if new else "ok")
        res["_problems"] = json.dumps(found)
    if "prompt" in commands:
        r, out, err = cli(["prompt", s], timeout)
        kept = KEPT.get(transform)
        lost = r == "ok" and kept is not None and kept in rule_texts and kept not in out
        res["prompt"] = f"lost {kept!r}" if lost else _short(r, err)
    for cmd, args in (("prompt-compact", ["prompt", s, "--variant", "compact"]), ("doc", ["doc", s]),
                      ("doc-raters", ["doc", s, "--for", "raters", "--format", "html"]),
                      ("guard", ["guard", s, "-o", str(work / "guard.yaml")])):
        if cmd in commands:
            r, out, err = cli(args, timeout)
            # an HTML page must show a guide's <script> as text, never run it
            res[cmd] = "unescaped <script>" if "html" in args and "<script>alert" in out else _short(r, err)
    suite = work / f"{g.stem}.suite.jsonl"
    if "synth" in commands or "eval" in commands:
        r, out, err = cli(["synth", s, "--offline", "-o", str(suite)], timeout)
        res["synth"] = _short(r, err)
    if "eval" in commands:
        if res.get("synth") != "ok":
            res["eval"] = "skipped (no suite)"
        else:
            from charter.suite import read_suite, write_suite

            cases = read_suite(suite).cases
            picked: dict[str, Any] = {}
            for c in cases:  # one case per rule first, then the rest
                picked.setdefault(",".join(c.rule_ids), c)
            small = list({c.id: c for c in [*picked.values(), *cases]}.values())[:n_cases]
            write_suite(small, work / "small.jsonl")
            results = []
            for t in TARGETS:
                r, out, err = cli(["eval", s, "--suite", str(work / "small.jsonl"), "--target", t, "--judge", "none",
                                   "--store", str(work / "runs.db")], timeout)
                # exit 8: a gate failed (mock/comply violates rules): the command worked
                results.append("ok" if r in ("ok", "exit 8") else f"{t}: {_short(r, err)}")
            res["eval"] = next((x for x in results if x != "ok"), "ok")
    return res


def _short(result: str, err: str) -> str:
    if result.startswith("exit"):
        last = [ln for ln in err.strip().splitlines() if ln.strip()][-1:] or [""]
        return f"{result}: {last[0][:160]}"
    return result


def default_guides() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests/fixtures/guides").glob("*.yaml"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("guides", nargs="*", type=Path, help="guide YAML files (default: examples/ and fixtures)")
    ap.add_argument("--transforms", default=",".join(ALL_TRANSFORMS),
                    help=f"comma-separated, from: {', '.join(ALL_TRANSFORMS)}")
    ap.add_argument("--commands", default=",".join(COMMANDS), help=f"comma-separated, from: {', '.join(COMMANDS)}")
    ap.add_argument("--timeout", type=int, default=60, help="seconds one command may take (a hang past it)")
    ap.add_argument("--cases", type=int, default=8, help="synthesised cases evaluated per target")
    ap.add_argument("--json", type=Path, help="write every result here as JSON")
    ap.add_argument("--keep", type=Path, help="write the transformed guides here (default: a temporary folder)")
    a = ap.parse_args(argv)
    transforms = [t.strip() for t in a.transforms.split(",") if t.strip()]
    commands = tuple(c.strip() for c in a.commands.split(",") if c.strip())
    bad = [t for t in transforms if t not in ALL_TRANSFORMS] + [c for c in commands if c not in COMMANDS]
    if bad:
        ap.error(f"unknown transform or command: {', '.join(bad)}")
    guides = a.guides or default_guides()
    rows: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="charter-fuzz-") as tmp:
        work = a.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        import os

        os.environ["CHARTER_HOME"] = str(Path(tmp) / "home")  # no run store, cache or config of the user's
        for path in guides:
            baseline: dict[str, int] | None = None
            for t in (["none"] if "none" not in transforms else []) + transforms:
                t0 = time.perf_counter()
                res = run_guide(path, t, work, commands, a.timeout, a.cases, baseline)
                if t == "none":
                    baseline = json.loads(res.get("_problems", "{}"))
                res.pop("_problems", None)
                if t not in transforms:
                    continue
                row = {"guide": path.name, "transform": t, **res, "seconds": f"{time.perf_counter() - t0:.1f}"}
                rows.append(row)
                bad_cmds = {k: v for k, v in res.items() if v != "ok"}
                print(f"{path.name:32} {t:17} {'ok' if not bad_cmds else bad_cmds}", flush=True)
    failures = [r for r in rows if any(r.get(c, "ok") != "ok" for c in COMMANDS)]
    print(f"\n{len(rows)} guide x transform runs, {len(failures)} with a result other than ok")
    if a.json is not None:
        a.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
