"""`hf/<id-or-path>`: a Hugging Face transformers causal LM, run in-process on CPU or GPU.
Needs the ``hf`` extra (``pip install 'charter[hf]'``: transformers + torch).

Options: ``device`` (``cpu``, ``cuda``, ``auto``; default cuda when available),
``dtype`` (``auto``, ``float32``, ``bfloat16``, ``float16``), ``max_tokens`` (default
new tokens when the config sets none; 256), ``batch_size`` (requests generated together;
default 8 on a GPU, 1 on CPU: one request at a time), ``batch_wait`` (seconds to wait for a batch
to fill, below; default 0.05), ``trust_remote_code`` (default false),
``local_files_only`` (default: ``$HF_HUB_OFFLINE``).

The prompt is built with the tokenizer's chat template when it has one, else as
``role: content`` lines ending in ``assistant:``; a conversation ending with an assistant
message is continued from it (prefill, as the local provider does). ``temperature`` 0 or
unset means greedy decoding; ``seed`` makes sampling repeatable; ``stop`` strings cut the
output; ``logprobs`` / ``top_logprobs`` come from the generation scores.

Batching. Generation runs in a worker thread, one ``generate`` call at a time per model.
Requests that arrive while the model is busy are queued; the next call takes up to
``batch_size`` of them whose generation settings match (max tokens, temperature, top_p,
stop strings, logprobs, n, seed), left-pads their prompts and generates them together. Each
request gets its own text, finish reason, logprobs and token counts (padding not counted);
``latency_s`` is the time of the whole batch. ``default_concurrency`` is ``batch_size``: the
runner keeps one batch in flight, and before each batch the provider waits up to
``batch_wait`` (50 ms) for the
requests that follow the ones just answered, so the batches stay full (a caller sending one
request at a time waits only before its first one). A request's time in the provider includes the batch it
waited behind, and the runner's per-request timeout counts it: with a slow model on CPU, lower
``batch_size`` or raise the timeout. What is guaranteed:

* greedy decoding gives each request the text it gets alone, up to floating-point
  differences between batch shapes (exact in float32 on CPU, which the tests check; in
  bfloat16 or float16 on a GPU a near-tie between two tokens can break the other way);
* sampling with a ``seed`` runs alone, as with ``batch_size=1``: the same request and seed
  give the same answer whatever else is in flight;
* sampling without a seed is batched and not repeatable (it never was).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Hashable
from typing import Any

from charter.errors import ConfigError, MissingExtraError, ModelError
from charter.model._api import ModelAPI, provider
from charter.model._batch import Batcher
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
    string (tokenizer-agnostic, unlike ``stop_strings`` which needs token-string tables).
    ``stopped_at[row]`` is how many new tokens that row had when its stop string appeared."""

    class StopOnStrings(tf.StoppingCriteria):
        def __init__(self) -> None:
            self.stopped_at: dict[int, int] = {}

        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = []
            for r, row in enumerate(input_ids):
                hit = r in self.stopped_at or any(s in tok.decode(row[n_in:], skip_special_tokens=True) for s in stop)
                if hit and r not in self.stopped_at:
                    self.stopped_at[r] = int(input_ids.shape[1]) - n_in
                done.append(hit)
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StopOnStrings()


Request = tuple[list[Message], GenerateConfig]


@provider("hf")
class HFModel(ModelAPI):
    """A transformers causal language model."""

    extra = "hf"
    requires = ("transformers", "torch")
    default_concurrency = 1  # batch_size (set per instance)

    def __init__(self, model: str, **options: Any) -> None:
        super().__init__(model, **options)
        self.torch, self.transformers = _require()
        self.full_name = f"hf/{model}"
        self.default_max_tokens = int(options.get("max_tokens") or 256)
        device = str(options.get("device") or "auto")
        on_gpu = device.startswith("cuda") or (device == "auto" and bool(self.torch.cuda.is_available()))
        # on CPU a padded batch's prompt pass can cost far more than single calls (docs/train.md)
        raw = options.get("batch_size", 8 if on_gpu else 1)
        try:
            self.batch_size = int(raw)
        except (TypeError, ValueError):
            self.batch_size = 0
        if self.batch_size < 1:
            raise ConfigError(f"hf model option batch_size={raw!r} must be an integer >= 1")
        raw = options.get("batch_wait", 0.05)
        try:
            self.batch_wait = float(raw)
        except (TypeError, ValueError):
            self.batch_wait = -1.0
        if not 0 <= self.batch_wait <= 60:
            raise ConfigError(f"hf model option batch_wait={raw!r} must be a number of seconds from 0 to 60")
        # the runner keeps one batch in flight; each request waits for its own batch only
        self.default_concurrency = self.batch_size
        self._batcher: Batcher[Request, ModelOutput] = Batcher(
            self._generate_batch, size=self.batch_size, key=self._batch_key, fail=self._error, closed=self._closed,
            wait=self.batch_wait)
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
    def _prompt_ids(self, messages: list[Message]) -> list[int]:
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
        return [int(t) for t in ids[0].tolist()]

    def _batch_key(self, request: Request) -> Hashable | None:
        """Requests with equal keys generate together; ``None``: alone (seeded sampling, whose
        random draws would otherwise depend on the other rows of the batch)."""
        c = request[1]
        sampling = bool(c.temperature)
        if sampling and c.seed is not None:
            return None
        # greedy decoding reads neither top_p nor the seed
        return (c.max_tokens or self.default_max_tokens, c.temperature or 0.0, c.top_p if sampling else None,
                tuple(c.stop or ()), c.logprobs, c.top_logprobs if c.logprobs else None, c.n)

    def _gen_kwargs(self, config: GenerateConfig, stop: Any) -> dict[str, Any]:
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
        if stop is not None:
            kw["stopping_criteria"] = self.transformers.StoppingCriteriaList([stop])
        return kw

    def _eos_ids(self) -> set[int]:
        ids = {self._tok.eos_token_id}
        gen_eos = getattr(getattr(self._lm, "generation_config", None), "eos_token_id", None)
        ids.update(gen_eos if isinstance(gen_eos, list) else [gen_eos])
        return {int(i) for i in ids if i is not None}

    # -- call and response mapping --------------------------------------------------------
    def _generate_batch(self, requests: list[Request]) -> list[ModelOutput]:
        """Generate every request in one call (they share their generation settings; the
        prompts are left-padded) and split the result per request."""
        torch = self.torch
        config = requests[0][1]
        with self._lock:
            self._load()
            tok = self._tok
            t0 = time.perf_counter()
            prompts = [self._prompt_ids(messages) for messages, _ in requests]
            width = max(len(p) for p in prompts)
            pad = int(tok.pad_token_id)
            ids = torch.tensor([[pad] * (width - len(p)) + p for p in prompts], dtype=torch.long, device=self.device)
            mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], dtype=torch.long,
                                device=self.device)
            stop = _StopOnStrings(self.transformers, torch, tok, list(config.stop), width) if config.stop else None
            if config.seed is not None:
                torch.manual_seed(config.seed)
            with torch.no_grad():
                out = self._lm.generate(input_ids=ids, attention_mask=mask, **self._gen_kwargs(config, stop))
            latency = time.perf_counter() - t0
            seqs = out.sequences[:, width:].tolist()
            eos = self._eos_ids()
            stopped_at: dict[int, int] = stop.stopped_at if stop is not None else {}
            results = []
            for i, (prompt, (_, cfg)) in enumerate(zip(prompts, requests, strict=True)):
                texts: list[str] = []
                finish = "length"
                n_out = 0
                for j in range(config.n):
                    r = i * config.n + j
                    row = seqs[r]
                    k = next((p + 1 for p, t in enumerate(row) if t in eos), stopped_at.get(r, len(row)))
                    k = min(k, stopped_at.get(r, k))
                    text = tok.decode(row[:k], skip_special_tokens=True)
                    texts.append(self._cut(text, cfg.stop))
                    if j == 0:
                        n_out = k
                        hit_eos = k > 0 and row[k - 1] in eos
                        finish = "stop" if hit_eos or any(s in text for s in cfg.stop or ()) else "length"
                logprobs = self._logprobs(out, i * config.n, seqs[i * config.n][:n_out], cfg) if cfg.logprobs else None
                results.append(ModelOutput(model=self.full_name, choices=texts, finish_reason=finish,
                                           usage=Usage(input_tokens=len(prompt), output_tokens=n_out),
                                           logprobs=logprobs, latency_s=latency))
            return results

    @staticmethod
    def _cut(text: str, stop: list[str] | None) -> str:
        for s in stop or ():
            i = text.find(s)
            if i >= 0:
                text = text[:i]
        return text

    def _logprobs(self, out: Any, row: int, seq: list[int], config: GenerateConfig) -> list[TokenLogprob]:
        """The log-probabilities of one row's own tokens (``seq``: its new tokens, padding cut)."""
        torch, tok = self.torch, self._tok
        k = config.top_logprobs or 0
        result: list[TokenLogprob] = []
        for step, tid in enumerate(seq):
            lp = torch.log_softmax(out.scores[step][row].float(), dim=-1)
            top: dict[str, float] = {}
            if k:
                vals, idx = torch.topk(lp, k)
                top = {tok.decode([int(i)]): float(v) for v, i in zip(vals, idx, strict=True)}
            result.append(TokenLogprob(token=tok.decode([tid]), logprob=float(lp[tid]), top=top))
        return result

    def prices(self) -> tuple[float, float] | None:
        """Free: nothing is billed."""
        return (0.0, 0.0)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "batch_size": self.batch_size}

    def _error(self, e: Exception) -> BaseException:
        if isinstance(e, (ModelError, MissingExtraError)):
            return e
        if isinstance(e, (RuntimeError, ValueError)):
            err = ModelError(f"hf/{self.model}: generation failed: {e}",
                             hint="check the generation options (max_tokens, stop), device memory and batch_size")
            err.__cause__ = e
            return err
        return e

    def _closed(self) -> BaseException:
        return ModelError(f"hf/{self.model}: the model was closed before it answered")

    async def generate(self, messages: list[Message], config: GenerateConfig) -> ModelOutput:
        if self.batch_size > 1:
            return await self._batcher.submit((messages, config))
        try:
            return (await asyncio.to_thread(self._generate_batch, [(messages, config)]))[0]
        except Exception as e:
            err = self._error(e)
            if err is e:
                raise
            raise err from e

    async def aclose(self) -> None:
        await self._batcher.close()
        self._lm = self._tok = None
