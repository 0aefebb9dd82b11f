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
  A rule that is not ``must_not`` but has ``violating`` examples gets ``expected: refuse``
  (what their GOOD replies do), so that the label never silently means "comply".
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
* Examples (see :mod:`charter.guide._modelspec_blocks`): every ``**Example**: title`` block
  (a ``~~~xml`` fence of ``<developer>``, ``<system>``, ``<user>``, ``<assistant>``, ``<tool>``
  turns, attributes kept, and ``<comparison>`` blocks of replies marked GOOD / BAD / OK with
  their comments) becomes an example of the rule whose section holds it, the title its note;
  unfenced tags in the section work too. Label: an explicit ``<!-- label: ... -->``; else
  ``violating`` when a GOOD reply reads as a refusal, else ``benign_lookalike`` for
  ``must_not`` rules and ``benign`` for the others.
* References: ``[?](#anchor)`` becomes ``"Section title" (rule or policy id)``, ``[text](#anchor)``
  becomes ``text (id)``; ``BAD[#anchor]`` marks become the reply's ``cites`` id; ``[^id]``
  footnote markers are dropped; ``!!! meta`` admonition lines are dropped (their text is
  rationale).

* Formatting: ``behavior.formatting.latex`` is turned on when the spec mentions LaTeX, and
  ``emoji`` when its own GOOD replies use emoji (Charter's defaults forbid both).

Structural problems (no rule sections, unknown authority, duplicate ids, an unclosed fence)
stop the import with ``file:line:col`` errors. A malformed example block (an unclosed tag, an
unknown or missing mark) is skipped and reported as a warning with its ``file:line``; the
rest is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.errors import CharterError, GuideError, Problem
from charter.guide._checks import nearest
from charter.guide._modelspec_blocks import ExampleBlock, parse_body
from charter.guide._schema import ExampleLabel

__all__ = ["AUTHORITY_MAP", "ModelSpecError", "ModelSpecImport", "import_model_spec", "load_model_spec",
           "parse_model_spec", "read_model_spec"]

AUTHORITY_MAP = {
    "root": "platform",
    "system": "platform",
    "developer": "developer",
    "user": "user",
    "guideline": "guideline",
}
_LABELS = tuple(label.value for label in ExampleLabel)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([^\s}]+)((?:\s+[A-Za-z_]+=[^\s}]*)*)\s*\})?\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)")
_REF = re.compile(r"\[([^\]\[]*)\]\(#([^)\s]+)\)")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
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
    fence = ""  # the open fence's marker, "" outside fences
    for n, raw in enumerate(lines, 1):
        if fm := _FENCE.match(raw):
            marker = fm.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not fm.group(2):
                fence = ""
        m = None if fence or fm else _HEADING.match(raw)
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
    if fence:
        problems.append(Problem(file, len(lines), 1, "found a code fence that is never closed, expected a closing ```",
                                hint="close the fenced block"))
    return out


@dataclass
class ModelSpecImport:
    """What an import produced: the guide data and the counts the CLI reports."""

    data: dict[str, Any]
    blocks: int = 0
    examples: int = 0
    candidates: int = 0
    skipped: list[Problem] = field(default_factory=list)
    outside_rules: int = 0

    @property
    def rules(self) -> int:
        return sum(len(p["rules"]) for p in self.data["policies"])


class _Refs:
    """Anchor → id (rule id, or policy id for a group) and title, for cross-references."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.titles: dict[str, str] = {}

    def resolve(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            label, anchor = m.group(1), m.group(2)
            shown = self.titles.get(anchor, anchor) if label in ("?", "") else label
            if label in ("?", ""):
                shown = f"\u201c{shown}\u201d"
            ident = self.ids.get(anchor)
            return f"{shown} ({ident})" if ident else shown

        return _FOOTNOTE.sub("", _REF.sub(one, text))


def _example_data(block: ExampleBlock, kind: str, refs: _Refs, file: str,
                  problems: list[Problem]) -> dict[str, Any] | None:
    label = block.label
    if label is not None and label not in _LABELS:
        problems.append(Problem(file, block.line, 1, f"skipped an example: found example label '{label}', expected "
                                f"one of: {', '.join(_LABELS)}", severity="warning",
                                hint=nearest(label, list(_LABELS)) or "or leave the label out to infer it"))
        return None
    replies = []
    for r in block.replies:
        r = dict(r)
        if "cites" in r:
            anchor = r["cites"]
            if anchor in refs.ids:
                r["cites"] = refs.ids[anchor]
            else:
                del r["cites"]
                r["comment"] = f"(see #{anchor}) {r.get('comment', '')}".strip()
        replies.append(r)
    final = [r for r in replies if "at" not in r]
    if label is None:
        refused = any(_REFUSAL.match(r["text"].replace("\u2019", "'")) for r in final if r["verdict"] == "good")
        label = "violating" if refused else "benign_lookalike" if kind == "must_not" else "benign"
    ex: dict[str, Any] = {"label": label}
    turns = block.turns
    if len(turns) == 1 and turns[0]["role"] == "user" and not turns[0].get("attrs"):
        ex["user"] = turns[0]["content"]
    else:
        ex["conversation"] = turns
    plain = all(set(r) == {"verdict", "text"} and r["verdict"] in ("good", "bad") for r in replies)
    if plain:
        for verdict in ("good", "bad"):
            texts = [r["text"] for r in replies if r["verdict"] == verdict]
            if texts:
                ex[verdict] = texts
    else:
        ex["replies"] = replies
    if block.title:
        ex["note"] = block.title
    return ex


_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _formatting(text: str, policies: dict[str, dict[str, Any]]) -> dict[str, bool]:
    """What the spec allows that Charter's formatting defaults do not: LaTeX when the spec asks
    for it, emoji when its own GOOD replies use them."""
    out: dict[str, bool] = {}
    if re.search(r"\bLaTeX\b", text):
        out["latex"] = True
    goods = (c["text"] for p in policies.values() for r in p["rules"] for e in r.get("examples", [])
             for c in e.get("replies", [{"verdict": "good", "text": t} for t in e.get("good", [])])
             if c["verdict"] == "good")
    if any(_EMOJI.search(t) for t in goods):
        out["emoji"] = True
    return out


def read_model_spec(text: str, *, name: str = "<spec>", title: str | None = None) -> ModelSpecImport:
    """Turn Model-Spec-style markdown into guide data, with counts and the skipped blocks."""
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
    # pass 1: ids of every rule and policy, so that references resolve anywhere
    refs = _Refs()
    placed: list[tuple[_Section, _Section | None, str, str]] = []
    groups: list[_Section] = []
    policy_ids: set[str] = set()
    for s in sections:
        while groups and groups[-1].level >= s.level:
            groups.pop()
        if s.ident:
            refs.titles[s.ident] = _FOOTNOTE.sub("", s.title)
        if s.authority is None:
            groups.append(s)
            continue
        group = groups[-1] if groups else None
        pid = slug(group.ident or group.title) if group else "general"
        rid = f"{pid}.{slug(s.ident or s.title)}"
        placed.append((s, group, pid, rid))
        policy_ids.add(pid)
        if s.ident:
            refs.ids.setdefault(s.ident, rid)
    for s in sections:
        if s.authority is None and s.ident and slug(s.ident) in policy_ids:
            refs.ids.setdefault(s.ident, slug(s.ident))
    # pass 2: rules and their examples
    result = ModelSpecImport(data={})
    warnings: list[Problem] = []
    rule_sections = {id(s) for s, *_ in placed}
    for s in sections:  # examples outside any rule section cannot be tied to a rule
        if id(s) not in rule_sections:
            body = parse_body(s.body, file=name, resolve=refs.resolve)
            for ex in body.examples:
                result.outside_rules += 1
                warnings.append(Problem(name, ex.line, 1, "skipped an example: it is outside any rule section",
                                        severity="warning", hint="move it under a heading with authority=..."))
            result.blocks += body.blocks_seen
            warnings.extend(body.skipped)
    policies: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for s, group, pid, rid in placed:
        if pid not in policies:
            policies[pid] = {"id": pid, "name": group.title if group else "General"}
            desc = " ".join(t.strip() for _, t in group.body if t.strip() and not _FENCE.match(t)) if group else ""
            if desc:
                policies[pid]["description"] = refs.resolve(desc)[:2000]
            policies[pid]["rules"] = []
        body = parse_body(s.body, file=name, resolve=refs.resolve)
        result.blocks += body.blocks_seen
        warnings.extend(body.skipped)
        rule_text = body.paragraphs[0] if body.paragraphs else s.title
        assert s.authority is not None
        kind = infer_kind(rule_text, s.authority)
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
        examples = [e for b in body.examples if (e := _example_data(b, kind, refs, name, warnings)) is not None]
        if examples:
            if kind != "must_not" and any(e["label"] == "violating" for e in examples):
                rule["expected"] = "refuse"  # what its violating examples' GOOD replies do
            rule["examples"] = examples
            result.examples += len(examples)
            result.candidates += sum(len(e.get("replies", [])) + len(e.get("good", [])) + len(e.get("bad", []))
                                     for e in examples)
        policies[pid]["rules"].append(rule)
    if problems:
        raise ModelSpecError(problems)
    result.skipped = sorted(warnings, key=lambda p: p.line)
    result.data = {
        "meta": {"name": guide_name, "description": f"Imported from {Path(name).name} (Model Spec format)."},
        "include": ["charter:hazards/mlcommons"],
    }
    formatting = _formatting(text, policies)
    if formatting:
        result.data["behavior"] = {"formatting": formatting}
    result.data["policies"] = [p for p in policies.values() if p["rules"]]
    return result


def parse_model_spec(text: str, *, name: str = "<spec>", title: str | None = None) -> dict[str, Any]:
    """Turn Model-Spec-style markdown into guide data (a dict ready for YAML)."""
    return read_model_spec(text, name=name, title=title).data


def load_model_spec(path: str | Path, *, include_hazards: bool = True) -> ModelSpecImport:
    """Read a Model-Spec-style markdown file: guide data, counts and skipped blocks."""
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
    result = read_model_spec(text, name=str(p))
    if not include_hazards:
        result.data.pop("include")
    return result


def import_model_spec(path: str | Path, *, include_hazards: bool = True) -> dict[str, Any]:
    """Read a Model-Spec-style markdown file and return guide data (see module docstring)."""
    return load_model_spec(path, include_hazards=include_hazards).data
