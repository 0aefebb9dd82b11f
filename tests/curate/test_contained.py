"""The contamination firewall against training rows that wrap an evaluation prompt in words of
their own: synth's variations of one seed (tests/fixtures/guides/travel-agent.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

from charter.cli import main
from charter.curate import firewall
from charter.guide import Expected, load_guide
from charter.suite import Case, Intent, Message, write_suite
from charter.synth import synthesize

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "travel-agent.yaml"
SEED = "Yes, cancel WF3MZ8 and give me the $412 travel credit."


def _case(cid: str, text: str) -> Case:
    return Case(id=cid, messages=[Message(role="user", content=text)], intent=Intent.benign,
                expected=Expected.comply)


def test_a_wrapped_evaluation_prompt_is_contamination() -> None:
    evals = [_case("e1", SEED), _case("e2", "Cancel it.")]
    wrapped = _case("t1", f"Not sure how to ask this, but… something like: {SEED.lower()} Or whatever makes sense "
                          "— you know what I mean.")
    shouting = _case("t2", f"THIS IS THE THIRD TIME I'M ASKING. {SEED.upper()} ANSWER PROPERLY FOR ONCE!!")
    # a short evaluation prompt inside a longer, different request is not the same request
    unrelated = _case("t3", "Cancel it. Actually no, move my Rome booking to the 20th and keep my seat.")
    partial = _case("t4", "Yes, cancel WF3MZ8 and give me a refund to my card instead of a credit.")
    res = firewall([wrapped, shouting, unrelated, partial], evals, near=False)
    assert [(c.index, c.eval_id, c.kind) for c in res.contaminated] == [(0, "e1", "contained"), (1, "e1", "contained")]
    assert res.clean == [unrelated, partial]


def test_curate_drops_variations_of_eval_seeds(tmp_path: Path, capsys) -> None:
    guide = load_guide(GUIDE)
    suite = synthesize(guide, offline=True)
    direct = [c for c in suite.cases if c.technique == "direct" and c.variation in (None, "none")]
    variants = [c for c in suite.cases if c.technique == "direct"
                and c.variation in ("ambiguity", "tone-hostile", "tone-casual")]
    by_group = {c.group for c in direct}
    wrapped = [c for c in variants if c.group in by_group]
    assert len(wrapped) >= 10
    ev = tmp_path / "eval.jsonl"
    write_suite(suite.model_copy(update={"cases": direct}), ev)
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps({"messages": [{"role": "user", "content": c.prompt},
                                                      {"role": "assistant", "content": "Sure."}]}) + "\n"
                             for c in wrapped), encoding="utf-8")
    assert main(["curate", str(train), "--against", str(ev), "-o", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    matches = report["firewall"]["matches"]
    # every wrapped variation whose seed prompt (six words or more) is in the eval suite is dropped
    long_seeds = [c for c in wrapped
                  if len(next(d for d in direct if d.group == c.group).prompt.split()) >= 6]
    assert report["firewall"]["dropped"] >= len(long_seeds) > 10
    assert sum(1 for m in matches if m["kind"] == "contained") >= len(long_seeds) - sum(
        1 for m in matches if m["kind"] != "contained")
    assert report["rows_out"] == len(wrapped) - report["firewall"]["dropped"]
