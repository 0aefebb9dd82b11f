"""GOOD/BAD comparisons written in the Model Spec style, and how often a pairwise judge prefers
the GOOD reply.

A comparison is a conversation (``<developer>``, ``<system>``, ``<user>``, ``<assistant>``
turns) followed by ``<comparison>`` holding candidate ``<assistant>`` replies, each marked
``<!-- GOOD -->`` / ``<!-- BAD -->`` (``OK`` replies and comments after the mark are ignored;
the comment is never shown to the judge). Every GOOD × BAD pair of one comparison is judged in
both orders by :func:`charter.evaluate.judges.pairwise`; the rubric is the heading the example
sits under. Tool turns and turns addressed to a tool are left out of the conversation.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import ConfigError
from charter.model import Model
from charter.suite import Case, Intent, Message

__all__ = ["Comparison", "PairwiseCalibration", "calibrate_pairwise", "read_comparisons"]

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*\})?\s*$")
_TURN = re.compile(r"<(developer|system|user|assistant)((?:\s+[a-z_]+=\"[^\"]*\")*)\s*>(.*?)</\1>", re.S)
_MARK = re.compile(r"^\s*<!--\s*(GOOD|BAD|OK)\b[^>]*-->", re.S)


class Comparison(BaseModel):
    """One conversation with its GOOD and BAD candidate replies."""

    model_config = ConfigDict(frozen=True)

    id: str
    section: str
    line: int
    messages: list[Message]
    good: list[str]
    bad: list[str]


def _turns(text: str) -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2), m.group(3).strip()) for m in _TURN.finditer(text)]


def read_comparisons(path: str | Path) -> list[Comparison]:
    """Every comparison in a Model Spec style Markdown file that has a GOOD and a BAD reply and a
    conversation the replies answer (errors name the file)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"comparisons file '{p}' not found", hint="pass a Markdown file with <comparison> blocks")
    lines = p.read_text(encoding="utf-8").splitlines()
    out: list[Comparison] = []
    section = ""
    block_start = 0
    in_fence = False
    for i, line in enumerate(lines):
        if line.strip().startswith("~~~"):
            in_fence = not in_fence
            block_start = i + 1
            continue
        m = _HEADING.match(line)
        if m and not in_fence:
            section = m.group(1).strip()
            block_start = i + 1
            continue
        if "<comparison>" not in line:
            continue
        end = next((j for j in range(i, len(lines)) if "</comparison>" in lines[j]), None)
        if end is None:
            continue
        convo = "\n".join(lines[block_start:i])
        messages = [Message(role="system" if role == "system" else role, content=body)
                    for role, attrs, body in _turns(convo) if "recipient=" not in attrs and body]
        good: list[str] = []
        bad: list[str] = []
        for role, _attrs, body in _turns("\n".join(lines[i:end + 1])):
            mark = _MARK.match(body)
            if role != "assistant" or mark is None:
                continue
            reply = body[mark.end():].strip()
            if reply:
                (good if mark.group(1) == "GOOD" else bad if mark.group(1) == "BAD" else []).append(reply)
        if good and bad and messages and messages[-1].role != "assistant":
            out.append(Comparison(id=f"{p.stem}:{i + 1}", section=section, line=i + 1, messages=messages,
                                  good=good, bad=bad))
        block_start = end + 1
    return out


class PairwiseCalibration(BaseModel):
    """How often a pairwise judge preferred the GOOD reply. Both orders are asked; ``ties``
    counts pairs with no winner, ``inconsistent`` the pairs whose two orders disagreed (in
    ``logprob`` mode such a pair still has a winner, from p(GOOD better) averaged over the two
    orders; in ``json`` mode it is a tie, counted in both)."""

    model_config = ConfigDict(frozen=True)

    judge: str
    comparisons: int
    pairs: int
    good_preferred: int
    bad_preferred: int
    ties: int
    inconsistent: int
    good_rate: float | None = Field(description="GOOD preferred / pairs.")
    items: list[dict[str, str | float | int]] = Field(default_factory=list)


async def calibrate_pairwise(judge: Model, comparisons: Sequence[Comparison], *,
                             mode: Literal["json", "logprob"] = "logprob", concurrency: int = 4) -> PairwiseCalibration:
    """Judge every GOOD × BAD pair of ``comparisons`` in both orders and count the preferences."""
    from charter.evaluate.judges import pairwise
    from charter.guide import Expected

    sem = asyncio.Semaphore(concurrency)

    async def one(c: Comparison, good: str, bad: str) -> dict[str, str | float | int]:
        # what the reply should do is the question being measured: the judge is not told
        case = Case(id=c.id, messages=c.messages, expected=Expected.comply, intent=Intent.borderline, rule_ids=[],
                    metadata={"section": c.section})
        async with sem:
            r = await pairwise(judge, case, good, bad, rubric=f"Follow the behavior guide's section \"{c.section}\".",
                               mode=mode, show_expected=False)
        item: dict[str, str | float | int] = {"id": c.id, "line": c.line, "section": c.section, "winner": r.winner,
                                              "margin": r.margin, "consistent": int(r.consistent)}
        if r.p_a is not None:
            item["p_good"] = r.p_a
        return item

    items = await asyncio.gather(*(one(c, g, b) for c in comparisons for g in c.good for b in c.bad))
    good = sum(it["winner"] == "a" for it in items)
    bad = sum(it["winner"] == "b" for it in items)
    incons = sum(not it["consistent"] for it in items)
    ties = len(items) - good - bad
    return PairwiseCalibration(judge=judge.name, comparisons=len(comparisons), pairs=len(items), good_preferred=good,
                               bad_preferred=bad, ties=ties, inconsistent=incons,
                               good_rate=good / len(items) if items else None, items=list(items))
