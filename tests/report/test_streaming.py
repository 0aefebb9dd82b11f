"""A report reads its run's records once, as a stream, and keeps counts, not records: the pages
it writes are the same whichever way the transcripts come (spooled while loading, or read from
the store again), and the same as counting every record in memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.evaluate import MetricsAccumulator, case_verdict, compute_metrics
from charter.guide import load_guide
from charter.report import (
    StoredRecords,
    diff_runs,
    load_report,
    render_card,
    render_html,
    write_report,
)
from charter.store import RunStore
from tests.report.conftest import eval_run


def _two_runs(minimal_guide_path: Path, suite_path: Path, store_path: Path) -> list[str]:
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious") == 0
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/comply", "--system-prompt", "none") == 0
    with RunStore(store_path) as s:
        return [r.id for r in reversed(s.list_runs())]


@pytest.mark.parametrize("batch", [16, 7, 1])
def test_transcripts_spooled_or_streamed_give_the_same_pages(tmp_path: Path, minimal_guide_path: Path,
                                                             suite_path: Path, store_path: Path, batch: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # the transcripts go to the spool a batch at a time: 60 records in 3 writes and a last of 12, in
    # 8 full batches and a last one of 4, or one write each; the pages are the same
    monkeypatch.setattr("charter.report._data._SPOOL_BATCH", batch)
    guide = load_guide(minimal_guide_path)
    first, second = _two_runs(minimal_guide_path, suite_path, store_path)
    with RunStore(store_path) as store:
        spooled = load_report(store, second, guide=guide)
        streamed = load_report(store, second, guide=guide, transcripts=False)
        before = load_report(store, first, guide=guide)
    # the store is closed: the records are read again from its file, read-only
    assert isinstance(spooled.records, StoredRecords) and len(spooled.records) == 60
    assert [r.case.id for r in spooled.records] == [r.case.id for r in streamed.records]
    for rep in (spooled, streamed, before):
        rep.generated_at = "fixed"
    a = write_report(spooled, tmp_path / "a", others=[before])
    b = write_report(streamed, tmp_path / "b", others=[before])
    for kind in ("html", "markdown", "json", "card"):
        assert a[kind].read_bytes() == b[kind].read_bytes(), kind
    html = a["html"].read_text()
    assert html.count('<details class="case"') == 60
    assert render_html(spooled) == render_html(streamed)
    # writing twice reads the spool from its start again
    assert write_report(spooled, tmp_path / "c")["html"].read_bytes() == \
        write_report(spooled, tmp_path / "d")["html"].read_bytes()
    assert render_card(guide, [spooled]) == render_card(guide, [streamed])


def test_streamed_report_counts_what_the_records_say(tmp_path: Path, minimal_guide_path: Path,
                                                     suite_path: Path, store_path: Path) -> None:
    guide = load_guide(minimal_guide_path)
    first, second = _two_runs(minimal_guide_path, suite_path, store_path)
    with RunStore(store_path) as store:
        recs = {rid: list(store.iter_records(rid)) for rid in (first, second)}
        reps = {rid: load_report(store, rid, guide=guide) for rid in (first, second)}
    rep, recs2 = reps[second], recs[second]
    verdicts = [case_verdict(r.case, r.scores, response=r.response, guide=guide) for r in recs2]
    # metrics: the same as counting the records held in memory
    assert rep.metrics == compute_metrics(recs2, guide=guide)
    fails = [(r.case.id, v) for r, v in zip(recs2, verdicts, strict=True) if v.verdict.value == "fail"]
    assert fails, "the fixture run should fail some cases"
    assert rep.n_failed == len(fails) and [f["case_id"] for f in rep.failures] == [c for c, _ in fails]
    assert [row["case_id"] for row in rep.failed_rows] == [c for c, _ in fails][:50]
    assert rep.n_unscored == sum(v.verdict.value == "n/a" for v in verdicts)
    assert rep.languages == sorted({r.case.language for r in recs2})
    assert rep.rule_ids == sorted({rid for r in recs2 for rid in r.case.rule_ids})
    data = rep.to_json()
    assert len(data["failures"]) == len(fails) and json.dumps(data)
    # the diff of two streamed reports flips exactly the cases whose verdicts changed
    old = {r.case.id: case_verdict(r.case, r.scores, response=r.response, guide=guide).verdict for r in recs[first]}
    expected = sorted(c for c, v in zip((r.case.id for r in recs2), verdicts, strict=True)
                      if old[c] != v.verdict and "n/a" not in (old[c].value, v.verdict.value))
    assert sorted(f.case_id for f in diff_runs(reps[first], rep).flips) == expected
    # the card's policy table for a guide the report was not loaded with is counted from the store
    other = load_guide(minimal_guide_path)
    assert render_card(other, [rep]) == render_card(guide, [rep])


def test_accumulator_equals_compute_metrics_on_any_split(minimal_guide_path: Path, suite_path: Path,
                                                         store_path: Path) -> None:
    guide = load_guide(minimal_guide_path)
    _first, second = _two_runs(minimal_guide_path, suite_path, store_path)
    with RunStore(store_path) as store:
        recs = list(store.iter_records(second))
    acc = MetricsAccumulator(guide)
    for r in recs:
        acc.add(r.case, r.scores, response=r.response)
    assert acc.n_records == len(recs) == 60
    assert acc.metrics() == compute_metrics(recs, guide=guide)
    assert compute_metrics(iter(recs), guide=guide) == compute_metrics(recs, guide=guide)  # a generator is enough
    assert MetricsAccumulator().metrics().n_records == 0
