"""`hf/<id-or-path>`: a Hugging Face transformers causal LM, run in-process on CPU or GPU.
Needs the ``hf`` extra (``pip install 'charter[hf]'``: transformers + torch).

Options: ``device`` (``cpu``, ``cuda``, ``auto``; default cuda when available),
``dtype`` (``auto``, ``float32``, ``bfloat16``, ``float16``), ``max_tokens`` (default
new tokens when the config sets none; 256), ``trust_remote_code`` (default false),
``local_files_only`` (default: ``$HF_HUB_OFFLINE``).

The prompt is built with the tokenizer's chat template when it has one, else as
``role: content`` lines ending in ``assistant:``; a conversation ending with an assistant
message is continued from it (prefill, as the local provider does). Generation runs in a worker thread, one
request at a time per model (``default_concurrency = 1``); ``temperature`` 0 or unset means
greedy decoding; ``seed`` makes sampling repeatable; ``stop`` strings cut the output;
``logprobs`` / ``top_logprobs`` come from the generation scores.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from typing import Any

from charter.errors import MissingExtraError, ModelError
from charter.model._api import ModelAPI, provider
from charter.model._types import GenerateConfig, ModelOutput, TokenLogprob, Usage
from charter.types import Message

__all__ = ["HFModel"]


def _require() -> tuple[Any, Any]:
    try:
        import torch
    except ImportError:
        raise MissingExtraError("torch", "hf", "the hf/ provider (transformers models)") from None
    try:
        import transformers
    except ImportError:
        raise MissingExtraError("transformers", "hf", "the hf/ provider (transformers models)") from None
    return torch, transformers


def _version(v: str) -> tuple[int, ...]:
    parts = []
    for p in v.split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def _flag(v: Any) -> bool:
    return str(v).strip().lower() in ("1", "true", "yes", "on")


def _StopOnStrings(tf: Any, torch: Any, tok: Any, stop: list[str], n_in: int) -> Any:
    """A StoppingCriteria that ends each sequence once its decoded new text holds a stop
    string (tokenizer-agnostic, unlike ``stop_strings`` which needs token-string tables)."""

    class StopOnStrings(tf.StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = [any(s in tok.decode(row[n_in:], skip_special_tokens=True) for s in stop)
                    for row in input_ids]
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StopOnStrings()


@provider("hf")
class HFModel(ModelAPI):
    """A transformers causal language model."""

    extra = "hf"
    requires = ("transformers", "torch")
    default_concurrency = 1

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.torch, self.transformers = _require()
        self.full_name = f"hf/{model}"
        self.default_max_tokens = int(options.get("max_tokens") or 256)
        self._lock = threading.Lock()
        self._tok: Any = None
        self._lm: Any = None
        self.device = "cpu"

    # -- loading --------------------------------------------------------------------------
    def _load(self) -> None:
        if self._lm is not None:
            return
        torch, tf = self.torch, self.transformers
        o = self.options
        device = str(o.get("device") or "auto")
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype_name = str(o.get("dtype") or "auto")
        kwargs: dict[str, Any] = {
            "trust_remote_code": _flag(o.get("trust_remote_code", False)),
            "local_files_only": _flag(o.get("local_files_only", os.environ.get("HF_HUB_OFFLINE", "0"))),
        }
        try:
            tok = tf.AutoTokenizer.from_pretrained(self.model, **kwargs)
            dtype = "auto" if dtype_name == "auto" else getattr(torch, dtype_name)
            # transformers renamed torch_dtype to dtype in 4.56
            dtype_kw = "dtype" if _version(tf.__version__) >= (4, 56) else "torch_dtype"
            lm = tf.AutoModelForCausalLM.from_pretrained(self.model, **{dtype_kw: dtype}, **kwargs)
        except (OSError, ValueError) as e:
            raise ModelError(f"hf/{self.model}: cannot load the model ({str(e).splitlines()[0][:300]})",
                             hint="give a local folder saved with save_pretrained, or a Hub id "
                                  "(downloads need network; set HF_HUB_OFFLINE=1 to forbid them)") from None
        lm.to(device)
        lm.eval()
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token
        self._tok, self._lm, self.device = tok, lm, device

    # -- request mapping ------------------------------------------------------------------
    def _prompt_ids(self, messages: list[Message]) -> Any:
        tok = self._tok
        msgs = [{"role": "system" if m.role == "developer" else ("user" if m.role == "tool" else m.role),
                 "content": m.content} for m in messages]
        prefill = msgs[-1]["role"] == "assistant"  # continue the final assistant message
        if getattr(tok, "chat_template", None):
            ids = tok.apply_chat_template(msgs, add_generation_prompt=not prefill, continue_final_message=prefill,
                                          return_tensors="pt", return_dict=True)["input_ids"]
        elif prefill:
            text = "".join(f"{m['role']}: {m['content']}\n" for m in msgs)[:-1]
            ids = tok(text, return_tensors="pt")["input_ids"]
        else:
            text = "".join(f"{m['role']}: {m['content']}\n" for m in msgs) + "assistant:"
            ids = tok(text, return_tensors="pt")["input_ids"]
        return ids.to(self.device)

    def _gen_kwargs(self, config: GenerateConfig, n_in: int) -> dict[str, Any]:
        kw: dict[str, Any] = {
            "max_new_tokens": config.max_tokens or self.default_max_tokens,
            "num_return_sequences": config.n,
            "pad_token_id": self._tok.pad_token_id,
            "return_dict_in_generate": True,
            "output_scores": bool(config.logprobs),
        }
        if config.temperature:
            kw.update(do_sample=True, temperature=config.temperature)
            if config.top_p is not None:
                kw["top_p"] = config.top_p
        else:
            kw.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if config.stop:
            kw["stopping_criteria"] = self.transformers.StoppingCriteriaList(
                [_StopOnStrings(self.transformers, self.torch, self._tok, list(config.stop), n_in)])
        return kw

    # -- call and response mapping --------------------------------------------------------
    def _generate_sync(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        torch = self.torch
        with self._lock:
            self._load()
            t0 = time.perf_counter()
            ids = self._prompt_ids(messages)
            if config.seed is not None:
                torch.manual_seed(config.seed)
            with torch.no_grad():
                out = self._lm.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                        **self._gen_kwargs(config, ids.shape[1]))
            n_in = ids.shape[1]
            seqs = out.sequences[:, n_in:]
            texts = [self._cut(self._tok.decode(s, skip_special_tokens=True), config.stop) for s in seqs]
            eos = self._tok.eos_token_id
            first = seqs[0].tolist()
            n_out = first.index(eos) + 1 if eos in first else len(first)
            stopped = eos in first or any(s in self._tok.decode(seqs[0]) for s in config.stop or ())
            finish = "stop" if stopped else "length"
            logprobs = self._logprobs(out, seqs[0], config) if config.logprobs else None
            return ModelOutput(model=self.full_name, choices=texts, finish_reason=finish,
                               usage=Usage(input_tokens=n_in, output_tokens=max(n_out, 0)),
                               logprobs=logprobs, latency_s=time.perf_counter() - t0)

    @staticmethod
    def _cut(text: str, stop: list[str] | None) -> str:
        for s in stop or ():
            i = text.find(s)
            if i >= 0:
                text = text[:i]
        return text

    def _logprobs(self, out: Any, seq: Any, config: GenerateConfig) -> list[TokenLogprob]:
        torch, tok = self.torch, self._tok
        k = config.top_logprobs or 0
        result: list[TokenLogprob] = []
        for step, scores in enumerate(out.scores):
            if step >= len(seq):
                break
            lp = torch.log_softmax(scores[0].float(), dim=-1)
            tid = int(seq[step])
            top: dict[str, float] = {}
            if k:
                vals, idx = torch.topk(lp, k)
                top = {tok.decode([int(i)]): float(v) for v, i in zip(vals, idx, strict=True)}
            result.append(TokenLogprob(token=tok.decode([tid]), logprob=float(lp[tid]), top=top))
            if tid == tok.eos_token_id:
                break
        return result

    def prices(self) -> tuple[float, float] | None:
        """Free: nothing is billed."""
        return (0.0, 0.0)

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        try:
            return await asyncio.to_thread(self._generate_sync, messages, config)
        except (ModelError, MissingExtraError):
            raise
        except (RuntimeError, ValueError) as e:
            raise ModelError(f"hf/{self.model}: generation failed: {e}",
                             hint="check the generation options (max_tokens, stop) and device memory") from e

    async def aclose(self) -> None:
        self._lm = self._tok = None
