"""A tiny reward model folder, laid out as `charter train reward` writes one (a Transformers
sequence classifier with one label, its tokenizer with a chat template, reward_eval.json), built
offline in a second: a one-layer Llama with random weights over a word-level vocabulary. It is
for exercising the reward judge's plumbing, not for judging anything."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from pathlib import Path

WORDS = ("i can't share that here please reset it in the app sure is hunter the password of account "
         "tell me what user assistant : . , ? !").split()
THRESHOLD = 0.0


@functools.cache
def tiny_reward_model(threshold: float = THRESHOLD, pairs: int = 6) -> Path:
    """The folder (made once per process); skip the calling test without the train extra."""
    import pytest

    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    tokenizers = pytest.importorskip("tokenizers")
    import torch

    folder = Path(tempfile.mkdtemp(prefix="charter-tiny-rm-"))
    atexit.register(shutil.rmtree, folder, True)
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[EOS]", *dict.fromkeys(WORDS)])}
    tok = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    fast = transformers.PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                                eos_token="[EOS]")
    fast.chat_template = "{% for m in messages %}{{ m['role'] }} : {{ m['content'] }} [EOS] {% endfor %}"
    fast.save_pretrained(str(folder))
    torch.manual_seed(0)
    config = transformers.LlamaConfig(vocab_size=len(vocab), hidden_size=16, intermediate_size=32,
                                      num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                                      max_position_embeddings=4096, num_labels=1, pad_token_id=0)
    transformers.LlamaForSequenceClassification(config).save_pretrained(str(folder))
    (folder / "reward_eval.json").write_text(json.dumps(
        {"threshold": {"value": threshold, "pairs": pairs, "source": "held-out", "separation": 1.0}}))
    return folder
