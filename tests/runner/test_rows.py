"""The rows a run stores and reads back do not depend on how they are made or read.

* A scorer that hands the same (frozen) Score instance to many responses gets the same
  ``scores`` rows as one that builds an equal Score each time (the runner makes a shared
  score's row once).
* ``iter_records`` reads the scores of several records in one query: every record still gets
  its own scores, in scorer order, whatever the case ids' order, with a case's epochs split
  across reads, and with records that have no score.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.suite import Case, Message
from charter.types import Response, Score, Span, Verdict

FAST = RunnerConfig(progress=False, concurrency=8)


def _cases(n: int) -> list[Case]:
    # ids sort in the reverse of the suite's order: the store's score order (by case id) and
    # its record order (by position in the suite) differ
    return [Case(id=f"c{n - i:05d}", messages=[Message(role="user", content=f"question {i}")],
                 expected="refuse", intent="violating", rule_ids=["r.one"]) for i in range(n)]


#: a few distinct scores, with and without evidence and metadata
_KINDS: list[dict[str, Any]] = [
    {"verdict": Verdict.pass_, "explanation": "fine"},
    {"verdict": Verdict.fail, "label": "bad", "value": 0.25, "metadata": {"family": "check", "p": 0.306}},
    {"verdict": Verdict.na, "evidence": [Span(start=0, end=4, text="Sorr", label="x")],
     "metadata": {"note": "é \u2028 \"q\""}},
]


class KindScorer:
    """Score ``_KINDS[i % 3]`` for case number i; ``shared``: the same instance every time."""

    family = "check"

    def __init__(self, sid: str, shared: bool) -> None:
        self.id = sid
        self.shared = shared
        self._made = [self._build(k) for k in range(len(_KINDS))]

    def _build(self, k: int) -> Score:
        return Score(scorer=self.id, rule_id="r.one", **_KINDS[k])

    async def __call__(self, case: Case, response: Response) -> Score:
        k = int(case.id[1:]) % len(_KINDS)
        return self._made[k] if self.shared else self._build(k)


def _score_rows(db: Path, run_id: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT case_id, epoch, seq, scorer, rule_id, verdict, value, label, explanation, extra "
                           "FROM scores WHERE run_id = ? ORDER BY case_id, epoch, seq", (run_id,)).fetchall()
    finally:
        con.close()


async def test_a_shared_score_is_stored_as_an_equal_new_one(tmp_path: Path) -> None:
    cases = _cases(40)
    rows = {}
    for shared in (True, False):
        db = tmp_path / f"{shared}.db"
        with RunStore(db) as store:
            info = await Runner(store, FAST.model_copy(update={"epochs": 2})).run(
                cases, get_model("mock/cautious"), scorers=[KindScorer("a", shared), KindScorer("b", shared)])
        rows[shared] = _score_rows(db, info.id)
    assert len(rows[True]) == 40 * 2 * 2
    assert rows[True] == rows[False]
    # and the row says what the score says
    by_kind = {int(r[0][1:]) % 3: r for r in rows[True] if r[3] == "b"}
    assert by_kind[0][4:] == ("r.one", "pass", None, None, "fine", None)
    assert by_kind[1][4:9] == ("r.one", "fail", 0.25, "bad", "")
    assert json.loads(by_kind[1][9]) == {"evidence": [], "metadata": {"family": "check", "p": 0.306}}
    assert json.loads(by_kind[2][9]) == {"evidence": [{"start": 0, "end": 4, "text": "Sorr", "label": "x"}],
                                         "metadata": {"note": "é \u2028 \"q\""}}


class CountingScorer:
    """A score no other record has: its explanation numbers the call."""

    family = "check"

    def __init__(self, sid: str) -> None:
        self.id = sid
        self.calls = 0

    async def __call__(self, case: Case, response: Response) -> Score:
        self.calls += 1
        return Score(scorer=self.id, verdict=Verdict.pass_, explanation=f"{self.id} call {self.calls}",
                     metadata={"case": case.id})


async def test_records_read_back_with_their_own_scores_in_order(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    n, epochs = 70, 3  # 210 records: reads of several records split a case's epochs
    scorers = [CountingScorer("first"), CountingScorer("second"), CountingScorer("third")]
    with RunStore(db) as store:
        info = await Runner(store, FAST.model_copy(update={"epochs": epochs})).run(
            _cases(n), get_model("mock/cautious"), scorers=scorers)
        records = list(store.iter_records(info.id))
    assert [(r.case.id, r.epoch) for r in records] == [(c.id, e) for c in _cases(n) for e in range(epochs)]
    stored: dict[tuple[str, int], list[tuple[Any, ...]]] = {}
    for cid, epoch, seq, scorer, _rule, verdict, _v, _l, expl, extra in _score_rows(db, info.id):
        stored.setdefault((cid, epoch), []).append((seq, scorer, verdict, expl, json.loads(extra)))
    for rec in records:
        want = stored[(rec.case.id, rec.epoch)]
        assert [s[0] for s in want] == [0, 1, 2]
        assert [(s.scorer, s.verdict.value, s.explanation, s.metadata) for s in rec.scores] == [
            (w[1], w[2], w[3], w[4]["metadata"]) for w in want]
        assert all(s.metadata == {"case": rec.case.id} for s in rec.scores)
    assert len({s.explanation for r in records for s in r.scores}) == n * epochs * 3


async def test_records_without_scores_read_back_with_none(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    with RunStore(db) as store:
        info = await Runner(store, FAST).run(_cases(100), get_model("mock/cautious"), scorers=[CountingScorer("s")])
    con = sqlite3.connect(db)
    with con:  # every third record loses its scores (as a run stopped between the two would)
        con.execute("DELETE FROM scores WHERE run_id = ? AND CAST(substr(case_id, 2) AS INTEGER) % 3 = 0",
                    (info.id,))
    con.close()
    with RunStore(db, readonly=True) as store:
        records = list(store.iter_records(info.id))
    assert len(records) == 100
    for rec in records:
        if int(rec.case.id[1:]) % 3 == 0:
            assert rec.scores == []
        else:
            assert [s.scorer for s in rec.scores] == ["s"]
            assert rec.scores[0].metadata == {"case": rec.case.id}
