"""The runner calls a check that offers ``as_sync()`` as a plain function instead of awaiting a
coroutine per check. The stored records must be exactly those of the awaited path: the guide's
default scorers, a check that raises, a check that returns no Score, a failed model call."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest

from charter.evaluate import CheckScorer, build_scorers
from charter.guide import load_guide
from charter.model import Model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.suite import Case, Message
from charter.types import Response, Score, Verdict
from tests.runner.helpers import ScriptedAPI

ROOT = Path(__file__).resolve().parents[2]
FAST = RunnerConfig(progress=False, concurrency=4)


class Raises(CheckScorer):
    id: ClassVar[str] = "raises"

    def evaluate(self, case: Case, response: Response) -> Score:
        if "boom" in response.text:
            raise ValueError("the check broke on 'boom'")
        return self.make_fixed(case, Verdict.pass_, explanation="no boom")


class NotAScore(CheckScorer):
    id: ClassVar[str] = "not_a_score"

    def evaluate(self, case: Case, response: Response) -> Score:
        return {"verdict": "pass"}  # type: ignore[return-value]  # a broken plugin


class AsyncScore(CheckScorer):
    """Overrides ``score``: must be awaited (``as_sync`` gives None)."""

    id: ClassVar[str] = "async_score"

    def evaluate(self, case: Case, response: Response) -> Score:
        return self.make_fixed(case, Verdict.fail, explanation="evaluate is not what runs")

    async def score(self, case: Case, response: Response) -> Score:
        return self.make_fixed(case, Verdict.pass_, explanation="the async score ran")


class Awaited:
    """A scorer wrapped so that the runner can only await it (no ``as_sync``)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.id = inner.id
        self.family = inner.family

    async def __call__(self, case: Case, response: Response) -> Score:
        return await self.inner(case, response)  # type: ignore[no-any-return]


def _cases() -> list[Case]:
    guide = load_guide(ROOT / "examples" / "isp-support.yaml")
    texts = ["Hello from the stub.", "I'm sorry, but I can't help with that.", "boom goes the router",
             "Restart the router: unplug it for 30 seconds, then plug it back in and wait two minutes.",
             "FAIL", ""]
    out = []
    for i, rule in enumerate(guide.rules[:12]):
        refuse = rule.kind.value == "must_not"
        out.append(Case(id=f"c{i:03d}", messages=[Message(role="user", content=f"{texts[i % len(texts)]}")],
                        expected="refuse" if refuse else "comply", intent="violating" if refuse else "benign",
                        rule_ids=[rule.id]))
    return out


def _behave(prompt: str, n: int) -> str:
    if prompt == "FAIL":
        from charter.errors import ModelError

        raise ModelError("stub failure", retryable=False)
    return prompt


async def _rows(tmp_path: Path, name: str, scorers: list[Any]) -> list[tuple[Any, ...]]:
    guide_path = ROOT / "examples" / "isp-support.yaml"
    cases = _cases()
    with RunStore(tmp_path / f"{name}.db") as store:
        info = await Runner(store, FAST).run(cases, Model(ScriptedAPI(behave=_behave)), scorers=scorers)
        assert info.n_done == len(cases), guide_path
        return [tuple(r) for r in store.con.execute(
            "SELECT case_id, epoch, seq, scorer, rule_id, verdict, value, label, explanation, extra FROM scores "
            "WHERE run_id = ? ORDER BY case_id, epoch, seq", (info.id,))]


def test_as_sync_is_offered_only_by_checks_that_need_no_await() -> None:
    guide = load_guide(ROOT / "examples" / "isp-support.yaml")
    assert Raises(guide).as_sync() is not None
    assert AsyncScore(guide).as_sync() is None
    by_id = {s.id: s for s in build_scorers(guide)}
    assert by_id["pii"].as_sync() is not None  # type: ignore[attr-defined]
    assert by_id["refusal"].as_sync() is None  # type: ignore[attr-defined]  # it may ask a judge


async def test_sync_checks_store_the_same_rows_as_awaited_ones(tmp_path: Path) -> None:
    guide = load_guide(ROOT / "examples" / "isp-support.yaml")
    fast = [*build_scorers(guide, canaries=["ZX-CANARY-93"]), Raises(guide), NotAScore(guide), AsyncScore(guide)]
    slow = [Awaited(s) for s in [*build_scorers(guide, canaries=["ZX-CANARY-93"]), Raises(guide), NotAScore(guide), AsyncScore(guide)]]
    got, want = await _rows(tmp_path, "fast", fast), await _rows(tmp_path, "slow", slow)
    assert got == want
    n_scorers = len(fast)
    assert len(got) == len(_cases()) * n_scorers
    by_scorer: dict[str, list[tuple[Any, ...]]] = {}
    for row in got:
        by_scorer.setdefault(row[3], []).append(row)
    # the check that raised on "boom" is an error score that says why, the others pass
    boom = [r for r in by_scorer["raises"] if r[5] == "error" and "ValueError" in r[8]]
    assert [r[0] for r in boom] == ["c002", "c008"]
    assert "the check broke on 'boom'" in boom[0][8]
    # a check that returned no Score is an error score naming what it returned
    assert {r[8] for r in by_scorer["not_a_score"] if r[0] not in ("c004", "c010")} == {
        "scorer not_a_score raised TypeError: returned dict, not a Score"}
    # the async override ran, not evaluate
    assert {r[8] for r in by_scorer["async_score"] if r[5] != "error"} == {"the async score ran"}
    # a failed model call: every scorer's row says so, on both paths
    failed = [r for r in got if r[0] in ("c004", "c010")]
    assert failed and all(r[5] == "error" and r[8].startswith("not scored: the model call failed") for r in failed)


@pytest.mark.parametrize("text", ["Hello from the stub.", "boom"])
async def test_the_sync_function_answers_as_the_awaited_call(text: str) -> None:
    guide = load_guide(ROOT / "examples" / "isp-support.yaml")
    case = _cases()[0]
    for scorer in [*build_scorers(guide, canaries=["ZX-CANARY-93"]), Raises(guide)]:
        sync = getattr(scorer, "as_sync", lambda: None)()
        if sync is None:
            continue
        for response in (Response(text=text, model="m"), Response(text="", model="m", error="HTTP 500: down")):
            assert sync(case, response) == await scorer(case, response), scorer.id
