"""The run store: runs, records, idempotent writes, and clear errors on bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import charter.store as store_pkg
from charter.errors import StoreError
from charter.model import ModelOutput, TokenLogprob, Usage
from charter.store import (
    SCHEMA_VERSION,
    CacheRow,
    CaseRow,
    RequestRow,
    ResponseRow,
    RunStore,
    ScoreRow,
    WriteBatch,
    decode_output,
    default_store_path,
    encode_output,
)
from charter.suite import Case, Message
from charter.types import Verdict


def _run(store: RunStore, name: str = "r") -> str:
    return store.create_run(name=name, target="mock/refuse", guide_hash="g", suite_hash=None,
                            config={"a": 1}, metadata={"m": "x"})


def _case(i: int) -> Case:
    return Case(id=f"c{i}", messages=[Message(role="user", content=f"q{i}")], expected="refuse", intent="violating")


def _batch(rid: str, ids: list[int], epochs: int = 1, error_on: int | None = None) -> WriteBatch:
    b = WriteBatch()
    for n, i in enumerate(ids):
        c = _case(i)
        b.cases.append(CaseRow(rid, c.id, n, c.model_dump_json()))
        for e in range(epochs):
            err = "boom" if i == error_on else None
            b.requests.append(RequestRow(rid, c.id, e, f"k{i}.{e}", "mock/refuse", 1, 0.5, 0.0))
            b.responses.append(ResponseRow(rid, c.id, e, "" if err else f"a{i}", "mock/refuse", err, 3, 4, 0.01, 0, None))
            b.scores.append(ScoreRow(rid, c.id, e, 0, "chk", "rule.a", "error" if err else "pass", 1.0, None, "why", None))
            b.scores.append(ScoreRow(rid, c.id, e, 1, "j", None, "fail", None, "lbl", "",
                                     '{"evidence": [{"start": 0, "end": 1, "text": "a"}], "metadata": {"x": 1}}'))
    return b


def test_typed_rows_follow_the_column_order_of_their_tables(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as s:
        for table, row in [("cases", CaseRow), ("requests", RequestRow), ("responses", ResponseRow),
                           ("scores", ScoreRow), ("cache", CacheRow)]:
            cols = tuple(r[1] for r in s.con.execute(f"PRAGMA table_info({table})"))
            assert row._fields == cols, table


def test_public_api_sorted() -> None:
    # isort-style (ruff RUF022): constants first, then names in order
    assert store_pkg.__all__ == sorted(store_pkg.__all__, key=lambda n: (not n.isupper(), n))
    assert {"RunInfo", "RunRecord", "RunStore"} <= set(store_pkg.__all__)


def test_default_path_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_store_path().parent.name == "charter-home"
    monkeypatch.setenv("CHARTER_STORE", str(tmp_path / "x.db"))
    assert default_store_path() == tmp_path / "x.db"
    with RunStore() as s:
        assert s.path == tmp_path / "x.db" and (tmp_path / "x.db").exists()


def test_create_get_list_delete_and_prefixes(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as s:
        a, b = _run(s, "first"), _run(s, "second")
        assert a.startswith("r") and len(a) == 13 and a != b
        info = s.get_run(a)
        assert (info.name, info.status, info.target, info.guide_hash, info.config, info.metadata) == \
            ("first", "running", "mock/refuse", "g", {"a": 1}, {"m": "x"})
        assert [r.id for r in s.list_runs()] == sorted([a, b], reverse=True)
        assert s.get_run(a[:-1]).id == a
        with pytest.raises(StoreError, match="ambiguous"):
            s.get_run("r")
        with pytest.raises(StoreError, match="no run 'nope'") as ei:
            s.get_run("nope")
        assert "charter runs" in str(ei.value)
        s.set_status(a, "complete")
        assert s.get_run(a).status == "complete" and s.get_run(a).finished_at is not None
        s.commit(_batch(a, [1, 2]))
        s.delete_run(a)
        assert [r.id for r in s.list_runs()] == [b]
        assert s.con.execute("SELECT count(*) FROM responses").fetchone()[0] == 0


def test_records_roundtrip_in_order_and_writes_are_idempotent(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as s:
        rid = _run(s)
        s.commit(_batch(rid, [5, 3, 9], epochs=2, error_on=9))
        s.commit(_batch(rid, [5, 3, 9], epochs=2, error_on=9))  # a replay changes nothing
        recs = list(s.iter_records(rid))
        assert [(r.case.id, r.epoch) for r in recs] == [("c5", 0), ("c5", 1), ("c3", 0), ("c3", 1), ("c9", 0), ("c9", 1)]
        r0 = recs[0]
        assert r0.response.text == "a5" and r0.usage == Usage(input_tokens=3, output_tokens=4, cost=0.01)
        assert [sc.scorer for sc in r0.scores] == ["chk", "j"] and r0.scores[0].verdict == Verdict.pass_
        assert r0.scores[1].evidence[0].text == "a" and r0.scores[1].metadata == {"x": 1}
        assert r0.latency_s == 0.5 and r0.attempts == 1 and r0.request_key == "k5.0"
        info = s.get_run(rid)
        assert (info.n_cases, info.n_done, info.n_errors) == (3, 6, 2)
        assert info.usage.input_tokens == 18
        assert s.done_keys(rid) == {(f"c{i}", e) for i in (5, 3, 9) for e in (0, 1)}
        assert s.drop_errors(rid) == 2
        assert s.get_run(rid).n_done == 4 and s.case_positions(rid) == {"c5": 0, "c3": 1, "c9": 2}
        assert s.verdict_counts(rid) == [("chk", "rule.a", "pass", 4), ("j", None, "fail", 4)]


def test_identical_score_rows_read_back_as_one_shared_score(tmp_path: Path) -> None:
    # most passing checks write the same row for every response: one (frozen) Score per read,
    # with every field as written; a row that differs in any field is its own Score
    with RunStore(tmp_path / "runs.db") as s:
        rid = _run(s)
        b = _batch(rid, [1, 2, 3])
        b.scores.append(ScoreRow(rid, "c3", 0, 2, "chk", "rule.a", "pass", 1.0, None, "why not", None))
        s.commit(b)
        recs = list(s.iter_records(rid))
        chk = [r.scores[0] for r in recs]
        assert chk[0] is chk[1] is chk[2]
        assert (chk[0].scorer, chk[0].rule_id, chk[0].verdict, chk[0].value, chk[0].explanation) == \
            ("chk", "rule.a", Verdict.pass_, 1.0, "why")
        assert recs[0].scores[1] is recs[2].scores[1] and recs[0].scores[1].metadata == {"x": 1}
        odd = recs[2].scores[2]
        assert odd is not chk[0] and odd.explanation == "why not" and len(recs[2].scores) == 3
        again = list(s.iter_records(rid))  # a new read builds its own
        assert again[0].scores[0] == chk[0] and again[0].scores[0] is not chk[0]


def test_cache_roundtrip(tmp_path: Path) -> None:
    out = ModelOutput(model="m", choices=["a", "b"], finish_reason="length", usage=Usage(input_tokens=1, output_tokens=2, cost=0.5),
                      logprobs=[TokenLogprob(token="a", logprob=-0.1, top={"a": -0.1, "b": -2})])
    with RunStore(tmp_path / "runs.db") as s:
        assert s.cache_get("k") is None and not s.cache_has_model("m")
        s.commit(WriteBatch(cache=[CacheRow("k", "m", encode_output(out), 0.0)]))
        back = decode_output(s.cache_get("k") or "")
        assert s.cache_has_model("m") and s.cache_size() == 1
    assert back.cached and back.choices == ["a", "b"] and back.usage == out.usage and back.logprobs == out.logprobs
    assert back.finish_reason == "length" and back.model == "m"


@pytest.mark.parametrize("row", ["", "not json", "[]", '{"m": 1}', '["m", "ab", null, 1, 2, 0.0, null]',
                                 '["m", ["a"], 3, 1, 2, 0.0, null]', '["m", ["a"], null, true, 2, 0.0, null]',
                                 '["m", ["a"], null, 1, 2, 0.0, [["a", -0.1]]]'])
def test_decode_output_refuses_a_row_of_another_shape(row: str) -> None:
    with pytest.raises(ValueError, match="unreadable cache row"):
        decode_output(row)


def test_reopen_keeps_data_and_schema_version(tmp_path: Path) -> None:
    p = tmp_path / "runs.db"
    with RunStore(p) as s:
        rid = _run(s)
    with RunStore(p) as s:
        assert s.get_run(rid).name == "r"
        assert s.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_empty_file_is_adopted(tmp_path: Path) -> None:
    p = tmp_path / "runs.db"
    p.touch()
    with RunStore(p) as s:
        assert s.list_runs() == []


def test_not_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "runs.db"
    p.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match=r"not a Charter run store.*not an SQLite database") as ei:
        RunStore(p)
    assert "--store" in str(ei.value) and p.read_text().startswith("these are my notes")


def test_foreign_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    p = tmp_path / "other.db"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE people (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="another application"):
        RunStore(p)
    con = sqlite3.connect(p)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["people"]
    con.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "runs.db"
    RunStore(p).close()
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer than this Charter") as ei:
        RunStore(p)
    assert "upgrade" in str(ei.value)


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "runs.db"
    with RunStore(p) as s:
        _run(s)
        s.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(p.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page, keep the header
    p.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt") as ei:
        with RunStore(p) as s:
            s.list_runs()
    assert "move the file aside" in str(ei.value)


def test_directory_and_locked_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        RunStore(tmp_path)
    p = tmp_path / "runs.db"
    RunStore(p).close()
    other = sqlite3.connect(p, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with RunStore(p, busy_timeout=0.05) as s, pytest.raises(StoreError, match="locked by another process"):
            _run(s)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_closed_store_says_so(tmp_path: Path) -> None:
    s = RunStore(tmp_path / "runs.db")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.list_runs()


def test_score_extras_read_back_as_written_even_where_fast_json_refuses(tmp_path: Path) -> None:
    """Score extras are read with orjson when installed; NaN, infinities and integers beyond 64
    bits (which ``json.dumps`` writes and orjson refuses) still come back."""
    import json
    import math

    meta = {"p": float("nan"), "inf": float("inf"), "big": 2**70, "s": "é\\n", "nested": {"a": [1, 2.5, None]}}
    with RunStore(tmp_path / "runs.db") as s:
        rid = _run(s)
        b = _batch(rid, [1])
        b.scores.append(ScoreRow(rid, "c1", 0, 2, "odd", None, "pass", None, None, "",
                                 json.dumps({"evidence": [], "metadata": meta})))
        s.commit(b)
        (rec,) = s.iter_records(rid)
        got = rec.scores[2].metadata
    assert math.isnan(got["p"]) and got["inf"] == math.inf and got["big"] == 2**70
    assert {k: got[k] for k in ("s", "nested")} == {"s": "é\\n", "nested": {"a": [1, 2.5, None]}}


@settings(max_examples=300, deadline=None)
@example(model="m\ud800", choices=["a\udfff"], finish=None, tin=0, tout=0, cost=0.0)
@example(model="m", choices=["é 😀 \u2028"], finish="stop", tin=1, tout=2, cost=1e-06)
@given(model=st.text(), choices=st.lists(st.text(), max_size=3), finish=st.none() | st.text(max_size=8),
       tin=st.integers(0, 2**40), tout=st.integers(0, 2**40),
       cost=st.floats(allow_nan=True, allow_infinity=True) | st.floats(0, 10))
def test_cache_entry_reads_back_as_the_output_it_encodes(model: str, choices: list[str], finish: str | None,
                                                         tin: int, tout: int, cost: float) -> None:
    """encode_output writes through orjson when it can and through json otherwise (NaN,
    infinities, lone surrogates); either way decode_output gives back the same values, and
    what it writes parses to what json.dumps would have written."""
    import json
    import math

    out = ModelOutput.model_construct(model=model, choices=choices, finish_reason=finish, logprobs=None,
                                      usage=Usage.model_construct(input_tokens=tin, output_tokens=tout, cost=cost))
    data = encode_output(out)
    back = decode_output(data)
    assert back.model == model and back.choices == choices and back.finish_reason == finish
    assert back.usage.input_tokens == tin and back.usage.output_tokens == tout and back.logprobs is None
    assert back.usage.cost == cost or (math.isnan(cost) and math.isnan(back.usage.cost))
    reference = json.dumps([model, choices, finish, tin, tout, cost, None], ensure_ascii=False)
    if not math.isnan(cost):
        assert json.loads(data) == json.loads(reference)
