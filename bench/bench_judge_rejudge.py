"""Re-judge only the comparisons whose input changed, and splice them into a stored run.

A full pairwise run of ``bench/bench_judge.py`` on a Model Spec subset takes 25–36 minutes of
the shared CPU. When a fix changes what a few comparisons show the judge (issue 14: a
continuation's conversation now keeps the turns before its earlier comparison), only those need
asking again; every other comparison's prompt is unchanged, so its stored answer stands. This
script judges the named comparisons (``--ids``) with the same settings as ``bench_judge.py``
(same modes, rubric, one request at a time), prints each changed pair's stored and new answer,
and the run's figures before and after the splice.

With ``--write`` it replaces those comparisons' items in the stored run
(``bench/results/bench_judge.json``, ``pairwise_runs`` — or ``pairwise``, the first heading-only
logprob run on offset 0) and in the pair log ``bench_judge_pairs_<mode>_every<N>_offset<K>.jsonl``
when there is one, and (``--pairwise-mode pointwise --question both``) drops those comparisons'
request answers from ``bench_judge_requests_every<N>_offset<K>.jsonl``, so that
``bench_judge.py --pairwise-mode cascade`` asks them again on the new conversation and replays
the new pointwise answers. Without ``--write`` nothing is written (run it on the code before a
fix to see whether the stored answers reproduce).

    python bench/bench_judge_rejudge.py --comparisons model_spec.md --every 3 --offset 0 \\
        --ids model_spec:1494,model_spec:2450 --pairwise-mode logprob [--rubric prose] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any, cast

from bench_judge import RESULTS, PairwiseMode, Question, _local_options, comparisons_of

from charter.evaluate import calibrate_pairwise
from charter.model import get_model


def _tag(mode: str, question: str, guidance: bool | None) -> str:
    return f"{mode}" + (f"-{question}" if mode == "pointwise" else "") + {None: "", True: "-prose", False: "-title"}[
        guidance]


def _stored_run(result: dict[str, Any], tag: str, every: int, offset: int) -> tuple[str | None, dict[str, Any]]:
    key = f"{tag}:every{every}:offset{offset}"
    if key in result.get("pairwise_runs", {}):
        return key, result["pairwise_runs"][key]
    first = result.get("pairwise", {})
    if tag == "logprob" and first.get("every") == every and first.get("offset", 0) == offset:
        return None, first
    raise SystemExit(f"no stored run {key} in bench_judge.json: run bench/bench_judge.py for the whole subset")


def _figures(items: list[dict[str, Any]]) -> dict[str, Any]:
    good = sum(it["winner"] == "a" for it in items)
    bad = sum(it["winner"] == "b" for it in items)
    out: dict[str, Any] = {"pairs": len(items), "good_preferred": good, "bad_preferred": bad,
                           "ties": len(items) - good - bad, "inconsistent": sum(not it["consistent"] for it in items),
                           "good_rate": good / len(items) if items else None}
    for key in ("p_follows", "p_breaks"):
        sign = 1 if key == "p_follows" else -1
        diffs = [sign * (float(it[f"{key}_good"]) - float(it[f"{key}_bad"])) for it in items
                 if f"{key}_good" in it and f"{key}_bad" in it]
        if diffs:
            out[f"{key}_alone"] = {"good": sum(d > 0 for d in diffs), "bad": sum(d < 0 for d in diffs),
                                   "pairs": len(diffs)}
    return out


async def rejudge(judge_name: str, path: Path, every: int, offset: int, ids: list[str], *, mode: str,
                  question: str, guidance: bool | None, write: bool) -> dict[str, Any]:
    subset = comparisons_of(path)[offset::every]
    known = {c.id for c in subset}
    missing = [i for i in ids if i not in known]
    if missing:
        raise SystemExit(f"{', '.join(missing)}: not in the subset (every {every}, offset {offset}) of {path}")
    comps = [c for c in subset if c.id in ids]
    tag = _tag(mode, question, guidance)
    out_path = RESULTS / "bench_judge.json"
    result = json.loads(out_path.read_text(encoding="utf-8"))
    key, run = _stored_run(result, tag, every, offset)
    stored = run["items"]
    if [it["id"] for it in stored] != [c.id for c in subset for _g in c.good for _b in c.bad]:
        raise SystemExit(f"the stored {tag} run's pairs are not this subset's pairs: run bench_judge.py again")

    model = get_model(judge_name, role="judge", **_local_options(judge_name, parallel=1))
    t0 = time.perf_counter()
    try:
        res = await calibrate_pairwise(model, comps, mode=cast(PairwiseMode, mode), concurrency=1,
                                       question=cast(Question, question), guidance=guidance)
    finally:
        await model.aclose()
    seconds = round(time.perf_counter() - t0, 1)
    new_items = iter(res.items)
    merged = [next(new_items) if it["id"] in ids else it for it in stored]
    print(f"\n## {judge_name}, pairwise {tag}, {path.name} (every {every}, offset {offset}): "
          f"{len(comps)} comparisons re-judged in {seconds} s\n")
    print("| comparison | pair | stored winner (p_good) | new winner (p_good) |")
    print("|---|---:|---|---|")
    k: dict[str, int] = {}
    for old, new in zip(stored, merged, strict=True):
        if old["id"] in ids:
            k[old["id"]] = k.get(old["id"], 0) + 1
            print(f"| {old['id']} | {k[old['id']]} | {old['winner']} ({old.get('p_good')}) | "
                  f"{new['winner']} ({new.get('p_good')}) |")
    before, after = _figures(stored), _figures(merged)
    print("\n| run | pairs | GOOD preferred | BAD preferred | tie | orders disagree | GOOD over BAD |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, f in (("stored", before), ("re-judged", after)):
        print(f"| {name} | {f['pairs']} | {f['good_preferred']} | {f['bad_preferred']} | {f['ties']} | "
              f"{f['inconsistent']} | {f['good_rate']:.1%} |")
    for q in ("p_follows_alone", "p_breaks_alone"):
        if q in after:
            print(f"- {q.replace('_alone', '').replace('p_', '')} question alone: GOOD preferred "
                  f"{before[q]['good']} of {before[q]['pairs']} stored, {after[q]['good']} re-judged")
    if write:
        note = {"ids": ids, "seconds": seconds, "before": {k2: v for k2, v in before.items()}}
        updated = {**run, **after, "items": merged, "rejudged": [*run.get("rejudged", []), note]}
        if key is None:
            result["pairwise"] = updated
        else:
            result["pairwise_runs"][key] = updated
        out_path.write_text(json.dumps(result, indent=2), encoding="utf-8")
        log = RESULTS / f"bench_judge_pairs_{tag}_every{every}_offset{offset}.jsonl"
        if log.is_file():
            log.write_text("".join(json.dumps(it) + "\n" for it in merged), encoding="utf-8")
        req = RESULTS / f"bench_judge_requests_every{every}_offset{offset}.jsonl"
        if mode == "pointwise" and question == "both" and req.is_file():
            kept = [line for line in req.read_text(encoding="utf-8").splitlines()
                    if line and json.loads(line)["id"] not in ids]
            req.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        print(f"\nwrote {out_path}" + (f", {log.name}" if log.is_file() else ""))
    return {"before": before, "after": after, "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--comparisons", type=Path, required=True, help="Model Spec style Markdown")
    ap.add_argument("--ids", required=True, help="comma-separated comparison ids (file stem:line) to judge again")
    ap.add_argument("--judge", default="local/qwen2.5-1.5b-instruct")
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--pairwise-mode", default="logprob", choices=["logprob", "json", "pointwise"])
    ap.add_argument("--question", default="both", choices=["follows", "breaks", "both"])
    ap.add_argument("--rubric", default="default", choices=["default", "title", "prose"])
    ap.add_argument("--write", action="store_true", help="splice the new answers into the stored run and its logs")
    args = ap.parse_args()
    if not args.comparisons.is_file():
        raise SystemExit(f"{args.comparisons}: not found")
    ids = [i.strip() for i in args.ids.split(",") if i.strip()]
    asyncio.run(rejudge(args.judge, args.comparisons, args.every, args.offset, ids, mode=args.pairwise_mode,
                        question=args.question, guidance={"default": None, "title": False, "prose": True}[args.rubric],
                        write=args.write))


if __name__ == "__main__":
    main()
