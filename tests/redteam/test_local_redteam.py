"""One real adaptive attack on the smallest embedded model (target, attacker and judge alike):
what it must hold whatever a 135M model writes — the budget, the records, no crash."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tests._embedded import NEEDS_135M

from charter.guide import load_guide
from charter.model import get_model
from charter.redteam import RedteamConfig, goals_from_guide, run_redteam

pytestmark = [*NEEDS_135M, pytest.mark.slow]


@pytest.mark.timeout(900)
def test_iterative_attack_on_the_embedded_model(minimal_guide_path: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(tmp_path / "cache"))
    guide = load_guide(minimal_guide_path)
    model = get_model("local/smollm2-135m-instruct", parallel=1, n_ctx=8192, threads=2)
    try:
        cfg = RedteamConfig(budget=2, strategies=("iterative",), max_iterations=2, max_tokens=32,
                            attacker_max_tokens=64,
                            prompt_variant="compact")
        s = asyncio.run(run_redteam(guide, model, attacker=model, judge=model, config=cfg,
                                    goals=goals_from_guide(guide)[:1]))
    finally:
        asyncio.run(model.aclose())
    [r] = s.results
    assert 1 <= r.queries <= 2 and s.queries == r.queries
    assert r.queries == 2 or r.success
    assert all(a.verdict in ("pass", "fail", "error") and a.response is not None for a in r.attempts)
    assert [a.step for a in r.attempts] == list(range(1, r.queries + 1))
    assert r.attempts[0].reasoning.startswith("starting point: synth technique")
