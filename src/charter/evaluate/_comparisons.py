"""GOOD/BAD comparisons written in the Model Spec style, and how often a pairwise judge prefers
the GOOD reply.

A comparison is a conversation (``<developer>``, ``<system>``, ``<user>``, ``<assistant>``
turns) followed by ``<comparison>`` holding candidate ``<assistant>`` replies, each marked
``<!-- GOOD -->`` / ``<!-- BAD -->`` (``OK`` replies and comments after the mark are ignored;
the comment is never shown to the judge). Every GOOD × BAD pair of one comparison is judged in
both orders by :func:`charter.evaluate.judges.pairwise` (or, ``mode="pointwise"``, every reply
once on its own by :func:`charter.evaluate.judges.follows`); the rubric is the heading the
example sits under and, in ``pointwise`` mode by default, the opening of that section's prose (``guidance``: the text
before its first example, links and footnotes removed; never an example's title or comment).
Tool turns and turns addressed to a tool are left out of the conversation.

One fenced example (``~~~`` … ``~~~``) may go on after a comparison: more turns, then another
``<comparison>``. The later comparison's conversation is every turn of the example since the
fence opened, each earlier comparison standing in the conversation as its first GOOD reply (else
its first OK reply): the Model Spec continues as if that reply had been given (its follow-ups
answer it: "No I meant her personal cell phone number, not her office." after the GOOD reply
that gave the office's number; a later example opens with "[... same conversation as above ...]"
and the GOOD reply). A new fence, or a heading outside one, starts a new example; outside a
fence each comparison closes an example made of the turns before it (since the previous
comparison or heading). A conversation that goes on after a comparison with no GOOD or OK reply
is a :class:`~charter.errors.ConfigError` naming ``file:line``. A block that cannot be judged (never
closed, no GOOD or no BAD reply, no conversation, one ending with an assistant turn or referring to
another example) is left out of the comparisons; :func:`read_comparison_file` names each with its
``file:line`` and what to change.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from charter import _regex
from charter.errors import ConfigError, Problem
from charter.model import Model
from charter.suite import Case, Intent, Message

if TYPE_CHECKING:
    from charter.evaluate.judges import PairwiseResult
    from charter.guide import Guide

__all__ = ["Comparison", "ComparisonFile", "PairwiseCalibration", "calibrate_pairwise", "read_comparison_file",
           "read_comparisons", "section_rubric"]

_HEADING = _regex.compile(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*\})?\s*$")
_TURN = _regex.compile(r"<(developer|system|user|assistant)((?:\s+[a-z_]+=\"[^\"]*\")*)\s*>(.*?)</\1>", re.S)
_MARK = _regex.compile(r"^\s*<!--\s*(GOOD|BAD|OK)\b[^>]*-->", re.S)
_REF = _regex.compile(r"\[\?\]\(#[^)]*\)|\[\^[^\]]*\]")
_LINK = _regex.compile(r"\[([^\]]+)\]\([^)]*\)")
#: a turn that stands for another example's turns ("[... same conversation as above ...]")
_ELSEWHERE = _regex.compile(r"\[\s*(?:\.\.\.|…)?\s*(?:the\s+)?same conversation\b[^\]]*\]", re.I)
#: how much of a section's prose the rubric carries (whole sentences up to this length)
GUIDANCE_CHARS = 600


class Comparison(BaseModel):
    """One conversation with its GOOD and BAD candidate replies."""

    model_config = ConfigDict(frozen=True)

    id: str
    section: str
    line: int
    messages: list[Message]
    good: list[str]
    bad: list[str]
    guidance: str = ""


def _guidance(lines: Sequence[str]) -> str:
    """The opening of a section's prose: the lines before its first example or fenced block,
    cross-references, footnote marks, link targets and emphasis removed, cut after the last
    whole sentence within :data:`GUIDANCE_CHARS`."""
    prose: list[str] = []
    for line in lines:
        if line.strip().startswith(("~~~", "```", "**Example**", "<", "!!!")):
            break
        prose.append(line.strip())
    text = _LINK.sub(r"\1", _REF.sub("", " ".join(prose)))
    text = re.sub(r"\s+", " ", text.replace("**", "").replace("*", "")).strip()
    if len(text) <= GUIDANCE_CHARS:
        return text
    cut = text[:GUIDANCE_CHARS]
    end = max(cut.rfind(". "), cut.rfind(": "), cut.rfind("; "))
    return cut[:end + 1] if end > 0 else cut


def _opens(line: str) -> bool:
    """Whether ``line`` opens a comparison block: ``<comparison>`` leads the line. A line that only
    names the tag ("replies go in a `<comparison>` block") is prose, not a block."""
    return line.lstrip().startswith("<comparison>")


def _turns(text: str) -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2), m.group(3).strip()) for m in _TURN.finditer(text)]


@dataclass(frozen=True)
class ComparisonFile:
    """What :func:`read_comparison_file` read: the comparisons with a GOOD and a BAD reply and a
    conversation they answer, how many ``<comparison>`` blocks the file has, and one
    :class:`~charter.errors.Problem` (``severity="warning"``, ``file:line`` of the block, a
    ``code`` and a reason saying what to change) for each block left out of ``comparisons``."""

    comparisons: list[Comparison]
    blocks: int
    skipped: list[Problem] = field(default_factory=list)


def read_comparisons(path: str | Path) -> list[Comparison]:
    """Every comparison in a Model Spec style Markdown file that has a GOOD and a BAD reply and a
    conversation the replies answer (errors name the file); :func:`read_comparison_file` also
    says which blocks were left out and why."""
    return read_comparison_file(path).comparisons


_NO_PAIR = ("comparison-no-bad", "comparison-no-good", "comparison-only-ok", "comparison-no-marks")


def _marks_reason(good: list[str], bad: list[str], ok: list[str], unmarked: int) -> tuple[str, str] | None:
    """Why a comparison's replies make no GOOD × BAD pair (code, reason), or None."""
    if good and bad:
        return None
    if good:
        code, why = "comparison-no-bad", "has GOOD replies but no BAD one"
    elif bad:
        code, why = "comparison-no-good", "has BAD replies but no GOOD one"
    elif ok:
        code, why = "comparison-only-ok", "has only OK replies, no GOOD or BAD one"
    else:
        code, why = "comparison-no-marks", "has no reply marked <!-- GOOD -->, <!-- BAD --> or <!-- OK -->"
    if unmarked:
        why += (f" ({unmarked} of its <assistant> replies "
                + ("is empty or carries" if unmarked == 1 else "are empty or carry") + " no GOOD, BAD or OK mark)")
    return code, why


def read_comparison_file(path: str | Path) -> ComparisonFile:
    """Read a Model Spec style Markdown file: its comparisons (as :func:`read_comparisons`) and
    the ``<comparison>`` blocks left out, each with ``file:line`` and why — never closed (no
    ``</comparison>`` before the next ``<comparison>`` or the end of the file; the comparisons
    after it in the same example are left out too, their conversation runs through it), no GOOD
    or no BAD reply (one whose GOOD or OK reply stands in a later comparison's conversation is
    still read as that turn, and said to be left out of the pairs only), no conversation before
    it, a conversation that ends with an assistant turn, or one that refers to another example
    ("[... same conversation as above ...]": the judge would not see those turns)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"comparisons file '{p}' not found", hint="pass a Markdown file with <comparison> blocks")
    lines = p.read_text(encoding="utf-8").splitlines()
    out: list[Comparison] = []
    left_out: list[tuple[int, str, list[str], str | None]] = []  # line, code, reasons, the mark of the reply it gives
    continued_by: dict[int, int] = {}  # line of a comparison → line of the first comparison it stands in
    blocks = 0
    section = ""
    section_start = 0
    block_start = 0  # where the turns not yet in ``history`` begin
    history: list[Message] = []  # the example's conversation up to its previous comparison
    unanswered: int | None = None  # line of the example's previous comparison, when it has no GOOD or OK reply
    source: int | None = None  # line of the comparison whose reply ends ``history``
    unclosed: int | None = None  # line of an unclosed comparison earlier in this example
    in_fence = False
    for i, line in enumerate(lines):
        if line.strip().startswith("~~~"):
            in_fence = not in_fence
            block_start, history, unanswered, source, unclosed = i + 1, [], None, None, None
            continue
        m = _HEADING.match(line)
        if m and not in_fence:
            section = m.group(1).strip()
            section_start = block_start = i + 1
            history, unanswered, source, unclosed = [], None, None, None
            continue
        if not _opens(line):
            continue
        blocks += 1
        next_open = next((j for j in range(i + 1, len(lines)) if _opens(lines[j])), len(lines))
        end = next((j for j in range(i, next_open) if "</comparison>" in lines[j]), None)
        if end is None:
            left_out.append((i + 1, "comparison-unclosed",
                             ["is never closed: add </comparison> after its last reply"], None))
            # its replies are not turns of a later conversation, and that conversation cannot be known
            block_start, history, unanswered, source, unclosed = next_open, [], None, None, i + 1
            continue
        if unclosed is not None:
            left_out.append((i + 1, "comparison-after-unclosed",
                             [f"has a conversation that runs through the unclosed <comparison> at line {unclosed}: "
                              "close that one first"], None))
            block_start = end + 1
            if not in_fence:  # the unfenced shape: each comparison closes its example
                unclosed = None
            continue
        before = "\n".join(lines[block_start:i])
        new_turns = [Message(role="system" if role == "system" else role, content=body)
                     for role, attrs, body in _turns(before) if "recipient=" not in attrs and body]
        if new_turns and unanswered is not None:
            raise ConfigError(f"{p}:{i + 1}: the conversation goes on after the comparison at line {unanswered}, "
                              "which has no GOOD or OK reply to continue from",
                              hint=f"mark one reply of the comparison at line {unanswered} <!-- GOOD --> or "
                                   "<!-- OK -->, or start a new ~~~ block for the new conversation")
        messages = history + new_turns
        if source is not None:
            continued_by.setdefault(source, i + 1)
        good: list[str] = []
        bad: list[str] = []
        ok: list[str] = []
        unmarked = 0
        to_tool: set[str] = set()
        for role, attrs, body in _turns("\n".join(lines[i:end + 1])):
            if role != "assistant":
                continue
            mark = _MARK.match(body)
            reply = body[mark.end():].strip() if mark else ""
            if mark is None or not reply:
                unmarked += 1
                continue
            {"GOOD": good, "BAD": bad, "OK": ok}[mark.group(1)].append(reply)
            if "recipient=" in attrs:
                to_tool.add(reply)
        problems: list[tuple[str, str]] = []
        if (marks := _marks_reason(good, bad, ok, unmarked)) is not None:
            problems.append(marks)
        if not messages:
            tools = "<tool" in before or "recipient=" in before
            problems.append(("comparison-no-conversation", "has no conversation before it" + (
                " (tool calls and tool output are left out)" if tools else "") +
                ": put the <user> turn its replies answer before <comparison>"))
        elif messages[-1].role == "assistant":
            problems.append(("comparison-ends-with-assistant", "has a conversation that ends with an assistant turn: "
                             "its replies must answer a <user>, <system> or <developer> turn; end the conversation "
                             "with the turn they answer"))
        elsewhere = next((hit.group(0) for msg in messages if (hit := _ELSEWHERE.search(msg.content))), None)
        if elsewhere is not None:
            problems.append(("comparison-refers-elsewhere", f"has a conversation that refers to another example "
                             f"(\"{elsewhere}\"), whose turns the judge would not see: write them out"))
        if problems:
            left_out.append((i + 1, problems[0][0], [why for _, why in problems], "GOOD" if good else "OK" if ok else None))
        else:
            out.append(Comparison(id=f"{p.stem}:{i + 1}", section=section, line=i + 1, messages=messages,
                                  good=good, bad=bad, guidance=_guidance(lines[section_start:i])))
        block_start = end + 1
        given = next(iter(good + ok), None)
        if not in_fence:  # the unfenced shape: each comparison closes its example
            history, unanswered, source = [], None, None
        elif given is None:
            history, unanswered, source = messages, i + 1, None
        else:  # the example goes on as if the GOOD (else OK) reply had been given
            history = messages + ([] if given in to_tool else [Message(role="assistant", content=given)])
            unanswered, source = None, i + 1
    skipped = []
    for line_no, code, reasons, given_mark in left_out:
        later = continued_by.get(line_no)
        if code in _NO_PAIR:
            reasons[0] += (": nothing to compare" if later is None or given_mark is None else
                           f": left out of the pairs (its {given_mark} reply stands in the conversation of the "
                           f"comparison at line {later})")
        what = "<comparison>" if code == "comparison-unclosed" else "comparison"
        skipped.append(Problem(str(p), line_no, 1, f"{what} " + "; it also ".join(reasons), severity="warning",
                               code=code))
    return ComparisonFile(comparisons=out, blocks=blocks, skipped=skipped)


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
    #: ``cascade`` mode: per tier (``cascade``, ``judge``), how many pairs it decided and how many
    #: of those went to the GOOD reply
    tiers: dict[str, dict[str, int]] = Field(default_factory=dict)
    #: the file's ``<comparison>`` blocks left out of ``comparisons`` (``charter calibrate FILE.md`` fills it from
    #: :attr:`ComparisonFile.skipped`): ``file``, ``line``, ``code`` and ``message`` of each
    skipped: list[dict[str, str | int]] = Field(default_factory=list)


def section_rubric(c: Comparison, *, guidance: bool = True) -> str:
    """The rubric a comparison is judged by: its section's heading, and (``guidance``) the
    opening of the section's prose."""
    head = f"Follow the behavior guide's section \"{c.section}\"."
    return f"{head} The section says: {c.guidance}" if guidance and c.guidance else head


async def calibrate_pairwise(judge: Model, comparisons: Sequence[Comparison], *,
                             mode: Literal["json", "logprob", "pointwise", "cascade"] = "logprob", concurrency: int = 4,
                             question: Literal["follows", "breaks", "both"] = "follows", guidance: bool | None = None,
                             fallback: Literal["pointwise", "logprob"] = "pointwise",
                             on_item: Callable[[dict[str, str | float | int]], None] | None = None,
                             guide: Guide | None = None, checks: bool = True,
                             ) -> PairwiseCalibration:
    """Judge every GOOD × BAD pair of ``comparisons`` and count the preferences: in both orders
    (``json``/``logprob``), or (``pointwise``) each reply once on its own, by p(follows the
    section) (``question``, see :func:`charter.evaluate.judges.follows`), a reply shared by
    several pairs scored once. ``guidance``: the rubric carries the opening of the section's
    prose, not only its heading (default: in ``pointwise`` and ``cascade`` mode, where it was
    measured). ``cascade``: the refusal detector reads every reply; where a pair has one reply
    that refuses and one that does not, the judge is asked once per comparison whether the
    request needs a refusal (:func:`charter.evaluate.judges.request_need`), and a pair in which
    exactly one reply does what the request needs is settled without comparing the replies
    (:func:`charter.evaluate.judges.settle_pair`); every other pair is judged in ``fallback``
    mode. Before all that (``checks``, the default), the guide's deterministic checks read both
    replies of every pair (:func:`charter.evaluate.judges.pair_checks` for ``guide``; without
    one, the checks that need no guide's settings; the comparison's system and developer
    messages are the prompt the leakage check guards): a pair in which one reply fails a check
    the other passes is settled for the other (``decided_by: checks``, the item's ``reason``
    names the checks and why), with no model call. Each item says who decided
    (``decided_by``), ``tiers`` counts them. ``on_item`` is called with each pair's item as it
    is decided."""
    from charter.evaluate.judges import (
        FollowsAnswer,
        PairwiseResult,
        follows,
        pair_checks,
        pairwise,
        pointwise_result,
        request_need,
        settle_pair,
        settle_pair_with_checks,
        stable_token,
        system_prompt_of,
    )
    from charter.guide import Expected

    sem = asyncio.Semaphore(concurrency)
    with_prose = mode in ("pointwise", "cascade") if guidance is None else guidance

    def case_of(c: Comparison) -> Case:
        # what the reply should do is the question being measured: the judge is not told
        return Case(id=c.id, messages=c.messages, expected=Expected.comply, intent=Intent.borderline, rule_ids=[],
                    metadata={"section": c.section})

    def item_of(c: Comparison, r: PairwiseResult,
                extra: dict[str, float] | None = None) -> dict[str, str | float | int]:
        item: dict[str, str | float | int] = {"id": c.id, "line": c.line, "section": c.section, "winner": r.winner,
                                              "margin": r.margin, "consistent": int(r.consistent)}
        if r.p_a is not None:
            item["p_good"] = r.p_a
        if r.decided_by is not None:
            item["decided_by"] = r.decided_by
        if r.p_refuse is not None:
            item["p_refuse"] = r.p_refuse
        if r.decided_by == "checks" and r.reasons:
            item["reason"] = r.reasons[0]
        item.update(extra or {})
        if on_item is not None:
            on_item(item)
        return item

    async def one(c: Comparison, good: str, bad: str) -> dict[str, str | float | int]:
        async with sem:
            r = await pairwise(judge, case_of(c), good, bad, rubric=section_rubric(c, guidance=with_prose),
                               mode=mode, show_expected=False)
        return item_of(c, r)

    async def each_reply(c: Comparison) -> list[dict[str, str | float | int]]:
        token = stable_token("comparison", c.model_dump_json())  # one per comparison: its replies share the prompt prefix
        answers: dict[str, FollowsAnswer] = {}
        async with sem:
            for reply in dict.fromkeys([*c.good, *c.bad]):
                answers[reply] = await follows(judge, case_of(c), reply, rubric=section_rubric(c, guidance=with_prose),
                                               question=question, fence_token=token, show_expected=False)
        items = []
        for g in c.good:
            for b in c.bad:
                extra = {f"{name}_{side}": v for side, reply in (("good", g), ("bad", b))
                         for key, name in (("p_follows", "p_follows"), ("p_breaks", "p_breaks"), ("p", "p_reply"))
                         if (v := getattr(answers[reply], key)) is not None}
                items.append(item_of(c, pointwise_result(answers[g], answers[b]), extra))
        return items

    async def cascade(c: Comparison) -> list[dict[str, str | float | int]]:
        token = stable_token("comparison", c.model_dump_json())  # one per comparison: its prompts share the prefix
        prompt = next((m.content for m in reversed(c.messages) if m.role == "user"), None)
        rubric = section_rubric(c, guidance=with_prose)
        case = case_of(c)
        tier = pair_checks(guide, system_prompt=system_prompt_of(case)) if checks else []
        by_checks = {(g, b): await settle_pair_with_checks(tier, case, g, b) for g in c.good for b in c.bad}
        # settle_pair with a certain refusal and a certain help: which pairs could the request settle?
        open_pairs = [(g, b) for g in c.good for b in c.bad if by_checks[(g, b)] is None
                      and (settle_pair(1.0, g, b, prompt=prompt) or settle_pair(0.0, g, b, prompt=prompt))]
        p_refuse: float | None = None
        async with sem:
            if open_pairs:
                p_refuse = (await request_need(judge, case_of(c), rubric=rubric, fence_token=token)).p_refuse
            answers: dict[str, FollowsAnswer] = {}
            items = []
            for g in c.good:
                for b in c.bad:
                    settled = settle_pair(p_refuse, g, b, prompt=prompt) if (g, b) in open_pairs else None
                    checked = by_checks[(g, b)]
                    if checked is not None:
                        r = PairwiseResult(winner=checked.winner, margin=1.0, reasons=[checked.reason],
                                           decided_by="checks")
                    elif settled is not None and p_refuse is not None:
                        r = PairwiseResult(winner=settled.winner, margin=round(abs(2 * p_refuse - 1), 4),
                                           reasons=[settled.reason], decided_by="cascade", p_refuse=p_refuse)
                    elif fallback == "pointwise":
                        for reply in (g, b):
                            if reply not in answers:
                                answers[reply] = await follows(judge, case_of(c), reply, rubric=rubric,
                                                               question=question, fence_token=token,
                                                               show_expected=False)
                        r = pointwise_result(answers[g], answers[b]).model_copy(
                            update={"decided_by": "judge", "p_refuse": p_refuse})
                    else:
                        r = (await pairwise(judge, case_of(c), g, b, rubric=rubric, mode=fallback,
                                            show_expected=False)).model_copy(
                            update={"decided_by": "judge", "p_refuse": p_refuse})
                    items.append(item_of(c, r))
        return items

    if mode == "pointwise":
        items = [it for group in await asyncio.gather(*(each_reply(c) for c in comparisons)) for it in group]
    elif mode == "cascade":
        items = [it for group in await asyncio.gather(*(cascade(c) for c in comparisons)) for it in group]
    else:
        items = list(await asyncio.gather(*(one(c, g, b) for c in comparisons for g in c.good for b in c.bad)))
    good = sum(it["winner"] == "a" for it in items)
    bad = sum(it["winner"] == "b" for it in items)
    incons = sum(not it["consistent"] for it in items)
    ties = len(items) - good - bad
    tiers: dict[str, dict[str, int]] = {}
    for it in items:
        if "decided_by" in it:
            tier = tiers.setdefault(str(it["decided_by"]), {"pairs": 0, "good_preferred": 0})
            tier["pairs"] += 1
            tier["good_preferred"] += it["winner"] == "a"
    return PairwiseCalibration(judge=judge.name, comparisons=len(comparisons), pairs=len(items), good_preferred=good,
                               bad_preferred=bad, ties=ties, inconsistent=incons,
                               good_rate=good / len(items) if items else None, items=items,
                               tiers=dict(sorted(tiers.items())))
