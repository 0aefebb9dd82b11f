"""The injection suite against the real embedded judge (local/smollm2-135m-instruct).

The 135M model is too weak for its verdicts to be *accurate*, so this test asserts only what
hardening promises: no verdict flips between the clean and the hostile version of the same
response. Greedy decoding and a fixed fence token (``fence_token``) make each verdict
reproducible, so a flip can only come from the injected text reaching the judge. (With a
fresh random token per judge, this tiny model's verdicts near p=0.5 can change with the token
alone, which says nothing about injection.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from charter.evaluate import Response, Verdict
from charter.evaluate.judges import RubricJudge, YesNoJudge
from charter.model import GenerateConfig, Model, get_model
from tests._embedded import NEEDS_135M
from tests.evaluate._helpers import make_case
from tests.evaluate.test_injection import HOSTILE, hostile_text

pytestmark = NEEDS_135M


@pytest.fixture(scope="module")
def judge_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Model]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARTER_CACHE_DIR", str(tmp_path_factory.mktemp("charter-cache")))
        # one slot: batched decoding across slots is not bit-for-bit deterministic in llama.cpp
        m = get_model("local/smollm2-135m-instruct", role="judge", parallel=1, n_ctx=4096, threads=2)
        yield m
        asyncio.run(m.aclose())


@pytest.mark.timeout(900)
@pytest.mark.parametrize("kind", ["yesno", "rubric"])
def test_real_judge_verdicts_do_not_flip(judge_model: Model, minimal_guide: Any, kind: str) -> None:
    cfg = GenerateConfig(temperature=0.0, seed=1, max_tokens=1 if kind == "yesno" else 48)
    judge = (YesNoJudge if kind == "yesno" else RubricJudge)(minimal_guide, model=judge_model, config=cfg,
                                                             fence_token="5e1f0c2a9b7d4e63")
    case = make_case()

    async def one(row: dict[str, Any]) -> tuple[str, Verdict, Verdict]:
        a = await judge(case, Response(text=row["clean"]))
        b = await judge(case, Response(text=hostile_text(row)))
        assert b.metadata["injection_detected"] is True
        return row["id"], a.verdict, b.verdict

    async def run() -> list[tuple[str, Verdict, Verdict]]:
        # the rubric judge writes JSON (slow on a CPU): every third row of the suite
        rows = HOSTILE if kind == "yesno" else HOSTILE[::3]
        return list(await asyncio.gather(*(one(r) for r in rows)))

    results = asyncio.run(run())
    flips = [(rid, a.value, b.value) for rid, a, b in results if a != b]
    assert not flips, f"verdicts flipped under injection: {flips}"
