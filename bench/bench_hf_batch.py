"""The hf/ provider: answers per second and CPU seconds, one request per generate call against batches.

    python bench/bench_hf_batch.py [--model DIR] [--requests 32] [--batch-sizes 1 8] [--max-tokens 32]
                                   [--device cpu] [--dtype float32] [--concurrency N] [--system-prompt]

Sends ``--requests`` greedy requests (user questions of different lengths) to ``hf/`` for each
batch size through Charter's runner (``Runner.generate_many``, response cache off, a throwaway
run store), as evaluations send them: at most ``--concurrency`` in flight (default: the
provider's ``default_concurrency``, the batch size). Without
``--model`` it builds a tiny random LLaMA offline (1 layer, hidden size 16, the test suite's);
``--model`` takes a folder saved with ``save_pretrained``, e.g. the embedded 135M model as
``bench/train_gpu.sh`` saves it. Reports wall seconds, answers per second, the process's CPU
seconds, generated tokens, how many batches of each size ran, and how many answers are the same
text as with the first batch size (greedy decoding: all of them in float32). The model is
loaded before the clock starts. With ``--system-prompt`` every request carries the compiled
compact prompt of examples/isp-support.yaml, as ``charter eval`` sends by default. Writes bench/results/hf_batch.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from charter.model import GenerateConfig, get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.types import Message

ROOT = Path(__file__).resolve().parents[1]
WORDS = "hello world the a cat dog says yes no".split()


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def tiny_model(folder: Path) -> Path:
    """The test suite's tiny model: a 1-layer random LLaMA with a word-level tokenizer."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tk = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tk.train_from_iterator([" ".join([*WORDS, "user", "assistant", "system", ":"])],
                           trainers.WordLevelTrainer(special_tokens=["<unk>", "<pad>", "<eos>"]))
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="<unk>", pad_token="<pad>", eos_token="<eos>")
    cfg = LlamaConfig(vocab_size=tok.vocab_size, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                      num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=256,
                      bos_token_id=0, pad_token_id=1, eos_token_id=2)
    torch.manual_seed(0)
    LlamaForCausalLM(cfg).save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def prompts(n: int) -> list[str]:
    """``n`` questions of 2 to 24 words (the tiny model's vocabulary reads them all)."""
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(2 + (i * 5) % 23)]
        out.append(" ".join(words) + " ?" if i % 2 else " ".join(words))
    return out


async def one_setting(model: str, batch_size: int, questions: list[str], args: argparse.Namespace,
                      store: Path) -> dict[str, Any]:
    options: dict[str, Any] = {"batch_size": batch_size, "device": args.device, "local_files_only": True}
    if args.dtype:
        options["dtype"] = args.dtype
    m = get_model(model, **options)
    config = GenerateConfig(max_tokens=args.max_tokens, temperature=0.0)
    await m.generate("hello", GenerateConfig(max_tokens=1))  # load the model outside the measurement
    batcher = getattr(m.api, "_batcher", None)
    if batcher is not None:
        batcher.batch_sizes.clear()
    runner = Runner(RunStore(store), RunnerConfig(concurrency=args.concurrency or None, cache=False, progress=False))
    concurrency = runner.limiter(m).max_limit
    system = [Message(role="system", content=args.system)] if args.system else []
    requests = [(str(i), [*system, Message(role="user", content=q)]) for i, q in enumerate(questions)]
    got: dict[str, Any] = {}
    t0, c0 = time.monotonic(), _cpu()
    async for rid, res in runner.generate_many(requests, m, generate_config=config):
        if not hasattr(res, "text"):
            raise SystemExit(f"request {rid} failed: {res}")
        got[rid] = res
    wall, cpu = time.monotonic() - t0, _cpu() - c0
    outs = [got[str(i)] for i in range(len(questions))]
    await m.aclose()
    tokens = sum(o.usage.output_tokens for o in outs)
    sizes = dict(sorted(batcher.batch_sizes.items())) if batcher is not None and batch_size > 1 else {1: len(questions)}
    return {"batch_size": batch_size, "concurrency": concurrency, "requests": len(questions),
            "wall_s": round(wall, 2), "answers_per_s": round(len(questions) / wall, 2), "cpu_s": round(cpu, 2),
            "tokens": tokens, "cpu_ms_per_token": round(1000 * cpu / max(1, tokens), 2),
            "batches": {str(k): v for k, v in sizes.items()}, "texts": [o.text for o in outs]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a folder saved with save_pretrained (default: a tiny random LLaMA)")
    ap.add_argument("--requests", type=int, default=32)
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--max-tokens", type=int, default=32)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--dtype", default="float32", help="'' for the model's own")
    ap.add_argument("--concurrency", type=int, default=0, help="requests in flight (default: the provider's)")
    ap.add_argument("--system-prompt", action="store_true", help="the compiled compact prompt of isp-support")
    ap.add_argument("--label", help="what --model is, for the JSON (default: its path)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "hf_batch.json"))
    args = ap.parse_args()
    questions = prompts(args.requests)
    args.system = None
    if args.system_prompt:
        from charter.guide import load_guide_with_positions
        from charter.harness import resolve_system_prompt

        guide, _ = load_guide_with_positions(ROOT / "examples" / "isp-support.yaml")
        args.system = resolve_system_prompt(guide, "compiled", variant="compact").text
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.model) if args.model else tiny_model(Path(tmp))
        rows = [asyncio.run(one_setting(f"hf/{folder}", b, questions, args, Path(tmp) / f"runs-{b}.db"))
                for b in args.batch_sizes]
    base = rows[0]["texts"]
    for r in rows:
        r["same_text_as_first"] = sum(a == b for a, b in zip(r.pop("texts"), base, strict=True))
    print(f"{'batch':>5} {'in flight':>9} {'wall s':>7} {'answers/s':>9} {'CPU s':>6} {'tokens':>6} "
          f"{'CPU ms/token':>12} {'same text':>9}  batches (size: count)")
    for r in rows:
        print(f"{r['batch_size']:>5} {r['concurrency']:>9} {r['wall_s']:>7} {r['answers_per_s']:>9} {r['cpu_s']:>6} "
              f"{r['tokens']:>6} {r['cpu_ms_per_token']:>12} {r['same_text_as_first']:>6}/{r['requests']}  "
              + ", ".join(f"{k}: {v}" for k, v in r["batches"].items()))
    import torch
    import transformers

    result = {"model": args.label or args.model or "tiny random LLaMA (1 layer, hidden 16)", "device": args.device,
              "dtype": args.dtype or "auto", "max_tokens": args.max_tokens,
              "system_prompt": "compiled compact, examples/isp-support.yaml" if args.system else None, "machine": platform.machine(),
              "torch": torch.__version__, "transformers": transformers.__version__,
              "threads": torch.get_num_threads(), "cpus": os.cpu_count(),
              "load_avg_1m_at_start": round(load, 2), "rows": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
