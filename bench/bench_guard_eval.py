"""Input-guard effectiveness on a suite synthesised offline from each example guide: F1 of
violating vs the rest, miss rate, false blocks on look-alikes and benign cases (Wilson 95%),
the threshold meeting 5% false blocks on look-alikes, and the input classifier's latency (the JSON
also holds the rates per attack technique).
Two settings per guide: ``seen seeds`` (the classifier trained from the guide alone; the
suite's cases are rewrites of the guide's own examples and boundary texts) and ``unseen
seeds`` (2-fold cross-fitting over the seed sources: each case is checked by a classifier
trained without the example it was made from). Prints a table; writes
bench/results/guard_eval.json.

Classifiers, each in the same run (``--classifiers``, default ``ngram`` only): ``ngram`` (the
default input classifier: hashed word n-grams), ``embedding`` (the embedding tier: mean-pooled sentence
embeddings of an embedded model, ``--embed-model``, with a logistic regression whose L2
strength is chosen by cross-validation inside the training rows) and ``emb+ngram`` (the mean
of both probabilities). Embeddings are cached per text under $CHARTER_CACHE_DIR/embeddings,
so a second run does not compute them again; the embedding latency per check (p50/p95 ms) is
timed apart, with the cache off, on texts not embedded before in that process.

``--third-party FILE`` also checks prompts written by others (JSONL with ``prompt`` and
``prompt_type``; types starting with ``contrast`` are harmful, the rest are safe prompts that
look harmful, as in XSTest) with each guide's input guards trained on the guide alone, and
reports the block rate on each side with Wilson 95% intervals, and the AUC of the classifier's
probability (harmful vs safe). Nothing is tuned on that file here, but the XSTest file
behind docs/guards.md's figures has been read to choose a change (the clitics), so its
figures are development figures.

``--probe FILE`` (default ``bench/everyday_probe.jsonl``: 40 everyday requests written here,
before any result of the twins was read) reports how many of them each guide's input guards
block (every one should pass). It is a hand-written figure: nobody else labelled those requests.

The JSON also holds each setting's threshold sweep (F1 and look-alike false blocks per threshold).

    python bench/bench_guard_eval.py [--seed 1] [--third-party xstest.jsonl] [--probe FILE]
        [--classifiers ngram,embedding,emb+ngram] [--embed-model qwen2.5-0.5b-instruct] [--sample N]
        [--out guard_eval.json] [--third-party-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from charter.evaluate import Rate
from charter.guard import (
    Guard,
    InputClassifier,
    LocalEmbedder,
    PromptClassifierScorer,
    compile_guard_config,
    evaluate_guards,
    train_embedding_classifier,
    train_prompt_classifier,
)
from charter.guide import Guide, load_guide
from charter.suite import Case
from charter.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ["isp-support", "kids-tutor", "coding-agent"]
CLASSIFIERS = ("ngram", "embedding", "emb+ngram")


def _trainer(kind: str, embedder: LocalEmbedder | None) -> Any:
    if kind == "ngram":
        return None
    assert embedder is not None

    def train(guide: Guide, cases: Sequence[Case], exclude: Collection[str]) -> InputClassifier:
        return train_embedding_classifier(guide, embedder, cases=cases, exclude_sources=exclude,
                                          combine="mean" if kind == "emb+ngram" else "none")
    return train


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--third-party", default=None, help="JSONL of prompts written by others (see above)")
    ap.add_argument("--classifiers", default="ngram",
                    help=f"comma-separated, of {', '.join(CLASSIFIERS)} (the embedding ones take minutes per guide on a CPU)")
    ap.add_argument("--embed-model", default="qwen2.5-0.5b-instruct")
    ap.add_argument("--out", default="", help="file name under bench/results (default guard_eval.json)")
    ap.add_argument("--third-party-only", action="store_true", help="skip the synthesised suites")
    ap.add_argument("--probe", default=str(ROOT / "bench" / "everyday_probe.jsonl"),
                    help="JSONL of hand-written everyday requests (``text``): block rate per guide ('' to skip)")
    ap.add_argument("--sample", type=int, default=0,
                    help="check a random sample of N cases per guide (the same for every classifier); 0: all")
    args = ap.parse_args()
    kinds = [k for k in args.classifiers.split(",") if k]
    embedder = LocalEmbedder(args.embed_model) if any(k != "ngram" for k in kinds) else None
    rows = []
    t0 = time.perf_counter()
    print(f"{'guide':<14}{'setting':<14}{'classifier':<12}{'cases':>7}{'F1':>7}{'miss':>8}{'FB look':>9}"
          f"{'FB benign':>11}{'thr@5%':>8}")
    for name in [] if args.third_party_only else GUIDES:
        guide = load_guide(ROOT / "examples" / f"{name}.yaml")
        suite = synthesize(guide, seed=args.seed)
        cases = suite.cases
        if 0 < args.sample < len(cases):
            cases = random.Random(args.seed).sample(sorted(cases, key=lambda c: c.id), args.sample)
        for setting, folds in (("seen seeds", 1), ("unseen seeds", 2)):
            for kind in kinds:
                ev = asyncio.run(evaluate_guards(compile_guard_config(guide), guide, cases,
                                                 suite_name=suite.name, folds=folds,
                                                 train_classifier=_trainer(kind, embedder)))
                row = {"guide": name, "setting": setting, "classifier": kind, "folds": folds, "n_cases": ev.n_cases,
                       "f1": ev.f1, "precision": ev.precision, "recall": ev.recall, "miss": ev.miss.model_dump(),
                       "false_block_lookalike": ev.false_block_lookalike.model_dump(),
                       "false_block_benign": ev.false_block_benign.model_dump(),
                       "threshold_for_5pct": ev.threshold_for_target,
                       "techniques": [t.model_dump() for t in ev.techniques],
                       "sweep": [p.model_dump() for p in ev.sweep],
                       "classifier_latency_ms": ev.latency_ms.get("input-classifier", {})}
                rows.append(row)
                print(f"{name:<14}{setting:<14}{kind:<12}{ev.n_cases:>7}{ev.f1 or 0:>7.3f}{ev.miss.rate or 0:>8.3f}"
                      f"{ev.false_block_lookalike.rate or 0:>9.3f}{ev.false_block_benign.rate or 0:>11.3f}"
                      f"{ev.threshold_for_target or float('nan'):>8.2f}", flush=True)
    third = _third_party(Path(args.third_party), kinds, embedder) if args.third_party else None
    probe = _probe(Path(args.probe), kinds, embedder) if args.probe else None
    latency = _latency(args.embed_model, Path(args.third_party) if args.third_party else None) if embedder else None
    out = ROOT / "bench" / "results" / (args.out or "guard_eval.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seed": args.seed, "sample": args.sample, "embed_model": args.embed_model if embedder else None,
                               "rows": rows, "third_party": third, "everyday_probe": probe, "embedding_latency_ms": latency,
                               "embeddings_computed": embedder.computed if embedder else 0,
                               "wall_s": round(time.perf_counter() - t0, 1)}, indent=2) + "\n")


def _auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    ranked = sorted([(p, 1) for p in pos] + [(p, 0) for p in neg])
    # Mann-Whitney U with mid-ranks for ties
    ranks: dict[float, float] = {}
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        ranks[ranked[i][0]] = (i + j + 1) / 2
        i = j
    r = sum(ranks[p] for p in pos)
    return (r - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def _third_party(path: Path, kinds: list[str], embedder: LocalEmbedder | None) -> dict[str, object]:
    prompts: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            prompts[row["prompt"]] = str(row.get("prompt_type", "")).startswith("contrast")
    print(f"\nthird-party prompts ({path.name}): {sum(prompts.values())} harmful, "
          f"{len(prompts) - sum(prompts.values())} safe look-alikes; input guards trained on the guide alone")
    print(f"{'guide':<14}{'classifier':<12}{'blocked harmful':>24}{'blocked safe':>24}{'AUC':>7}")
    guides: dict[str, object] = {}
    for name in GUIDES:
        guide = load_guide(ROOT / "examples" / f"{name}.yaml")
        config = compile_guard_config(guide)
        spec = next(g for g in config.guards if g.scorer == "prompt_classifier")
        for kind in kinds:
            train = _trainer(kind, embedder)
            model: InputClassifier = train(guide, (), ()) if train else train_prompt_classifier(guide)
            guard = Guard(config, guide, scorers={spec.id: PromptClassifierScorer(guide, model=model,
                                                                                  threshold=spec.threshold)})

            async def check(g: Guard = guard) -> list[tuple[bool, bool]]:
                return [(harmful, (await g.check_input([{"role": "user", "content": p}])).blocked)
                        for p, harmful in prompts.items()]
            res = asyncio.run(check())
            probs = [(model.predict(p)[0], h) for p, h in prompts.items()]
            auc = _auc([p for p, h in probs if h], [p for p, h in probs if not h])
            hit = Rate.of(sum(b for h, b in res if h), sum(h for h, _ in res))
            fb = Rate.of(sum(b for h, b in res if not h), sum(not h for h, _ in res))
            guides[f"{name}/{kind}"] = {"guide": name, "classifier": kind, "blocked_harmful": hit.model_dump(),
                                        "blocked_safe": fb.model_dump(), "auc": auc}
            print(f"{name:<14}{kind:<12}{_fmt(hit):>24}{_fmt(fb):>24}{auc or 0:>7.3f}", flush=True)
    return {"file": path.name, "n_harmful": sum(prompts.values()), "n_safe": len(prompts) - sum(prompts.values()),
            "guides": guides}


def _guards(name: str, kind: str, embedder: LocalEmbedder | None) -> tuple[Guard, InputClassifier]:
    """The compiled input guards of example guide ``name``, its classifier trained on the guide alone."""
    guide = load_guide(ROOT / "examples" / f"{name}.yaml")
    config = compile_guard_config(guide)
    spec = next(g for g in config.guards if g.scorer == "prompt_classifier")
    train = _trainer(kind, embedder)
    model: InputClassifier = train(guide, (), ()) if train else train_prompt_classifier(guide)
    return Guard(config, guide, scorers={spec.id: PromptClassifierScorer(guide, model=model,
                                                                        threshold=spec.threshold)}), model


def _probe(path: Path, kinds: list[str], embedder: LocalEmbedder | None) -> dict[str, object]:
    """Block rates on a hand-written probe of everyday requests (every one should pass). Written
    here, labelled by nobody else: a hand-written figure, not a measurement on third-party data."""
    texts = [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    print(f"\nhand-written everyday probe ({path.name}, {len(texts)} requests; every one should pass)")
    out: dict[str, object] = {"file": path.name, "n": len(texts), "guides": {}}
    for name in GUIDES:
        for kind in kinds:
            guard, model = _guards(name, kind, embedder)

            async def check(g: Guard = guard) -> list[bool]:
                return [(await g.check_input([{"role": "user", "content": t}])).blocked for t in texts]
            blocked = [t for t, b in zip(texts, asyncio.run(check()), strict=True) if b]
            rate = Rate.of(len(blocked), len(texts))
            cast_out = out["guides"]
            assert isinstance(cast_out, dict)
            cast_out[f"{name}/{kind}"] = {"guide": name, "classifier": kind, "blocked": rate.model_dump(),
                                          "blocked_texts": blocked,
                                          "p_mean": round(statistics.fmean(model.predict(t)[0] for t in texts), 3)}
            print(f"{name:<14}{kind:<12}{_fmt(rate):>24}  " + " | ".join(b[:40] for b in blocked), flush=True)
    return out


def _latency(model: str, path: Path | None, n: int = 60) -> dict[str, float]:
    """Per-check embedding latency with the cache off: the first ``n`` third-party prompts
    (or guide texts), each embedded alone, after one warm-up call that loads the model."""
    if path is not None:
        texts = [json.loads(x)["prompt"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    else:
        texts = [f"{i}: {t}" for i, t in enumerate(["How do I reset my router?", "Write a poem about cats."] * n)]
    emb = LocalEmbedder(model, cache=False)
    emb.embed(["warm-up"])
    times = []
    for t in texts[:n]:
        s = time.perf_counter()
        emb.embed([t])
        times.append((time.perf_counter() - s) * 1000)
    emb.close()
    times.sort()
    res = {"p50": round(statistics.median(times), 2), "p95": round(times[int(0.95 * (len(times) - 1))], 2), "n": n}
    print(f"\nembedding latency per check ({model}, cache off, {n} texts): p50 {res['p50']} ms, p95 {res['p95']} ms")
    return res


def _fmt(r: Rate) -> str:
    return f"{r.rate:.1%} [{r.low:.0%}, {r.high:.0%}]" if r.rate is not None else "-"


if __name__ == "__main__":
    main()
