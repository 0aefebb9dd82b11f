"""Overhead of `charter serve` (deterministic guards only) against a plain aiohttp
pass-through, both in front of the same loopback stub upstream. Each server runs in its own
process; the load generator keeps ``--concurrency`` requests in flight. Prints a table and
writes bench/results/proxy.json.

    python bench/bench_proxy.py [--requests 2000] [--concurrency 64] [--record]

Figures: requests/second, p50/p95 latency, and the proxy's resident memory before and after
the run (flat memory = no growth per request).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import platform
import resource
import socket
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "examples" / "isp-support.yaml"
ANSWER = ("Your bill went up by $15.00 because the promotional discount ended on 1 October. "
          "Your plan is still Fibre 500 at $64.99 a month. Would you like me to look at cheaper plans?")


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


def _passthrough(port: int, upstream: str) -> None:
    import aiohttp
    from aiohttp import web

    async def start(app: web.Application) -> None:
        app["s"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))

    async def chat(request: web.Request) -> web.Response:
        body = await request.read()
        async with request.app["s"].post(f"{upstream}/v1/chat/completions", data=body,
                                         headers={"Content-Type": "application/json"}) as r:
            return web.Response(body=await r.read(), status=r.status, content_type="application/json")

    async def stop(app: web.Application) -> None:
        await app["s"].close()

    app = web.Application()
    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    app.router.add_post("/v1/chat/completions", chat)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def _charter(port: int, upstream: str, record: bool, store: str, rss_file: str, variant: str, guards: str) -> None:
    import signal

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
    app = create_app(guard, model, ServeConfig(port=port, record=record, store_path=store,
                                               rate_limit_per_minute=1e9), system_prompt=prompt)

    def dump(*_: Any) -> None:
        Path(rss_file).write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    signal.signal(signal.SIGUSR1, dump)
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--record", action="store_true", help="record exchanges in a temporary store too")
    ap.add_argument("--guards", choices=("deterministic", "none"), default="deterministic",
                    help="none: the proxy with every guard off (to see what the guards cost)")
    ap.add_argument("--variant", choices=("full", "compact"), default="compact",
                    help="compiled system prompt the proxy adds (full: ~31k characters for this guide)")
    args = ap.parse_args()
    import os
    import signal
    import tempfile

    ctx = mp.get_context("spawn")
    tmp = tempfile.mkdtemp()
    ps, pp, pc = _free_port(), _free_port(), _free_port()
    stub = f"http://127.0.0.1:{ps}"
    procs = [ctx.Process(target=_stub, args=(ps,), daemon=True),
             ctx.Process(target=_passthrough, args=(pp, stub), daemon=True),
             ctx.Process(target=_charter, args=(pc, stub, args.record, f"{tmp}/runs.db", f"{tmp}/rss", args.variant, args.guards), daemon=True)]
    for p in procs:
        p.start()
    try:
        asyncio.run(_wait(stub))
        asyncio.run(_wait(f"http://127.0.0.1:{pp}"))
        asyncio.run(_wait(f"http://127.0.0.1:{pc}"))
        base = asyncio.run(_load(f"http://127.0.0.1:{pp}", args.requests, args.concurrency))
        os.kill(procs[2].pid or 0, signal.SIGUSR1)
        time.sleep(0.3)
        rss0 = int(Path(f"{tmp}/rss").read_text())
        prox = asyncio.run(_load(f"http://127.0.0.1:{pc}", args.requests, args.concurrency))
        os.kill(procs[2].pid or 0, signal.SIGUSR1)
        time.sleep(0.3)
        rss1 = int(Path(f"{tmp}/rss").read_text())
    finally:
        for p in procs:
            p.terminate()
            p.join(5)
    result = {
        "requests": args.requests, "concurrency": args.concurrency, "record": args.record, "prompt": args.variant, "guards": args.guards,
        "passthrough": base, "charter": prox,
        "throughput_ratio": round(prox["rps"] / base["rps"], 3) if base["rps"] else None,
        "added_p50_ms": round(prox["p50_ms"] - base["p50_ms"], 2),
        "proxy_max_rss_kb_before": rss0, "proxy_max_rss_kb_after": rss1,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
    }
    print(f"{'server':<14}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    for name in ("passthrough", "charter"):
        r = result[name]
        print(f"{name:<14}{r['rps']:>10}{r['p50_ms']:>10}{r['p95_ms']:>10}{r['errors']:>8}")
    print(f"throughput ratio {result['throughput_ratio']}, added p50 {result['added_p50_ms']} ms, "
          f"proxy max RSS {rss0} -> {rss1} KiB over {args.requests} requests")
    out = ROOT / "bench" / "results" / "proxy.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
