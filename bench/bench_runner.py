"""Runner throughput and memory against a loopback OpenAI-compatible stub.

Each measurement is a whole process (start-up, requests, a trivial check scorer, store
writes), timed from outside with its CPU time and peak RSS (``os.wait4``). The stub runs in
its own process. Compared side by side with a ~30-line plain asyncio + aiohttp client.

    python bench/bench_runner.py                 # full matrix, N=2000, memory at 1k / 100k
    python bench/bench_runner.py --n 500 --mem-n 1000,10000 --repeat 1   # quick
    python bench/bench_runner.py --before /tmp/before/src   # + an older tree, interleaved

The children import Charter from ``--src`` (default: this tree's ``src``). ``--before DIR``
adds a third client, the same Charter code from another source tree (e.g. an older commit's
``src``, unpacked with ``git archive``), measured in the same cells, run after run, so that
before and after see the same load.

The stub's latency varies by ``--jitter`` (default ±20%, uniform, so its mean stays the
latency and the ideal stays concurrency / latency). With a fixed latency the overlap figure
measured the stub more than the client: a client that starts its N requests at once gets
N answers in the same millisecond, and a constant latency keeps them in lock-step for the
whole run, so every request waits behind its N-1 peers' CPU work twice (in the stub's
single-threaded loop and in the client's); at concurrency 64 that alone held the plain
aiohttp client to 0.84 of ideal (median latency 55 ms for 50, 95th percentile 65), against
0.90 with ±10 ms of jitter. Real servers' latencies vary; ``--jitter 0`` gives the old
measurement.

Prints a table and writes bench/results/runner.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: where the children keep their compiled bytecode (set by ``main``): an installed package has
#: its ``.pyc`` files, so a child that compiled Charter's sources at every start (as under
#: ``PYTHONDONTWRITEBYTECODE=1``) would count that compilation in its start-up
PYCACHE: Path | None = None


def fresh_regex_caches(srcs: list[Path]) -> list[str]:
    """Remove the compiled-regex cache files of the source trees about to be measured, so that
    every tree starts from the same state (the warm-up run writes each a file of what it uses).

    Each copy of Charter keeps its own file (``$CHARTER_CACHE_DIR/regex/``, named in its
    ``.install`` companion), rewritten only by a process that compiles a new pattern: after the
    test suite a tree's file held 11.5 MB, and every later process of that tree read it whole
    and kept it (peak RSS 123-130 MB against 115 MB with a fresh file, same source), so two
    trees with files of different sizes were not compared alike. Returns what was removed."""
    env = os.environ.get("CHARTER_CACHE_DIR")
    folder = (Path(env).expanduser() if env else Path.home() / ".cache" / "charter") / "regex"
    wanted = {str((src / "charter").resolve()) for src in srcs}
    removed = []
    for install in sorted(folder.glob("*.install")) if folder.is_dir() else []:
        try:
            if install.read_text(encoding="utf-8").strip() not in wanted:
                continue
            install.with_suffix(".marshal").unlink(missing_ok=True)
            install.unlink(missing_ok=True)
            removed.append(str(install.with_suffix(".marshal")))
        except OSError:
            continue
    return removed


def child_env(src: Path) -> dict[str, str]:
    """The environment of a measured child: Charter from ``src``, bytecode cached in PYCACHE."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])}
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


# -- the clients (run in child processes) -------------------------------------------------
async def plain_client(url: str, n: int, concurrency: int) -> int:
    """The baseline: asyncio + aiohttp, a semaphore, the same check on each answer."""
    import aiohttp

    sem = asyncio.Semaphore(concurrency)
    ok = 0

    async def one(session: aiohttp.ClientSession, i: int) -> None:
        nonlocal ok
        body = {"model": "bench", "messages": [{"role": "system", "content": "Be helpful."},
                                               {"role": "user", "content": f"question {i}"}]}
        async with sem:
            async with session.post(url + "/chat/completions", json=body) as resp:
                data = await resp.json()
        if "sorry" not in data["choices"][0]["message"]["content"].lower():
            ok += 1

    conn = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=conn) as session:
        tasks: set[asyncio.Task[None]] = set()
        for i in range(n):  # bounded window: never more than 2x concurrency tasks alive
            if len(tasks) >= 2 * concurrency:
                _, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            tasks.add(asyncio.ensure_future(one(session, i)))
        await asyncio.gather(*tasks)
    return ok


async def charter_client(url: str, n: int, concurrency: int, db: str) -> int:
    from charter.model import get_model
    from charter.runner import Runner, RunnerConfig
    from charter.store import RunStore
    from charter.suite import Case, Message
    from charter.types import Score, Verdict

    class Check:
        id = "helpful"
        family = "check"

        async def __call__(self, case: Case, response: object) -> Score:
            ok = "sorry" not in response.text.lower()  # type: ignore[attr-defined]
            return Score(scorer="helpful", verdict=Verdict.pass_ if ok else Verdict.fail)

    def cases():  # lazy: the runner pulls them as it goes
        for i in range(n):
            yield Case(id=f"c{i}", messages=[Message(role="user", content=f"question {i}")],
                       expected="comply", intent="benign", rule_ids=["helpful"])

    model = get_model("openai/bench", base_url=url, api_key="bench")
    with RunStore(db) as store:
        info = await Runner(store, RunnerConfig(concurrency=concurrency, progress=False)).run(
            cases(), model, scorers=[Check()], system_prompt="Be helpful.")
    await model.aclose()
    assert info.n_done == n, info
    return info.n_done - info.n_errors


def child(args: argparse.Namespace) -> None:
    try:
        import uvloop  # noqa: F401  # not used: both clients run on the default loop
    except ImportError:
        pass
    # imports first: the run alone is timed for the overlap figure (start-up is in the whole).
    # aiohttp for both: Charter imports it on the first get_model of an HTTP provider, which
    # put its 0.2 s inside the charter child's timed run and not in the plain one's
    import aiohttp  # noqa: F401
    if args.child != "plain":
        import charter.model
        import charter.runner
        import charter.store
        import charter.suite  # noqa: F401
    t0 = time.perf_counter()
    if args.child == "plain":
        asyncio.run(plain_client(args.url, args.n, args.concurrency))
    else:
        asyncio.run(charter_client(args.url, args.n, args.concurrency, args.db))
    if args.timing:
        Path(args.timing).write_text(f"{time.perf_counter() - t0}\n")


# -- the parent ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_stub(latency_ms: float, jitter: float = 0.0) -> tuple[subprocess.Popen[bytes], str]:
    """The stub in its own process; ``jitter``: the latency varies by ± that fraction."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.stubs.openai_stub", "--port", str(port),
                             "--latency-ms", str(latency_ms), "--latency-jitter-ms", str(latency_ms * jitter)],
                            cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/models", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("stub did not start")


def measure(kind: str, url: str, n: int, concurrency: int, src: Path | None = None) -> dict[str, float]:
    """One whole child process; ``src``: the source tree it imports Charter from (kind
    ``before`` runs the Charter client from it)."""
    src = src or ROOT / "src"
    with tempfile.TemporaryDirectory() as tmp:
        timing = Path(tmp) / "run_wall_s"
        cmd = [sys.executable, __file__, "--child", "charter" if kind == "before" else kind, "--url", url,
               "--n", str(n), "--concurrency", str(concurrency), "--db", str(Path(tmp) / "runs.db"),
               "--timing", str(timing)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=child_env(src))
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        run_wall = float(timing.read_text()) if status == 0 else 0.0
    if status != 0:
        raise RuntimeError(f"{kind} child failed with status {status}")
    cpu = ru.ru_utime + ru.ru_stime
    return {"wall_s": wall, "samples_per_s": n / wall, "cpu_ms_per_sample": 1000 * cpu / n,
            "peak_rss_mb": ru.ru_maxrss / 1024, "run_wall_s": run_wall, "run_samples_per_s": n / run_wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="prompts per throughput measurement")
    ap.add_argument("--concurrency", default="1,16,64,256")
    ap.add_argument("--latency", default="0,50", help="stub latencies, ms")
    ap.add_argument("--jitter", type=float, default=0.2,
                    help="the stub's latency varies uniformly by ± this fraction of it (0: fixed)")
    ap.add_argument("--mem-n", default="1000,100000", help="N for the peak-memory runs (charter, c=64, 0 ms)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per cell (median reported)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "runner.json"))
    ap.add_argument("--src", default=str(ROOT / "src"), help="the charter source tree to measure")
    ap.add_argument("--before", default=None, help="another source tree, measured beside it (before/after)")
    ap.add_argument("--child", choices=["plain", "charter"], help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--timing", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.concurrency = int(args.concurrency)
        child(args)
        return

    global PYCACHE
    cache_dir = tempfile.TemporaryDirectory(prefix="charter-bench-pyc-")
    PYCACHE = Path(cache_dir.name)
    for f in fresh_regex_caches([Path(args.src)] + ([Path(args.before)] if args.before else [])):
        print(f"removed the regex cache file {f} (see fresh_regex_caches)", flush=True)
    stub, url = start_stub(0)
    try:  # warm-up: every tree's bytecode compiled once, as an installed package has it
        for kind in ("plain", "charter", "before") if args.before else ("plain", "charter"):
            measure(kind, url, 20, 4, Path(args.before if kind == "before" else args.src))
    finally:
        stub.kill()
        stub.wait()

    rows = []
    for lat in [float(x) for x in args.latency.split(",")]:
        stub, url = start_stub(lat, args.jitter)
        try:
            for c in [int(x) for x in args.concurrency.split(",")]:
                # with latency, a serial client needs n * latency seconds: cap n to ~20 windows
                n = args.n if lat == 0 else min(args.n, max(40, 20 * c))
                kinds = ("plain", "charter", "before") if args.before else ("plain", "charter")
                cell: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
                for _ in range(args.repeat):
                    for kind in kinds:
                        cell[kind].append(measure(kind, url, n, c, Path(args.before if kind == "before" else args.src)))
                med = {k: {m: statistics.median(r[m] for r in v) for m in v[0]} for k, v in cell.items()}
                ideal = (c / (lat / 1000.0)) if lat else None
                rows.append({"latency_ms": lat, "concurrency": c, "n": n, "plain": med["plain"],
                             "charter": med["charter"], "ideal_samples_per_s": ideal,
                             "ratio": med["charter"]["samples_per_s"] / med["plain"]["samples_per_s"]})
                r = rows[-1]
                line = (f"lat {lat:>4.0f} ms  c {c:>3}  n {n:>5}  plain {med['plain']['samples_per_s']:>7.0f}/s "
                        f"({med['plain']['cpu_ms_per_sample']:.3f} ms cpu)  charter {med['charter']['samples_per_s']:>7.0f}/s "
                        f"({med['charter']['cpu_ms_per_sample']:.3f} ms cpu)  ratio {r['ratio']:.2f}")
                if ideal:  # how much of the latency the client overlaps: the run alone, without start-up
                    r["overlap"] = {k: med[k]["run_samples_per_s"] / ideal for k in kinds}
                    line_overlap = "  overlap " + " ".join(f"{k} {v:.2f}" for k, v in r["overlap"].items())
                else:
                    line_overlap = ""
                if args.before:
                    r["before"] = med["before"]
                    r["ratio_before"] = med["before"]["samples_per_s"] / med["plain"]["samples_per_s"]
                    line += (f"  before {med['before']['samples_per_s']:>7.0f}/s "
                             f"({med['before']['cpu_ms_per_sample']:.3f} ms cpu)  ratio {r['ratio_before']:.2f}")
                print(line + line_overlap, flush=True)
        finally:
            stub.kill()
            stub.wait()

    memory = []
    stub, url = start_stub(0)
    try:
        for n in [int(x) for x in args.mem_n.split(",") if x]:
            m = measure("charter", url, n, 64, Path(args.src))
            p = measure("plain", url, n, 64, Path(args.src))
            memory.append({"n": n, "charter_peak_rss_mb": m["peak_rss_mb"], "plain_peak_rss_mb": p["peak_rss_mb"],
                           "charter_samples_per_s": m["samples_per_s"], "plain_samples_per_s": p["samples_per_s"]})
            print(f"memory  n {n:>6}  charter peak {m['peak_rss_mb']:.0f} MB ({m['samples_per_s']:.0f}/s)  "
                  f"plain peak {p['peak_rss_mb']:.0f} MB", flush=True)
    finally:
        stub.kill()
        stub.wait()

    from rich.console import Console
    from rich.table import Table

    t = Table(title="charter runner vs plain aiohttp (samples/s, whole process, median)")
    cols = ["latency ms", "conc", "n", "plain /s", "charter /s", "ratio", "ideal /s", "plain cpu ms", "charter cpu ms"]
    if args.before:
        cols += ["before /s", "before ratio", "before cpu ms"]
    for col in cols:
        t.add_column(col, justify="right")
    for r in rows:
        cells = [f"{r['latency_ms']:.0f}", str(r["concurrency"]), str(r["n"]), f"{r['plain']['samples_per_s']:.0f}",
                 f"{r['charter']['samples_per_s']:.0f}", f"{r['ratio']:.2f}",
                 f"{r['ideal_samples_per_s']:.0f}" if r["ideal_samples_per_s"] else "-",
                 f"{r['plain']['cpu_ms_per_sample']:.3f}", f"{r['charter']['cpu_ms_per_sample']:.3f}"]
        if args.before:
            cells += [f"{r['before']['samples_per_s']:.0f}", f"{r['ratio_before']:.2f}",
                      f"{r['before']['cpu_ms_per_sample']:.3f}"]
        t.add_row(*cells)
    Console().print(t)
    result = {"benchmark": "runner", "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                                 "platform": platform.platform(terse=True)},
              "src": args.src, "before": args.before, "repeat": args.repeat, "jitter": args.jitter,
              "load_avg": os.getloadavg(),
              "throughput": rows, "memory": memory,
              "note": "ideal /s = concurrency / latency (the mean of the stub's jittered latency): requests "
                      "overlap fully; overlap = the run's own "
                      "samples/s (timed in the child after its imports, so without start-up) / ideal; "
                      "shared machine: compare "
                      "charter and before (same cells, interleaved) and prefer cpu ms over wall time"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    cache_dir.cleanup()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
