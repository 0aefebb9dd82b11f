"""The real Model Spec through `charter import model-spec --suite` and `charter eval --target replay/`:
how many of its GOOD / BAD / OK replies the default scorers pass or fail, overall and by scorer
family. Every candidate reply is replayed (round k answers each case with its k-th reply of a
verdict). Prints a table; writes bench/results/modelspec.json.

    python bench/bench_modelspec.py [--spec tests/fixtures/modelspec/model_spec.md]

``guide_classifier`` is trained on the guide's own examples, i.e. on these very replies: its
verdicts here are on its training data and are shown apart, not as evidence.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from charter.cli import main
from charter.store import RunStore
from charter.suite import Case

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("refusal", "verbosity", "formatting", "pii", "preachy", "human_claim", "context")


def rounds(suite: Path, d: Path) -> list[tuple[str, str, Path, Path]]:
    lines = suite.read_text(encoding="utf-8").splitlines()
    subs: dict[str, list[str]] = {}
    logs: dict[str, list[str]] = {}
    for raw in lines[1:]:
        case = Case.model_validate_json(raw)
        seen: Counter[str] = Counter()
        for c in case.metadata["candidates"]:
            seen[c["verdict"]] += 1
            key = f"{c['verdict']}{seen[c['verdict']]}"
            subs.setdefault(key, [lines[0]]).append(raw)
            logs.setdefault(key, []).append(json.dumps({"case_id": case.id, "messages": [
                m.to_openai() for m in case.messages], "response": c["text"]}))
    out = []
    for key in sorted(subs):
        s, log = d / f"suite_{key}.jsonl", d / f"replay_{key}.jsonl"
        s.write_text("\n".join(subs[key]) + "\n", encoding="utf-8")
        log.write_text("\n".join(logs[key]) + "\n", encoding="utf-8")
        out.append((key, key.rstrip("0123456789"), s, log))
    return out


def main_() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=str(ROOT / "tests" / "fixtures" / "modelspec" / "model_spec.md"))
    args = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="bench-modelspec-"))
    guide, suite, store = d / "guide.yaml", d / "examples.jsonl", d / "runs.db"
    assert main(["import", "model-spec", args.spec, "-o", str(guide), "--suite", str(suite)]) == 0
    tally: dict[str, Counter[str]] = {v: Counter() for v in ("good", "bad", "ok")}
    for _key, verdict, sub, log in rounds(suite, d):
        main(["eval", str(guide), "--suite", str(sub), "--target", f"replay/{log}", "--system-prompt", "none",
              "--store", str(store)])
        with RunStore(store) as st:
            run = next(r for r in st.list_runs() if r.target == f"replay/{log}")
            for rec in st.iter_records(run.id):
                v = {s.scorer: s.verdict.value for s in rec.scores}
                t = tally[verdict]
                t["n"] += 1
                t["fail: any default scorer"] += "fail" in v.values()
                t["fail: checks"] += any(v.get(k) == "fail" for k in CHECKS)
                t["fail: refusal check"] += v.get("refusal") == "fail"
                t["fail: all but guide_classifier"] += any(x == "fail" for k, x in v.items() if k != "guide_classifier")
                t["fail: guide_classifier"] += v.get("guide_classifier") == "fail"
    rows = ["fail: any default scorer", "fail: checks", "fail: refusal check", "fail: all but guide_classifier",
            "fail: guide_classifier"]
    print(f"{'':34}" + "".join(f"{v.upper():>16}" for v in tally))
    print(f"{'replies':34}" + "".join(f"{tally[v]['n']:>16}" for v in tally))
    for r in rows:
        print(f"{r:34}" + "".join(f"{tally[v][r]:>7} ({tally[v][r] / max(tally[v]['n'], 1):6.1%})" for v in tally))
    out = ROOT / "bench" / "results" / "modelspec.json"
    out.write_text(json.dumps({v: dict(t) for v, t in tally.items()}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main_()
