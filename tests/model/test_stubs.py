"""The loopback stubs themselves: determinism, counting, stats, and the standalone process."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from charter.errors import ModelError
from charter.model import GenerateConfig, get_model
from tests.stubs import OpenAIStub

ROOT = Path(__file__).resolve().parents[2]


async def _fault_pattern(seed: int) -> list[str]:
    async with OpenAIStub(seed=seed, rate_429=0.2, rate_500=0.2, rate_nonjson=0.1) as stub:
        async with get_model("openai/m", base_url=stub.base_url) as model:
            pattern = []
            for _ in range(40):
                try:
                    await model.generate("x")
                    pattern.append("ok")
                except ModelError as e:
                    pattern.append(str(e.status or "nonjson"))
        assert stub.requests == 40
        assert sum(stub.faults.values()) == 40 - pattern.count("ok")
    return pattern


async def test_faults_are_deterministic_per_seed() -> None:
    a, b, c = await _fault_pattern(1), await _fault_pattern(1), await _fault_pattern(2)
    assert a == b and a != c
    counts = Counter(a)
    assert counts["ok"] >= 10 and counts["429"] >= 2 and counts["500"] >= 2 and counts["nonjson"] >= 1


async def test_stats_endpoint_and_unknown_fault() -> None:
    async with OpenAIStub(fault_sequence=["429", "ok"]) as stub:
        async with get_model("openai/m", base_url=stub.base_url) as model:
            with pytest.raises(ModelError):
                await model.generate("x")
            await model.generate("x")
        async with aiohttp.ClientSession() as s, s.get(f"{stub.root_url}/stub/stats") as r:
            assert await r.json() == {"requests": 2, "faults": {"429": 1}}
        async with aiohttp.ClientSession() as s, s.get(f"{stub.base_url}/models") as r:
            assert (await r.json())["data"][0]["id"] == "stub-model"
    with pytest.raises(ValueError, match="unknown fault"):
        OpenAIStub(fault_sequence=["boom"])


async def test_reply_function_and_latency() -> None:
    async with OpenAIStub(reply=lambda body: body["model"].upper(), latency_ms=30) as stub:
        async with get_model("openai/shout", base_url=stub.base_url) as model:
            t0 = asyncio.get_running_loop().time()
            out = await model.generate("x")
            assert asyncio.get_running_loop().time() - t0 >= 0.03
    assert out.text == "SHOUT"


def test_standalone_process() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "tests.stubs.openai_stub", "--port", "0", "--echo"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("openai stub listening on http://127.0.0.1:")
        base_url = line.split(" on ")[1].strip()

        async def ask() -> str:
            async with get_model("openai/m", base_url=base_url) as model:
                return (await model.generate("ping", GenerateConfig(timeout=5))).text

        assert asyncio.run(ask()) == "ping"
    finally:
        proc.terminate()
        proc.wait(timeout=5)
