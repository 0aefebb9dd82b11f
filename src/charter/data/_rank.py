"""Ranking candidate responses for preference data.

A :class:`Ranker` orders two or more candidate responses to one case, best first, with a
margin and the rule ids behind the preference. Two are built in:

- :class:`ScoreRanker` ranks by the guide's scorers that decide (deterministic when they are;
  advisory scores, such as the classifier trained from the guide, decide nothing:
  :func:`deciding_scores`);
- :class:`JudgeRanker` asks a judge model for pairwise preferences, each pair asked twice
  with the positions swapped; only a preference that survives the swap counts, and junk
  output (not JSON, wrong shape) counts as a skip.
- :class:`RewardRanker` orders by the value of one scorer, a reward model's reward
  (``charter data prefs --ranker rm/<dir>``).

A ranking with ``tie=True`` or a ``skipped`` reason is dropped by the builders.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from charter.evaluate import ADVISORY, DIMENSIONS, Response, Score, Scorer, Verdict, score_authority
from charter.guide import Guide, library_rule_ids
from charter.model import GenerateConfig, Model
from charter.suite import Case

__all__ = ["JudgeRanker", "Ranker", "Ranking", "RewardRanker", "ScoreRanker", "advisory_scores", "candidate_value",
           "deciding_scores", "failed_scores", "why_failed"]


@dataclass(frozen=True)
class Ranking:
    """Candidate indices best first; ``margin`` in [0, 1]; ``reasons`` and ``rule_ids`` say why."""

    order: list[int]
    margin: float = 0.0
    reasons: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    tie: bool = False
    skipped: str | None = None
    advisory: list[str] = field(default_factory=list)
    """Where a score that did not decide (:func:`advisory_scores`) saw the best and the worst
    candidate otherwise: ``scorer: rejected <verdict>, chosen <verdict>`` (kept in the row's
    metadata; it decided nothing)."""

    @property
    def usable(self) -> bool:
        return not self.tie and self.skipped is None and len(self.order) >= 2


@runtime_checkable
class Ranker(Protocol):
    """Orders candidate responses to one case, best first."""

    id: str

    async def rank(self, case: Case, candidates: Sequence[Response]) -> Ranking: ...


def candidate_value(scores: Sequence[Score]) -> float | None:
    """One number per candidate from its scores: the share of applicable scores that pass
    (n/a ignored); None when a score is an error or nothing applied.

    Only verdicts count: a score's ``value`` means different things to different scorers
    (a word count, a number of leaks, a probability), so averaging values would let a
    failing verdict hide behind a large value."""
    vals: list[float] = []
    for s in scores:
        if s.verdict is Verdict.error:
            return None
        if s.verdict is Verdict.na:
            continue
        vals.append(1.0 if s.verdict is Verdict.pass_ else 0.0)
    return sum(vals) / len(vals) if vals else None


def failed_scores(scores: Sequence[Score]) -> list[Score]:
    """The scores with a ``fail`` verdict. Pass :func:`deciding_scores` to get the ones that
    reject a training row (an advisory score's failure rejects nothing)."""
    return [s for s in scores if s.verdict is Verdict.fail]


def _labelled_match(case: Case, scores: Sequence[Score], guide: Guide | None) -> Score | None:
    """The reference check's score when it passed the response: a reply people labelled GOOD or
    OK for the case, near-verbatim (``value`` is the similarity; 1.0 is the same words)."""
    return next((s for s in scores
                 if s.verdict is Verdict.pass_ and score_authority(case, s, guide=guide) == "reference"), None)


def deciding_scores(case: Case, scores: Sequence[Score], *, guide: Guide | None = None) -> list[Score]:
    """The scores that decide whether a response to ``case`` is a training target: every score
    :func:`charter.evaluate.score_authority` does not call advisory, the same classification
    evaluation reads (docs/data.md). Where evaluation decides the rule under test by one
    scorer, training data asks more: every deciding score must pass, rule scorers (judge,
    refusal detector, checks tied to the rule) and style and safety dimensions alike.

    A reply people labelled is judged as they labelled it, as in evaluation: when the reference
    check passes the response (near-verbatim a GOOD or OK reply of the case), the judge, the
    refusal detector and the checks tied to the rule are overruled (they decide nothing); when
    it is that reply word for word (similarity 1.0), the style and safety dimensions are
    overruled too, since the label vouches for every word of it (a GOOD translation into
    German, rap lyrics with the swearing the user asked for); a response that differs in any
    word is still held to them. Only a guide's own labels vouch for its style: the replies of a
    rule included from Charter's library (the hazard examples, written in English for every
    guide) are held to the dimensions even word for word, so an English reply is no training
    target on a guide that answers in Turkish, nor a Markdown list on one that forbids it."""
    match = _labelled_match(case, scores, guide)
    exact = (match is not None and match.value is not None and match.value >= 1.0
             and not (case.rule_ids and case.rule_ids[0] in library_rule_ids()))
    out: list[Score] = []
    for s in scores:
        role = score_authority(case, s, guide=guide)
        if role == ADVISORY:
            continue
        if match is not None and s is not match:
            dimension = s.scorer in DIMENSIONS and role in ("tied", "dimension")
            if exact or not dimension:
                continue
        out.append(s)
    return out


def advisory_scores(case: Case, scores: Sequence[Score], *, guide: Guide | None = None) -> list[Score]:
    """The scores of ``scores`` that decide nothing about a training row (the complement of
    :func:`deciding_scores`): kept in the row's metadata, never a reason to drop it."""
    keep = {id(s) for s in deciding_scores(case, scores, guide=guide)}
    return [s for s in scores if id(s) not in keep]


def why_failed(scores: Sequence[Score]) -> str:
    """``scorer[rule]: explanation; ...`` for the failing scores (empty when none failed)."""
    parts = []
    for s in failed_scores(scores):
        where = f"[{s.rule_id}]" if s.rule_id else ""
        parts.append(f"{s.scorer}{where}: {s.explanation or s.label or 'fail'}")
    return "; ".join(parts)


async def score_all(scorers: Sequence[Scorer], case: Case, response: Response) -> list[Score]:
    """Every scorer's score of one response, run concurrently."""
    return list(await asyncio.gather(*(s(case, response) for s in scorers)))


class ScoreRanker:
    """Ranks candidates by the share of their deciding scores that pass (see
    :func:`candidate_value`; advisory scores are left out: :func:`deciding_scores`). ``guide``
    ties safety checks to their rules, as in evaluation."""

    id = "scores"

    def __init__(self, scorers: Sequence[Scorer], *, guide: Guide | None = None) -> None:
        if not scorers:
            raise ValueError("ScoreRanker needs at least one scorer")
        self.scorers = list(scorers)
        self.guide = guide

    async def rank(self, case: Case, candidates: Sequence[Response]) -> Ranking:
        every = [await score_all(self.scorers, case, c) for c in candidates]
        all_scores = [deciding_scores(case, s, guide=self.guide) for s in every]
        values = [candidate_value(s) for s in all_scores]
        if any(v is None for v in values):
            return Ranking(order=list(range(len(candidates))), skipped="scorer error or no applicable score")
        vals = [float(v) for v in values if v is not None]
        order = sorted(range(len(vals)), key=lambda i: (-vals[i], i))
        best, worst = order[0], order[-1]
        margin = vals[best] - vals[worst]
        if margin <= 0:
            return Ranking(order=order, tie=True)
        verdicts = {(s.scorer, s.rule_id): s for s in all_scores[best]}
        reasons: list[str] = []
        rule_ids: list[str] = []
        for s in all_scores[worst]:
            b = verdicts.get((s.scorer, s.rule_id))
            if b is not None and b.verdict != s.verdict:
                if s.rule_id and s.rule_id not in rule_ids:
                    rule_ids.append(s.rule_id)
                reasons.append(f"{s.scorer}: rejected {s.verdict.value}, chosen {b.verdict.value}"
                               + (f" ({s.explanation})" if s.explanation else ""))
        chosen = {(s.scorer, s.rule_id): s for s in advisory_scores(case, every[best], guide=self.guide)}
        advisory = [f"{s.scorer}: rejected {s.verdict.value}, chosen {c.verdict.value}"
                    for s in advisory_scores(case, every[worst], guide=self.guide)
                    if (c := chosen.get((s.scorer, s.rule_id))) is not None and c.verdict != s.verdict]
        return Ranking(order=order, margin=round(margin, 4), reasons=reasons, rule_ids=rule_ids, advisory=advisory)


class RewardRanker:
    """Ranks candidates by the ``value`` of one scorer, higher first: a reward model's reward
    (:class:`charter.evaluate.RewardJudge`). ``margin`` is ``2·σ(r_best − r_worst) − 1``, how
    much more likely than a coin flip the Bradley–Terry model behind the reward finds the best
    candidate better than the worst; equal rewards are a tie, a score without a value (an error)
    skips the case. The reward model cites no rule, so ``rule_ids`` are the case's own."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.id = str(getattr(scorer, "name", None) or scorer.id)

    async def rank(self, case: Case, candidates: Sequence[Response]) -> Ranking:
        scores = [await self.scorer(case, c) for c in candidates]
        if any(s.value is None or s.verdict is Verdict.error for s in scores):
            return Ranking(order=list(range(len(candidates))), skipped="scorer error or no reward")
        vals = [float(s.value) for s in scores if s.value is not None]
        order = sorted(range(len(vals)), key=lambda i: (-vals[i], i))
        best, worst = order[0], order[-1]
        gap = vals[best] - vals[worst]
        if gap <= 0:
            return Ranking(order=order, tie=True)
        margin = 2.0 / (1.0 + math.exp(-gap)) - 1.0
        reasons = [f"{self.id}: reward {vals[best]:.2f} (chosen) vs {vals[worst]:.2f} (rejected)"]
        return Ranking(order=order, margin=round(margin, 4), reasons=reasons, rule_ids=list(case.rule_ids))


PAIRWISE_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "preferred": {"type": "string", "enum": ["A", "B", "tie"]},
        "reason": {"type": "string"},
        "rule_ids": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["preferred", "reason", "rule_ids"],
}

_PAIRWISE_PROMPT = """You compare two assistant responses against the rules of a behavior guide.

Rules that apply (id: text):
{rules}

Conversation:
{conversation}

Response A:
{a}

Response B:
{b}

Which response follows the rules better? Answer only with JSON:
{{"preferred": "A" | "B" | "tie", "reason": "...", "rule_ids": ["<ids of the rules behind your choice>"]}}"""


class JudgeRanker:
    """Pairwise, position-swapped preferences from a judge model, citing rule ids.

    For each pair of candidates the guide's deterministic checks read both first
    (:func:`charter.evaluate.judges.pair_checks`, the refusal check among them: the case says
    what it expects; ``checks=False`` turns them off): when one fails a check the other passes,
    the other wins without a judge call, the checks' explanation is the reason and their rules
    are cited (docs/judges.md, "Pairwise judge"). The judge is asked about
    every other pair twice (A/B, then B/A). A win counts only when both orders agree; otherwise
    the pair is a tie. Candidates are ordered by wins (Copeland); ``margin`` is the win-rate gap
    between the best and the worst. Junk judge output makes the whole ranking
    ``skipped='junk'`` (counted by the builders)."""

    id = "judge"

    def __init__(self, judge: Model, guide: Guide, *, config: GenerateConfig | None = None,
                 checks: bool = True) -> None:
        self.judge = judge
        self.guide = guide
        self.checks = checks
        self.config = (config or GenerateConfig(temperature=0.0)).merged(
            GenerateConfig(response_schema=PAIRWISE_SCHEMA))
        self._rule_text = {r.id: r.text for r in guide.iter_rules(include_disabled=True)}

    def _prompt(self, case: Case, a: str, b: str) -> str:
        ids = case.rule_ids or list(self._rule_text)
        rules = "\n".join(f"- {i}: {self._rule_text.get(i, '(not in the guide)')}" for i in ids)
        conv = "\n".join(f"{m.role}: {m.content}" for m in case.messages)
        return _PAIRWISE_PROMPT.format(rules=rules, conversation=conv, a=a, b=b)

    async def _ask(self, case: Case, a: str, b: str) -> tuple[str, str, list[str]] | None:
        out = await self.judge.generate(self._prompt(case, a, b), self.config)
        try:
            obj = json.loads(_strip_fence(out.text))
            pref = obj["preferred"]
            reason = str(obj.get("reason", ""))
            cited = obj.get("rule_ids", [])
            if pref not in ("A", "B", "tie") or not isinstance(cited, list):
                return None
        except (json.JSONDecodeError, KeyError, TypeError):
            return None
        return pref, reason, [str(c) for c in cited if str(c) in self._rule_text]

    async def rank(self, case: Case, candidates: Sequence[Response]) -> Ranking:
        n = len(candidates)
        wins = [0.0] * n
        reasons: list[str] = []
        rule_ids: list[str] = []
        pairs = list(itertools.combinations(range(n), 2))
        if self.checks:
            from charter.evaluate.judges import (
                pair_checks,
                settle_pair_with_checks,
                system_prompt_of,
            )

            tier = pair_checks(self.guide, system_prompt=system_prompt_of(case), expected_known=True)
            for i, j in list(pairs):
                settled = await settle_pair_with_checks(tier, case, candidates[i].text, candidates[j].text)
                if settled is not None:
                    wins[i if settled.winner == "a" else j] += 1
                    reasons.append(f"checks (candidates {i} and {j} as a and b): {settled.reason}")
                    rule_ids.extend(r for r in settled.rule_ids if r not in rule_ids)
                    pairs.remove((i, j))
        answers = await asyncio.gather(*(
            asyncio.gather(self._ask(case, candidates[i].text, candidates[j].text),
                           self._ask(case, candidates[j].text, candidates[i].text))
            for i, j in pairs))
        for (i, j), (fwd, rev) in zip(pairs, answers, strict=True):
            if fwd is None or rev is None:
                return Ranking(order=list(range(n)), skipped="junk")
            first = {"A": i, "B": j}.get(fwd[0])
            second = {"A": j, "B": i}.get(rev[0])
            if first is not None and first == second:
                wins[first] += 1
                reasons.append(fwd[1] or rev[1])
                for rid in fwd[2] + rev[2]:
                    if rid not in rule_ids:
                        rule_ids.append(rid)
            else:
                wins[i] += 0.5
                wins[j] += 0.5
        order = sorted(range(n), key=lambda k: (-wins[k], k))
        margin = (wins[order[0]] - wins[order[-1]]) / max(1, n - 1)
        if margin <= 0:
            return Ranking(order=order, tie=True)
        return Ranking(order=order, margin=round(margin, 4), reasons=reasons, rule_ids=rule_ids)


def _strip_fence(text: str) -> str:
    t = text.strip()
    if t.startswith("```"):
        t = t.strip("`")
        if t.startswith("json"):
            t = t[4:]
    return t.strip()
