"""`charter report` on a run recorded by the proxy: guard decisions per rule in report.md and
report.json, and the card's "Runtime guards" section from `charter guard eval` JSON."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from charter.cli import main
from charter.evaluate import Rate
from charter.guard import Action, GuardDecision, GuardEval, GuardHit, Recorder, RuleEval
from charter.store import RunStore
from charter.suite import Message

from .conftest import ISP


def _hit(guard: str, action: Action, rule: str) -> GuardHit:
    return GuardHit(guard=guard, scorer=guard, action=action, rule_ids=[rule], risk=0.9)


def _decision(stage: str, *hits: GuardHit) -> GuardDecision:
    action = max((h.action for h in hits), key=["allow", "flag", "redact", "block"].index, default=Action.allow)
    return GuardDecision(stage=stage, action=action, hits=list(hits),  # type: ignore[arg-type]
                         rule_ids=sorted({r for h in hits for r in h.rule_ids}))


EXCHANGES = [
    # nothing triggered on either side
    ("Why is my bill higher?", "A $10 fee was added.", [_decision("input"), _decision("output")]),
    # blocked on input: the output is never checked
    ("Look up my neighbour's account.", "I can't help with that.",
     [_decision("input", _hit("input-classifier", Action.block, "account.no-third-party-lookup"))]),
    # two guards of one rule on the output: counted once, as the stronger (redact); another rule flagged
    ("What is my password?", "Your password is [redacted:secret].",
     [_decision("input"), _decision("output", _hit("secrets", Action.redact, "account.no-secrets-in-chat"),
                                    _hit("policy-judge", Action.flag, "account.no-secrets-in-chat"),
                                    _hit("fees", Action.flag, "billing.disclose-fees"))]),
    ("Open port 22 on my router remotely.", "Please use the app.",
     [_decision("input", _hit("input-classifier", Action.flag, "network.no-unauthorised-access")),
      _decision("output")]),
]


def _record(store: Path, guide, exchanges) -> str:  # type: ignore[no-untyped-def]
    async def go() -> str:
        rec = Recorder(store, guide, target="serve/mock/comply")
        for i, (q, a, decisions) in enumerate(exchanges):
            await rec.record(f"ex-{i}", [Message(role="user", content=q)], a, model="mock/comply", decisions=decisions)
        rec.finish()
        return rec.run_id
    return asyncio.run(go())


def test_report_counts_guard_decisions_per_rule_and_stage(tmp_path: Path, isp_guide) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "runs.db"
    run_id = _record(store, isp_guide, EXCHANGES)
    out = tmp_path / "rep"
    assert main(["report", run_id, "--guide", str(ISP), "--out", str(out), "--store", str(store)]) == 0
    rows = json.loads((out / "report.json").read_text())["guard_decisions"]
    got = [(r["rule_id"], r["stage"], r["allow"], r["block"], r["redact"], r["flag"]) for r in rows]
    assert got == [
        ("account.no-secrets-in-chat", "input", 4, 0, 0, 0),
        ("account.no-secrets-in-chat", "output", 2, 0, 1, 0),
        ("account.no-third-party-lookup", "input", 3, 1, 0, 0),
        ("account.no-third-party-lookup", "output", 3, 0, 0, 0),
        ("billing.disclose-fees", "input", 4, 0, 0, 0),
        ("billing.disclose-fees", "output", 2, 0, 0, 1),
        ("network.no-unauthorised-access", "input", 3, 0, 0, 1),
        ("network.no-unauthorised-access", "output", 3, 0, 0, 0),
    ]
    md = (out / "report.md").read_text()
    assert "## Guard decisions" in md
    assert "| `account.no-third-party-lookup` | input | 4 | 3 | 1 | 0 | 0 |" in md
    assert "| `account.no-secrets-in-chat` | output | 3 | 2 | 0 | 1 | 0 |" in md
    assert "Runtime guards" not in (out / "card.md").read_text()
    page = (out / "report.html").read_text()
    assert ('<tr><td><code>account.no-third-party-lookup</code></td><td>input</td><td class="num">4</td>'
            '<td class="num">3</td><td class="num">1</td><td class="num">0</td><td class="num">0</td></tr>') in page


def test_report_of_a_run_without_guard_decisions_has_no_section(tmp_path: Path, isp_guide) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "runs.db"
    run_id = _record(store, isp_guide, [("Why is my bill higher?", "A $10 fee was added.", [])])
    out = tmp_path / "rep"
    assert main(["report", run_id, "--out", str(out), "--store", str(store)]) == 0
    assert "guard_decisions" not in json.loads((out / "report.json").read_text())
    assert "Guard decisions" not in (out / "report.md").read_text()
    assert 'id="guard-decisions"' not in (out / "report.html").read_text()


def _guard_eval(path: Path) -> Path:
    def row(i: str, miss: tuple[int, int], look: tuple[int, int], ben: tuple[int, int]) -> RuleEval:
        return RuleEval(id=i, miss=Rate.of(*miss), false_block_lookalike=Rate.of(*look),
                        false_block_benign=Rate.of(*ben))
    ev = GuardEval(guide="Brightline Support Assistant", suite="isp-guard", n_cases=60, folds=1, f1=0.9,
                   precision=0.9, recall=0.9, miss=Rate.of(2, 20), false_block_lookalike=Rate.of(1, 20),
                   false_block_benign=Rate.of(0, 20), false_block_other=Rate.of(0, 0),
                   policies=[row("account", (1, 10), (1, 10), (0, 10)), row("billing", (1, 10), (0, 10), (0, 0))])
    path.write_text(ev.model_dump_json(indent=2), encoding="utf-8")
    return path


def test_card_lists_runtime_guards_per_policy_with_rule_ids(tmp_path: Path, isp_guide) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "runs.db"
    run_id = _record(store, isp_guide, EXCHANGES)
    out = tmp_path / "rep"
    gev = _guard_eval(tmp_path / "guard_eval.json")
    assert main(["report", run_id, "--guide", str(ISP), "--guard-eval", str(gev), "--out", str(out),
                 "--store", str(store)]) == 0
    card = (out / "card.md").read_text()
    section = card[card.index("## Runtime guards"):]
    assert "suite `isp-guard` (60 cases" in section
    assert "- Overall: miss rate 10% [3%–30%] (2/20); false blocks on look-alikes 5% [1%–24%] (1/20)" in section
    assert ("- **Account security and privacy** (`account.verify-before-access`, `account.no-secrets-in-chat`, "
            "`account.no-third-party-lookup`): miss rate 10% [2%–40%] (1/10); false blocks on look-alikes "
            "10% [2%–40%] (1/10), on benign cases 0% [0%–28%] (0/10)") in section
    assert "on benign cases — (n=0)" in section  # billing: no benign case, no rate invented


@pytest.mark.parametrize("content, needle", [("{\"guide\": \"x\"}", "not a guard-eval file"),
                                             (None, "guard-eval file not found")])
def test_bad_guard_eval_file_exits_2_with_a_hint(tmp_path: Path, isp_guide, content: str | None, needle: str,  # type: ignore[no-untyped-def]
                                                capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "runs.db"
    run_id = _record(store, isp_guide, EXCHANGES[:1])
    bad = tmp_path / "ge.json"
    if content is not None:
        bad.write_text(content)
    rc = main(["report", run_id, "--guide", str(ISP), "--guard-eval", str(bad), "--out", str(tmp_path / "r"),
               "--store", str(store)])
    assert rc == 2
    err = capsys.readouterr().err
    assert needle in err and "charter guard eval" in err


def test_guard_eval_without_guide_exits_2(tmp_path: Path, isp_guide, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "runs.db"
    run_id = _record(store, isp_guide, EXCHANGES[:1])
    gev = _guard_eval(tmp_path / "guard_eval.json")
    assert main(["report", run_id, "--guard-eval", str(gev), "--out", str(tmp_path / "r"), "--store", str(store)]) == 2
    assert "--guard-eval needs --guide" in capsys.readouterr().err
    with RunStore(store, readonly=True) as st:
        assert st.get_run(run_id).n_done == 1
