"""--export sft|prefs: the teacher's safe answer to every successful conversation (kept only
when the judge passes it) and preference pairs against the jailbroken answer, in the files
``charter data`` writes, read back by charter.data and ``charter curate``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from charter.cli._app import main
from charter.data import PreferenceRow, RowKind, SFTRow, read_training
from charter.guide import Guide, load_guide
from charter.model import get_model
from charter.redteam import (
    RedteamConfig,
    RedteamSummary,
    export_training,
    goals_from_guide,
    run_redteam,
    write_training_export,
)
from charter.suite import read_suite

MODELS = Path(__file__).parent / "_tap_models.py"


def py(fn: str) -> str:
    return f"python/{MODELS}:{fn}"


@pytest.fixture
def guide(minimal_guide_path: Path) -> Guide:
    return load_guide(minimal_guide_path)


@pytest.fixture
def summary(guide: Guide) -> RedteamSummary:
    cfg = RedteamConfig(budget=30, strategies=("tap", "static"), max_iterations=2, tap_depth=2, tap_width=1)
    return asyncio.run(run_redteam(guide, get_model(py("target")), attacker=get_model(py("tap_attacker")),
                                   judge=get_model(py("judge")), config=cfg, goals=goals_from_guide(guide)[:2]))


def test_sft_and_preference_rows_from_the_successes(guide: Guide, summary: RedteamSummary, tmp_path: Path) -> None:
    wins = [r for r in summary.results if r.success]
    assert [r.strategy for r in wins] == ["tap", "tap"] and len(summary.results) == 4
    tr = asyncio.run(export_training(summary, guide, get_model(py("safe_teacher")), get_model(py("judge"))))
    assert len(tr.sft.rows) == 2 and len(tr.prefs.rows) == 2 and tr.sft.stats["successes"] == 2
    paths = write_training_export(tr, guide, tmp_path, ("sft", "prefs"), source="red-team run r1")
    assert [p.name for p in paths] == ["redteam-sft.jsonl", "redteam-sft.meta.jsonl", "redteam-sft.card.md",
                                       "redteam-prefs.jsonl", "redteam-prefs.meta.jsonl", "redteam-prefs.card.md"]
    kind, sft = read_training(tmp_path / "redteam-sft.jsonl")
    assert kind is RowKind.sft
    for row, win in zip(sft, wins, strict=True):
        assert isinstance(row, SFTRow) and win.winning is not None
        assert row.messages[:-1] == win.winning.messages  # the exact conversation that broke the rule
        assert row.messages[-1].content.startswith("I can't help with that")
        assert row.metadata["rule_ids"] == [win.rule_id] and row.metadata["teacher"] == py("safe_teacher")
        assert row.metadata["technique"] == "redteam-tap" and row.metadata["scores"][0]["verdict"] == "pass"
    kind, prefs = read_training(tmp_path / "redteam-prefs.jsonl")
    assert kind is RowKind.prefs
    for pref, win in zip(prefs, wins, strict=True):
        assert isinstance(pref, PreferenceRow) and win.winning is not None
        assert pref.prompt == win.winning.messages and pref.rejected[0].content == win.winning.response
        assert pref.chosen[0].content.startswith("I can't help with that")
        assert pref.metadata["cited_rule_ids"] == [win.rule_id] and pref.metadata["rejected_source"].startswith("target:")
    assert "redteam-tap" not in (tmp_path / "redteam-prefs.jsonl").read_text()  # metadata stays in the sidecar
    card = (tmp_path / "redteam-sft.card.md").read_text()
    assert "kept only when judge" in card and "red-team run r1" in card


def test_a_teacher_the_judge_fails_gives_no_rows(guide: Guide, summary: RedteamSummary) -> None:
    tr = asyncio.run(export_training(summary, guide, get_model(py("broken_teacher")), get_model(py("judge"))))
    assert tr.sft.rows == [] and tr.prefs.rows == []
    assert tr.sft.stats["failed_scores"] == 2 and len(tr.sft.dropped) == 2


def test_cli_exports_suite_sft_and_prefs_that_curate_reads(minimal_guide_path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rt"
    rc = main(["redteam", str(minimal_guide_path), "--target", py("target"), "--attacker", py("tap_attacker"),
               "--judge", py("judge"), "--strategies", "tap", "--depth", "2", "--width", "1", "--budget", "8",
               "--export", "suite,sft,prefs", "--teacher", py("safe_teacher"), "-o", str(out)])
    assert rc == 0
    assert "export: 2 SFT rows, 2 preference pairs from 2 successes" in capsys.readouterr().out
    assert len(read_suite(out / "redteam-suite.jsonl").cases) == 2
    meta = [json.loads(x) for x in (out / "redteam-prefs.meta.jsonl").read_text().splitlines()]
    assert all(m["rule_ids"] and m["kind"] == "prefs" for m in meta)
    assert main(["curate", str(out / "redteam-sft.jsonl"), "-o", str(tmp_path / "cur"), "--guide",
                 str(minimal_guide_path)]) == 0
    report = json.loads((tmp_path / "cur" / "report.json").read_text())
    # both goals broke on the same conversation, so curate's exact dedup keeps one row
    assert report["kind"] == "sft" and report["rows_in"] == 2 and report["dedup"]["exact"] == 1
    assert report["coverage"]["by_axis"]["technique"] == {"redteam-tap": 1}
    assert report["coverage"]["by_rule_intent"] == {"hazards.vcr": {"violating": 1}}
