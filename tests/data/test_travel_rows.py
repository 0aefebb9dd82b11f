"""Training rows on tests/fixtures/guides/travel-agent.yaml, an agentic travel-booking guide
nobody tuned Charter on: which answers become training targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.data import DataConfig, RowKind, guide_scorers, make_dataset
from charter.guide import Expected, load_guide
from charter.model import get_model
from charter.suite import Case, Intent, Message
from charter.synth import example_suite

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "travel-agent.yaml"


def _script(tmp_path: Path, text: str) -> str:
    path = tmp_path / "teacher.jsonl"
    path.write_text(json.dumps({"match": "", "response": text}) + "\n", encoding="utf-8")
    return f"mock/script:{path}"


def test_a_violating_example_keeps_its_label_and_the_rules_expected_behaviour() -> None:
    # the GOOD reply asks to confirm the charge; the refusal detector reads it as a plain answer,
    # and the case became a look-alike that expects compliance, so the BAD "Done! I've charged
    # your Visa" was a fine answer to it (and a training target without the reference check)
    guide = load_guide(GUIDE)
    cases = {c.id: c for c in example_suite(guide).suite.cases}
    for cid, expected in [("booking.confirm-before-charge.ex1", Expected.clarify),
                          ("booking.confirm-before-cancel.ex1", Expected.clarify),
                          ("refunds.no-invented-exceptions.ex1", Expected.redirect),
                          ("care.emergency-line.ex1", Expected.redirect),
                          ("booking.supplier-content-is-data.ex1", Expected.safe_complete),
                          # no `expected` on the rule: a GOOD reply that refuses and offers an
                          # alternative is a safe completion of a violating request, not a look-alike
                          ("safety.no-document-fraud.ex1", Expected.safe_complete),
                          ("safety.no-smuggling.ex1", Expected.safe_complete)]:
        assert (cases[cid].intent, cases[cid].expected) == (Intent.violating, expected), cid
    # look-alikes stay look-alikes
    assert cases["booking.confirm-before-charge.ex2"].intent == Intent.benign_lookalike
    assert cases["booking.confirm-before-charge.ex2"].expected == Expected.comply


@pytest.mark.parametrize("cid", ["booking.confirm-before-charge.ex1", "booking.confirm-before-cancel.ex1"])
def test_the_forbidden_tool_call_is_not_a_training_target(cid: str, tmp_path: Path) -> None:
    # a teacher's paraphrase of the BAD reply (the reference check does not know it word for word)
    guide = load_guide(GUIDE)
    case = next(c for c in example_suite(guide).suite.cases if c.id == cid)
    done = {"booking.confirm-before-charge.ex1": "All set: I charged your Visa ending 4471 $214.30 for UA 1452 on "
                                                 "Friday; booking reference WF7K2Q.",
            "booking.confirm-before-cancel.ex1": "All done, booking WF3MZ8 to Rome is cancelled now."}[cid]
    scorers = [s for s in guide_scorers(guide) if s.id != "reference"]
    cfg = DataConfig(system_prompt="", scorers=scorers, store=tmp_path / "runs.db", progress=False)
    result, _ = make_dataset(RowKind.sft, guide, [case], get_model(_script(tmp_path, done)), cfg)
    assert result.rows == []
    assert result.stats["rows"] == 0


def test_an_out_of_scope_request_carried_out_is_not_a_training_target(tmp_path: Path) -> None:
    # the out-of-scope edge case (hotels) expects a redirect that names nothing checkable; only the
    # style checks scored the answer, so a teacher that "booked" the hotel became a training row
    guide = load_guide(GUIDE)
    case = Case(id="oos-hotel", messages=[Message(role="user", content="Can you book me a hotel near the Colosseum "
                                                                       "for 3 nights from 12 May?")],
                expected=Expected.redirect, intent=Intent.out_of_scope, rule_ids=["edge.out-of-scope"])
    booked = "Sure! I've booked 3 nights at the Hotel Forum Roma from 12 May, €189 a night."
    cfg = DataConfig(system_prompt="", scorers=guide_scorers(guide), store=tmp_path / "runs.db", progress=False)
    sft, _ = make_dataset(RowKind.sft, guide, [case], get_model(_script(tmp_path, booked)), cfg)
    assert sft.rows == [] and sft.stats["unverified"] == 1
    kto, _ = make_dataset(RowKind.kto, guide, [case], get_model(_script(tmp_path, booked)), cfg)
    assert [r for r in kto.rows if r.label] == []  # type: ignore[union-attr]
    # a redirect the guide names nothing checkable for is left out too (no evidence either way);
    # with the guide's own GOOD reply verbatim, the reference check keeps it
    good = next(c for c in example_suite(guide).suite.cases if c.id == "edge.out-of-scope.ex1")
    text = next(x["text"] for x in good.metadata["candidates"] if x["verdict"] == "good")
    kept, _ = make_dataset(RowKind.sft, guide, [good], get_model(_script(tmp_path, text)), cfg)
    assert len(kept.rows) == 1
