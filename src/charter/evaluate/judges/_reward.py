"""``reward``: a reward model trained by ``charter train reward`` as a judge (``--judge rm/<dir>``).

The model (a sequence classifier with one output) reads the conversation without its system
prompt, as the preference rows it learned from hold it, followed by the response, and gives
one number, the reward. The verdict compares it with the threshold the trainer stored in
``<dir>/reward_eval.json``: the midpoint between rewards that best separated the chosen from
the rejected responses of the held-out pairs. torch and transformers (the ``train`` extra)
load only when such a judge is built; the weights load on its first score, once per
:class:`charter.Context`.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from charter.errors import ConfigError, MissingExtraError
from charter.evaluate._base import BaseScorer
from charter.evaluate._registry import _register
from charter.guide import Guide
from charter.registry import current_context
from charter.types import Case, Message, Response, Score, ScorerFamily, Verdict

__all__ = ["REWARD_EVAL_FILE", "REWARD_PREFIX", "RewardJudge", "RewardModel", "check_reward_dir", "reward_messages"]

#: ``--judge rm/<dir>`` / ``--ranker rm/<dir>`` name a reward model folder
REWARD_PREFIX = "rm/"
#: what ``charter train reward`` writes beside the weights: held-out accuracy and the threshold
REWARD_EVAL_FILE = "reward_eval.json"
_WEIGHTS = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json")
_HINT = "train one with `charter train reward PREFS.jsonl --base MODEL -o DIR`, then pass --judge rm/DIR"


def _require(package: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingExtraError(package, "train", what) from None


def reward_messages(prompt: Sequence[Message], response: str) -> list[dict[str, str]]:
    """What a reward model reads: the conversation without system or developer turns (training
    rows never hold the system prompt; tool turns are read as user turns), then the response."""
    msgs = [{"role": "user" if m.role == "tool" else m.role, "content": m.content}
            for m in prompt if m.role not in ("system", "developer")]
    return [*msgs, {"role": "assistant", "content": response}]


class RewardModel:
    """A loaded reward model: ``reward(messages)`` is its one output for the chat-templated
    conversation (thread-safe: one forward pass at a time)."""

    def __init__(self, model: Any, tokenizer: Any, *, max_tokens: int = 2048) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens
        self._lock = threading.Lock()

    @classmethod
    def from_dir(cls, path: str | Path, *, max_tokens: int = 2048) -> RewardModel:
        """Load the folder ``charter train reward`` wrote (float32, on CPU, or the GPU when there is one)."""
        torch = _require("torch", "A reward model")
        tf = _require("transformers", "A reward model")
        tok = tf.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = tf.AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token
        model.config.pad_token_id = tok.pad_token_id
        model.to("cuda" if torch.cuda.is_available() else "cpu")
        model.eval()
        return cls(model, tok, max_tokens=max_tokens)

    def reward(self, messages: list[dict[str, str]]) -> float:
        """The reward of one conversation ending with the assistant turn to judge."""
        import torch

        ids = self.tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True)["input_ids"]
        ids = list(ids)[-self.max_tokens:]  # keep the end: the head reads the last token
        with self._lock, torch.no_grad():
            device = next(self.model.parameters()).device
            out = self.model(input_ids=torch.tensor([ids], device=device))
            return float(out.logits[0, 0].item())


def _read_threshold(folder: Path) -> tuple[float, int, str]:
    f = folder / REWARD_EVAL_FILE
    if not f.is_file():
        raise ConfigError(f"{folder}: no {REWARD_EVAL_FILE} (the threshold a reward is judged by)", hint=_HINT)
    try:
        t = json.loads(f.read_text(encoding="utf-8"))["threshold"]
        return float(t["value"]), int(t["pairs"]), str(t["source"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise ConfigError(f"{f}: no readable threshold ({type(e).__name__}: {e})",
                          hint="train the reward model again with `charter train reward`") from None


def check_reward_dir(path: str | Path) -> Path:
    """``path`` as a reward model folder, or a :class:`ConfigError` saying what is missing."""
    folder = Path(path)
    if not folder.is_dir():
        raise ConfigError(f"rm/{path}: no such folder", hint=_HINT)
    if not (folder / "config.json").is_file() or not any((folder / w).is_file() for w in _WEIGHTS):
        raise ConfigError(f"rm/{path}: no model in this folder (config.json and model weights expected)",
                          hint=_HINT)
    return folder


class RewardJudge(BaseScorer):
    """A reward model as the judge: ``pass`` when its reward reaches the stored threshold.

    ``value`` is the reward; the explanation says which side of the threshold it fell and on
    how many pairs the threshold was learned. ``threshold`` overrides the stored one."""

    family: ClassVar[ScorerFamily] = "judge"

    def __init__(self, guide: Guide | None = None, *, path: str | Path, threshold: float | None = None,
                 rule_id: str | None = None, max_tokens: int = 2048, **options: Any) -> None:
        super().__init__(guide, rule_id=rule_id, **options)
        self.folder = check_reward_dir(path)
        self.name = f"{REWARD_PREFIX}{path}"
        stored, self.pairs, self.source = _read_threshold(self.folder)
        self.threshold = stored if threshold is None else float(threshold)
        self.threshold_is_stored = threshold is None
        self.max_tokens = max_tokens
        _require("torch", f"The reward-model judge {self.name}")
        _require("transformers", f"The reward-model judge {self.name}")

    def model(self) -> RewardModel:
        """The loaded model, shared by every judge of this folder in the current context."""
        key = f"evaluate.reward_model:{self.folder.resolve()}"
        return current_context().resource(key, lambda: RewardModel.from_dir(self.folder, max_tokens=self.max_tokens))

    async def reward(self, case: Case, text: str) -> float:
        model = self.model()
        return await asyncio.to_thread(model.reward, reward_messages(case.messages, text))

    async def score(self, case: Case, response: Response) -> Score:
        r = await self.reward(case, response.text)
        ok = r >= self.threshold
        learned = (f"learned on {self.pairs} {self.source} pairs" if self.threshold_is_stored
                   else "given by the caller")
        return self.make(case, Verdict.pass_ if ok else Verdict.fail, value=r, label="pass" if ok else "fail",
                         explanation=f"reward {r:.2f} {'>=' if ok else '<'} threshold {self.threshold:.2f} {learned}",
                         threshold=self.threshold, reward_model=self.name)


_register("judge", "reward", "A reward model trained by `charter train reward` (--judge rm/<dir>): pass when "
          "its reward reaches the threshold learned on held-out pairs.", False, ("path",), False, None)(RewardJudge)
