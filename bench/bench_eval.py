"""`charter eval` as a user runs it vs a plain aiohttp client, against a loopback stub.

The workload of issue 8: ``charter eval examples/isp-support.yaml`` on N one-line prompts
(each case carries a guide rule id, so the default scorers run), concurrency 64, report
written, against an OpenAI-compatible stub in its own process (0 ms latency). Each
measurement is a whole child process, timed from outside with its CPU time (user + sys) and
peak RSS from ``os.wait4``. Beside it, a plain ~30-line asyncio + aiohttp client on the same
prompts (``bench_runner.plain_client``). Start-up is the whole process at N=1.

The machine is shared: wall time (samples/s, start-up) moves with other load, CPU ms per
sample much less, so judge per-sample cost by CPU time.

    python bench/bench_eval.py                     # N=2000, medians of 3
    python bench/bench_eval.py --n 500 --repeat 1  # quick

One warm-up run at N=1 first fills Charter's model caches (``$CHARTER_CACHE_DIR``), as any
earlier run on the machine has, and the children's bytecode cache (a temporary
``PYTHONPYCACHEPREFIX``): an installed package has its ``.pyc`` files, so a child must not
compile Charter's sources at every start, as it would under ``PYTHONDONTWRITEBYTECODE=1``. ``--src`` runs another source tree (e.g. an older commit's
``src``, unpacked with ``git archive``) against the same stub, for before/after figures;
``--before DIR`` measures another tree beside this one, run after run (same load for both),
and checks that every run of both trees wrote the same summary (report.json's metrics,
failures and scoring). The measured trees' compiled-regex cache files are removed first
(``bench_runner.fresh_regex_caches``): each tree's file grows with what its processes compiled,
and a process holds the whole file, so trees with files of different sizes differ in memory
for no reason of their code.

Prints a table and writes bench/results/eval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_runner  # noqa: E402
from bench_runner import child_env, start_stub  # noqa: E402

GUIDE = ROOT / "examples" / "isp-support.yaml"


def write_suite(path: Path, n: int) -> None:
    """N one-line prompts, cycling through the guide's rules (refuse for must-not rules)."""
    from charter.guide import load_guide
    from charter.suite import Case, Message

    guide = load_guide(GUIDE)
    rules = list(guide.rules)
    with path.open("w") as f:
        for i in range(n):
            rule = rules[i % len(rules)]
            refuse = rule.kind.value in ("must_not",)
            case = Case(id=f"c{i:05d}", messages=[Message(role="user", content=f"question {i} about {rule.id}")],
                        expected="refuse" if refuse else "comply", intent="violating" if refuse else "benign",
                        rule_ids=[rule.id])
            f.write(case.model_dump_json() + "\n")


def plain_child(url: str, n: int, concurrency: int) -> None:
    import asyncio

    from bench_runner import plain_client

    asyncio.run(plain_client(url, n, concurrency))


#: per kind, the digest of each run's summary (report.json less the run's id, times and
#: stub address): every tree must report the same numbers on the same workload
SUMMARIES: dict[str, set[str]] = {}


def summary_digest(report_json: Path) -> str:
    """sha256 of what report.json says of the run's results: its metrics, failures and scoring."""
    import hashlib

    data = json.loads(report_json.read_text(encoding="utf-8"))
    kept = {k: data[k] for k in ("variant", "scoring", "metrics", "failures")}
    return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()


def measure(kind: str, url: str, suite: Path, n: int, concurrency: int, src: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        if kind in ("charter", "before"):
            cmd = [sys.executable, "-c", "import sys; from charter.cli import main; sys.exit(main())", "eval", str(GUIDE), "--suite", str(suite),
                   "--target", "openai/bench", "--target-option", f"base_url={url}", "--target-option", "api_key=bench",
                   "--concurrency", str(concurrency), "--store", str(Path(tmp) / "runs.db"),
                   "--report", str(Path(tmp) / "report"), "--no-cache"]
        else:
            cmd = [sys.executable, __file__, "--child", "--url", url, "--n", str(n), "--concurrency", str(concurrency)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=tmp, env=child_env(src), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        report = Path(tmp) / "report" / "report.json"
        if kind in ("charter", "before") and n > 1 and report.is_file():
            SUMMARIES.setdefault(kind, set()).add(summary_digest(report))
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: a gate failed (the stub's answers do not follow the guide)
        raise RuntimeError(f"{kind} child failed with exit code {code}:\n{err.decode()[-2000:]}")
    cpu = ru.ru_utime + ru.ru_stime
    return {"wall_s": wall, "samples_per_s": n / wall, "cpu_s": cpu, "cpu_ms_per_sample": 1000 * cpu / n,
            "peak_rss_mb": ru.ru_maxrss / 1024}


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="prompts per throughput measurement")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=3, help="runs per cell (median reported)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "eval.json"))
    ap.add_argument("--src", default=str(ROOT / "src"), help="the charter source tree to run (to compare commits)")
    ap.add_argument("--before", default=None, help="another source tree, measured beside --src (before/after)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        plain_child(args.url, args.n, args.concurrency)
        return

    results: dict[str, dict[str, dict[str, float]]] = {}
    stub, url = start_stub(0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            one, many = Path(tmp) / "one.jsonl", Path(tmp) / "many.jsonl"
            write_suite(one, 1)
            write_suite(many, args.n)
            src = Path(args.src)
            kinds = ["plain", "charter"] + (["before"] if args.before else [])
            trees = {"plain": src, "charter": src, "before": Path(args.before) if args.before else src}
            bench_runner.PYCACHE = Path(tmp) / "pyc"
            for f in bench_runner.fresh_regex_caches(list({src, trees["before"]})):
                print(f"removed the regex cache file {f} (see bench_runner.fresh_regex_caches)", flush=True)
            for kind in kinds:  # warm-up: fills the model caches and every tree's bytecode cache
                measure(kind, url, one, 1, args.concurrency, trees[kind])
            starts: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
            runs: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
            for _ in range(args.repeat):  # interleaved: every kind sees the same load
                for kind in kinds:
                    starts[kind].append(measure(kind, url, one, 1, args.concurrency, trees[kind]))
                for kind in kinds:
                    runs[kind].append(measure(kind, url, many, args.n, args.concurrency, trees[kind]))
            for kind in kinds:
                start, run = median(starts[kind]), median(runs[kind])
                results[kind] = {"startup": start, "run": run}
                print(f"{kind:8} start-up {start['wall_s']:.2f} s ({start['cpu_s']:.2f} s cpu)  "
                      f"{run['samples_per_s']:.0f}/s  {run['cpu_ms_per_sample']:.3f} cpu ms/sample  "
                      f"peak {run['peak_rss_mb']:.0f} MB", flush=True)
    finally:
        stub.kill()
        stub.wait()

    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"charter eval vs plain aiohttp: N={args.n}, concurrency {args.concurrency}, "
                    f"median of {args.repeat}, whole process")
    for col in ("tool", "start-up (N=1) s", "start-up cpu s", "samples/s", "CPU ms/sample", "peak RSS MB"):
        t.add_column(col, justify="right")
    labels = [("plain", "plain aiohttp client"), ("charter", "charter eval")]
    if args.before:
        labels.append(("before", "charter eval, --before tree"))
    for kind, label in labels:
        s, r = results[kind]["startup"], results[kind]["run"]
        t.add_row(label, f"{s['wall_s']:.2f}", f"{s['cpu_s']:.2f}", f"{r['samples_per_s']:.0f}",
                  f"{r['cpu_ms_per_sample']:.3f}", f"{r['peak_rss_mb']:.0f}")
    Console().print(t)
    same = len(set().union(*SUMMARIES.values())) == 1 if SUMMARIES else None
    if args.before:
        print("report summary (metrics, failures) identical in every run of both trees: "
              + ("yes" if same else "NO: " + json.dumps({k: sorted(v) for k, v in SUMMARIES.items()})))
    ratio = results["charter"]["run"]["samples_per_s"] / results["plain"]["run"]["samples_per_s"]
    print(f"charter / plain samples/s: {ratio:.2f}")
    if args.before:
        before_ratio = results["before"]["run"]["samples_per_s"] / results["plain"]["run"]["samples_per_s"]
        print(f"before / plain samples/s: {before_ratio:.2f}")
    result = {"benchmark": "eval", "src": args.src, "before": args.before, "n": args.n, "concurrency": args.concurrency, "repeat": args.repeat,
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform(terse=True), "load_avg": os.getloadavg()},
              "results": results, "ratio_samples_per_s": ratio, "same_summary": same,
              "note": "shared machine: prefer cpu_ms_per_sample (getrusage of the child) over wall time"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
