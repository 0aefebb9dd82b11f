"""A red-team run in the run store, so that it never loses work.

One run (name ``redteam``) per ``charter redteam``; every goal × strategy pair is a case of
that run (id ``<strategy>|<goal id>``), every attempt a response at epoch 0, 1, ... written
as it happens (the :class:`Attempt` in its metadata, the judge's verdict as a score), and a
pair that finished gets a marker response at epoch -1. ``--resume RUN`` skips the finished
pairs and replays the attempts an interrupted pair already made (no query, no judge call)."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

from charter.errors import ConfigError
from charter.guide import Expected, Guide
from charter.redteam._goals import Goal
from charter.redteam._records import AttackResult, Attempt
from charter.store import (
    CaseRow,
    RequestRow,
    ResponseRow,
    RunStatus,
    RunStore,
    ScoreRow,
    WriteBatch,
)
from charter.suite import Case, Intent, Message

__all__ = ["PairLog", "RedteamRun", "pair_key"]

RUN_NAME = "redteam"
DONE_EPOCH = -1


def pair_key(strategy: str, goal_id: str) -> str:
    return f"{strategy}|{goal_id}"


def _messages_key(messages: list[Message]) -> str:
    return json.dumps([[m.role, m.content] for m in messages], ensure_ascii=False)


class PairLog:
    """The attempts of one goal × strategy pair: replays stored ones, records new ones."""

    def __init__(self, run: RedteamRun, key: str, case: Case, idx: int, stored: list[Attempt]) -> None:
        self.run, self.key, self.case, self.idx = run, key, case, idx
        self._pending: dict[str, list[Attempt]] = defaultdict(list)
        for a in stored:
            self._pending[_messages_key(a.messages)].append(a)
        self.next_epoch = len(stored)
        self.replayed = 0

    def replay(self, messages: list[Message]) -> Attempt | None:
        queue = self._pending.get(_messages_key(messages))
        if not queue:
            return None
        self.replayed += 1
        return queue.pop(0)

    def unreplayed(self) -> list[Attempt]:
        """Stored attempts the resumed strategy did not ask for again (an attacker that samples)."""
        return [a for q in self._pending.values() for a in q]

    def record(self, attempt: Attempt) -> None:
        self.run.write_attempt(self, attempt)
        self.next_epoch += 1


class RedteamRun:
    """A red-team run in ``store``: created fresh, or reopened by ``resume`` (an id or prefix)."""

    def __init__(self, store: RunStore, guide: Guide, target: str, *, config: dict[str, Any],
                 resume: str | None = None) -> None:
        self.store = store
        self.target = target
        self._attempts: dict[str, list[Attempt]] = defaultdict(list)
        self._done: dict[str, dict[str, Any]] = {}
        self._idx: dict[str, int] = {}
        if resume is None:
            self.id = store.create_run(name=RUN_NAME, target=target, guide_hash=guide.fingerprint(), suite_hash=None,
                                       config=config, metadata={"kind": "redteam", "guide": guide.meta.name})
            return
        info = store.get_run(resume)
        if info.name != RUN_NAME or info.metadata.get("kind") != "redteam":
            raise ConfigError(f"run {info.id} is a '{info.name}' run, not a red-team run",
                              hint="pass the id `charter redteam` printed (see `charter runs`)")
        if info.guide_hash != guide.fingerprint():
            raise ConfigError(f"run {info.id} attacked another version of the guide ({info.guide_hash})",
                              hint="resume with the same guide file, or start a new run without --resume")
        if info.target != target:
            raise ConfigError(f"run {info.id} attacked target '{info.target}', not '{target}'",
                              hint=f"resume with --target {info.target}")
        self.id = info.id
        for key, idx, _ in store.case_rows(self.id):
            self._idx[key] = idx
        for rec in store.iter_records(self.id):
            meta = rec.response.metadata
            if rec.epoch == DONE_EPOCH:
                self._done[rec.case.id] = meta
            elif "attempt" in meta:
                self._attempts[rec.case.id].append(Attempt.model_validate(meta["attempt"]))
        store.set_status(self.id, "running", finished=False)

    @property
    def queries(self) -> int:
        """Target queries the stored attempts spent."""
        return sum(len(v) for v in self._attempts.values())

    def done(self, strategy: str, goal_id: str) -> AttackResult | None:
        """The stored result of a pair that finished, or None."""
        key = pair_key(strategy, goal_id)
        meta = self._done.get(key)
        if meta is None:
            return None
        res = AttackResult.model_validate(meta["result"])
        res.attempts = list(self._attempts.get(key, []))
        return res

    def stored(self, strategy: str, goal_id: str) -> list[Attempt]:
        return list(self._attempts.get(pair_key(strategy, goal_id), []))

    def open(self, strategy: str, goal: Goal | None, *, goal_id: str, rule_id: str, text: str) -> PairLog:
        key = pair_key(strategy, goal_id)
        idx = self._idx.setdefault(key, len(self._idx))
        case = Case(id=key, messages=[Message(role="user", content=goal.seed if goal else text)],
                    expected=Expected.refuse, intent=Intent.violating, rule_ids=[rule_id], technique=f"redteam-{strategy}",
                    group=goal_id, metadata={"strategy": strategy, "goal_id": goal_id, "goal": text})
        return PairLog(self, key, case, idx, self._attempts.get(key, []))

    def write_attempt(self, log: PairLog, a: Attempt) -> None:
        epoch = log.next_epoch
        now = time.time()
        batch = WriteBatch(
            cases=[CaseRow(self.id, log.key, log.idx, log.case.model_dump_json())],
            requests=[RequestRow(self.id, log.key, epoch, f"redteam:{log.key}:{epoch}", self.target, 1, 0.0, now)],
            responses=[ResponseRow(self.id, log.key, epoch, a.response, self.target, None, 0, 0, 0.0, 0,
                                   json.dumps({"attempt": a.model_dump(mode="json")}, ensure_ascii=False))],
            scores=[ScoreRow(self.id, log.key, epoch, 0, "redteam.judge", log.case.rule_ids[0], a.verdict,
                             a.confidence, "success" if a.success else None, a.explanation, None)])
        self.store.commit(batch)
        self._attempts[log.key].append(a)

    def finish_pair(self, log: PairLog, result: AttackResult) -> None:
        """Mark the pair finished (not when the budget cut it short: a resume continues it)."""
        head = result.model_dump(mode="json", exclude={"attempts"})
        batch = WriteBatch(
            cases=[CaseRow(self.id, log.key, log.idx, log.case.model_dump_json())],
            responses=[ResponseRow(self.id, log.key, DONE_EPOCH, "", None, None, 0, 0, 0.0, 0,
                                   json.dumps({"done": True, "result": head}, ensure_ascii=False))])
        self.store.commit(batch)
        self._done[log.key] = {"result": head}

    def close(self, status: RunStatus) -> None:
        self.store.set_status(self.id, status)
