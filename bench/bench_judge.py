"""Judge accuracy against human labels: the default local judge behind the cascade.

Measures, with the same code as ``charter calibrate``:

* on a harm-labelled JSONL (``{"prompt", "response", "human": [...], "human_majority"}``,
  1 = the response helps the harmful goal) judged against the one-rule harm guide, in yes/no
  mode and rubric mode: agreement with the human majority, false-positive and false-negative
  rates, Cohen's kappa, n, and how many items the cascade settled — on the even rows (dev:
  where the prompts were developed), the odd rows (test) and all rows;
* on a Model Spec style Markdown file: how often the pairwise judge (position-swapped, one
  token per order; or ``--pairwise-mode pointwise``: each reply judged on its own, ``--question
  both`` records each question's answer) prefers the GOOD reply over the BAD one, next to the
  reference "the longer reply wins"; ``--every N --offset K`` takes every N-th comparison from
  the K-th (the dev subset is offset 1, the reported one offset 0), every pair is appended to
  ``bench/results/bench_judge_pairs_<mode>_every<N>_offset<K>.jsonl`` as it is decided.
  ``--pairwise-mode cascade`` measures the pairwise cascade (docs/judges.md, "Pairwise cascade")
  from answers kept on disk: the request question's answers in
  ``bench_judge_requests_every<N>_offset<K>.jsonl`` (only the missing ones are asked, each
  appended as it comes: an interrupted run resumes) and, for the pairs the cascade leaves to the
  judge, the pointwise answers of ``bench_judge_pairs_pointwise-both_every<N>_offset<K>.jsonl``
  (run ``--pairwise-mode pointwise --question both`` first); it prints who decided each pair and
  each tier's accuracy. The checks tier runs first (the guide's deterministic checks, no model
  call; ``--guide G`` holds the replies to guide G's checks, ``--no-checks`` leaves the tier out)
  and each pair it settles is printed with its reason.

    python bench/bench_judge.py --labels judge_dev.jsonl --comparisons model_spec.md \\
        [--judge local/qwen2.5-1.5b-instruct] [--modes yesno,rubric] [--split all] [--every 1]

Every score is appended to ``bench/results/bench_judge_items_<mode>.jsonl`` as it comes (a
killed run loses nothing: requests are cached under ``CHARTER_CACHE_DIR``, so a rerun replays
them); the table is printed and written to ``bench/results/bench_judge.json``. The CPU is
slow: a 1.5B judge takes seconds to minutes per question on a busy machine; ``--rows
START:STOP:STEP`` takes a slice of the file's rows, ``--every N`` every N-th comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Literal, cast

from charter.evaluate import (
    HARM_RULE_ID,
    Calibration,
    Comparison,
    Response,
    Score,
    Scorer,
    agreement,
    calibrate,
    calibrate_pairwise,
    calibration_table,
    create_scorer,
    harm_guide,
    read_comparison_file,
    read_labels,
)
from charter.model import GenerateConfig, get_model
from charter.suite import Case

RESULTS = Path(__file__).parent / "results"
PairwiseMode = Literal["json", "logprob", "pointwise", "cascade"]
#: the fixed fence token of the bench's request questions (reproducible prompts)
FENCE = "b3f1c2d4e5a69788"
Question = Literal["follows", "breaks", "both"]


def comparisons_of(path: Path) -> list[Comparison]:
    """The comparisons of ``path``, saying on stderr how many blocks were left out and why (as
    ``charter calibrate FILE.md`` does), so a figure is never read off a silently smaller set."""
    read = read_comparison_file(path)
    if read.skipped:
        why = Counter(s.code for s in read.skipped)
        print(f"{path}: {len(read.comparisons)} comparisons read from {read.blocks} blocks; "
              f"{len(read.skipped)} left out ({', '.join(f'{c} {n}' for c, n in why.most_common())}); "
              f"`charter calibrate {path}` lists them", file=sys.stderr)
    return read.comparisons



class _Logged:
    """A scorer that appends every score it gives to a JSONL file (progress you can watch)."""

    def __init__(self, inner: Scorer, log: Path, split_of: dict[str, str]) -> None:
        self.inner, self.log, self.split_of = inner, log, split_of
        self.id, self.family = inner.id, inner.family

    async def __call__(self, case: Case, response: Response) -> Score:
        t0 = time.perf_counter()
        s = await self.inner(case, response)
        row = {"case": case.id, "split": self.split_of.get(case.id), "verdict": s.verdict.value,
               "decided_by": s.metadata.get("decided_by"), "p_violation": s.metadata.get("p_violation"),
               "p_request": s.metadata.get("p_request"), "p_response": s.metadata.get("p_response"),
               "seconds": round(time.perf_counter() - t0, 2)}
        with self.log.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
        return s


def _local_options(judge_name: str, *, parallel: int) -> dict[str, Any]:
    return {"parallel": parallel, "n_ctx": 4096} if judge_name.startswith("local/") else {}


def _split_figures(cal_items: list[dict[str, Any]], human: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in ("dev", "test", "all"):
        pairs = [(human[it["case"]], "fail" if it["verdict"] == "fail" else "pass" if it["verdict"] == "pass"
                  else it["verdict"]) for it in cal_items if split == "all" or it["split"] == split]
        if not pairs:
            continue
        a = agreement(pairs)
        out[split] = {"n": a.n, "agreement": a.accuracy, "kappa": a.kappa, "false_positive_rate": a.false_positive_rate,
                      "false_negative_rate": a.false_negative_rate, "false_positives": a.false_positives,
                      "false_negatives": a.false_negatives,
                      "cascade": sum(1 for it in cal_items if (split == "all" or it["split"] == split)
                                     and it["decided_by"] == "cascade")}
    return out


async def bench_labels(judge_name: str, labels_path: Path, mode: str, split: str, cascade: bool,
                       rows: slice = slice(None), response_from: str = "detector") -> dict[str, Any]:
    labels = read_labels(labels_path)
    ids = [f"label-{i + 1}" for i in range(len(labels))]
    split_of = {cid: ("dev" if i % 2 == 0 else "test") for i, cid in enumerate(ids)}
    keep = [i for i in range(len(labels))[rows] if split == "all" or split_of[ids[i]] == split]
    # two slots: each question keeps its system prompt cached in its own slot
    model = get_model(judge_name, role="judge", **_local_options(judge_name, parallel=2))
    guide = harm_guide()
    # a fixed fence token makes every prompt reproducible, so a rerun replays cached answers
    cfg = GenerateConfig(max_tokens=128) if mode == "rubric" else None
    opts: dict[str, Any] = {"response_from": response_from} if mode == "yesno" else {}
    inner = create_scorer(mode, guide, model=model, cascade=cascade, fence_token="b3f1c2d4e5a69788", config=cfg,
                          **opts)
    tag = mode + ("" if cascade else "-nocascade") + ("-judgeresponse" if opts.get("response_from") == "judge" else "")
    log = RESULTS / f"bench_judge_items_{tag}.jsonl"
    log.touch()
    scorer = _Logged(inner, log, split_of)
    t0 = time.perf_counter()
    try:
        # calibrate() numbers the rows label-1..N in file order: keep that numbering for the split
        cal: Calibration = await calibrate([labels[i].model_copy(update={"case_id": ids[i]}) for i in keep],
                                           [scorer], rule_id=HARM_RULE_ID, source=labels_path.name)
    finally:
        await model.aclose()
    done = {ids[i] for i in keep}
    items = [it for it in (json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line)
             if it["case"] in done]
    items = list({it["case"]: it for it in items}.values())  # the last score of each row
    human = {ids[i]: labels[i].label for i in keep}
    print(f"\n## {judge_name}, {tag} mode, {labels_path.name} (rows {rows.start}:{rows.stop}:{rows.step}, "
          f"{split})\n")
    print(calibration_table(cal))
    figures = _split_figures(items, human)
    for sp, f in figures.items():
        print(f"- {sp}: n={f['n']}, agreement {f['agreement']:.1%}, kappa {f['kappa']:.3f}, "
              f"FP {f['false_positives']} ({(f['false_positive_rate'] or 0):.1%}), "
              f"FN {f['false_negatives']} ({(f['false_negative_rate'] or 0):.1%}), cascade settled {f['cascade']}")
    return {"mode": tag, "split": split, "rows": f"{rows.start}:{rows.stop}:{rows.step}", "n_rows": len(keep), "seconds": round(time.perf_counter() - t0, 1), "by_split": figures,
            "calibration": json.loads(cal.model_dump_json())}


async def bench_pairwise(judge_name: str, path: Path, every: int, *, offset: int = 0, mode: str = "logprob",
                         question: str = "both", guidance: bool | None = None) -> dict[str, Any]:
    comps = comparisons_of(path)[offset::every]
    model = get_model(judge_name, role="judge", **_local_options(judge_name, parallel=1))
    tag = f"{mode}" + (f"-{question}" if mode == "pointwise" else "") + {None: "", True: "-prose", False: "-title"}[
        guidance]
    log = RESULTS / f"bench_judge_pairs_{tag}_every{every}_offset{offset}.jsonl"
    log.write_text("", encoding="utf-8")

    def logged(item: dict[str, Any]) -> None:
        with log.open("a", encoding="utf-8") as f:
            f.write(json.dumps(item) + "\n")

    t0, c0 = time.perf_counter(), time.process_time()
    try:
        res = await calibrate_pairwise(model, comps, mode=cast(PairwiseMode, mode), concurrency=1,
                                       question=cast(Question, question), guidance=guidance, on_item=logged)
    finally:
        await model.aclose()
    rate = "n/a" if res.good_rate is None else f"{res.good_rate:.1%}"
    print(f"\n## {judge_name}, pairwise {tag}, {path.name} (every {every}, offset {offset})\n")
    print("| comparisons | pairs | GOOD preferred | BAD preferred | tie | orders disagree | GOOD over BAD |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {res.comparisons} | {res.pairs} | {res.good_preferred} | {res.bad_preferred} | {res.ties} | "
          f"{res.inconsistent} | {rate} |")
    # a reference that reads nothing but the length: how often the GOOD reply is the longer one
    longer = sum(len(g) > len(b) for c in comps for g in c.good for b in c.bad)
    print(f"- reference, the longer reply wins: GOOD preferred {longer} of {res.pairs}")
    out: dict[str, Any] = {"every": every, "offset": offset, "mode": tag, "seconds": round(time.perf_counter() - t0, 1),
                           "cpu_seconds": round(time.process_time() - c0, 1), "good_is_longer": longer,
                           **json.loads(res.model_dump_json())}
    if mode == "pointwise" and question == "both":  # what each question alone would have decided
        for key in ("p_follows", "p_breaks"):
            sign = 1 if key == "p_follows" else -1
            diffs = [sign * (float(it[f"{key}_good"]) - float(it[f"{key}_bad"])) for it in res.items
                     if f"{key}_good" in it and f"{key}_bad" in it]
            n_good = sum(d > 0 for d in diffs)
            out[f"{key}_alone"] = {"good": n_good, "bad": sum(d < 0 for d in diffs), "pairs": len(diffs)}
            print(f"- {key.replace('p_', '')} question alone: GOOD preferred {n_good} of {len(diffs)}")
    return out


async def bench_cascade(judge_name: str, path: Path, every: int, *, offset: int = 0, checks: bool = True,
                        guide_path: Path | None = None) -> dict[str, Any]:
    """The pairwise cascade from answers on disk (see the module's docstring): the same checks
    tier (``pair_checks``, ``settle_pair_with_checks``; ``checks=False`` leaves it out, a
    ``guide_path`` guide's checks instead of those that need no guide), ``request_need`` and
    ``settle_pair`` as ``calibrate_pairwise(mode="cascade")``, the pairs it leaves to the judge
    read from the pointwise run's log (``p_follows``, the default question)."""
    from charter.evaluate import section_rubric
    from charter.evaluate.judges import (
        pair_checks,
        request_need,
        settle_pair,
        settle_pair_with_checks,
        system_prompt_of,
    )
    from charter.guide import Expected, load_guide
    from charter.suite import Intent

    guide = load_guide(guide_path) if guide_path is not None else None

    comps = comparisons_of(path)[offset::every]
    req_log = RESULTS / f"bench_judge_requests_every{every}_offset{offset}.jsonl"
    pw_log = RESULTS / f"bench_judge_pairs_pointwise-both_every{every}_offset{offset}.jsonl"
    if not pw_log.is_file():
        raise SystemExit(f"{pw_log.name}: not found; run --pairwise-mode pointwise --question both first")
    judged: dict[str, list[dict[str, Any]]] = {}
    for line in pw_log.read_text(encoding="utf-8").splitlines():
        if line:
            it = json.loads(line)
            judged.setdefault(it["id"], []).append(it)  # a comparison's pairs in GOOD x BAD order
    asked: dict[str, float | None] = {}
    if req_log.is_file():
        asked = {r["id"]: r["p_refuse"] for r in map(json.loads, req_log.read_text(encoding="utf-8").splitlines())}
    t0 = time.perf_counter()
    model = None
    items: list[dict[str, Any]] = []
    try:
        for c in comps:
            prompt = c.messages[-1].content
            case = Case(id=c.id, messages=c.messages, expected=Expected.comply, intent=Intent.borderline, rule_ids=[])
            tier = pair_checks(guide, system_prompt=system_prompt_of(case)) if checks else []
            by_checks = {(g, b): await settle_pair_with_checks(tier, case, g, b) for g in c.good for b in c.bad}
            open_pairs = [(g, b) for g in c.good for b in c.bad if by_checks[(g, b)] is None
                          and (settle_pair(1.0, g, b, prompt=prompt) or settle_pair(0.0, g, b, prompt=prompt))]
            if open_pairs and c.id not in asked:
                if model is None:
                    model = get_model(judge_name, role="judge", **_local_options(judge_name, parallel=1))
                ans = await request_need(model, case, rubric=section_rubric(c, guidance=True), fence_token=FENCE)
                asked[c.id] = ans.p_refuse
                with req_log.open("a", encoding="utf-8") as f:
                    f.write(json.dumps({"id": c.id, "p_refuse": ans.p_refuse}) + "\n")
            p_refuse = asked.get(c.id) if open_pairs else None
            k = 0
            for g in c.good:
                for b in c.bad:
                    pw = judged[c.id][k]
                    k += 1
                    settled = settle_pair(p_refuse, g, b, prompt=prompt) if (g, b) in open_pairs else None
                    checked = by_checks[(g, b)]
                    reason = None
                    if checked is not None:
                        winner, who, reason = checked.winner, "checks", checked.reason
                    elif settled is not None:
                        winner, who = settled.winner, "cascade"
                    else:
                        d = float(pw["p_follows_good"]) - float(pw["p_follows_bad"])
                        winner, who = ("a" if d > 0 else "b" if d < 0 else "tie"), "judge"
                    items.append({"id": c.id, "winner": winner, "decided_by": who, "p_refuse": p_refuse,
                                  "good_is_longer": int(len(g) > len(b)), **({"reason": reason} if reason else {})})
    finally:
        if model is not None:
            await model.aclose()
    tiers = {t: {"pairs": sum(it["decided_by"] == t for it in items),
                 "good_preferred": sum(it["decided_by"] == t and it["winner"] == "a" for it in items),
                 "good_is_longer": sum(it["decided_by"] == t and it["good_is_longer"] for it in items)}
             for t in ("checks", "cascade", "judge")}
    good = sum(it["winner"] == "a" for it in items)
    longer = sum(it["good_is_longer"] for it in items)
    for it in items:
        if it["decided_by"] == "checks":
            print(f"- checks: {it['id']}: {'GOOD' if it['winner'] == 'a' else 'BAD'} preferred: {it['reason']}")
    what = "" if checks else ", without the checks tier"
    print(f"\n## {judge_name}, pairwise cascade{what}, {path.name} (every {every}, offset {offset})\n")
    print("| tier | pairs | GOOD preferred | GOOD over BAD | the longer reply wins |")
    print("|---|---:|---:|---:|---:|")
    for t, n in tiers.items():
        rate = f"{n['good_preferred'] / n['pairs']:.1%}" if n["pairs"] else "n/a"
        print(f"| {t} | {n['pairs']} | {n['good_preferred']} | {rate} | {n['good_is_longer']} |")
    print(f"| all | {len(items)} | {good} | {good / len(items):.1%} | {longer} ({longer / len(items):.1%}) |")
    return {"every": every, "offset": offset, "mode": "cascade" if checks else "cascade-nochecks", "seconds": round(time.perf_counter() - t0, 1),
            "comparisons": len(comps), "pairs": len(items), "good_preferred": good,
            "good_rate": good / len(items) if items else None, "good_is_longer": longer, "tiers": tiers,
            "requests_asked": sum(1 for c in comps if c.id in asked), "items": items}


def summarise(labels_path: Path, mode: str) -> dict[str, Any]:
    """The figures of the rows a (possibly interrupted) run has scored so far, from its item log."""
    labels = read_labels(labels_path)
    human = {f"label-{i + 1}": lab.label for i, lab in enumerate(labels)}
    log = RESULTS / f"bench_judge_items_{mode}.jsonl"
    items = list({it["case"]: it for it in (json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
                                             if line)}.values())
    figures = _split_figures(items, human)
    print(f"\n## {mode} mode, {labels_path.name}: the {len(items)} rows scored so far (from {log.name})\n")
    print("| split | n | agreement | kappa | false positives | false negatives | settled by the cascade |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for sp, f in figures.items():
        kappa = "n/a" if f["kappa"] is None else f"{f['kappa']:.3f}"
        fpr = "n/a" if f["false_positive_rate"] is None else f"{f['false_positive_rate']:.1%}"
        fnr = "n/a" if f["false_negative_rate"] is None else f"{f['false_negative_rate']:.1%}"
        print(f"| {sp} | {f['n']} | {f['agreement']:.1%} | {kappa} | {fpr} ({f['false_positives']}) | "
              f"{fnr} ({f['false_negatives']}) | {f['cascade']} |")
    return {"mode": mode, "partial": True, "rows": sorted(it["case"] for it in items), "by_split": figures,
            "items": items}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, help="harm-labelled JSONL (judge-dev format)")
    ap.add_argument("--comparisons", type=Path, help="Model Spec style Markdown with <comparison> blocks")
    ap.add_argument("--judge", default="local/qwen2.5-1.5b-instruct")
    ap.add_argument("--modes", default="yesno,rubric", help="comma-separated: yesno, rubric, yesno-nocascade")
    ap.add_argument("--split", default="all", choices=["all", "dev", "test"])
    ap.add_argument("--every", type=int, default=1, help="take every N-th comparison")
    ap.add_argument("--offset", type=int, default=0, help="... starting at this one (0-based)")
    ap.add_argument("--pairwise-mode", default="logprob", choices=["logprob", "json", "pointwise", "cascade"])
    ap.add_argument("--question", default="both", choices=["follows", "breaks", "both"],
                    help="pointwise: which question each reply is asked")
    ap.add_argument("--rubric", default="default", choices=["default", "title", "prose"],
                    help="the section heading only (title), with the section's opening prose (prose), or the "
                         "default of the mode (prose for pointwise, title otherwise)")
    ap.add_argument("--response-from", default="detector", choices=["detector", "judge"],
                    help="yesno mode: who answers the response question (the judge's option of that name)")
    ap.add_argument("--no-checks", action="store_true",
                    help="cascade: leave out the tier of the guide's deterministic checks (the earlier cascade)")
    ap.add_argument("--guide", type=Path, default=None,
                    help="cascade: the guide whose checks settle pairs (default: the checks that need no guide)")
    ap.add_argument("--rows", default="::", help="START:STOP:STEP over the file's rows (then --split applies)")
    ap.add_argument("--out", type=Path, default=RESULTS / "bench_judge.json")
    ap.add_argument("--summarise", action="store_true",
                    help="only summarise the item logs of --modes written so far (an interrupted run)")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    result: dict[str, Any] = {"judge": args.judge, **{k: v for k, v in old.items() if k != "judge"}}
    if args.summarise:
        if args.labels is None:
            raise SystemExit("--summarise needs --labels")
        for m in [m.strip() for m in args.modes.split(",") if m.strip()]:
            result.setdefault("partial", {})[m] = summarise(args.labels, m)
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
        print(f"\nwrote {args.out}")
        return
    if args.comparisons is not None:  # first: it is the shorter run
        if not args.comparisons.is_file():
            raise SystemExit(f"{args.comparisons}: not found")
        if args.pairwise_mode == "cascade":
            r = asyncio.run(bench_cascade(args.judge, args.comparisons, args.every, offset=args.offset,
                                          checks=not args.no_checks, guide_path=args.guide))
        else:
            r = asyncio.run(bench_pairwise(args.judge, args.comparisons, args.every, offset=args.offset,
                                           mode=args.pairwise_mode, question=args.question,
                                           guidance={"default": None, "title": False, "prose": True}[args.rubric]))
        result.setdefault("pairwise_runs", {})[f"{r['mode']}:every{args.every}:offset{args.offset}"] = r
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if args.labels is not None:
        if not args.labels.is_file():
            raise SystemExit(f"{args.labels}: not found")
        for m in [m.strip() for m in args.modes.split(",") if m.strip()]:
            mode, _, off = m.partition("-")
            r = asyncio.run(bench_labels(args.judge, args.labels, mode, args.split, cascade=off != "nocascade",
                                         rows=slice(*(int(x) if x else None for x in args.rows.split(":"))),
                                         response_from=args.response_from))
            result.setdefault("labels", {})[f"{r['mode']}:{args.split}:{args.rows}"] = r
            args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
