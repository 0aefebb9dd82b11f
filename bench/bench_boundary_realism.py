"""How natural are the requests worded from a guide's boundary texts? (hand labels)

Synthesises the offline suite of every guide in ``tests/fixtures/guides/`` and ``examples/``
(``--seed``) and takes the requests worded from a boundary text (``provenance.source`` starting
``boundary``: ``boundary.allowed:…``, ``boundary.disallowed:…`` or a borderline pair
``boundary:…``), one per base seed (a technique or a variation wraps the same request), keyed
``guide:source`` (a hazard library rule's source alone). A sample stratified by the request's
language (``--english`` English ones, up to ``--per-language`` of each other language), or the
keys of an earlier sample (``--sample-in``: the same sample re-measured after a change), is
looked up in the hand-written labels of ``bench/realism_labels.jsonl`` ({"request", "label":
natural | unnatural, "reason"}; a borderline request is natural when both its halves are).
A request without a label is listed (``--unlabelled FILE`` writes them for labelling) and left
out of the figures; a key whose phrase no longer gives a request counts as "not worded".

    python bench/bench_boundary_realism.py --seed 0 --sample-out bench/results/realism_sample_seed0_before.jsonl
    python bench/bench_boundary_realism.py --seed 0 --sample-in bench/results/realism_sample_seed0_before.jsonl
    python bench/bench_boundary_realism.py --seed 1 --unlabelled /tmp/todo.jsonl

Prints per language: sampled, not worded, labelled, the unnatural share, and the share of the
boundary-worded suite cases (each case weighs one) whose request is labelled unnatural.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from charter.guide import load_guide
from charter.synth import plan_coverage, synthesize, template_seeds

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "realism_labels.jsonl"


def guides() -> list[Path]:
    return sorted((ROOT / "tests" / "fixtures" / "guides").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def population(seed: int) -> dict[str, dict[str, object]]:
    """Every boundary-worded request of the guides' base cells, by key (``guide:source``; a hazard
    library rule's source alone, as every guide that includes it words it alike): {request,
    language, kind, cases (how many suite cases carry it; 0: not in the suite)}."""
    units: dict[str, dict[str, object]] = {}
    for path in guides():
        guide = load_guide(path)
        suite = synthesize(guide, seed=seed)
        lang_of: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for case in suite.cases:
            src = case.provenance.source or ""
            if src.startswith("boundary"):
                counts[src] += 1
                lang_of.setdefault(src, case.language)
        plan = plan_coverage(guide)
        for cell in plan.cells:
            if cell.technique != "direct" or cell.variation != "none" or cell.language != plan.base_language:
                continue
            for c in template_seeds(guide, cell, seed=seed, base_language=plan.base_language):
                src = c.provenance.source or ""
                if not src.startswith("boundary"):
                    continue
                key = src if ":hazards." in src else f"{path.stem}:{src}"
                u = units.setdefault(key, {"request": c.prompt, "language": lang_of.get(src, plan.base_language),
                                           "kind": c.metadata.get("seed_kind"), "cases": 0})
                if counts[src] and not u["cases"]:
                    u["language"] = lang_of[src]
                u["cases"] = int(str(u["cases"])) + counts[src]
                counts[src] = 0
    return units


#: how a borderline request joins its two halves, per language (charter.synth's and_also)
JOINS = (" And while you're at it, ", " Und wenn du schon dabei bist: ", " Et pendant que vous y êtes : ",
         " Y ya que estás: ", " E già che ci sei: ", " E já que está nisso: ")


def halves(request: str) -> tuple[str, str] | None:
    """A borderline request's two requests (the second with its capital back); None for one request."""
    for join in JOINS:
        if join in request:
            a, b = request.split(join, 1)
            return a, b[:1].upper() + b[1:]
    return None


def label_of(request: str, labels: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The hand label of ``request``; a borderline request's is derived from its halves' (natural
    when both are: the join itself was judged natural in every language)."""
    if request in labels:
        return labels[request]
    parts = halves(request)
    if parts is None:
        return None
    got = [labels.get(p) for p in parts]
    if any(g is None for g in got):
        return None
    bad = [g for g in got if g is not None and g["label"] == "unnatural"]
    return {"label": "unnatural" if bad else "natural", "reason": "; ".join(g["reason"] for g in bad)}


def load_labels() -> dict[str, dict[str, str]]:
    if not LABELS.exists():
        return {}
    out = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["request"]] = d
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=0, help="suite seed and sample seed")
    ap.add_argument("--per-language", type=int, default=60, help="sample size per language (cap)")
    ap.add_argument("--english", type=int, default=240, help="sample size for English")
    ap.add_argument("--sample-in", type=Path, help="measure these keys (a --sample-out file) instead of a new sample")
    ap.add_argument("--sample-out", type=Path, help="write the sample (key, language, request, label) here")
    ap.add_argument("--unlabelled", type=Path, help="write the sampled requests without a label here")
    args = ap.parse_args()

    units = population(args.seed)
    labels = load_labels()
    if args.sample_in:
        rows = [json.loads(x) for x in args.sample_in.read_text(encoding="utf-8").splitlines() if x.strip()]
        sample = [(r["key"], r["language"]) for r in rows]
    else:
        by_lang: dict[str, list[str]] = defaultdict(list)
        for key, u in units.items():
            if u["cases"]:
                by_lang[str(u["language"])].append(key)
        rng = random.Random(args.seed)
        sample = []
        for lang in sorted(by_lang):
            keys = sorted(by_lang[lang])
            k = args.english if lang == "en" else args.per_language
            sample += [(key, lang) for key in (keys if len(keys) <= k else rng.sample(keys, k))]
    requests = {key: str(units[key]["request"]) for key, _ in sample if key in units}
    labels = {**labels, **{r: lab for r in requests.values() if r not in labels and (lab := label_of(r, labels))}}
    todo = sorted({p for r in requests.values() if r not in labels for p in (halves(r) or (r,)) if p not in labels})
    if args.unlabelled:
        with args.unlabelled.open("w", encoding="utf-8") as f:
            for r in todo:
                f.write(json.dumps({"request": r, "label": "", "reason": ""}, ensure_ascii=False) + "\n")
    if args.sample_out:
        with args.sample_out.open("w", encoding="utf-8") as f:
            for key, lang in sample:
                r = requests.get(key)
                f.write(json.dumps({"key": key, "language": lang, "request": r,
                                    "label": labels[r]["label"] if r in labels else ("not worded" if r is None else "")},
                                   ensure_ascii=False) + "\n")
    in_suite = {k: u for k, u in units.items() if u["cases"]}
    print(f"seed {args.seed}: {len(in_suite)} boundary-worded requests in the suites, "
          f"{sum(int(str(u['cases'])) for u in in_suite.values())} suite cases")
    print(f"{'lang':5} {'sampled':>7} {'not worded':>10} {'labelled':>8} {'unnatural':>14} {'cases unnatural':>16}")
    tot = Counter[str]()
    for lang in sorted({lang for _, lang in sample}):
        keys = [k for k, la in sample if la == lang]
        gone = [k for k in keys if k not in requests]
        lab = [k for k in keys if k in requests and requests[k] in labels]
        bad = [k for k in lab if labels[requests[k]]["label"] == "unnatural"]
        w_lab = sum(int(str(units[k]["cases"])) for k in lab)
        w_bad = sum(int(str(units[k]["cases"])) for k in bad)
        share = f"{len(bad)}/{len(lab)} ({100 * len(bad) / len(lab):.0f}%)" if lab else "-"
        wshare = f"{100 * w_bad / w_lab:.0f}%" if w_lab else "-"
        print(f"{lang:5} {len(keys):7} {len(gone):10} {len(lab):8} {share:>14} {wshare:>16}")
        tot.update({"s": len(keys), "g": len(gone), "l": len(lab), "b": len(bad), "wl": w_lab, "wb": w_bad})
    if tot["l"]:
        print(f"{'all':5} {tot['s']:7} {tot['g']:10} {tot['l']:8} "
              f"{tot['b']}/{tot['l']} ({100 * tot['b'] / tot['l']:.0f}%)".ljust(52) + f"{100 * tot['wb'] / max(tot['wl'], 1):.0f}%")
    if todo:
        print(f"{len(todo)} requests have no label", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
