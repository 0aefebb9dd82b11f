"""`iterate_prompt` with a real embedded target (the smallest, SmolLM2 135M: the loop's code is the
same for the 0.5B default, which is only slower) for one round (the scripted generator proposes
one harmful and one good edit): whatever the small model answers, the loop's records must hold
together — the final validation pass rate is the start's or a kept edit's, every kept edit raised
it with no rule below its interval, every rejection says why."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import pytest

from charter.guide import Guide
from charter.iterate import IterateConfig, IterateResult, iterate_prompt, write_iterate
from charter.model import GenerateConfig, LocalModelState, get_model, local_models
from charter.runner import RunnerConfig
from charter.store import RunStore
from tests.iterate.conftest import model, scripted_suite


def _missing() -> bool:
    if importlib.util.find_spec("xllamacpp") is None:
        return True
    info = {i.name: i for i in local_models()}.get("local/smollm2-135m-instruct")
    return info is None or info.state is LocalModelState.missing


pytestmark = [
    pytest.mark.local,
    pytest.mark.slow,
    pytest.mark.skipif(_missing(), reason="xllamacpp or the embedded smollm2-135m-instruct is not installed"),
]


@pytest.mark.timeout(1800)
def test_one_round_on_the_embedded_target(minimal_guide: Guide, tmp_path: Path) -> None:
    target = get_model("local/smollm2-135m-instruct", parallel=1, threads=2)
    generator = get_model(model("propose"), role="generator")
    cfg = IterateConfig(rounds=1, variant="compact", generate=GenerateConfig(temperature=0.0, max_tokens=32),
                        runner=RunnerConfig(progress=False, concurrency=1, timeout=900))

    async def go() -> IterateResult:
        try:
            with RunStore(tmp_path / "runs.db") as store:
                return await iterate_prompt(minimal_guide, scripted_suite(), target, generator, store=store,
                                            config=cfg)
        finally:
            await target.aclose()
            await generator.aclose()

    res = asyncio.run(go())
    write_iterate(res, tmp_path / "out")
    assert res.start.pass_rate.n == res.final.pass_rate.n == 7
    assert res.final.pass_rate.k >= res.start.pass_rate.k
    [rnd] = res.rounds
    kept = [o for o in rnd.outcomes if o.accepted]
    expected_final = kept[-1].after if kept else res.start.pass_rate
    assert res.final.pass_rate == expected_final
    for o in rnd.outcomes:
        assert o.reason
        if o.accepted:
            assert o.after is not None and o.before is not None and o.after.k > o.before.k and not o.regressions
    assert (tmp_path / "out" / "prompt.final.md").read_text() == res.final_prompt
    assert len(list((tmp_path / "out" / "edits").glob("*.diff"))) == len(kept)
