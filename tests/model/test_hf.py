"""`hf/<id>`: the missing-extra path always; a real generation with a tiny model built here."""

from __future__ import annotations

import asyncio
import builtins
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from charter.errors import ConfigError, MissingExtraError, ModelError
from charter.model import GenerateConfig, get_model

HAVE_HF = importlib.util.find_spec("transformers") is not None and importlib.util.find_spec("torch") is not None


@pytest.mark.parametrize("package", ["transformers", "torch"])
def test_missing_extra_names_the_package_and_extra(package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == package or name.startswith(package + "."):
            raise ImportError(f"No module named '{package}'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingExtraError) as err:
        get_model("hf/some/model")
    assert err.value.package == package and err.value.extra == "hf"
    assert "pip install 'charter[hf]'" in str(err.value) and err.value.exit_code == 3


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer random LLaMA with a word-level tokenizer, built offline (no Hub access)."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tk = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tk.train_from_iterator(["hello world user assistant system : the a cat dog says yes no"],
                           trainers.WordLevelTrainer(special_tokens=["<unk>", "<pad>", "<eos>"]))
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="<unk>", pad_token="<pad>", eos_token="<eos>")
    cfg = LlamaConfig(vocab_size=tok.vocab_size, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                      num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=64,
                      bos_token_id=0, pad_token_id=1, eos_token_id=2)
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("tiny-llama")
    LlamaForCausalLM(cfg).save_pretrained(path)
    tok.save_pretrained(path)
    return path


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_real_generation_with_a_tiny_local_model(tiny_model: Path) -> None:
    async with get_model(f"hf/{tiny_model}", local_files_only=True, device="cpu") as model:
        out = await model.generate("hello world", GenerateConfig(max_tokens=4, logprobs=True, top_logprobs=2))
        assert out.model == f"hf/{tiny_model}"
        assert out.usage.output_tokens == len(out.logprobs or []) <= 4
        assert out.usage.input_tokens == 6  # "user : hello world assistant :" without a chat template
        words = out.text.split()
        assert 1 <= len(words) <= 4 and all(w in "hello world user assistant system : the a cat dog says yes no".split()
                                            for w in words)
        assert out.logprobs is not None and all(t.logprob <= 0 for t in out.logprobs)
        assert all(len(t.top) == 2 and t.logprob == pytest.approx(max(t.top.values())) for t in out.logprobs)
        again = await model.generate("hello world", GenerateConfig(max_tokens=4))
        assert again.text == out.text  # greedy is deterministic
        s1 = await model.generate("hello", GenerateConfig(max_tokens=6, temperature=1.0, seed=5, n=2))
        s2 = await model.generate("hello", GenerateConfig(max_tokens=6, temperature=1.0, seed=5, n=2))
        assert len(s1.choices) == 2 and s1.choices == s2.choices
        first_word = out.text.split()[0]
        cut = await model.generate("hello world", GenerateConfig(max_tokens=4, stop=[first_word]))
        assert cut.text == "" and cut.finish_reason == "stop"


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_unloadable_model_is_a_model_error(tmp_path: Path) -> None:
    async with get_model(f"hf/{tmp_path}/not-a-model", local_files_only=True) as model:
        with pytest.raises(ModelError, match="cannot load the model"):
            await model.generate("hi")


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_a_final_assistant_message_is_continued(tiny_model: Path) -> None:
    """Prefill (what the memorisation probe relies on): the next-token distribution is the one
    after the assistant's partial text, not after a new assistant turn."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model)
    lm = AutoModelForCausalLM.from_pretrained(tiny_model)

    def best(text: str) -> float:
        with torch.no_grad():
            logits = lm(tok(text, return_tensors="pt")["input_ids"]).logits[0, -1]
        return float(torch.log_softmax(logits.float(), -1).max())

    convo = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "the cat"}]
    async with get_model(f"hf/{tiny_model}", local_files_only=True, device="cpu") as model:
        out = await model.generate(convo, GenerateConfig(max_tokens=1, logprobs=True, top_logprobs=3))
        assert out.usage.input_tokens == 7  # "user : hello assistant : the cat", no new "assistant :"
        assert out.logprobs is not None
        assert out.logprobs[0].logprob == pytest.approx(best("user: hello\nassistant: the cat"), abs=1e-4)
        plain = await model.generate(convo[:1], GenerateConfig(max_tokens=1))
        assert plain.usage.input_tokens == 5


# -- batching ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lively_model(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Path:
    """The tiny model's shape and tokenizer with larger random weights (initializer_range 1):
    its greedy answers differ from prompt to prompt and some end on <eos>, the default
    initialisation answers every prompt with the same words."""
    import shutil

    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    path = tmp_path_factory.mktemp("lively-llama")
    shutil.copytree(tiny_model, path, dirs_exist_ok=True)
    cfg = LlamaConfig.from_pretrained(tiny_model)
    cfg.initializer_range = 1.0
    torch.manual_seed(0)
    LlamaForCausalLM(cfg).save_pretrained(path)
    return path


PROMPTS = ["hello", "hello world", "the cat says yes", "a dog says no the cat says hello world",
           "user : the a cat dog says yes no hello world system assistant"]


class GenerateSpy:
    """Wraps the model class's ``generate``: records each call's input shape and settings, can
    raise, and can hold a call until the test releases it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import threading

        from transformers import LlamaForCausalLM

        self.calls: list[dict[str, Any]] = []
        self.fail: Exception | None = None
        self.entered, self.release = threading.Event(), threading.Event()
        self.release.set()
        real = LlamaForCausalLM.generate
        spy = self

        def generate(lm: Any, *args: Any, **kwargs: Any) -> Any:
            ids = kwargs["input_ids"]
            spy.calls.append({"rows": int(ids.shape[0]), "width": int(ids.shape[1]),
                              "pads": int((kwargs["attention_mask"] == 0).sum()),
                              "max_new_tokens": kwargs["max_new_tokens"], "do_sample": kwargs["do_sample"],
                              "stop": "stopping_criteria" in kwargs})
            spy.entered.set()
            spy.release.wait(30)
            if spy.fail is not None:
                err, spy.fail = spy.fail, None
                raise err
            return real(lm, *args, **kwargs)

        monkeypatch.setattr(LlamaForCausalLM, "generate", generate)


async def _singles(path: Path, prompts: list[str], config: GenerateConfig) -> list[Any]:
    async with get_model(f"hf/{path}", local_files_only=True, device="cpu", batch_size=1) as model:
        return [await model.generate(p, config) for p in prompts]


async def _batched(path: Path, prompts: list[str], config: GenerateConfig, **options: Any) -> list[Any]:
    async with get_model(f"hf/{path}", local_files_only=True, device="cpu", batch_size=8, **options) as model:
        return list(await asyncio.gather(*(model.generate(p, config) for p in prompts)))


def _same(batched: list[Any], singles: list[Any]) -> None:
    for b, s in zip(batched, singles, strict=True):
        assert (b.choices, b.finish_reason, b.usage.input_tokens, b.usage.output_tokens) == \
               (s.choices, s.finish_reason, s.usage.input_tokens, s.usage.output_tokens)
        if s.logprobs is None:
            assert b.logprobs is None
            continue
        assert b.logprobs is not None and [t.token for t in b.logprobs] == [t.token for t in s.logprobs]
        for tb, ts in zip(b.logprobs, s.logprobs, strict=True):
            assert tb.logprob == pytest.approx(ts.logprob, abs=1e-4)
            assert tb.top.keys() == ts.top.keys()


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_a_batch_of_prompts_of_different_lengths_equals_one_at_a_time(
        lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = GenerateConfig(max_tokens=6, logprobs=True, top_logprobs=2)
    singles = await _singles(lively_model, PROMPTS, config)
    spy = GenerateSpy(monkeypatch)
    batched = await _batched(lively_model, PROMPTS, config)
    # one call, five rows, each prompt left-padded to the longest (user : ... assistant :)
    lengths = [s.usage.input_tokens for s in singles]
    assert len(set(lengths)) == len(PROMPTS)
    assert spy.calls == [{"rows": 5, "width": max(lengths), "pads": sum(max(lengths) - n for n in lengths),
                          "max_new_tokens": 6, "do_sample": False, "stop": False}]
    _same(batched, singles)
    assert all(len(b.logprobs or []) == b.usage.output_tokens for b in batched)


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_each_row_has_its_own_finish_reason_tokens_and_logprobs(lively_model: Path) -> None:
    config = GenerateConfig(max_tokens=8, logprobs=True, top_logprobs=3)
    singles = await _singles(lively_model, PROMPTS, config)
    finishes = [s.finish_reason for s in singles]
    assert "stop" in finishes and "length" in finishes, finishes  # some rows end on <eos> before the others
    assert all((s.usage.output_tokens < 8) == (s.finish_reason == "stop") for s in singles)
    batched = await _batched(lively_model, PROMPTS, config)
    _same(batched, singles)
    # a finished row's padding is neither text, nor counted, nor given log-probabilities
    for b in batched:
        assert len(b.logprobs or []) == b.usage.output_tokens
        assert ((b.logprobs or [])[-1].token == "<eos>") == (b.finish_reason == "stop")


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_stop_strings_cut_each_row(lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = await _singles(lively_model, PROMPTS[:2], GenerateConfig(max_tokens=6, logprobs=True))
    first, second = ([t.token for t in p.logprobs or []] for p in plain)
    at = next((i for i, w in enumerate(first) if i and w.isalpha() and w not in second and w not in first[:i]), None)
    assert at is not None and plain[1].finish_reason == "length", (first, second)
    word = first[at]  # a word the first answer holds after its start, the second lacks
    config = GenerateConfig(max_tokens=6, stop=[word], logprobs=True)
    singles = await _singles(lively_model, PROMPTS[:2], config)
    assert singles[0].finish_reason == "stop" and singles[0].usage.output_tokens == at + 1
    assert singles[0].text == plain[0].text[:plain[0].text.index(word)]
    assert singles[1].finish_reason == "length" and singles[1].text == plain[1].text
    spy = GenerateSpy(monkeypatch)
    batched = await _batched(lively_model, PROMPTS[:2], config)
    assert [c["rows"] for c in spy.calls] == [2] and spy.calls[0]["stop"]
    _same(batched, singles)
    assert len(batched[0].logprobs or []) == at + 1


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_requests_with_different_settings_are_never_in_one_call(
        lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    greedy4, greedy6 = GenerateConfig(max_tokens=4), GenerateConfig(max_tokens=6)
    hot = GenerateConfig(max_tokens=4, temperature=1.0)
    seeded = GenerateConfig(max_tokens=4, temperature=1.0, seed=7)
    stopped = GenerateConfig(max_tokens=4, stop=["yes"])
    requests = [(PROMPTS[0], greedy4), (PROMPTS[1], greedy6), (PROMPTS[2], hot), (PROMPTS[3], greedy4),
                (PROMPTS[4], seeded), (PROMPTS[0], stopped), (PROMPTS[1], hot), (PROMPTS[2], seeded),
                (PROMPTS[3], greedy6), (PROMPTS[4], greedy4)]
    spy = GenerateSpy(monkeypatch)
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=8) as model:
        outs = await asyncio.gather(*(model.generate(p, c) for p, c in requests))
    calls = sorted((c["rows"], c["max_new_tokens"], c["do_sample"], c["stop"]) for c in spy.calls)
    # greedy 4 (x3), greedy 6 (x2), sampling (x2), stop (x1) each in one call; seeded sampling alone
    assert calls == [(1, 4, False, True), (1, 4, True, False), (1, 4, True, False), (2, 4, True, False),
                     (2, 6, False, False), (3, 4, False, False)]
    assert all(o.usage.output_tokens <= c.max_tokens for o, (_, c) in zip(outs, requests, strict=True))
    # seeded sampling gives what it gives alone, whatever else is in flight
    alone = await _singles(lively_model, [PROMPTS[4], PROMPTS[2]], seeded)
    assert [outs[4].text, outs[7].text] == [a.text for a in alone]


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_callers_that_keep_a_batch_in_flight_get_full_batches(
        lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the runner does: batch_size callers, each sending its next request a little after its
    answer came back (bookkeeping, scoring, a store write), not all at the same moment."""
    config = GenerateConfig(max_tokens=3)
    spy = GenerateSpy(monkeypatch)
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=4,
                         batch_wait=60) as model:  # full batches come at once: a minute's wait would show
        async def caller(i: int) -> list[str]:
            texts = []
            for j in range(3):
                await asyncio.sleep(0.005 * i)  # the callers come back one after the other
                texts.append((await model.generate(PROMPTS[(i + j) % 5], config)).text)
            return texts

        got = await asyncio.gather(*(caller(i) for i in range(model.api.default_concurrency)))
    assert [c["rows"] for c in spy.calls] == [4, 4, 4]
    singles = {p: s.text for p, s in zip(PROMPTS, await _singles(lively_model, PROMPTS, config), strict=True)}
    assert got == [[singles[PROMPTS[(i + j) % 5]] for j in range(3)] for i in range(4)]


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_one_request_at_a_time_waits_for_a_batch_only_once(lively_model: Path) -> None:
    import time

    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=8, batch_wait=2) as model:
        t0 = time.monotonic()
        await model.generate(PROMPTS[0], GenerateConfig(max_tokens=2))  # might be the first of many
        assert time.monotonic() - t0 >= 2
        t0 = time.monotonic()
        for p in PROMPTS:  # a batch of one after a batch of one: no waiting (it would take 10 s)
            await model.generate(p, GenerateConfig(max_tokens=2))
        assert time.monotonic() - t0 < 5


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_a_failing_batch_fails_every_waiter_and_the_model_keeps_serving(
        lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = GenerateSpy(monkeypatch)
    spy.fail = RuntimeError("CUDA out of memory")
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=8) as model:
        outs = await asyncio.gather(*(model.generate(p, GenerateConfig(max_tokens=3)) for p in PROMPTS[:3]),
                                    return_exceptions=True)
        assert all(isinstance(o, ModelError) and "generation failed: CUDA out of memory" in str(o) for o in outs)
        again = await asyncio.gather(*(model.generate(p, GenerateConfig(max_tokens=3)) for p in PROMPTS[:3]))
    assert [c["rows"] for c in spy.calls] == [3, 3]
    singles = await _singles(lively_model, PROMPTS[:3], GenerateConfig(max_tokens=3))
    assert [o.text for o in again] == [s.text for s in singles]


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_a_cancelled_request_leaves_the_others_alone(lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = GenerateConfig(max_tokens=4)
    singles = await _singles(lively_model, PROMPTS, config)
    spy = GenerateSpy(monkeypatch)
    spy.release.clear()
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=8) as model:
        running = [asyncio.create_task(model.generate(p, config)) for p in PROMPTS[:2]]
        await asyncio.to_thread(spy.entered.wait, 30)  # the first batch is generating
        queued = [asyncio.create_task(model.generate(p, config)) for p in PROMPTS[2:]]
        await asyncio.sleep(0.05)
        running[1].cancel()  # cancelled while its batch runs
        queued[0].cancel()  # cancelled while it waits for the next batch
        spy.release.set()
        done = await asyncio.gather(*running, *queued, return_exceptions=True)
    assert isinstance(done[1], asyncio.CancelledError) and isinstance(done[2], asyncio.CancelledError)
    assert [d.text for d in (done[0], done[3], done[4])] == [singles[i].text for i in (0, 3, 4)]
    assert [c["rows"] for c in spy.calls] == [2, 2]  # the queued cancelled request was never generated


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_aclose_stops_the_worker_and_fails_what_waits(lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = GenerateConfig(max_tokens=3)
    spy = GenerateSpy(monkeypatch)
    spy.release.clear()
    model = get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=8)
    running = asyncio.create_task(model.generate(PROMPTS[0], config))
    await asyncio.to_thread(spy.entered.wait, 30)
    queued = [asyncio.create_task(model.generate(p, config)) for p in PROMPTS[1:3]]
    await asyncio.sleep(0.05)
    await model.aclose()
    spy.release.set()
    done = await asyncio.gather(running, *queued, return_exceptions=True)
    assert all(isinstance(d, ModelError) and "closed before it answered" in str(d) for d in done)
    assert [c["rows"] for c in spy.calls] == [1]
    assert not [t for t in asyncio.all_tasks() if t.get_name() == "charter-hf-batcher"]
    again = await model.generate(PROMPTS[1], config)  # a closed model loads again when asked
    assert again.usage.output_tokens == 3
    await model.aclose()


@pytest.mark.skipif(not HAVE_HF, reason="needs the hf extra (transformers, torch)")
async def test_batch_size_one_answers_one_request_per_call(lively_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = GenerateSpy(monkeypatch)
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu") as model:
        assert model.api.describe()["batch_size"] == 1  # the default on CPU
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size="1") as model:
        assert model.api.default_concurrency == 1 and model.api.describe()["batch_size"] == 1
        outs = await asyncio.gather(*(model.generate(p, GenerateConfig(max_tokens=3)) for p in PROMPTS[:3]))
    assert [(c["rows"], c["pads"]) for c in spy.calls] == [(1, 0)] * 3
    assert [o.usage.input_tokens for o in outs] == [c["width"] for c in spy.calls]
    spy.fail = ValueError("bad stop")
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=1) as model:
        with pytest.raises(ModelError, match="generation failed: bad stop"):
            await model.generate("hello", GenerateConfig(max_tokens=3))
    async with get_model(f"hf/{lively_model}", local_files_only=True, device="cpu", batch_size=4) as model:
        assert model.api.default_concurrency == 4  # the runner keeps one batch in flight


@pytest.mark.parametrize("value", [0, -2, "eight", None])
def test_a_bad_batch_size_is_a_config_error(value: object) -> None:
    if not HAVE_HF:
        pytest.skip("needs the hf extra (transformers, torch)")
    with pytest.raises(ConfigError, match=f"batch_size={value!r} must be an integer >= 1"):
        get_model("hf/some/model", batch_size=value)


@pytest.mark.parametrize("value", [-0.1, 61, "soon", None])
def test_a_bad_batch_wait_is_a_config_error(value: object) -> None:
    if not HAVE_HF:
        pytest.skip("needs the hf extra (transformers, torch)")
    with pytest.raises(ConfigError, match=f"batch_wait={value!r} must be a number of seconds from 0 to 60"):
        get_model("hf/some/model", batch_wait=value)
