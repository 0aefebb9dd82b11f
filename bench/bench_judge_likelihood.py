"""A guide-conditioned likelihood ratio as a pairwise preference (tried and dropped; docs/judges.md).

Each reply of a Model Spec style comparison is scored by how much the section's guidance raises
its probability under the judge model:

    log p(reply | "Follow this guideline. <heading>: <prose>" + conversation)
  − log p(reply | conversation)

summed over the reply's tokens, and the reply with the higher score wins. The embedded llama.cpp
server has no prompt log-probabilities, so the reply is *generated* under a grammar made of its
own token ids (tokenised by the server's ``/tokenize``), and each token's log-probability is read
before sampling. Writes one JSON line per comparison and prints GOOD over BAD for each way of
scoring next to "the longer reply wins":

    python bench/bench_judge_likelihood.py --comparisons model_spec.md --every 3 --offset 1 \\
        [--model qwen2.5-1.5b-instruct] [--out bench/results/judge_likelihood_every3_offset1.jsonl]
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charter.evaluate import Comparison, read_comparison_file
from charter.model._gguf import lock_llama_listener, resolve_local_model

RESULTS = Path(__file__).parent / "results"


class Scorer:
    """One llama.cpp server on one thread; ``log_likelihood`` forces a reply and sums its tokens'
    log-probabilities."""

    def __init__(self, model: str, threads: int) -> None:
        import xllamacpp

        p = xllamacpp.CommonParams()
        p.model.path = str(resolve_local_model(model))
        p.n_ctx, p.n_parallel = 8192, 1
        p.cpuparams.n_threads = p.cpuparams_batch.n_threads = threads
        p.cpuparams.poll = p.cpuparams_batch.poll = 0
        lock_llama_listener(p, http_threads=1)
        self._key = p.api_keys[0]
        self._server = xllamacpp.Server(p)
        self._url = f"http://{self._server.listening_address}".replace("http://http://", "http://")

    def tokens(self, text: str) -> list[int]:
        req = urllib.request.Request(f"{self._url}/tokenize", data=json.dumps({"content": text}).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {self._key}"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return [int(t) for t in json.loads(r.read())["tokens"]]

    def log_likelihood(self, messages: list[dict[str, str]], reply: str) -> tuple[float, int, bool]:
        """Sum of the reply's token log-probabilities after ``messages``, its token count, and
        whether the forced generation reproduced it exactly."""
        ids = self.tokens(reply)
        body = {"messages": messages, "grammar": "root ::= " + " ".join(f"<[{i}]>" for i in ids),
                "max_tokens": len(ids) + 8, "temperature": 0, "logprobs": True, "top_logprobs": 1,
                "stream": True}
        chunks: list[Any] = []
        self._server.handle_chat_completions(body, lambda c: chunks.append(c) or False)
        logprobs: list[float] = []
        text: list[str] = []
        for chunk in chunks:
            for choice in (chunk.get("choices") or []) if isinstance(chunk, dict) else []:
                for tok in (choice.get("logprobs") or {}).get("content") or []:
                    logprobs.append(float(tok["logprob"]))
                    text.append(tok["token"])
        return sum(logprobs), len(logprobs), "".join(text) == reply


def score(scorer: Scorer, c: Comparison) -> dict[str, Any]:
    msgs = [{"role": "system" if m.role in ("system", "developer") else m.role, "content": m.content}
            for m in c.messages]
    base = "\n\n".join(m["content"] for m in msgs if m["role"] == "system")
    conv = [m for m in msgs if m["role"] != "system"]
    guideline = f"Follow this guideline. {c.section}: {c.guidance}".strip()
    with_guide = [{"role": "system", "content": guideline + (f"\n\n{base}" if base else "")}, *conv]
    without = ([{"role": "system", "content": base}] if base else []) + conv
    replies = [(kind, r) for kind in ("good", "bad") for r in getattr(c, kind)]
    # one condition after the other, so the server's prompt cache serves each conversation once
    w = [scorer.log_likelihood(with_guide, r) for _, r in replies]
    wo = [scorer.log_likelihood(without, r) for _, r in replies]
    out: dict[str, Any] = {"id": c.id, "section": c.section, "good": [], "bad": []}
    for (kind, r), a, b in zip(replies, w, wo, strict=True):
        out[kind].append({"with": a[0], "without": b[0], "n": a[1], "exact": a[2] and b[2], "chars": len(r)})
    return out


WAYS: dict[str, Callable[[dict[str, Any]], float]] = {
    "ratio, summed": lambda r: r["with"] - r["without"],
    "ratio, per token": lambda r: (r["with"] - r["without"]) / max(r["n"], 1),
    "with the guideline, per token": lambda r: r["with"] / max(r["n"], 1),
    "the longer reply (reference)": lambda r: r["chars"],
}


def table(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, fn in WAYS.items():
        won = pairs = 0.0
        for row in rows:
            for g in row["good"]:
                for b in row["bad"]:
                    d = fn(g) - fn(b)
                    pairs += 1
                    won += 1 if d > 0 else 0.5 if d == 0 else 0
        out[name] = {"good_over_bad": won, "pairs": pairs, "rate": round(won / pairs, 3) if pairs else 0.0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--comparisons", type=Path, required=True, help="Model Spec style Markdown file")
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--offset", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="stop after this many comparisons (0: all)")
    ap.add_argument("--model", default="qwen2.5-1.5b-instruct")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, help="JSONL of each comparison's scores (default under bench/results)")
    a = ap.parse_args()
    read = read_comparison_file(a.comparisons)
    comps = read.comparisons[a.offset::a.every]
    comps = comps[: a.limit] if a.limit else comps
    out = a.out or RESULTS / f"judge_likelihood_every{a.every}_offset{a.offset}.jsonl"
    scorer = Scorer(a.model, a.threads)
    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for i, c in enumerate(comps, 1):
            rows.append(score(scorer, c))
            f.write(json.dumps(rows[-1]) + "\n")
            f.flush()
            print(f"[{i}/{len(comps)}] {c.id} ({time.perf_counter() - t0:.0f} s)", flush=True)
    inexact = sum(not r["exact"] for row in rows for k in ("good", "bad") for r in row[k])
    print(f"\n{len(rows)} comparisons ({len(read.skipped)} blocks of {read.blocks} left out of the file); "
          f"{inexact} replies not reproduced token for token")
    print(f"{'winner':<34} {'GOOD over BAD':>14}")
    for name, fig in table(rows).items():
        print(f"{name:<34} {fig['good_over_bad']:>5g}/{fig['pairs']:<4g} {100 * fig['rate']:5.1f}%")


if __name__ == "__main__":
    main()
