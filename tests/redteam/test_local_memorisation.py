"""The memorisation probe on the smallest embedded model (llama.cpp continues the prefilled
answer and returns top logprobs): a real ranking of a few candidates, and the greedy check."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import pytest
from tests._embedded import NEEDS_135M

from charter.data import make_canaries
from charter.guide import load_guide
from charter.model import get_model
from charter.redteam import CanaryScorer, RedteamConfig, run_redteam

pytestmark = [*NEEDS_135M, pytest.mark.slow]


@pytest.mark.timeout(900)
def test_exposure_on_the_embedded_model(minimal_guide_path: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(tmp_path / "cache"))
    canary = make_canaries(1, seed=0, digits=2)[0]
    model = get_model("local/smollm2-135m-instruct", parallel=1, n_ctx=1024, threads=2)
    try:
        step = asyncio.run(CanaryScorer(model, canary).step(()))
        cfg = RedteamConfig(budget=1, strategies=("memorisation",), candidates=5)
        s = asyncio.run(run_redteam(load_guide(minimal_guide_path), model, config=cfg, canaries=[canary]))
    finally:
        asyncio.run(model.aclose())
    # after "The access code of ... is " the model puts real probability on digits
    assert len(step) == 10 and all(lp <= 0 for lp in step) and math.fsum(math.exp(lp) for lp in step) > 0.05
    [e] = s.exposures
    assert e.rank is not None and 1 <= e.rank <= 5 and e.exposure is not None and 0 <= e.exposure <= math.log2(5)
    assert e.logprob is not None and e.logprob < 0 and 2 <= e.scoring_queries <= 1 + 10
    assert s.queries == 1 and e.extracted is not None and e.completion == s.results[0].attempts[0].response[:200]
