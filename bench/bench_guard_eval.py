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

``--third-party FILE`` (repeatable) also checks prompts written by others with each guide's
input guards trained on the guide alone, and reports the block rate on each side with Wilson 95%
intervals, and the AUC of the input guards' risk (harmful vs safe: the input classifier's
probability, and with the hazard guard the higher of it and the hazard model's value). Two
formats: JSONL with ``prompt`` and ``prompt_type`` (types starting with ``contrast`` are
harmful, the rest are safe prompts that look harmful, as in XSTest); JSONL with ``id``,
``goal`` and ``prompt`` (JailbreakBench: ids ``jbb-200`` and above are benign goals, below
harmful), read twice, as its goals and as its full prompts (jailbreak wrappers).

``--hazard`` (default ``both``): with ``off`` the compiled config loses its hazard-classifier
guard (the input guards before the hazard-request model), ``on`` turns it on, ``both`` reports
both, before → after. ``--guides`` picks the example guides (comma-separated). Nothing is tuned on that file here, but the XSTest file
behind docs/guards.md's figures has been read to choose a change (the clitics), so its
figures are development figures.

``--probe FILE`` (default ``bench/everyday_probe.jsonl``: 40 everyday requests written here,
before any result of the twins was read) reports how many of them each guide's input guards
block (every one should pass). It is a hand-written figure: nobody else labelled those requests.

The JSON also holds each setting's threshold sweep (F1 and look-alike false blocks per threshold).

    python bench/bench_guard_eval.py [--seed 1] [--third-party xstest.jsonl ...] [--probe FILE]
        [--guides isp-support,kids-tutor] [--hazard both|on|off]
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
    HAZARD_THRESHOLD,
    Guard,
    GuardConfig,
    HazardModel,
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


def _config(guide: Guide, hazard: bool) -> GuardConfig:
    """The compiled guard config of ``guide``, without its hazard-classifier guard unless ``hazard``."""
    config = compile_guard_config(guide, hazard=True, hazard_threshold=HAZARD_THRESHOLD_ARG[0])
    if hazard:
        return config
    return config.model_copy(update={"guards": [g for g in config.guards if g.scorer != "hazard_classifier"]})


#: the hazard guard's threshold for this run (``--hazard-threshold``; default the shipped one)
HAZARD_THRESHOLD_ARG = [HAZARD_THRESHOLD]


def _hazard_variants(arg: str) -> list[bool]:
    return {"both": [False, True], "on": [True], "off": [False]}[arg]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--third-party", action="append", default=[], help="JSONL of prompts written by others (see above)")
    ap.add_argument("--guides", default=",".join(GUIDES), help="comma-separated example guides")
    ap.add_argument("--hazard", choices=("both", "on", "off"), default="both",
                    help="with / without the hazard-classifier guard (both: before → after)")
    ap.add_argument("--classifiers", default="ngram",
                    help=f"comma-separated, of {', '.join(CLASSIFIERS)} (the embedding ones take minutes per guide on a CPU)")
    ap.add_argument("--embed-model", default="qwen2.5-0.5b-instruct")
    ap.add_argument("--out", default="", help="file name under bench/results (default guard_eval.json)")
    ap.add_argument("--third-party-only", action="store_true", help="skip the synthesised suites")
    ap.add_argument("--probe", default=str(ROOT / "bench" / "everyday_probe.jsonl"),
                    help="JSONL of hand-written everyday requests (``text``): block rate per guide ('' to skip)")
    ap.add_argument("--sample", type=int, default=0,
                    help="check a random sample of N cases per guide (the same for every classifier); 0: all")
    ap.add_argument("--hazard-threshold", type=float, default=HAZARD_THRESHOLD,
                    help="the hazard guard's threshold (default: the shipped one)")
    args = ap.parse_args()
    HAZARD_THRESHOLD_ARG[0] = args.hazard_threshold
    kinds = [k for k in args.classifiers.split(",") if k]
    guides = [g for g in args.guides.split(",") if g]
    unknown = sorted(set(guides) - set(GUIDES))
    if unknown:
        ap.error(f"unknown guide(s): {', '.join(unknown)} (choose from {', '.join(GUIDES)})")
    hazards = _hazard_variants(args.hazard)
    embedder = LocalEmbedder(args.embed_model) if any(k != "ngram" for k in kinds) else None
    rows = []
    t0 = time.perf_counter()
    print(f"{'guide':<14}{'setting':<14}{'classifier':<12}{'hazard':>7}{'cases':>7}{'F1':>7}{'miss':>8}{'FB look':>9}"
          f"{'FB benign':>11}{'thr@5%':>8}")
    for name in [] if args.third_party_only else guides:
        guide = load_guide(ROOT / "examples" / f"{name}.yaml")
        suite = synthesize(guide, seed=args.seed)
        cases = suite.cases
        if 0 < args.sample < len(cases):
            cases = random.Random(args.seed).sample(sorted(cases, key=lambda c: c.id), args.sample)
        for setting, folds in (("seen seeds", 1), ("unseen seeds", 2)):
            for kind, hz in ((k, h) for k in kinds for h in hazards):
                ev = asyncio.run(evaluate_guards(_config(guide, hz), guide, cases,
                                                 suite_name=suite.name, folds=folds,
                                                 train_classifier=_trainer(kind, embedder)))
                row = {"guide": name, "setting": setting, "classifier": kind, "hazard": hz, "folds": folds,
                       "n_cases": ev.n_cases,
                       "f1": ev.f1, "precision": ev.precision, "recall": ev.recall, "miss": ev.miss.model_dump(),
                       "false_block_lookalike": ev.false_block_lookalike.model_dump(),
                       "false_block_benign": ev.false_block_benign.model_dump(),
                       "threshold_for_5pct": ev.threshold_for_target,
                       "techniques": [t.model_dump() for t in ev.techniques],
                       "sweep": [p.model_dump() for p in ev.sweep],
                       "classifier_latency_ms": ev.latency_ms.get("input-classifier", {}),
                       "hazard_latency_ms": ev.latency_ms.get("hazard-classifier", {}),
                       "rules": [r.model_dump() for r in ev.rules if r.id.startswith("hazards.")]}
                rows.append(row)
                print(f"{name:<14}{setting:<14}{kind:<12}{'on' if hz else 'off':>7}{ev.n_cases:>7}{ev.f1 or 0:>7.3f}{ev.miss.rate or 0:>8.3f}"
                      f"{ev.false_block_lookalike.rate or 0:>9.3f}{ev.false_block_benign.rate or 0:>11.3f}"
                      f"{ev.threshold_for_target or float('nan'):>8.2f}", flush=True)
    third = [t for f in args.third_party for t in _third_party(Path(f), kinds, embedder, guides, hazards)]
    probe = _probe(Path(args.probe), kinds, embedder, guides, hazards) if args.probe else None
    latency = _latency(args.embed_model, Path(args.third_party[0]) if args.third_party else None) if embedder else None
    texts = [p for f in args.third_party for _, ps in _prompt_sets(Path(f)) for p in ps]
    if not texts and args.probe:
        texts = [json.loads(x)["text"] for x in Path(args.probe).read_text(encoding="utf-8").splitlines() if x.strip()]
    hazard_us = _hazard_latency(texts)
    out = ROOT / "bench" / "results" / (args.out or "guard_eval.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seed": args.seed, "hazard_threshold": args.hazard_threshold, "sample": args.sample, "embed_model": args.embed_model if embedder else None,
                               "rows": rows, "third_party": third, "everyday_probe": probe, "embedding_latency_ms": latency,
                               "hazard_model_us_per_check": hazard_us,
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


def _prompt_sets(path: Path) -> list[tuple[str, dict[str, bool]]]:
    """(name, prompt → harmful) of a third-party file: XSTest-style rows (``prompt``,
    ``prompt_type``) give one set; JailbreakBench rows (``id``, ``goal``, ``prompt``) two, the
    goals and the full prompts (ids ``jbb-200`` and above are benign)."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if rows and "goal" in rows[0]:
        goals: dict[str, bool] = {}
        prompts: dict[str, bool] = {}
        for r in rows:
            harmful = int(str(r["id"]).rsplit("-", 1)[-1]) < 200
            goals[r["goal"]] = harmful
            prompts[r["prompt"]] = harmful
        return [(f"{path.stem}:goal", goals), (f"{path.stem}:prompt", prompts)]
    out: dict[str, bool] = {}
    for r in rows:
        out[r["prompt"]] = str(r.get("prompt_type", "")).startswith("contrast")
    return [(path.stem, out)]


def _third_party(path: Path, kinds: list[str], embedder: LocalEmbedder | None, guides: list[str],
                 hazards: list[bool]) -> list[dict[str, object]]:
    out = []
    for set_name, prompts in _prompt_sets(path):
        print(f"\nthird-party prompts ({set_name}): {sum(prompts.values())} harmful, "
              f"{len(prompts) - sum(prompts.values())} safe; input guards trained on the guide alone")
        print(f"{'guide':<14}{'classifier':<12}{'hazard':>7}{'blocked harmful':>24}{'blocked safe':>24}{'AUC':>7}")
        res_guides: dict[str, object] = {}
        for name in guides:
            for kind in kinds:
                for hz in hazards:
                    guard, _ = _guards(name, kind, embedder, hz)

                    async def check(g: Guard = guard, ps: dict[str, bool] = prompts) -> list[tuple[bool, bool, float]]:
                        out = []
                        for p, harmful in ps.items():
                            d = await g.check_input([{"role": "user", "content": p}])
                            risk = max((s.value or 0.0 for s in d.scores
                                        if s.scorer in ("prompt_classifier", "hazard_classifier")), default=0.0)
                            out.append((harmful, d.blocked, risk))
                        return out
                    res = asyncio.run(check())
                    auc = _auc([r for h, _, r in res if h], [r for h, _, r in res if not h])
                    hit = Rate.of(sum(b for h, b, _ in res if h), sum(h for h, _, _ in res))
                    fb = Rate.of(sum(b for h, b, _ in res if not h), sum(not h for h, _, _ in res))
                    res_guides[f"{name}/{kind}/hazard-{'on' if hz else 'off'}"] = {
                        "guide": name, "classifier": kind, "hazard": hz, "blocked_harmful": hit.model_dump(),
                        "blocked_safe": fb.model_dump(), "auc": auc}
                    print(f"{name:<14}{kind:<12}{'on' if hz else 'off':>7}{_fmt(hit):>24}{_fmt(fb):>24}{auc or 0:>7.3f}",
                          flush=True)
        out.append({"file": path.name, "set": set_name, "n_harmful": sum(prompts.values()),
                    "n_safe": len(prompts) - sum(prompts.values()), "guides": res_guides})
    return out


def _hazard_latency(texts: list[str]) -> dict[str, float] | None:
    """Microseconds per call of the hazard-request model's ``predict`` (the shipped weights)."""
    if not texts:
        return None
    model = HazardModel.load()
    model.predict("warm-up")
    times = []
    for t in texts:
        s = time.perf_counter()
        model.predict(t)
        times.append((time.perf_counter() - s) * 1e6)
    times.sort()
    res = {"p50": round(statistics.median(times), 1), "p95": round(times[int(0.95 * (len(times) - 1))], 1),
           "n": len(times)}
    print(f"\nhazard-request model per check ({len(times)} texts): p50 {res['p50']} µs, p95 {res['p95']} µs")
    return res


def _guards(name: str, kind: str, embedder: LocalEmbedder | None,
            hazard: bool = True) -> tuple[Guard, InputClassifier]:
    """The compiled input guards of example guide ``name``, its classifier trained on the guide alone."""
    guide = load_guide(ROOT / "examples" / f"{name}.yaml")
    config = _config(guide, hazard)
    spec = next(g for g in config.guards if g.scorer == "prompt_classifier")
    train = _trainer(kind, embedder)
    model: InputClassifier = train(guide, (), ()) if train else train_prompt_classifier(guide)
    return Guard(config, guide, scorers={spec.id: PromptClassifierScorer(guide, model=model,
                                                                        threshold=spec.threshold)}), model


def _probe(path: Path, kinds: list[str], embedder: LocalEmbedder | None, guides: list[str],
           hazards: list[bool]) -> dict[str, object]:
    """Block rates on a hand-written probe of everyday requests (every one should pass). Written
    here, labelled by nobody else: a hand-written figure, not a measurement on third-party data."""
    texts = [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    print(f"\nhand-written everyday probe ({path.name}, {len(texts)} requests; every one should pass)")
    out: dict[str, object] = {"file": path.name, "n": len(texts), "guides": {}}
    for name in guides:
        for kind, hz in ((k, h) for k in kinds for h in hazards):
            guard, model = _guards(name, kind, embedder, hz)

            async def check(g: Guard = guard) -> list[bool]:
                return [(await g.check_input([{"role": "user", "content": t}])).blocked for t in texts]
            blocked = [t for t, b in zip(texts, asyncio.run(check()), strict=True) if b]
            rate = Rate.of(len(blocked), len(texts))
            cast_out = out["guides"]
            assert isinstance(cast_out, dict)
            cast_out[f"{name}/{kind}/hazard-{'on' if hz else 'off'}"] = {
                "guide": name, "classifier": kind, "hazard": hz, "blocked": rate.model_dump(),
                                          "blocked_texts": blocked,
                                          "p_mean": round(statistics.fmean(model.predict(t)[0] for t in texts), 3)}
            print(f"{name:<14}{kind:<12}{'on' if hz else 'off':>7}{_fmt(rate):>24}  " + " | ".join(b[:40] for b in blocked),
                  flush=True)
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
