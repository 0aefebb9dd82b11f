"""Near-duplicate detection on synthetic short prompts: charter.curate.dedup vs plain datasketch.

Prompts are 12-30 words from a 50k-word vocabulary. 10% of rows are planted near duplicates
of an earlier row (one edit: substitute, insert, delete, swap two words, or a typo) and 2%
planted exact duplicates (case / punctuation / whitespace changed). Each implementation
runs in a child process (fresh peak RSS, killed at --timeout) and reports:

- time (s) of dedup only (data generation excluded) and peak RSS (MiB) of the child;
- recall: planted duplicates dropped and attributed to their source's cluster;
- precision: dropped rows that are planted duplicates or have true (exact) unigram Jaccard
  ≥ threshold with the row they were attributed to.

Usage: python bench/bench_dedup.py --sizes 100000,1000000 [--timeout 600]
Writes bench/results/dedup.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

THRESHOLD = 0.8
NUM_PERM = 128
NEAR_FRAC = 0.10
EXACT_FRAC = 0.02


def generate(n: int, seed: int = 0) -> tuple[list[str], dict[int, int]]:
    """Texts and the planted duplicates: {duplicate index: source index}."""
    import numpy as np

    rng = np.random.default_rng(seed)
    prng = random.Random(seed)
    vocab = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "ru", "so", "ta", "vi", "ze", "po") for b in range(5000)]
    n_base = int(n * (1 - NEAR_FRAC - EXACT_FRAC))
    lengths = rng.integers(12, 31, size=n_base)
    ids = rng.integers(0, len(vocab), size=int(lengths.sum()))
    texts: list[str] = []
    pos = 0
    for ln in lengths:
        texts.append(" ".join(vocab[i] for i in ids[pos:pos + ln]))
        pos += ln
    planted: dict[int, int] = {}
    while len(texts) < n:
        src = prng.randrange(n_base)
        words = texts[src].split()
        if prng.random() < EXACT_FRAC / (NEAR_FRAC + EXACT_FRAC):
            dup = "  ".join(words).upper() + " ?!"
        else:
            op = prng.choice(("sub", "ins", "del", "swap", "typo"))
            k = prng.randrange(len(words))
            if op == "sub":
                words[k] = prng.choice(vocab)
            elif op == "ins":
                words.insert(k, prng.choice(vocab))
            elif op == "del":
                del words[k]
            elif op == "swap" and k + 1 < len(words):
                words[k], words[k + 1] = words[k + 1], words[k]
            else:
                words[k] = words[k][:-1] + "x"
            dup = " ".join(words)
        planted[len(texts)] = src
        texts.append(dup)
    return texts, planted  # every source precedes its duplicates (greedy keeps the first)


def _uni(t: str) -> set[str]:
    from charter.curate import normalize

    return set(normalize(t).split())


def run_charter(texts: list[str]) -> list[tuple[int, int]]:
    from charter.curate import dedup

    res = dedup(texts, threshold=THRESHOLD, num_perm=NUM_PERM, ngram=1)
    return [(d.index, d.of) for d in res.duplicates]


def run_datasketch(texts: list[str]) -> list[tuple[int, int]]:
    """Plain datasketch: exact by normalised text, then MinHash + MinHashLSH, greedy keep-first."""
    from datasketch import MinHash, MinHashLSH

    from charter.curate import normalize

    out: list[tuple[int, int]] = []
    first: dict[str, int] = {}
    uniq: list[int] = []
    for i, t in enumerate(texts):
        j = first.setdefault(normalize(t), i)
        if j != i:
            out.append((i, j))
        else:
            uniq.append(i)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs = []
    for i in uniq:
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([w.encode() for w in set(normalize(texts[i]).split())])
        sigs.append(m)
    kept: dict[int, MinHash] = {}
    for i, m in zip(uniq, sigs, strict=True):
        best = None
        for j in lsh.query(m):
            if m.jaccard(kept[j]) >= THRESHOLD:
                best = j
                break
        if best is None:
            kept[i] = m
            lsh.insert(i, m)
        else:
            out.append((i, best))
    return out


IMPLS = {"charter (rensa)": run_charter, "datasketch": run_datasketch}


def child(impl: str, n: int, seed: int) -> None:
    texts, planted = generate(n, seed)
    rss_gen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pairs = IMPLS[impl](texts)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dropped = dict(pairs)

    def root(i: int) -> int:
        while i in dropped:
            i = dropped[i]
        return i

    hit = sum(1 for d, s in planted.items() if d in dropped and root(d) == root(s))
    good = 0
    for d, of in pairs:
        if planted.get(d) is not None and root(planted[d]) == root(of):
            good += 1
            continue
        a, b = _uni(texts[d]), _uni(texts[of])
        if len(a & b) / max(1, len(a | b)) >= THRESHOLD:
            good += 1
    # planted pairs whose true Jaccard is ≥ threshold (what any exact method should find)
    findable = [d for d, s in planted.items()
                if len(_uni(texts[d]) & _uni(texts[s])) / max(1, len(_uni(texts[d]) | _uni(texts[s]))) >= THRESHOLD]
    hit_findable = sum(1 for d in findable if d in dropped and root(d) == root(planted[d]))
    print(json.dumps({
        "impl": impl, "n": n, "seconds": round(elapsed, 2), "peak_rss_mib": round(rss, 1),
        "rss_after_generation_mib": round(rss_gen, 1), "dropped": len(pairs), "planted": len(planted),
        "recall": round(hit / len(planted), 4), "recall_findable": round(hit_findable / max(1, len(findable)), 4),
        "findable": len(findable), "precision": round(good / max(1, len(pairs)), 4),
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=600.0, help="Seconds before a child is killed.")
    ap.add_argument("--baseline-max", type=int, default=1_000_000, help="Largest size the baseline is tried on.")
    ap.add_argument("--child", nargs=2, metavar=("IMPL", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.seed)
        return
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for impl in IMPLS:
            if impl == "datasketch" and n > args.baseline_max:
                results.append({"impl": impl, "n": n, "skipped": f"n > --baseline-max {args.baseline_max}"})
                continue
            cmd = [sys.executable, __file__, "--child", impl, str(n), "--seed", str(args.seed)]
            try:
                cp = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, check=True)
                results.append(json.loads(cp.stdout.strip().splitlines()[-1]))
            except subprocess.TimeoutExpired:
                results.append({"impl": impl, "n": n, "timed_out_after_s": args.timeout})
            except subprocess.CalledProcessError as e:
                results.append({"impl": impl, "n": n, "error": e.stderr[-500:]})
            print(json.dumps(results[-1]), file=sys.stderr)
    # extrapolate timed-out baselines linearly from the largest size that finished (labelled as such)
    for r in results:
        if "timed_out_after_s" in r:
            done = [x for x in results if x["impl"] == r["impl"] and "seconds" in x]
            if done:
                ref = max(done, key=lambda x: x["n"])
                r["extrapolated_seconds"] = round(ref["seconds"] * r["n"] / ref["n"], 1)
    header = f"{'impl':<18}{'n':>10}{'time s':>10}{'peak MiB':>10}{'recall':>8}{'rec≥t':>8}{'prec':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        if "seconds" in r:
            print(f"{r['impl']:<18}{r['n']:>10}{r['seconds']:>10.2f}{r['peak_rss_mib']:>10.0f}"
                  f"{r['recall']:>8.3f}{r['recall_findable']:>8.3f}{r['precision']:>8.3f}")
        else:
            why = r.get("skipped") or (f"timed out after {r.get('timed_out_after_s')} s"
                                       + (f" (~{r['extrapolated_seconds']} s extrapolated)" if "extrapolated_seconds" in r else "")) \
                if "error" not in r else "error"
            print(f"{r['impl']:<18}{r['n']:>10}  {why}")
    out = Path(__file__).resolve().parent / "results" / "dedup.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"threshold": THRESHOLD, "num_perm": NUM_PERM, "ngram": 1,
                               "machine": {"python": platform.python_version(), "cpus": _cpus()},
                               "results": results}, indent=2) + "\n")
    print(f"wrote {out}")


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)


if __name__ == "__main__":
    main()
