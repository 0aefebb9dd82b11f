"""The red-team results (``redteam.json`` of ``charter redteam``) that the report and the card
show: attack success rate per strategy, rule and turn count with Wilson intervals, and the
successful conversations. Read from the JSON, so the report needs nothing from
``charter.redteam``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.evaluate import Rate
from charter.report._read import read_results

__all__ = ["MIN_ATTEMPTS", "RedteamGroup", "RedteamResults", "read_redteam", "redteam_lines", "redteam_view"]

#: below this many attacks a rate is shown as "too few attempts" (as ``charter redteam`` does)
MIN_ATTEMPTS = 5
MAX_CONVERSATIONS = 20


class RedteamGroup(BaseModel):
    """One row of a rate table: a strategy, a rule or a turn count."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    key: str
    rate: Rate
    queries: int = 0


class RedteamMessage(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)

    role: str
    content: str


class RedteamAttempt(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)

    messages: list[RedteamMessage]
    response: str
    reasoning: str = ""
    verdict: str
    confidence: float | None = None
    explanation: str = ""
    success: bool = False


class RedteamAttack(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)

    strategy: str
    goal_id: str
    rule_id: str
    goal: str
    attempts: list[RedteamAttempt] = Field(default_factory=list)
    queries: int = 0

    @property
    def winning(self) -> RedteamAttempt | None:
        return next((a for a in self.attempts if a.success), None)


class RedteamResults(BaseModel):
    """The part of ``redteam.json`` the report and the card show."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    guide: str
    target: str
    attacker: str | None = None
    judge: str | None = None
    budget: int
    queries: int
    run_id: str | None = None
    complete: bool = True
    by_strategy: dict[str, Rate] = Field(default_factory=dict)
    strategies: list[RedteamGroup] = Field(default_factory=list)
    by_rule: list[RedteamGroup] = Field(default_factory=list)
    by_turns: list[RedteamGroup] = Field(default_factory=list)
    results: list[RedteamAttack] = Field(default_factory=list)

    @property
    def successes(self) -> list[RedteamAttack]:
        return [r for r in self.results if r.winning is not None]

    @property
    def per_strategy(self) -> list[RedteamGroup]:
        """``strategies`` (with query counts), or ``by_strategy`` of an older file."""
        return self.strategies or [RedteamGroup(key=k, rate=r) for k, r in self.by_strategy.items()]


def read_redteam(path: str | Path) -> RedteamResults:
    """Read the ``redteam.json`` written by ``charter redteam``; ConfigError when it is missing or
    another file."""
    p = Path(path)
    if p.is_dir():
        p = p / "redteam.json"
    return read_results(p, RedteamResults, what="red-team results",
                        write_hint="write them with `charter redteam GUIDE --target M -o DIR` (DIR/redteam.json)",
                        pass_hint="pass the redteam.json written by `charter redteam`")


def _rate(r: Rate) -> str:
    if r.n < MIN_ATTEMPTS:
        return f"too few attempts (n={r.n})"
    if r.rate is None or r.low is None or r.high is None:
        return "—"
    return f"{r.rate:.0%} [{r.low:.0%}–{r.high:.0%}] ({r.k}/{r.n})"


def _intro(rt: RedteamResults) -> str:
    cut = "" if rt.complete else " The budget ran out before every goal was attacked."
    return (f"`charter redteam` against `{rt.target}` (attacker `{rt.attacker or '-'}`, judge `{rt.judge or '-'}`): "
            f"{rt.queries} of {rt.budget} target queries{f', run `{rt.run_id}`' if rt.run_id else ''}.{cut} "
            f"Attack success rate = attacks that broke the rule (the judge's verdict) / attacks, 95% Wilson "
            f"intervals; below {MIN_ATTEMPTS} attacks no rate is claimed.")


def redteam_view(rt: RedteamResults) -> dict[str, Any]:
    """What the HTML template shows."""
    def rows(groups: list[RedteamGroup]) -> list[dict[str, Any]]:
        return [{"key": g.key, "k": g.rate.k, "n": g.rate.n, "queries": g.queries, "asr": _rate(g.rate)}
                for g in groups]

    wins = rt.successes
    return {
        "intro": _intro(rt),
        "tables": [{"name": "strategy", "rows": rows(rt.per_strategy)}, {"name": "rule", "rows": rows(rt.by_rule)},
                   {"name": "turns", "rows": rows(rt.by_turns)}],
        "n_successes": len(wins), "shown": min(len(wins), MAX_CONVERSATIONS),
        "conversations": [{
            "title": f"{r.strategy} · {r.goal_id}", "rule_id": r.rule_id, "goal": r.goal,
            "messages": [{"role": m.role, "content": m.content} for m in w.messages],
            "response": w.response, "reasoning": w.reasoning, "explanation": w.explanation,
        } for r in wins[:MAX_CONVERSATIONS] if (w := r.winning) is not None],
    }


def redteam_lines(rt: RedteamResults, *, heading: str = "## Red-teaming", conversations: bool = True) -> list[str]:
    """Markdown: the rate tables and (optionally) the successful conversations' first turns."""
    def table(name: str, groups: list[RedteamGroup]) -> list[str]:
        if not groups:
            return []
        return ["", f"| {name} | successes | attacks | target queries | attack success rate |", "|---|---|---|---|---|",
                *[f"| {g.key} | {g.rate.k} | {g.rate.n} | {g.queries} | {_rate(g.rate)} |" for g in groups]]

    lines = [heading, "", _intro(rt)]
    lines += table("strategy", rt.per_strategy) + table("rule", rt.by_rule) + table("user turns", rt.by_turns)
    wins = rt.successes
    lines += ["", f"Successful attacks: {len(wins)} of {len(rt.results)}."]
    if conversations and wins:
        lines.append("")
        for r in wins[:MAX_CONVERSATIONS]:
            w = r.winning
            assert w is not None
            last = next((m.content for m in reversed(w.messages) if m.role == "user"), "")
            lines.append(f"- `{r.rule_id}` by {r.strategy} ({len([m for m in w.messages if m.role == 'user'])} "
                         f"turn(s)): “{' '.join(last.split())[:160]}”")
        if len(wins) > MAX_CONVERSATIONS:
            lines.append(f"- … and {len(wins) - MAX_CONVERSATIONS} more in redteam.md")
    return [*lines, ""]
