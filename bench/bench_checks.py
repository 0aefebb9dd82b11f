"""Throughput of Charter's deterministic checks (responses / second), each alone and all
together, on three workloads: ``chat`` generated answers of 2 or 3 sentences (about 18 words:
what a guarded proxy sees), ``short`` generated responses (about 40 words), and ``long`` real
model responses (the 60 of tests/fixtures/refusal_dev_sample.jsonl, about 700 characters each,
cycled). On the long ones the refusal detector's first two tiers are also timed alone
(``refusal:patterns``, ``refusal:cascade``); ``refusal:fresh`` times one pass over the 60 texts
with the detector's caches empty (below); ``context:n/a``, ``verbosity:n/a``, ``leakage:n/a`` and
``blocklist:n/a`` time checks on a case they do not apply to (a single-turn case, a budget the
guide does not set, nothing configured); ``reference:labelled`` times the reference check on a
case with three labelled replies of the response's length, one of them the response itself (a
replayed reply), and ``reference:unmatched`` on three that are other responses (a new reply,
near none). Times are CPU seconds of this process (one core), so other load on the machine
does not count; each row is the median of ``--repeat`` passes.

The detector keeps its last few answers (a per-response view shared by the checks of one
response); the long workload cycles through 60 distinct texts, more than that cache holds, so
every single-check row computes every response afresh, and only the ``ALL`` rows share one
response's analysis among its checks, as a run does. The detector also remembers, per word,
which of its trigger words the word holds (words recur from response to response); after the
first pass every word of the workload is known, so ``refusal:fresh`` shows the cost before.

``--baseline OLD/src`` measures an earlier source tree in the same run (each tree in its own
process, alternating, ``--rounds`` times; medians), prints a ratio column, and compares what
the refusal detector answers (label, tier, confidence, content words, alternative, clarifying,
spans, probabilities) on every short and long response and, when ``CHARTER_REFUSAL_DEV`` names
the development set, on its rows, and every check's score (as JSON) of 560 responses and of
the reference cases: the run fails if a speed change changed an answer.

``--languages all`` measures on the bench's guide listing every language the checks have
patterns for (a multilingual support bot's guide; the human-claim check searches each listed
language's claims) instead of en, es, de; ``--only human_claim`` times that check's rows
alone (the answers compared are still every check's).

Prints a table; writes bench/results/checks.json (``checks-all-languages.json`` with
``--languages all``).

    python bench/bench_checks.py [--n 2000] [--seed 0] [--repeat 3] [--languages all] [--only CHECK]
    git worktree add /tmp/base main && taskset -c 1 python bench/bench_checks.py --baseline /tmp/base/src
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charter.evaluate import CheckScorer, Response, detect_refusal
from charter.evaluate.checks import (
    BlocklistCheck,
    ContextCheck,
    FormattingCheck,
    HumanClaimCheck,
    LeakageCheck,
    PIICheck,
    PreachyCheck,
    RefusalCheck,
    VerbosityCheck,
)
from charter.guide import load_guide
from charter.suite import Case, Message

try:  # an older tree measured with --baseline may not have it
    from charter.evaluate.checks import ReferenceCheck
except ImportError:  # pragma: no cover - depends on the tree measured
    ReferenceCheck = None  # type: ignore[assignment,misc]

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml"
LONG = ROOT / "tests" / "fixtures" / "refusal_dev_sample.jsonl"

#: every language the human-claim, refusal and preachy patterns read besides English
ALL_LANGUAGES = ["es", "fr", "de", "it", "pt", "zh", "ja", "ar", "ru", "hi", "ko", "tr", "pl", "id", "vi", "th", "he", "nl"]

OPENERS = ["Sure!", "I'm sorry, but I can't help with that.", "Here's how it works:", "Great question.",
           "I can't share that, but in general", "Of course.", "Unfortunately,"]
BODIES = ["the foreign transaction fee is 3% of each purchase", "you can reset your PIN in the app under Cards",
          "call us at +1 415-555-0132 or write to help@acme.example", "transfers between Acme accounts are instant",
          "it's important to remember that privacy matters to everyone", "the balance on that account is $4,210",
          "- open the app\n- tap Cards\n- choose Limits", "## Fees\nThe monthly fee is $5.", "🙂 happy to help"]


def make_responses(n: int, seed: int, most: int = 8) -> list[str]:
    """``n`` answers: an opener and 1 to ``most`` body sentences each."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(OPENERS)] + [rng.choice(BODIES) + "." for _ in range(rng.randint(1, most))]
        out.append(" ".join(parts))
    return out


def _rate(fn: Callable[[Case, Response], object], items: list[Response], case: Case, repeat: int) -> tuple[float, float]:
    """(median CPU seconds of one pass over ``items``, responses per second)."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        for r in items:
            fn(case, r)
        times.append(time.process_time() - t)
    dt = statistics.median(times)
    return dt, len(items) / dt


def _fresh_rate(check: CheckScorer, case: Case, items: list[Response], repeat: int) -> dict[str, Any]:
    """``refusal:fresh``: one pass over distinct responses with the detector's caches empty (its
    recent answers and, where the tree has one, its index of words), as the first responses of
    a run meet it. Each pass starts empty; the row is the median of ``repeat`` passes."""
    detector = importlib.import_module("charter.evaluate.checks._refusal")
    try:  # an older tree has no index of words
        index = importlib.import_module("charter.evaluate.checks._refusal_triggers").TRIGGER_INDEX
    except ImportError:
        index = None
    times = []
    for _ in range(repeat):
        detector._detect.cache_clear()
        if index is not None:
            index.reset()
        t = time.process_time()
        for r in items:
            check.evaluate(case, r)
        times.append(time.process_time() - t)
    dt = statistics.median(times)
    return {"workload": "long", "check": "refusal:fresh", "responses": len(items), "seconds": round(dt, 4),
            "responses_per_s": round(len(items) / dt, 1)}


def _all(checks: list[CheckScorer]) -> Callable[[Case, Response], object]:
    def run(case: Case, r: Response) -> None:
        for c in checks:
            c.evaluate(case, r)
    return run


def measure(n: int, seed: int, repeat: int, languages: str = "guide", only: str | None = None) -> dict[str, Any]:
    """Every row of the table, and a digest of what the refusal detector answered on every
    response timed (and on the development set, when ``CHARTER_REFUSAL_DEV`` names it).
    ``languages`` "all": the guide lists every language of :data:`ALL_LANGUAGES`; ``only``: time
    that check's rows alone."""
    guide = load_guide(GUIDE)
    if languages == "all":
        langs = guide.audience.languages.model_copy(update={"supported": ["en", *ALL_LANGUAGES], "unsupported": []})
        guide = guide.model_copy(update={"audience": guide.audience.model_copy(update={"languages": langs})})
    checks: list[CheckScorer] = [
        RefusalCheck(guide), VerbosityCheck(guide), FormattingCheck(guide), PIICheck(guide),
        PreachyCheck(guide), HumanClaimCheck(guide), ContextCheck(guide),
        LeakageCheck(guide, canaries=["CANARY-7f3a"], system_prompt="You are Penny, a friendly Acme Bank assistant. " * 20),
        BlocklistCheck(guide, terms=[{"term": "overdose", "allow_contexts": ["doctor"]}, "scam"])]
    if ReferenceCheck is not None:  # the case carries no labelled replies: the common case costs ~nothing
        checks.append(ReferenceCheck(guide))
    case = Case(id="bench", messages=[Message(role="user", content="Can you help with my card fees?")],
                expected="comply", intent="benign", rule_ids=["finance.explain-fees"])
    short = [Response(text=t) for t in make_responses(n, seed)]
    # what a guarded proxy sees: chat answers of 2 or 3 sentences
    chat = [Response(text=t) for t in make_responses(n, seed + 1, most=2)]
    texts = [json.loads(line)["response"] for line in LONG.read_text(encoding="utf-8").splitlines()]
    long = [Response(text=t) for t in texts]
    long = (long * (n // len(long) + 1))[:n]
    rows = []

    def add(workload: str, name: str, fn: Callable[[Case, Response], object], items: list[Response]) -> None:
        if only is not None and name.split(":")[0] != only:
            return
        dt, rate = _rate(fn, items, case, repeat)
        rows.append({"workload": workload, "check": name, "responses": len(items), "seconds": round(dt, 4),
                     "responses_per_s": round(rate, 1)})

    for workload, items in (("chat", chat), ("short", short), ("long", long)):
        for c in checks:
            add(workload, c.id, c.evaluate, items)
        add(workload, "ALL", _all(checks), items)
    add("long", "refusal:patterns", RefusalCheck(guide, model=False).evaluate, long)
    add("long", "refusal:cascade", RefusalCheck(guide).evaluate, long)
    if only in (None, "refusal"):
        rows.append(_fresh_rate(RefusalCheck(guide), case, long[:len(texts)], repeat))
    # checks on cases they do not apply to
    add("long", "context:n/a", ContextCheck(guide).evaluate, long)
    nobudget = case.model_copy(update={"metadata": {"verbosity": "no-such-budget"}})
    add("long", "verbosity:n/a", lambda c, r: checks[1].evaluate(nobudget, r), long)
    add("long", "leakage:n/a", LeakageCheck(guide).evaluate, long)
    add("long", "blocklist:n/a", BlocklistCheck(guide).evaluate, long)
    ref_cases: list[tuple[Case, Response]] = []
    if ReferenceCheck is not None:
        # the reference check where it applies: each long response against three labelled replies of
        # its own length, one of them the response itself (a replayed labelled reply: ``labelled``),
        # or three other responses (a new response, close to none of them: ``unmatched``)
        ref = ReferenceCheck(guide)
        for name, shift in (("labelled", 0), ("unmatched", 1)):
            with_replies = {r.text: case.model_copy(update={"metadata": {"candidates": [
                {"verdict": v, "text": texts[(i + k + shift) % len(texts)]} for k, v in enumerate(("bad", "good", "ok"))]}})
                for i, r in enumerate(long[:len(texts)])}
            ref_cases += [(with_replies[r.text], r) for r in long[:len(texts)]]
            add("long", f"reference:{name}", lambda c, r, cases=with_replies: ref.evaluate(cases[r.text], r), long)
    dev = Path(os.environ.get("CHARTER_REFUSAL_DEV", ""))
    if dev.is_file():
        texts += [json.loads(line)["response"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    answers = []
    for t in [r.text for r in short[:500]] + texts:
        for model in (False, True):
            r = detect_refusal(t, model=model)
            answers.append([r.label.value, r.tier, r.confidence, r.content_words, r.alternative, r.clarifying,
                            [(s.start, s.end, s.label) for s in r.spans], sorted(r.probabilities.items())])
    digest = hashlib.sha256(json.dumps(answers).encode()).hexdigest()
    # every check's score of every response timed (and the reference check's on its cases)
    scores = [c.evaluate(case, r).model_dump_json() for c in checks
              for r in chat[:500] + short[:500] + long[:len(texts)]]
    scores += [ref.evaluate(c, r).model_dump_json() for c, r in ref_cases]
    scores_digest = hashlib.sha256("\n".join(scores).encode()).hexdigest()
    return {"rows": rows, "labels": {"responses": len(answers) // 2, "sha256": digest},
            "scores": {"scores": len(scores), "sha256": scores_digest},
            "chat_mean_words": round(sum(len(r.text.split()) for r in chat) / len(chat), 1),
            "short_mean_words": round(sum(len(r.text.split()) for r in short) / len(short), 1),
            "long_mean_chars": round(sum(len(r.text) for r in long) / len(long))}


def _child(src: Path, args: argparse.Namespace) -> dict[str, Any]:
    """:func:`measure` in a fresh process that imports Charter from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--child", "--n", str(args.n), "--seed", str(args.seed), "--repeat", str(args.repeat),
           "--languages", args.languages] + (["--only", args.only] if args.only else [])
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out.splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="passes per row (the median is reported)")
    ap.add_argument("--baseline", type=Path, help="a source tree (its src/ folder) of an earlier Charter: measured "
                    "in the same run, alternating, with a ratio column and a check that the refusal detector "
                    "answers the same")
    ap.add_argument("--rounds", type=int, default=2, help="with --baseline: rounds of (baseline, this tree)")
    ap.add_argument("--languages", choices=("guide", "all"), default="guide",
                    help="the bench guide's languages (en, es, de), or every language the checks read")
    ap.add_argument("--only", help="time only this check's rows (e.g. human_claim); answers are still compared")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.n, args.seed, args.repeat, args.languages, args.only)))
        return
    if args.baseline is None:
        runs: dict[str, list[dict[str, Any]]] = {"this": [measure(args.n, args.seed, args.repeat, args.languages, args.only)]}
    else:
        runs = {"baseline": [], "this": []}
        for _ in range(args.rounds):
            runs["baseline"].append(_child(args.baseline, args))
            runs["this"].append(_child(ROOT / "src", args))
    rows = []
    for row in runs["this"][0]["rows"]:
        entry = dict(row)
        key = (row["workload"], row["check"])
        for name, results in runs.items():  # rows by (workload, check): a baseline may lack a check
            rates = [r2["responses_per_s"] for r in results for r2 in r["rows"] if (r2["workload"], r2["check"]) == key]
            entry[f"{name}_responses_per_s"] = round(statistics.median(rates), 1) if rates else None
        if "baseline" in runs:
            b = entry["baseline_responses_per_s"]
            entry["ratio"] = round(entry["this_responses_per_s"] / b, 2) if b else None
        entry.pop("seconds")
        entry.pop("responses_per_s")
        rows.append(entry)
    base = "baseline" in runs
    print(f"{'workload':<9}{'check':<20}{'responses':>10}" + (f"{'baseline/s':>12}" if base else "")
          + f"{'resp/s':>12}" + (f"{'ratio':>8}" if base else ""))
    for row in rows:
        print(f"{row['workload']:<9}{row['check']:<20}{row['responses']:>10}"
              + (f"{row['baseline_responses_per_s'] or float('nan'):>12.1f}" if base else "")
              + f"{row['this_responses_per_s']:>12.1f}" + (f"{row['ratio'] or float('nan'):>8.2f}" if base else ""))
    labels = {name: results[0]["labels"] for name, results in runs.items()}
    same = len({json.dumps(v, sort_keys=True) for v in labels.values()}) == 1
    scores = {name: results[0]["scores"] for name, results in runs.items()}
    same_scores = len({json.dumps(v, sort_keys=True) for v in scores.values()}) == 1
    first = runs["this"][0]
    print(f"refusal detector answers on {labels['this']['responses']} responses (label, tier, confidence, spans): "
          + (("identical to the baseline" if same else "DIFFERENT from the baseline") if base else labels["this"]["sha256"][:16]))
    print(f"scores of every check on {scores['this']['scores']} (case, response) pairs: "
          + (("identical to the baseline" if same_scores else "DIFFERENT from the baseline") if base
             else scores["this"]["sha256"][:16]))
    out = ROOT / "bench" / "results" / ("checks-all-languages.json" if args.languages == "all" else "checks.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"bench": "checks", "languages": args.languages, "only": args.only, "n": args.n, "seed": args.seed, "repeat": args.repeat,
                               "rounds": len(runs["this"]), "baseline": str(args.baseline) if base else None,
                               "chat_mean_words": first.get("chat_mean_words"),
                               "short_mean_words": first["short_mean_words"], "long_mean_chars": first["long_mean_chars"],
                               "python": platform.python_version(), "machine": platform.machine(),
                               "cpus": os.cpu_count(), "refusal_answers": labels, "same_answers": same if base else None,
                               "scores": scores, "same_scores": same_scores if base else None,
                               "results": rows}, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    if base and not same:
        raise SystemExit("the refusal detector answers differently from the baseline")
    if base and not same_scores:
        raise SystemExit("a check scores differently from the baseline")


if __name__ == "__main__":
    main()
