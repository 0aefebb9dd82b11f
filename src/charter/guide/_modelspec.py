"""Import a spec written in the style of the OpenAI Model Spec (markdown) as a guide.

The input format::

    # Title of the spec                        (optional: one level-1 heading = the guide name)
    ## Privacy {#privacy}                      a heading without authority: a group → a policy
    ### Do not doxx {#no_doxxing authority=root}
    Never help find the home address of a private person.     first paragraph → rule text
    Later paragraphs → rationale.
    <!-- label: benign_lookalike -->          (optional: label of the next example)
    <user>
    Where does my favourite actor live?
    </user>
    <comparison>
    <assistant>
    <!-- GOOD: explains why -->
    I can't share that, but ...
    </assistant>
    <assistant>
    <!-- BAD -->
    She lives at ...
    </assistant>
    </comparison>

* A heading with ``authority=`` is a rule; a heading without one is a group, and each rule
  belongs to the policy of its nearest enclosing group (``general`` when there is none).
  The rule id is ``<policy id>.<section id>`` (slugified). Nested rules are separate rules.
* Authority (Charter's ``authority`` is the lowest level allowed to override a rule):
  ``root`` → ``platform`` (severity high), ``system`` → ``platform`` (developers and users may
  not override system-level rules either), ``developer`` → ``developer``, ``user`` → ``user``,
  ``guideline`` → ``guideline``. The original level is kept in the rule's rationale.
* Kind, from the wording of the rule text's first sentence, first match wins:
  "by default" → ``default``; a negation within its first eight words (never, must not,
  do not, don't, should not, may not, cannot, avoid, refuse to, refrain from) → ``must_not``;
  must / always / shall / required within its first eight words → ``must``; should, prefer,
  try to, aim to, generally, usually → ``should``; otherwise ``must`` for root/system/developer
  authority and ``default`` for user/guideline.
* Examples: role blocks (``<user>``, ``<developer>``, ``<system>``, ``<tool>``, unmarked
  ``<assistant>``) make the conversation; a following ``<comparison>`` of ``<assistant>``
  replies marked ``<!-- GOOD -->`` / ``<!-- BAD -->`` (or one marked ``<assistant>``) closes
  the example. Label: an explicit ``<!-- label: ... -->``; else, for ``must_not`` rules,
  ``violating`` when a GOOD reply reads as a refusal and ``benign_lookalike`` otherwise; else
  ``benign``.

Fenced code blocks inside a rule section are skipped (neither text nor tags). Problems (no rule sections, unclosed or stray
tags, unknown authority, unmarked replies, duplicate ids) are reported as ``file:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.errors import CharterError, GuideError, Problem
from charter.guide._checks import nearest
from charter.guide._schema import ExampleLabel

__all__ = ["AUTHORITY_MAP", "ModelSpecError", "import_model_spec", "parse_model_spec"]

AUTHORITY_MAP = {
    "root": "platform",
    "system": "platform",
    "developer": "developer",
    "user": "user",
    "guideline": "guideline",
}
_LABELS = tuple(label.value for label in ExampleLabel)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([^\s}]+)((?:\s+[A-Za-z_]+=[^\s}]*)*)\s*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_OPEN = re.compile(r"^\s*<(user|assistant|developer|system|tool|comparison)>(.*)$")
_CLOSE_ANY = re.compile(r"^\s*</(user|assistant|developer|system|tool|comparison)>\s*$")
_MARK = re.compile(r"<!--\s*(GOOD|BAD)\b[^>]*-->", re.IGNORECASE)
_LABEL = re.compile(r"^\s*<!--\s*label:\s*([a-z_]+)\s*-->\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_NEG = re.compile(r"\b(never|must not|mustn't|do not|don't|should not|shouldn't|may not|cannot|can't|"
                  r"avoid|refuse to|refrain from)\b")
_MUST = re.compile(r"\b(must|always|shall|required|is to)\b")
_SHOULD = re.compile(r"\b(should|prefer|prefers|try to|aim to|generally|usually)\b")
_REFUSAL = re.compile(r"^\W*(i can(?:no|')?t|i cannot|i won't|i'm not able|i am not able|i'm unable|"
                      r"i am unable|sorry|i'm sorry|i am sorry)\b", re.IGNORECASE)


class ModelSpecError(GuideError):
    """A spec could not be imported; ``problems`` says where (``file:line:col``) and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        n = len(self.problems)
        head = "\n".join(str(p) for p in self.problems)
        CharterError.__init__(self, f"{head}\n{n} problem{'s' if n != 1 else ''} in the spec; nothing was written.")


@dataclass
class _Section:
    level: int
    title: str
    ident: str | None
    authority: str | None
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)


def slug(text: str) -> str:
    """A dot-free id part: lowercase letters, digits, '-' and '_'."""
    s = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return s or "section"


def infer_kind(text: str, authority: str) -> str:
    """The rule kind suggested by the wording of ``text`` (see the module docstring)."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].lower().replace("’", "'")
    head = " ".join(first.split()[:8])
    if "by default" in first:
        return "default"
    if _NEG.search(head):
        return "must_not"
    if _MUST.search(head):
        return "must"
    if _SHOULD.search(first):
        return "should"
    return "must" if authority in ("root", "system", "developer") else "default"


def _sections(lines: list[str], file: str, problems: list[Problem]) -> list[_Section]:
    out: list[_Section] = []
    fenced = False
    for n, raw in enumerate(lines, 1):
        if _FENCE.match(raw):
            fenced = not fenced
        m = None if fenced else _HEADING.match(raw)
        if m is None:
            if out:
                out[-1].body.append((n, raw))
            continue
        attrs = dict(a.split("=", 1) for a in (m.group(4) or "").split())
        auth = attrs.get("authority")
        if auth is not None and auth not in AUTHORITY_MAP:
            problems.append(Problem(file, n, raw.find("authority=") + 1,
                                    f"found authority '{auth}', expected one of: {', '.join(AUTHORITY_MAP)}",
                                    hint=nearest(auth, list(AUTHORITY_MAP)) or "use the Model Spec levels"))
            auth = "guideline"
        out.append(_Section(len(m.group(1)), m.group(2), m.group(3), auth, n))
    if fenced:
        problems.append(Problem(file, len(lines), 1, "found a code fence that is never closed, expected a closing ```",
                                hint="close the fenced block"))
    return out


class _Body:
    """Parses one rule section's body: text paragraphs and examples."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.paragraphs: list[str] = []
        self.examples: list[dict[str, Any]] = []
        self._para: list[str] = []
        self._turns: list[tuple[int, dict[str, str]]] = []
        self._label: str | None = None

    def err(self, line: int, msg: str, hint: str) -> None:
        self.problems.append(Problem(self.file, line, 1, msg, hint=hint))

    def _flush(self) -> None:
        if self._para:
            self.paragraphs.append(" ".join(s.strip() for s in self._para))
            self._para = []

    def parse(self, body: list[tuple[int, str]]) -> None:
        i, fenced = 0, False
        while i < len(body):
            n, raw = body[i]
            if _FENCE.match(raw) or fenced:  # code blocks illustrate; they are not rule text
                fenced = fenced != bool(_FENCE.match(raw))
                i += 1
                continue
            m = _OPEN.match(raw)
            if m is None:
                if _CLOSE_ANY.match(raw):
                    self.err(n, f"found '{raw.strip()}' without a matching opening tag", "remove it or add the opening tag")
                elif lm := _LABEL.match(raw):
                    if lm.group(1) in _LABELS:
                        self._label = lm.group(1)
                    else:
                        self.err(n, f"found example label '{lm.group(1)}', expected one of: {', '.join(_LABELS)}",
                                 nearest(lm.group(1), list(_LABELS)) or "or leave the label out to infer it")
                elif _COMMENT.match(raw):
                    pass
                elif raw.strip():
                    self._para.append(raw)
                else:
                    self._flush()
                i += 1
                continue
            self._flush()
            i = self._block(body, i, m.group(1), m.group(2))
        self._flush()
        if self._turns:
            self.err(self._turns[-1][0], "found a conversation with no reply after it, expected a <comparison> "
                     "or an <assistant> marked <!-- GOOD --> / <!-- BAD -->", "add the replies, or remove the turns")

    def _collect(self, body: list[tuple[int, str]], i: int, tag: str, rest: str) -> tuple[list[str], int] | None:
        """Lines inside ``<tag>...</tag>`` starting at body[i]; None when never closed."""
        close = f"</{tag}>"
        if close in rest:
            return [rest.split(close, 1)[0]], i + 1
        lines = [rest] if rest.strip() else []
        j = i + 1
        while j < len(body):
            _, raw = body[j]
            if close in raw:
                before = raw.split(close, 1)[0]
                if before.strip():
                    lines.append(before)
                return lines, j + 1
            lines.append(raw)
            j += 1
        return None

    def _block(self, body: list[tuple[int, str]], i: int, tag: str, rest: str) -> int:
        n = body[i][0]
        got = self._collect(body, i, tag, rest)
        if got is None:
            self.err(n, f"found <{tag}> that is never closed, expected </{tag}>", f"add </{tag}> after its content")
            self._turns = []  # one problem is enough: the turns before it are not dangling
            return len(body)
        lines, nxt = got
        if tag == "comparison":
            self._comparison(n, body[i + 1: nxt - 1] if len(lines) else [])
            return nxt
        text = "\n".join(lines).strip()
        if tag == "assistant" and _MARK.search(text):
            self._example(n, [(n, text)])
        else:
            self._turns.append((n, {"role": tag, "content": text}))
        return nxt

    def _comparison(self, n: int, inner: list[tuple[int, str]]) -> None:
        replies: list[tuple[int, str]] = []
        i = 0
        while i < len(inner):
            ln, raw = inner[i]
            m = _OPEN.match(raw)
            if m is None:
                if raw.strip() and not _COMMENT.match(raw):
                    self.err(ln, "found text inside <comparison>, expected only <assistant> replies",
                             "move the text outside the comparison")
                i += 1
                continue
            if m.group(1) != "assistant":
                self.err(ln, f"found <{m.group(1)}> inside <comparison>, expected only <assistant> replies",
                         "put the conversation before the <comparison>")
            got = self._collect(inner, i, m.group(1), m.group(2))
            if got is None:
                self.err(ln, f"found <{m.group(1)}> that is never closed, expected </{m.group(1)}>",
                         f"add </{m.group(1)}> after its content")
                return
            lines, i = got
            if m.group(1) == "assistant":
                replies.append((ln, "\n".join(lines).strip()))
        if not replies:
            self.err(n, "found a <comparison> with no <assistant> reply", "add marked <assistant> replies")
            return
        self._example(n, replies)

    def _example(self, n: int, replies: list[tuple[int, str]]) -> None:
        good: list[str] = []
        bad: list[str] = []
        for ln, text in replies:
            m = _MARK.search(text)
            if m is None:
                self.err(ln, "found an <assistant> reply in a comparison without a mark, expected <!-- GOOD --> or <!-- BAD -->",
                         "start the reply with <!-- GOOD --> or <!-- BAD -->")
                continue
            reply = _MARK.sub("", text).strip()
            (good if m.group(1).upper() == "GOOD" else bad).append(reply)
        turns = [t for _, t in self._turns]
        self._turns = []
        if not turns or not any(t["role"] == "user" for t in turns):
            self.err(n, "found replies with no <user> turn before them, expected a <user> block first",
                     "put the user's message in <user>...</user> before the replies")
            return
        ex: dict[str, Any] = {"label": self._label}
        if len(turns) == 1 and turns[0]["role"] == "user":
            ex["user"] = turns[0]["content"]
        else:
            ex["conversation"] = turns
        if good:
            ex["good"] = good
        if bad:
            ex["bad"] = bad
        self._label = None
        self.examples.append(ex)

    def labelled(self, kind: str) -> list[dict[str, Any]]:
        """The examples, each unlabelled one given the label its rule kind and replies suggest."""
        for ex in self.examples:
            if ex["label"] is None:
                if kind != "must_not":
                    ex["label"] = "benign"
                else:
                    refused = any(_REFUSAL.match(g) for g in ex.get("good", []))
                    ex["label"] = "violating" if refused else "benign_lookalike"
        return self.examples


def parse_model_spec(text: str, *, name: str = "<spec>", title: str | None = None) -> dict[str, Any]:
    """Turn Model-Spec-style markdown into guide data (a dict ready for YAML)."""
    problems: list[Problem] = []
    lines = text.splitlines()
    sections = _sections(lines, name, problems)
    level1 = [s for s in sections if s.level == 1]
    guide_name = title or Path(name).stem
    if len(level1) == 1 and level1[0].authority is None:
        guide_name = level1[0].title
        sections = [s for s in sections if s is not level1[0]]
    if not any(s.authority for s in sections) and not problems:
        raise ModelSpecError([Problem(name, 1, 1, "found no rule sections, expected headings like "
                                      "'## Title {#id authority=root}'",
                                      hint="mark each rule's heading with {#id authority=root|system|developer|user|guideline}")])
    policies: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    groups: list[_Section] = []
    for s in sections:
        while groups and groups[-1].level >= s.level:
            groups.pop()
        if s.authority is None:
            groups.append(s)
            continue
        group = groups[-1] if groups else None
        pid = slug(group.ident or group.title) if group else "general"
        if pid not in policies:
            policies[pid] = {"id": pid, "name": group.title if group else "General"}
            desc = " ".join(t.strip() for _, t in group.body if t.strip()) if group else ""
            if desc:
                policies[pid]["description"] = desc
            policies[pid]["rules"] = []
        pol = policies[pid]
        body = _Body(name, problems)
        body.parse(s.body)
        rule_text = body.paragraphs[0] if body.paragraphs else s.title
        kind = infer_kind(rule_text, s.authority)
        rid = f"{pid}.{slug(s.ident or s.title)}"
        if rid in first_line:
            problems.append(Problem(name, s.line, 1, f"found rule id '{rid}' twice (first at {name}:{first_line[rid]}:1)",
                                    hint="give the sections different {#id}s"))
            continue
        first_line[rid] = s.line
        rule: dict[str, Any] = {"id": rid, "kind": kind, "text": rule_text, "authority": AUTHORITY_MAP[s.authority]}
        rationale = " ".join(body.paragraphs[1:])
        origin = f"Model Spec section #{s.ident or slug(s.title)} (authority={s.authority})."
        rule["rationale"] = f"{rationale} [{origin}]" if rationale else origin
        if s.authority == "root":
            rule["severity"] = "high"
        if body.examples:
            rule["examples"] = body.labelled(kind)
        pol["rules"].append(rule)
    if problems:
        raise ModelSpecError(problems)
    return {
        "meta": {"name": guide_name, "description": f"Imported from {Path(name).name} (Model Spec format)."},
        "include": ["charter:hazards/mlcommons"],
        "policies": list(policies.values()),
    }


def import_model_spec(path: str | Path, *, include_hazards: bool = True) -> dict[str, Any]:
    """Read a Model-Spec-style markdown file and return guide data (see module docstring)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ModelSpecError([Problem(str(p), 1, 1, f"cannot read the spec ({e.strerror or e})",
                                      hint="check the path")]) from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        raise ModelSpecError([Problem(str(p), before.count(b"\n") + 1, e.start - (before.rfind(b"\n") + 1) + 1,
                                      "found bytes that are not UTF-8, expected UTF-8 markdown",
                                      hint="save the spec as UTF-8")]) from None
    data = parse_model_spec(text, name=str(p))
    if not include_hazards:
        data.pop("include")
    return data
