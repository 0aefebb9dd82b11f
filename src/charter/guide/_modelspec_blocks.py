"""The body of one Model Spec section: its prose and its worked examples.

Examples come in two shapes, both read here:

* the real Model Spec's: a ``**Example**: title`` line, then a ``~~~xml`` fenced block holding
  the turns (``<developer>``, ``<system>``, ``<user>``, ``<assistant recipient="python">``,
  ``<tool name="browser">``) and one or more ``<comparison>`` blocks of candidate
  ``<assistant>`` replies marked ``<!-- GOOD -->``, ``<!-- BAD[#anchor]: comment -->`` or
  ``<!-- OK -->``. A block with several comparisons is one conversation: each comparison but
  the last is answered by its first GOOD (else OK) reply and the conversation goes on;
* the unfenced shape: the same tags written straight in the section; each ``<comparison>`` (or
  one marked ``<assistant>``) closes an example made of the turns before it.

A malformed block (an unclosed tag, an unknown or missing mark, a reply with no turn before
it) is not imported: it is reported as a warning at ``file:line`` and the rest goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from charter.errors import Problem

__all__ = ["ExampleBlock", "SectionBody", "parse_body"]

ROLES = ("user", "assistant", "developer", "system", "tool")
_OPEN = re.compile(r"^\s*<(user|assistant|developer|system|tool|comparison)((?:\s+[\w.-]+=\"[^\"]*\")*)\s*>(.*)$")
_ATTR = re.compile(r"([\w.-]+)=\"([^\"]*)\"")
_CLOSE_ANY = re.compile(r"^\s*</(user|assistant|developer|system|tool|comparison)>\s*$")
_COMMENT_IN = re.compile(r"<!--(.*?)-->", re.DOTALL)
_MARK = re.compile(r"^\s*(GOOD|BAD|OK)\s*(?:\[#([^\]\s]+)\])?\s*(?:[:,]\s*(.*?))?\s*$", re.DOTALL)
_LABEL = re.compile(r"^\s*<!--\s*label:\s*([a-z_]+)\s*-->\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)")
_EXAMPLE = re.compile(r"^\s*\*\*Example\*\*\s*:?\s*(.*)$")
_ADMONITION = re.compile(r"^\s*!!!\s")
_ELISIONS = ("[...]", "[\u2026]", "...")

Resolve = Callable[[str], str]


@dataclass
class ExampleBlock:
    """One worked example as read from the spec (before it becomes guide data)."""

    line: int
    title: str
    label: str | None
    turns: list[dict[str, Any]]
    replies: list[dict[str, Any]]


@dataclass
class SectionBody:
    paragraphs: list[str] = field(default_factory=list)
    examples: list[ExampleBlock] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    blocks_seen: int = 0


class _Skip(Exception):
    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def _collect(lines: list[tuple[int, str]], i: int, tag: str, rest: str) -> tuple[list[str], int]:
    """The text inside ``<tag>...</tag>`` opened at lines[i]; the index after the close."""
    close = f"</{tag}>"
    if close in rest:
        return [rest.split(close, 1)[0]], i + 1
    out = [rest] if rest.strip() else []
    for j in range(i + 1, len(lines)):
        raw = lines[j][1]
        if close in raw:
            before = raw.split(close, 1)[0]
            if before.strip():
                out.append(before)
            return out, j + 1
        out.append(raw)
    raise _Skip(lines[i][0], f"found <{tag}> that is never closed, expected </{tag}>", f"add </{tag}> after its content")


def _attrs(text: str) -> dict[str, str]:
    return dict(_ATTR.findall(text))


def _reply(line: int, text: str, attrs: dict[str, str], resolve: Resolve) -> dict[str, Any]:
    m = _COMMENT_IN.search(text)
    if m is None:
        raise _Skip(line, "found an <assistant> reply in a comparison without a mark, expected "
                    "<!-- GOOD -->, <!-- BAD --> or <!-- OK -->", "start the reply with <!-- GOOD -->, <!-- BAD --> or <!-- OK -->")
    mark = _MARK.match(m.group(1))
    if mark is None:
        found = m.group(1).strip().split(":")[0][:40]
        raise _Skip(line, f"found the mark '{found}', expected GOOD, BAD or OK",
                    "write <!-- GOOD -->, <!-- BAD: why --> or <!-- OK -->")
    reply: dict[str, Any] = {"verdict": mark.group(1).lower(),
                             "text": (text[: m.start()] + text[m.end():]).strip()}
    if mark.group(3):
        reply["comment"] = resolve(" ".join(mark.group(3).split()))
    if mark.group(2):
        reply["cites"] = mark.group(2)
    if attrs:
        reply["attrs"] = attrs
    return reply


class _Reader:
    """Turns the tagged lines of one region into (turns, comparisons) events."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve

    def events(self, lines: list[tuple[int, str]], *, prose: list[str] | None) -> list[tuple[str, int, Any]]:
        """('turn', line, turn) / ('replies', line, [reply]) / ('label', line, name) / ('text', line, raw).
        With ``prose`` None (a fenced block) stray text is a problem."""
        out: list[tuple[str, int, Any]] = []
        i = 0
        while i < len(lines):
            n, raw = lines[i]
            m = _OPEN.match(raw)
            if m is None:
                if _CLOSE_ANY.match(raw):
                    raise _Skip(n, f"found '{raw.strip()}' without a matching opening tag",
                                "remove it or add the opening tag")
                if lm := _LABEL.match(raw):
                    out.append(("label", n, lm.group(1)))
                elif prose is None and raw.strip() in _ELISIONS:
                    pass  # "[...]" between turns: part of the conversation left out by the author
                elif raw.strip() and not _COMMENT.match(raw):
                    if prose is None:
                        raise _Skip(n, "found text outside any turn, expected <user>, <assistant>, ... blocks",
                                    "put the text inside a turn or move it out of the example")
                    out.append(("text", n, raw))
                elif not raw.strip():
                    out.append(("blank", n, raw))
                i += 1
                continue
            tag, attrs, rest = m.group(1), _attrs(m.group(2)), m.group(3)
            body, nxt = _collect(lines, i, tag, rest)
            if tag == "comparison":
                out.append(("replies", n, self._comparison(n, lines[i + 1: nxt - 1] if len(body) else [])))
            else:
                text = "\n".join(body).strip()
                comment = _COMMENT_IN.search(text) if tag == "assistant" else None
                if comment is not None and _MARK.match(comment.group(1)):  # a marked reply on its own
                    out.append(("replies", n, [_reply(n, text, attrs, self.resolve)]))
                else:
                    turn: dict[str, Any] = {"role": tag, "content": text}
                    if attrs:
                        turn["attrs"] = attrs
                    out.append(("turn", n, turn))
            i = nxt
        return out

    def _comparison(self, n: int, inner: list[tuple[int, str]]) -> list[dict[str, Any]]:
        replies: list[dict[str, Any]] = []
        i = 0
        while i < len(inner):
            ln, raw = inner[i]
            m = _OPEN.match(raw)
            if m is None:
                if raw.strip() and not _COMMENT.match(raw):
                    raise _Skip(ln, "found text inside <comparison>, expected only <assistant> replies",
                                "move the text outside the comparison")
                i += 1
                continue
            if m.group(1) != "assistant":
                raise _Skip(ln, f"found <{m.group(1)}> inside <comparison>, expected only <assistant> replies",
                            "put the conversation before the <comparison>")
            body, i = _collect(inner, i, "assistant", m.group(3))
            replies.append(_reply(ln, "\n".join(body).strip(), _attrs(m.group(2)), self.resolve))
        if not replies:
            raise _Skip(n, "found a <comparison> with no <assistant> reply", "add marked <assistant> replies")
        return replies


def _continuation(replies: list[dict[str, Any]]) -> dict[str, Any] | None:
    for verdict in ("good", "ok"):
        for r in replies:
            if r["verdict"] == verdict:
                return r
    return None


def _fenced_example(events: list[tuple[str, int, Any]], line: int, title: str) -> ExampleBlock:
    turns: list[dict[str, Any]] = []
    replies: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []  # replies of the previous comparison, not yet continued
    label: str | None = None
    last_line = line
    for kind, n, value in events:
        if kind == "label":
            label = value
        if kind == "turn":
            if pending:
                cont = _continuation(pending)
                if cont is None:
                    raise _Skip(n, "found a conversation that goes on after a comparison with no GOOD or OK reply",
                                "mark one reply of the earlier comparison GOOD or OK")
                turn = {"role": "assistant", "content": cont["text"]}
                if cont.get("attrs"):
                    turn["attrs"] = cont["attrs"]
                turns.append(turn)
                pending = []
            turns.append(value)
            last_line = n
        elif kind == "replies":
            if not any(t["role"] != "assistant" for t in turns):
                raise _Skip(n, "found replies with no <user>, <developer> or <system> turn before them",
                            "put the conversation before the <comparison>")
            for r in value:
                replies.append({**r, "at": len(turns)})
            pending = value
            last_line = n
    if not replies:
        raise _Skip(line, "found an example with no candidate replies, expected a <comparison> of "
                    "marked <assistant> replies", "add a <comparison>, or drop the **Example** marker")
    if not pending:
        raise _Skip(last_line, "found a conversation with no reply after it, expected a <comparison>",
                    "add the replies, or remove the turns")
    for r in replies:
        if r["at"] == len(turns):
            del r["at"]
    return ExampleBlock(line, title, label, turns, replies)


class _Parser:
    def __init__(self, file: str, resolve: Resolve) -> None:
        self.file = file
        self.resolve = resolve
        self.reader = _Reader(resolve)
        self.out = SectionBody()
        self._para: list[str] = []
        self._turns: list[dict[str, Any]] = []
        self._label: str | None = None
        self._title: tuple[int, str] | None = None

    def skip(self, e: _Skip) -> None:
        self.out.skipped.append(Problem(self.file, e.line, 1, f"skipped an example: {e.message}",
                                        severity="warning", hint=e.hint))

    def flush(self) -> None:
        if self._para:
            text = " ".join(s.strip() for s in self._para)
            self.out.paragraphs.append(self.resolve(text))
            self._para = []

    def run(self, body: list[tuple[int, str]]) -> SectionBody:
        i = 0
        while i < len(body):
            n, raw = body[i]
            if fm := _FENCE.match(raw):
                self.flush()
                i = self._fence(body, i, fm.group(1), fm.group(2))
                continue
            if em := _EXAMPLE.match(raw):
                self.flush()
                self._title = (n, self.resolve(em.group(1).strip()))
                i += 1
                continue
            if _ADMONITION.match(raw):
                self.flush()
                i += 1
                continue
            j = i
            while j < len(body) and not _FENCE.match(body[j][1]) and not _EXAMPLE.match(body[j][1]):
                j += 1
            self._prose(body[i:j])
            i = j
        self.flush()
        if self._turns:
            self.out.blocks_seen += 1
            self.skip(_Skip(self._turns_line, "found a conversation with no reply after it, expected a <comparison> "
                            "or an <assistant> marked <!-- GOOD --> / <!-- BAD -->", "add the replies, or remove the turns"))
        return self.out

    def _fence(self, body: list[tuple[int, str]], i: int, marker: str, info: str) -> int:
        n = body[i][0]
        j = i + 1
        while j < len(body):
            cm = _FENCE.match(body[j][1])
            if cm and cm.group(1)[0] == marker[0] and len(cm.group(1)) >= len(marker) and not cm.group(2):
                break
            j += 1
        inner = body[i + 1: j]
        title, self._title = self._title, None
        has_tags = any(_OPEN.match(raw) for _, raw in inner)
        if (info.lower() in ("xml", "") and has_tags) or title is not None:
            self.out.blocks_seen += 1
            try:
                if j >= len(body):
                    raise _Skip(n, "found a code fence that is never closed, expected a closing "
                                f"{marker}", "close the fenced block")
                events = self.reader.events(inner, prose=None)
                ex = _fenced_example(events, n, title[1] if title else "")
                self.out.examples.append(ex)
            except _Skip as e:
                self.skip(e)
        return j + 1

    def _prose(self, lines: list[tuple[int, str]]) -> None:
        try:
            events = self.reader.events(lines, prose=[])
        except _Skip as e:
            self.out.blocks_seen += 1
            self._turns = []
            self.skip(e)
            return
        for kind, n, value in events:
            if kind == "text":
                self._para.append(value)
            elif kind == "blank":
                self.flush()
            elif kind == "label":
                self._label = value
            elif kind == "turn":
                self.flush()
                if not self._turns:
                    self._turns_line = n
                self._turns.append(value)
            elif kind == "replies":
                self.flush()
                self.out.blocks_seen += 1
                turns, self._turns = self._turns, []
                label, self._label = self._label, None
                title, self._title = self._title, None
                if not any(t["role"] != "assistant" for t in turns):
                    self.skip(_Skip(n, "found replies with no <user> turn before them, expected a <user> block first",
                                    "put the user's message in <user>...</user> before the replies"))
                    continue
                self.out.examples.append(ExampleBlock(n, title[1] if title else "", label, turns, list(value)))

    _turns_line = 0


def parse_body(body: list[tuple[int, str]], *, file: str, resolve: Resolve) -> SectionBody:
    """Prose paragraphs (references resolved) and examples of one section's body lines."""
    return _Parser(file, resolve).run(body)
