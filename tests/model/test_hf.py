"""`hf/<id>`: the missing-extra path always; a real generation with a tiny model built here."""

from __future__ import annotations

import builtins
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from charter.errors import MissingExtraError, ModelError
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
