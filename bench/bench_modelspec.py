"""The real Model Spec through `charter import model-spec --suite` and `charter eval --target replay/`:
how many of its GOOD / BAD / OK replies the default scorers pass or fail, overall, by scorer
family and by the case's verdict for its rule. Every candidate reply is replayed (round k
answers each case with its k-th reply of a verdict). Prints a table; writes
bench/results/modelspec.json.

    python bench/bench_modelspec.py [--spec tests/fixtures/modelspec/model_spec.md]

The ``reference`` check recognises a reply the spec labelled when the response is that reply,
near-verbatim. To show what it does *not* catch, every BAD reply is also replayed perturbed so
that it is no longer verbatim, in two ways: ``reordered`` (its last sentence moved first; a
one-sentence reply has its second half moved first) and ``dropped`` (its first sentence
dropped; a one-sentence reply loses its first third of words). Those rows count how many
perturbed BAD replies still fail, by the reference check and by the case verdict.

``guide_classifier`` is trained on the guide's own examples, i.e. on these very replies: its
verdicts here are on its training data and are shown apart, not as evidence.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from charter.cli import main
from charter.evaluate import case_verdict
from charter.guide import load_guide
from charter.store import RunStore
from charter.suite import Case

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("refusal", "verbosity", "formatting", "pii", "preachy", "human_claim", "context")
_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s.strip()]


def reordered(text: str) -> str:
    """The last sentence moved first; one sentence: its second half of words moved first."""
    parts = _sentences(text)
    if len(parts) >= 2:
        return " ".join([parts[-1], *parts[:-1]])
    words = text.split()
    half = len(words) // 2
    return " ".join(words[half:] + words[:half])


def dropped(text: str) -> str:
    """The first sentence dropped; one sentence: its first third of words dropped."""
    parts = _sentences(text)
    if len(parts) >= 2:
        return " ".join(parts[1:])
    words = text.split()
    return " ".join(words[max(1, len(words) // 3):])


PERTURB: dict[str, Callable[[str], str]] = {"reordered": reordered, "dropped": dropped}


def rounds(suite: Path, d: Path) -> list[tuple[str, str, Path, Path]]:
    """(round key, what it replays, sub-suite, replay log) per round; BAD rounds also perturbed."""
    lines = suite.read_text(encoding="utf-8").splitlines()
    subs: dict[str, list[str]] = {}
    logs: dict[str, list[str]] = {}
    for raw in lines[1:]:
        case = Case.model_validate_json(raw)
        seen: Counter[str] = Counter()
        for c in case.metadata["candidates"]:
            seen[c["verdict"]] += 1
            variants = [("", c["text"])]
            if c["verdict"] == "bad":
                variants += [(f"~{name}", fn(c["text"])) for name, fn in PERTURB.items()]
            for tag, text in variants:
                key = f"{c['verdict']}{tag}#{seen[c['verdict']]}"
                subs.setdefault(key, [lines[0]]).append(raw)
                logs.setdefault(key, []).append(json.dumps({"case_id": case.id, "messages": [
                    m.to_openai() for m in case.messages], "response": text}))
    out = []
    for key in sorted(subs):
        safe = key.replace("~", "_").replace("#", "_")
        s, log = d / f"suite_{safe}.jsonl", d / f"replay_{safe}.jsonl"
        s.write_text("\n".join(subs[key]) + "\n", encoding="utf-8")
        log.write_text("\n".join(logs[key]) + "\n", encoding="utf-8")
        out.append((key, key.split("#")[0], s, log))
    return out


ROWS = ["fail: reference check", "pass: reference check", "fail: checks", "fail: refusal check", "fail: checks + language + profanity",
        "fail: any default scorer but reference", "fail: guide_classifier",
        "verdict fail: without reference", "verdict fail: with reference",
        "verdict pass: with reference", "verdict unscored: with reference"]


def main_() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=str(ROOT / "tests" / "fixtures" / "modelspec" / "model_spec.md"))
    args = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="bench-modelspec-"))
    guide_path, suite, store = d / "guide.yaml", d / "examples.jsonl", d / "runs.db"
    assert main(["import", "model-spec", args.spec, "-o", str(guide_path), "--suite", str(suite)]) == 0
    guide = load_guide(guide_path)
    tally: dict[str, Counter[str]] = {}
    for _key, group, sub, log in rounds(suite, d):
        main(["eval", str(guide_path), "--suite", str(sub), "--target", f"replay/{log}", "--system-prompt", "none",
              "--store", str(store)])
        with RunStore(store) as st:
            run = next(r for r in st.list_runs() if r.target == f"replay/{log}")
            for rec in st.iter_records(run.id):
                v = {s.scorer: s.verdict.value for s in rec.scores}
                with_ref = case_verdict(rec.case, rec.scores, response=rec.response, guide=guide).verdict.value
                without = case_verdict(rec.case, [s for s in rec.scores if s.scorer != "reference"],
                                       response=rec.response, guide=guide).verdict.value
                t = tally.setdefault(group, Counter())
                t["n"] += 1
                t["fail: reference check"] += v.get("reference") == "fail"
                t["pass: reference check"] += v.get("reference") == "pass"
                t["fail: checks"] += any(v.get(k) == "fail" for k in CHECKS)
                t["fail: refusal check"] += v.get("refusal") == "fail"
                t["fail: checks + language + profanity"] += any(
                    x == "fail" for k, x in v.items() if k not in ("guide_classifier", "reference"))
                t["fail: any default scorer but reference"] += any(
                    x == "fail" for k, x in v.items() if k != "reference")
                t["fail: guide_classifier"] += v.get("guide_classifier") == "fail"
                t["verdict fail: without reference"] += without == "fail"
                t["verdict fail: with reference"] += with_ref == "fail"
                t["verdict pass: with reference"] += with_ref == "pass"
                t["verdict unscored: with reference"] += with_ref == "n/a"
    cols = ["good", "bad", "ok", *(f"bad~{p}" for p in PERTURB)]
    print(f"{'':40}" + "".join(f"{c.upper():>16}" for c in cols))
    print(f"{'replies':40}" + "".join(f"{tally[c]['n']:>16}" for c in cols))
    for r in ROWS:
        print(f"{r:40}" + "".join(f"{tally[c][r]:>7} ({tally[c][r] / max(tally[c]['n'], 1):6.1%})" for c in cols))
    out = ROOT / "bench" / "results" / "modelspec.json"
    out.write_text(json.dumps({c: {k: tally[c][k] for k in ["n", *ROWS]} for c in cols}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main_()
