"""Which of a guide's labelled replies `charter data` keeps as training rows, and who rejects them.

For every case of a guide's worked examples (``charter.synth.example_suite``: one case per
judged point, its GOOD / BAD / OK replies in ``metadata.candidates``), a scripted teacher
(``mock/script:FILE``) answers the case with each labelled reply in turn, and ``make_dataset``
builds SFT rows with the guide's default scorers (``guide_scorers``). A GOOD reply should be
kept; a BAD reply to a violating case should be rejected. The table counts GOOD replies
rejected (and by which scorer: ``failed:<scorer>``, ``unverified``, ``score_errors``), BAD
replies kept, for preferences how ``ScoreRanker`` orders each case's GOOD and BAD replies, and
for KTO (the same teacher, ``RowKind.kto``) the GOOD replies labelled undesirable and the BAD
ones labelled desirable.

Two scorer sets per guide: ``default`` (what ``charter data`` uses, with the reference check,
which recognises the labelled replies verbatim and so decides them) and ``no-reference`` (the
same without the reference check: what the other scorers say about these replies, as about a
teacher's paraphrase of them).

To measure an earlier tree, run this file with ``PYTHONPATH=OLD/src`` (it uses only the
public API both trees share): ``git archive 1be8326 | tar -x -C /tmp/before`` then
``PYTHONPATH=/tmp/before/src python bench/bench_data_authority.py --label before``.

``--heldout-classifier`` measures instead what the classifier trained from the guide would add as
a veto on replies it never saw: the rules with examples are split in two folds (alternating, by
rule id); for each fold the classifier is trained on the guide without that fold's examples,
and each held-out GOOD or BAD reply is scored by it and by the deciding scorers without the
reference check (the SFT filter of this tree). It counts the GOOD replies the deciding scorers
keep that the classifier fails (rows a veto would wrongly drop) and the BAD replies they keep
that it fails (rows a veto would rightly drop). Writes bench/results/data_authority-heldout.json.

Prints a table; writes bench/results/data_authority[-LABEL].json.

    python bench/bench_data_authority.py [--guide G.yaml ...] [--label before]
    python bench/bench_data_authority.py --heldout-classifier [--guide G.yaml ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from charter.data import DataConfig, RowKind, ScoreRanker, guide_scorers, make_dataset
from charter.evaluate import Response
from charter.guide import load_guide
from charter.model import get_model
from charter.synth import example_suite

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GUIDES = [*sorted((ROOT / "examples").glob("*.yaml")), ROOT / "tests/fixtures/guides/hr-benefits-de.yaml"]


def _why(result: Any) -> list[str]:
    """Why the single row was not kept: the vetoing scorers, or the other drop counters."""
    by = result.failed_by()
    if by:
        return sorted(f"failed:{k}" for k in by)
    for key in ("unverified", "score_errors", "model_errors"):
        if result.stats.get(key):
            return [key]
    return ["other"]


def _ranker(scorers: list[Any], guide: Any) -> ScoreRanker:
    try:
        return ScoreRanker(scorers, guide=guide)  # type: ignore[call-arg]
    except TypeError:  # the tree before the ranker knew the guide
        return ScoreRanker(scorers)


def measure(guide_path: Path, without_reference: bool, work: Path) -> dict[str, Any]:
    guide = load_guide(guide_path)
    every = list(example_suite(guide).suite.cases)
    # a case that is only a developer message has nothing to train on once the system and
    # developer messages are taken out (the tree before this bench crashed on it)
    cases = [c for c in every if any(m.role not in ("system", "developer") for m in c.messages)]
    scorers = guide_scorers(guide)
    if without_reference:
        scorers = [s for s in scorers if s.id != "reference"]
    cfg = DataConfig(system_prompt="", scorers=scorers, store=work / "runs.db", progress=False, concurrency=4)
    counts: Counter[str] = Counter()
    rejected_by: dict[str, Counter[str]] = {"good": Counter(), "ok": Counter()}
    advisory: Counter[str] = Counter()
    kept_bad: list[str] = []
    good_rejected: list[tuple[str, str]] = []
    bad_preferred: list[str] = []
    prefs: Counter[str] = Counter()
    ranker = _ranker(scorers, guide)
    n_file = 0
    for case in cases:
        cands = case.metadata.get("candidates") or []
        violating = case.intent.value == "violating"
        for cand in cands:
            verdict = cand["verdict"]
            n_file += 1
            script = work / f"t{n_file}-{'nr' if without_reference else 'd'}.jsonl"
            script.write_text(json.dumps({"match": "", "response": cand["text"]}) + "\n", encoding="utf-8")
            result, _ = make_dataset(RowKind.sft, guide, [case], get_model(f"mock/script:{script}"), cfg)
            kept = bool(result.rows)
            for k, v in result.stats.items():
                if k.startswith("advisory_failed:") and kept:
                    advisory[f"{verdict}:{k.split(':', 1)[1]}"] += int(v)
            kto, _ = make_dataset(RowKind.kto, guide, [case], get_model(f"mock/script:{script}"), cfg)
            labels = [r.label for r in kto.rows]  # type: ignore[union-attr]
            kind = verdict if verdict != "bad" else ("bad_violating" if violating else "bad_other")
            counts[f"{kind}:kto_desirable"] += labels.count(True)
            counts[f"{kind}:kto_undesirable"] += labels.count(False)
            counts[f"{kind}:n"] += 1
            counts[f"{kind}:kept"] += kept
            if not kept and verdict in rejected_by:
                rejected_by[verdict].update(_why(result))
                if verdict == "good":
                    good_rejected.append((case.id, "; ".join(w for _, w in result.dropped) or ", ".join(_why(result))))
            if kept and kind == "bad_violating":
                kept_bad.append(case.id)
        goods = [c["text"] for c in cands if c["verdict"] == "good"]
        bads = [c["text"] for c in cands if c["verdict"] == "bad"]
        for g in goods:
            for b in bads:
                if g == b:
                    continue
                ranking = asyncio.run(ranker.rank(case, [Response(text=g), Response(text=b)]))
                if ranking.skipped:
                    prefs["skipped"] += 1
                elif ranking.tie:
                    prefs["tie"] += 1
                else:
                    prefs["good_over_bad" if ranking.order[0] == 0 else "bad_over_good"] += 1
                    if ranking.order[0] != 0:
                        bad_preferred.append(f"{case.id}: {'; '.join(ranking.reasons)}")
    return {"guide": guide_path.name, "scorers": "no-reference" if without_reference else "default",
            "cases": len(cases), "cases_without_prompt": len(every) - len(cases), "counts": dict(counts),
            "good_rejected_by": dict(rejected_by["good"]), "ok_rejected_by": dict(rejected_by["ok"]),
            "advisory_failed_kept": dict(advisory), "bad_violating_kept": kept_bad, "prefs": dict(prefs),
            "good_rejected": good_rejected, "bad_preferred": bad_preferred}


def _without_examples(guide_path: Path, rule_ids: set[str], dest: Path) -> Path:
    """A copy of the guide's YAML with the examples of ``rule_ids`` taken out."""
    import yaml

    raw = yaml.safe_load(guide_path.read_text(encoding="utf-8"))
    lists = [r for p in raw.get("policies") or [] for r in p.get("rules") or []]
    lists += list(raw.get("defaults") or []) + list(raw.get("edge_cases") or [])
    for rule in lists:
        if rule.get("id") in rule_ids:
            rule["examples"] = []
    dest.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest  # the guides here include only built-ins (charter:...), which resolve anywhere


def heldout_classifier(guide_path: Path, work: Path) -> dict[str, Any]:
    from charter.evaluate import train_guide_classifier

    guide = load_guide(guide_path)
    cases = [c for c in example_suite(guide).suite.cases if any(m.role not in ("system", "developer")
                                                                for m in c.messages)]
    with_examples = sorted({c.rule_ids[0] for c in cases})
    folds = [set(with_examples[0::2]), set(with_examples[1::2])]
    scorers = [s for s in guide_scorers(guide) if s.id not in ("reference", "guide_classifier")]
    cfg = DataConfig(system_prompt="", scorers=scorers, store=work / "runs.db", progress=False, concurrency=4)
    counts: Counter[str] = Counter()
    n_file = 0
    for k, fold in enumerate(folds):
        reduced = load_guide(_without_examples(guide_path, fold, work / f"heldout-{k}.yaml"))
        # rules whose examples come from an include cannot be held out here: leave them out
        kept_examples = {r.id for r in reduced.iter_rules(include_disabled=True) if r.id in fold and r.examples}
        counts["rules_not_held_out"] += len(kept_examples)
        fold = fold - kept_examples
        clf = train_guide_classifier(reduced)
        for case in cases:
            if case.rule_ids[0] not in fold:
                continue
            for cand in case.metadata.get("candidates") or []:
                if cand["verdict"] not in ("good", "bad"):
                    continue
                kind = cand["verdict"] + ("_violating" if case.intent.value == "violating" else "_other")
                n_file += 1
                script = work / f"h{n_file}.jsonl"
                script.write_text(json.dumps({"match": "", "response": cand["text"]}) + "\n", encoding="utf-8")
                result, _ = make_dataset(RowKind.sft, guide, [case], get_model(f"mock/script:{script}"), cfg)
                kept = bool(result.rows)
                clf_fails = clf.p_violation(case.expected, cand["text"]) >= clf.threshold
                counts[f"{kind}:n"] += 1
                counts[f"{kind}:kept"] += kept
                counts[f"{kind}:clf_fails"] += clf_fails
                counts[f"{kind}:kept_clf_fails"] += kept and clf_fails
    return {"guide": guide_path.name, "rules": len(with_examples), "counts": dict(counts)}


def main_heldout(guides: list[Path]) -> None:
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for g in guides:
            out.append(heldout_classifier(g, Path(tmp)))
    print(f"{'guide':<24} {'kind':<14} {'n':>4} {'kept by deciding':>16} {'classifier fails':>16} "
          f"{'kept, classifier fails':>22}")
    for r in out:
        c = r["counts"]
        for kind in ("good_violating", "good_other", "bad_violating", "bad_other"):
            print(f"{r['guide']:<24} {kind:<14} {c.get(kind + ':n', 0):>4} {c.get(kind + ':kept', 0):>16} "
                  f"{c.get(kind + ':clf_fails', 0):>16} {c.get(kind + ':kept_clf_fails', 0):>22}")
    dest = ROOT / "bench" / "results" / "data_authority-heldout.json"
    dest.write_text(json.dumps({"results": out}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {dest}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--guide", action="append", type=Path, help="guide YAML (repeatable; default: the example "
                                                                "guides and tests/fixtures/guides/hr-benefits-de.yaml)")
    ap.add_argument("--label", default="", help="suffix of the results file (e.g. before)")
    ap.add_argument("--heldout-classifier", action="store_true",
                    help="measure the guide classifier as a veto on replies it was not trained on")
    args = ap.parse_args()
    guides = args.guide or DEFAULT_GUIDES
    if args.heldout_classifier:
        main_heldout(guides)
        return
    out: list[dict[str, Any]] = []
    t0 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        for g in guides:
            for without_reference in (False, True):
                out.append(measure(g, without_reference, Path(tmp)))
    cpu = time.process_time() - t0
    head = (f"{'guide':<24} {'scorers':<13} {'GOOD rej/n':>10} {'BAD(viol) kept/n':>16} {'BAD(other) kept/n':>17} "
            f"{'OK rej/n':>9} {'pref G>B / tie / B>G / skip':>28} {'KTO GOOD undes.':>15} {'KTO BAD des.':>12}"
            "  GOOD rejected by")
    print(head)
    for r in out:
        c, p = r["counts"], r["prefs"]

        def frac(kind: str, kept: bool, c: dict[str, int] = c) -> str:
            n = c.get(f"{kind}:n", 0)
            k = c.get(f"{kind}:kept", 0)
            return f"{k if kept else n - k}/{n}"

        by = ", ".join(f"{k} {v}" for k, v in sorted(r["good_rejected_by"].items(), key=lambda kv: (-kv[1], kv[0])))
        pref = f"{p.get('good_over_bad', 0)} / {p.get('tie', 0)} / {p.get('bad_over_good', 0)} / {p.get('skipped', 0)}"
        print(f"{r['guide']:<24} {r['scorers']:<13} {frac('good', False):>10} {frac('bad_violating', True):>16} "
              f"{frac('bad_other', True):>17} {frac('ok', False):>9} {pref:>28} "
              f"{c.get('good:kto_undesirable', 0):>15} "
              f"{c.get('bad_violating:kto_desirable', 0) + c.get('bad_other:kto_desirable', 0):>12}  {by}")
    print(f"CPU {cpu:.1f} s")
    name = "data_authority" + (f"-{args.label}" if args.label else "")
    dest = ROOT / "bench" / "results" / f"{name}.json"
    dest.write_text(json.dumps({"cpu_s": round(cpu, 1), "results": out}, indent=1, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
