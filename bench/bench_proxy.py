"""Overhead of `charter serve` (deterministic guards only) against a plain aiohttp
pass-through, both in front of the same loopback stub upstream. Each server runs in its own
process; the load generator keeps ``--concurrency`` requests in flight. The servers are
measured in alternating rounds (the machine is shared, so load drifts; the order flips every
other round) and medians are reported. Ratios are worked out per round, against the
pass-through of the same round, and the median of those ratios is reported: a round that ran
at a higher load moves both servers of it. A soak run then sends ``--soak`` requests to the proxy and samples its resident
memory (VmRSS) at the start, every tenth and the end. Prints a table and writes
bench/results/proxy.json (or ``--out``).

    python bench/bench_proxy.py [--requests 5000] [--rounds 3] [--soak 100000] [--record]
                                [--before /tmp/base/src] [--unguarded]

Figures: requests/second, p50/p95 latency, CPU milliseconds per request of each server
process (from /proc; of the stub and of the load generator too, which share the cores), and
the proxy's resident memory over the soak run. Servers: the plain aiohttp pass-through (bytes
in, bytes out), a JSON pass-through (the least any guarded proxy must do: parse the request,
add the compiled system prompt, parse the answer, write a new one), ``--before SRC``'s proxy,
and this tree's proxy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import socket
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "examples" / "isp-support.yaml"
ANSWER = ("Your bill went up by $15.00 because the promotional discount ended on 1 October. "
          "Your plan is still Fibre 500 at $64.99 a month. Would you like me to look at cheaper plans?")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_kb(pid: int) -> int:
    """Resident memory of a process now (VmRSS, KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stub(port: int) -> None:
    from aiohttp import web

    body = {"id": "stub", "object": "chat.completion", "created": 0, "model": "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 40, "total_tokens": 50}}
    raw = json.dumps(body).encode()

    async def chat(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=raw, content_type="application/json")

    app = web.Application(client_max_size=8_000_000)
    app.router.add_post("/v1/chat/completions", chat)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def _serve_forwarding(port: int, chat: Any) -> None:
    """Run an aiohttp app on 127.0.0.1:``port`` whose ``chat`` handler forwards through the
    pooled client session ``app["s"]`` (opened at start-up, closed at clean-up)."""
    import aiohttp
    from aiohttp import web

    async def start(app: web.Application) -> None:
        app["s"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))

    async def stop(app: web.Application) -> None:
        await app["s"].close()

    app = web.Application()
    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    app.router.add_post("/v1/chat/completions", chat)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def _passthrough(port: int, upstream: str) -> None:
    from aiohttp import web

    async def chat(request: web.Request) -> web.Response:
        body = await request.read()
        async with request.app["s"].post(f"{upstream}/v1/chat/completions", data=body,
                                         headers={"Content-Type": "application/json"}) as r:
            return web.Response(body=await r.read(), status=r.status, content_type="application/json")

    _serve_forwarding(port, chat)


def _passthrough_json(port: int, upstream: str, variant: str) -> None:
    """The least any guarded proxy must do: parse the request, add the compiled system prompt,
    send it on, parse the answer and write a new one (no guards, no checks, no records)."""
    import orjson
    from aiohttp import web

    from charter.compile import compile_prompt, make_canary
    from charter.guide import load_guide

    prompt = compile_prompt(load_guide(GUIDE), canary=make_canary(0), variant=variant).text  # type: ignore[arg-type]
    system = {"role": "system", "content": prompt}

    async def chat(request: web.Request) -> web.Response:
        body = orjson.loads(await request.read())
        msgs = [system, *({"role": m["role"], "content": m["content"]} for m in body["messages"]
                          if m["role"] != "system")]
        async with request.app["s"].post(f"{upstream}/v1/chat/completions",
                                         data=orjson.dumps({"model": "stub", "messages": msgs}),
                                         headers={"Content-Type": "application/json"}) as r:
            up = orjson.loads(await r.read())
        choice = up["choices"][0]
        out = {"id": "chatcmpl-" + os.urandom(16).hex(), "object": "chat.completion", "created": int(time.time()),
               "model": "x", "choices": [{"index": 0, "message": {"role": "assistant",
                                                                   "content": choice["message"]["content"]},
                                          "finish_reason": choice["finish_reason"]}], "usage": up["usage"]}
        return web.Response(body=orjson.dumps(out), content_type="application/json")

    _serve_forwarding(port, chat)


def _charter(port: int, upstream: str, record: bool, store: str, variant: str, guards: str,
             src: str | None = None) -> None:
    if src:  # another source tree (--before): its charter, not this one
        import sys
        sys.path.insert(0, src)
    from aiohttp import web

    from charter.compile import compile_prompt, make_canary
    from charter.guard import Guard, ServeConfig, compile_guard_config, create_app
    from charter.guide import load_guide
    from charter.model import get_model

    guide = load_guide(GUIDE)
    cfg = compile_guard_config(guide, canary=make_canary(0))
    # deterministic guards only: the trained classifier and the LLM judge are off
    cfg = cfg.model_copy(update={"guards": [g.model_copy(update={"enabled": g.enabled and guards != "none" and g.scorer
                                                                 not in ("prompt_classifier", "policy_judge")})
                                            for g in cfg.guards]})
    prompt = compile_prompt(guide, canary=cfg.canary, variant=variant).text  # type: ignore[arg-type]
    guard = Guard(cfg, guide, system_prompt=prompt)
    model = get_model("openai/stub", base_url=f"{upstream}/v1", api_key="bench-key")
    config = ServeConfig(port=port, record=record, store_path=store, rate_limit_per_minute=1e9)
    app = create_app(guard, model, config, system_prompt=prompt)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


async def _load(url: str, n: int, concurrency: int) -> dict[str, float]:
    import aiohttp

    payload = json.dumps({"model": "x", "messages": [{"role": "user", "content": "Why is my bill $15 higher this month?"}]})
    lat: list[float] = []
    errors = 0
    sem = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as s:
        async def one() -> None:
            nonlocal errors
            async with sem:
                t = time.perf_counter()
                async with s.post(f"{url}/v1/chat/completions", data=payload,
                                  headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    if r.status != 200:
                        errors += 1
                lat.append(time.perf_counter() - t)
        # warm-up
        await asyncio.gather(*(one() for _ in range(min(100, n))))
        lat.clear()
        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        wall = time.perf_counter() - t0
    lat.sort()
    return {"rps": round(n / wall, 1), "p50_ms": round(statistics.median(lat) * 1000, 2),
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000, 2), "errors": errors}


async def _wait(url: str) -> None:
    import aiohttp

    for _ in range(200):
        try:
            async with aiohttp.ClientSession() as s, s.post(f"{url}/v1/chat/completions", json={
                    "messages": [{"role": "user", "content": "hi"}]}) as r:
                if r.status < 500:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def _round(url: str, pid: int, n: int, concurrency: int, stub_pid: int) -> dict[str, float]:
    c0, s0, l0 = _cpu_s(pid), _cpu_s(stub_pid), time.process_time()
    load = os.getloadavg()[0]
    r = asyncio.run(_load(url, n, concurrency))
    r["loadavg_1m"] = round(load, 2)
    sent = n + min(100, n)
    r["cpu_ms_per_request"] = round((_cpu_s(pid) - c0) * 1000 / sent, 3)
    # the other two processes on the same cores: the stub upstream and this load generator
    r["stub_cpu_ms_per_request"] = round((_cpu_s(stub_pid) - s0) * 1000 / sent, 3)
    r["loadgen_cpu_ms_per_request"] = round((time.process_time() - l0) * 1000 / sent, 3)
    return r


def _median(rounds: list[dict[str, float]]) -> dict[str, float]:
    keys = ("rps", "p50_ms", "p95_ms", "cpu_ms_per_request", "stub_cpu_ms_per_request", "loadgen_cpu_ms_per_request")
    out = {k: round(statistics.median(r[k] for r in rounds), 3) for k in keys}
    out["errors"] = sum(int(r["errors"]) for r in rounds)
    return out


def _compare_round(r: dict[str, Any], base: dict[str, Any]) -> dict[str, float]:
    """One server against a reference server measured in the same round."""
    def total(x: dict[str, Any]) -> float:  # the three processes that share the cores
        return float(x["cpu_ms_per_request"] + x["stub_cpu_ms_per_request"] + x["loadgen_cpu_ms_per_request"])
    return {"throughput_ratio": round(r["rps"] / base["rps"], 3) if base["rps"] else 0.0,
            "cpu_ratio": round(base["cpu_ms_per_request"] / r["cpu_ms_per_request"], 3)
            if r["cpu_ms_per_request"] else 0.0,
            "total_cpu_ratio": round(total(base) / total(r), 3) if total(r) else 0.0,
            "added_p50_ms": round(r["p50_ms"] - base["p50_ms"], 2),
            "added_cpu_ms_per_request": round(r["cpu_ms_per_request"] - base["cpu_ms_per_request"], 3)}


def _compare(rounds: list[dict[str, Any]], base_rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over rounds of the per-round comparisons (round i against round i), and each round's.

    ``throughput_ratio``: requests/s over the reference's; ``cpu_ratio``: the reference's CPU
    per request over this server's (what the throughput ratio would be if the server's own
    CPU were all that limited it); ``total_cpu_ratio``: the same with the stub's and the load
    generator's CPU added (all three share the cores)."""
    per = [_compare_round(r, b) for r, b in zip(rounds, base_rounds, strict=True)]
    out: dict[str, Any] = {k: round(statistics.median(p[k] for p in per), 3) for k in per[0]}
    out["per_round"] = per
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=5000, help="requests per round and server")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per server (the median is reported)")
    ap.add_argument("--soak", type=int, default=0, help="then this many requests to the proxy, sampling its memory")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--record", action="store_true", help="record exchanges in a temporary store too")
    ap.add_argument("--guards", choices=("deterministic", "none"), default="deterministic",
                    help="none: the proxy with every guard off (to see what the guards cost)")
    ap.add_argument("--variant", choices=("full", "compact"), default="compact",
                    help="compiled system prompt the proxy adds (full: ~31k characters for this guide)")
    ap.add_argument("--before", default=None, metavar="SRC",
                    help="also run the proxy from another source tree's src/ (e.g. a `git archive main` copy), "
                         "in the same alternating rounds")
    ap.add_argument("--unguarded", action="store_true",
                    help="also run this tree's proxy with every guard off (charter_unguarded), in the same rounds: "
                         "what the guards cost under the same load")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "proxy.json"))
    args = ap.parse_args()
    import shutil
    import tempfile

    ctx = mp.get_context("spawn")
    tmp = tempfile.mkdtemp()
    ps = _free_port()
    stub = f"http://127.0.0.1:{ps}"
    # the servers measured, in the order of each round: name -> (port, process)
    plan: list[tuple[str, Any, tuple[Any, ...]]] = [
        ("passthrough", _passthrough, (stub,)),
        ("passthrough_json", _passthrough_json, (stub, args.variant))]
    if args.before:
        plan.append(("before", _charter, (stub, args.record, f"{tmp}/runs-before.db", args.variant, args.guards,
                                          str(Path(args.before).resolve()))))
    if args.unguarded:
        plan.append(("charter_unguarded", _charter, (stub, args.record, f"{tmp}/runs-unguarded.db", args.variant,
                                                     "none")))
    plan.append(("charter", _charter, (stub, args.record, f"{tmp}/runs.db", args.variant, args.guards)))
    stub_proc = ctx.Process(target=_stub, args=(ps,), daemon=True)
    servers: dict[str, tuple[str, Any]] = {}
    for name, target, rest in plan:
        port = _free_port()
        servers[name] = (f"http://127.0.0.1:{port}", ctx.Process(target=target, args=(port, *rest), daemon=True))
    procs = [stub_proc, *(p for _, p in servers.values())]
    for p in procs:
        p.start()
    charter_url, charter_pid = servers["charter"][0], servers["charter"][1].pid or 0
    load0 = os.getloadavg()
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
    try:
        asyncio.run(_wait(stub))
        for url, _ in servers.values():
            asyncio.run(_wait(url))
        rss_start = _rss_kb(charter_pid)
        for i in range(args.rounds):
            order = list(servers.items())
            for name, (url, proc) in order if i % 2 == 0 else reversed(order):
                rounds[name].append(_round(url, proc.pid or 0, args.requests, args.concurrency,
                                           stub_proc.pid or 0))
        soak: dict[str, Any] | None = None
        if args.soak:
            step = max(1, args.soak // 10)
            samples = [(0, _rss_kb(charter_pid))]
            t0, sent = time.perf_counter(), 0
            while sent < args.soak:
                n = min(step, args.soak - sent)
                r = asyncio.run(_load(charter_url, n, args.concurrency))
                sent += n
                samples.append((sent, _rss_kb(charter_pid)))
                if r["errors"]:
                    raise RuntimeError(f"{r['errors']} errors in the soak run")
            mid = samples[len(samples) // 2]
            soak = {"requests": args.soak, "seconds": round(time.perf_counter() - t0, 1),
                    "rss_kb_start": samples[0][1], "rss_kb_middle": mid[1], "rss_kb_end": samples[-1][1],
                    "rss_kb_samples": samples}
    finally:
        for p in procs:
            p.terminate()
            p.join(5)
        shutil.rmtree(tmp, ignore_errors=True)
    med = {name: _median(r) for name, r in rounds.items()}
    refs = [name for name in med if name.startswith("passthrough")]

    def against(name: str) -> dict[str, Any]:
        return {ref: _compare(rounds[name], rounds[ref]) for ref in refs}
    before: dict[str, Any] | None = None
    if args.before:
        vs = against("before")
        before = {"source": args.before, **med["before"],
                  **{k: v for k, v in vs["passthrough"].items() if k != "per_round"}, "against": vs}
    vs = against("charter")
    result = {
        "requests_per_round": args.requests, "rounds": args.rounds, "concurrency": args.concurrency,
        "record": args.record, "prompt": args.variant, "guards": args.guards,
        **{name: r for name, r in med.items() if name not in ("before", "charter_unguarded")},
        "charter_unguarded": ({**med["charter_unguarded"], **{k: v for k, v in against("charter_unguarded")[
            "passthrough"].items() if k != "per_round"}} if args.unguarded else None),
        **{k: v for k, v in vs["passthrough"].items() if k != "per_round"},
        "against": vs,
        "rounds_detail": rounds,
        "before": before, "proxy_rss_kb_after_startup": rss_start, "soak": soak,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_1m_before": round(load0[0], 2), "loadavg_1m_after": round(os.getloadavg()[0], 2)},
    }
    print(f"{'server':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'CPU ms/req':>11}{'stub':>7}{'loadgen':>8}"
          f"{'errors':>7}")
    for name, r in med.items():
        print(f"{name:<24}{r['rps']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['cpu_ms_per_request']:>11}"
              f"{r['stub_cpu_ms_per_request']:>7}{r['loadgen_cpu_ms_per_request']:>8}{r['errors']:>7}")
    print("per-round ratios against the pass-through of the same round (median [each round]):")
    for name in (n for n in ("before", "charter_unguarded", "charter") if n in rounds):
        for ref in refs:
            c = _compare(rounds[name], rounds[ref])
            each = c["per_round"]
            print(f"  {name} vs {ref}: throughput {c['throughput_ratio']} "
                  f"[{' '.join(str(p['throughput_ratio']) for p in each)}], "
                  f"server CPU {c['cpu_ratio']} [{' '.join(str(p['cpu_ratio']) for p in each)}], "
                  f"all CPU {c['total_cpu_ratio']}, added p50 {c['added_p50_ms']} ms, "
                  f"added CPU {c['added_cpu_ms_per_request']} ms/request")
    if args.before:
        per = [round(b["cpu_ms_per_request"] / a["cpu_ms_per_request"], 3)
               for a, b in zip(rounds["before"], rounds["charter"], strict=True) if a["cpu_ms_per_request"]]
        result["charter_cpu_over_before"] = {"median": round(statistics.median(per), 3), "per_round": per}
        print(f"  charter CPU per request over before's, per round: median {statistics.median(per):.3f} "
              f"[{' '.join(str(p) for p in per)}]")
    print(f"(median of {args.rounds} rounds of {args.requests} at {args.concurrency} clients; "
          f"load average {load0[0]:.2f} -> {os.getloadavg()[0]:.2f})")
    if soak:
        print(f"soak: {soak['requests']} requests in {soak['seconds']} s, proxy RSS {soak['rss_kb_start']} -> "
              f"{soak['rss_kb_middle']} -> {soak['rss_kb_end']} KiB (start, middle, end)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
