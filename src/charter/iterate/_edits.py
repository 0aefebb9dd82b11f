"""Edits of a compiled prompt: parse them from a generator's answer, and apply them.

The generator answers with JSON (``{"edits": [{"kind", "rule_ids", "text", "example", "why"}]}``,
possibly inside a code fence or after some prose). Parsing never raises: whatever cannot be
read — no JSON at all, a bad field, an unknown kind, a rule id the guide lacks — becomes a
line in the returned problems, and the edits that can be read are kept.

An edit is applied to the rule's block in the prompt: the line holding the rule's text and the
indented lines under it (boundary, examples). ``restate`` and ``clarify_boundary`` add an
indented line to the block, ``add_example`` adds one of the guide's own examples of the rule
(the generator picks it by index; it never writes the example itself), ``reorder`` moves the
block to the top of its list of rules. A rule the prompt does not show (left out under a
budget, or a compact prompt without the text) gets its reminder in a closing "Reminders"
section; it cannot be reordered.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from charter.errors import ConfigError
from charter.guide import Guide, Rule
from charter.iterate._records import EDIT_KINDS, Edit

__all__ = ["EditNotApplicable", "apply_edit", "parse_edits"]

_KIND_ALIASES = {"restate": "restate", "restate_rule": "restate", "reminder": "restate",
                 "add_example": "add_example", "example": "add_example", "add_good_bad": "add_example",
                 "reorder": "reorder", "move": "reorder", "move_up": "reorder",
                 "clarify_boundary": "clarify_boundary", "boundary": "clarify_boundary", "clarify": "clarify_boundary"}
REMINDERS_HEADING = "# Reminders"


class EditNotApplicable(ConfigError):
    """An edit that cannot be applied to this prompt (the reason is the message)."""


def _json_candidates(text: str) -> list[Any]:
    """Every JSON value that parses from ``text``: fenced blocks first, then each ``{``/``[``
    from left to right (the first that decodes wins)."""
    out: list[Any] = []
    for block in re.findall(r"```(?:json)?\s*(.*?)```", text, flags=re.DOTALL):
        try:
            out.append(json.loads(block))
        except json.JSONDecodeError:
            continue
    if out:
        return out
    dec = json.JSONDecoder()
    for m in re.finditer(r"[\[{]", text):
        try:
            value, _ = dec.raw_decode(text, m.start())
        except json.JSONDecodeError:
            continue
        return [value]
    return []


def _normalise(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return raw
    d = dict(raw)
    if "rule_ids" not in d:
        for key in ("rule_id", "rule", "rules"):
            if key in d:
                d["rule_ids"] = d.pop(key)
                break
    if isinstance(d.get("rule_ids"), str):
        d["rule_ids"] = [d["rule_ids"]]
    if isinstance(d.get("kind"), str):
        k = d["kind"].strip().lower().replace("-", "_").replace(" ", "_")
        d["kind"] = _KIND_ALIASES.get(k, k)
    for key in ("reason", "rationale"):
        if key in d and "why" not in d:
            d["why"] = d.pop(key)
    if isinstance(d.get("example"), str) and d["example"].strip().isdigit():
        d["example"] = int(d["example"].strip())
    return {k: v for k, v in d.items() if k in Edit.model_fields}


def parse_edits(text: str, guide: Guide, *, limit: int | None = None) -> tuple[list[Edit], list[str]]:
    """The edits in a generator's answer, and a line per thing that could not be used."""
    problems: list[str] = []
    values = _json_candidates(text or "")
    if not values:
        shown = " ".join((text or "").split())[:120]
        return [], [f"the generator's answer holds no JSON ({shown!r})" if shown else "the generator's answer is empty"]
    items: list[Any] = []
    for v in values:
        if isinstance(v, dict) and isinstance(v.get("edits"), list):
            items.extend(v["edits"])
        elif isinstance(v, list):
            items.extend(v)
        elif isinstance(v, dict) and "kind" in v:
            items.append(v)
    if not items:
        return [], ["the generator's JSON holds no 'edits' list"]
    known = set(guide.rule_ids())
    edits: list[Edit] = []
    for i, raw in enumerate(items):
        try:
            edit = Edit.model_validate(_normalise(raw))
        except ValidationError as e:
            err = e.errors(include_url=False)[0]
            where = ".".join(str(p) for p in err["loc"]) or "edit"
            problems.append(f"edit {i + 1}: {where}: {err['msg']}"
                            + (f" (kinds: {', '.join(EDIT_KINDS)})" if where == "kind" else ""))
            continue
        resolved = [_resolve_rule_id(r, known) for r in edit.rule_ids]
        unknown = [r for r, ok in zip(edit.rule_ids, resolved, strict=True) if ok is None]
        if unknown:
            problems.append(f"edit {i + 1}: unknown rule id(s) {', '.join(unknown)}")
            continue
        if resolved != edit.rule_ids:
            edit = edit.model_copy(update={"rule_ids": resolved})
        if edit.kind in ("restate", "clarify_boundary") and not edit.text.strip():
            problems.append(f"edit {i + 1}: a {edit.kind} edit needs a 'text'")
            continue
        if edit in edits:
            problems.append(f"edit {i + 1}: the same as an earlier edit")
            continue
        edits.append(edit)
    if limit is not None and len(edits) > limit:
        problems.append(f"{len(edits) - limit} edit(s) beyond --edits-per-round {limit} left out")
        edits = edits[:limit]
    return edits, problems


def _resolve_rule_id(rid: str, known: set[str]) -> str | None:
    """The guide's rule id a generator meant: the id itself; else without a leading ``rule.`` /
    ``rule:`` / ``rule `` (small models echo the request's "rule <id>"); else the one rule id whose
    last dotted parts it ends with (``no-secrets-in-chat`` → ``account.no-secrets-in-chat``). An id
    that matches no rule, or several, stays unknown."""
    rid = rid.strip()
    if rid in known:
        return rid
    bare = rid
    for prefix in ("rule.", "rule:", "rule "):
        if bare.lower().startswith(prefix):
            bare = bare[len(prefix):].strip()
    if bare in known:
        return bare
    tail = [k for k in known if k.endswith("." + bare)]
    return tail[0] if len(tail) == 1 else None


def _block(lines: list[str], rule: Rule) -> tuple[int, int] | None:
    """(first, end) line indices of the rule's block: its line and the indented lines under it."""
    needle = " ".join(rule.text.split())
    for i, line in enumerate(lines):
        if needle and needle in " ".join(line.split()) and line.lstrip().startswith("-"):
            j = i + 1
            while j < len(lines) and lines[j].startswith("  ") and lines[j].strip():
                j += 1
            return i, j
    return None


def _example_line(rule: Rule, index: int) -> str:
    if index >= len(rule.examples):
        raise EditNotApplicable(f"rule {rule.id} has {len(rule.examples)} example(s); there is no example {index}")
    ex = rule.examples[index]
    if not ex.good and not ex.bad:
        raise EditNotApplicable(f"example {index} of rule {rule.id} has no GOOD or BAD reply")
    ask = " ".join(ex.prompt_text().split())
    parts = [f'  {"Looks risky but is fine" if ex.label.value == "benign_lookalike" else "Example"} — user: "{ask}"']
    if ex.good:
        parts.append(f'GOOD reply: "{" ".join(ex.good[0].split())}"')
    if ex.bad:
        parts.append(f'BAD reply: "{" ".join(ex.bad[0].split())}"')
    return " → ".join(parts[:2]) + ("; " + parts[2] if len(parts) > 2 else "")


def _added_line(edit: Edit, rule: Rule) -> str:
    if edit.kind == "add_example":
        return _example_line(rule, edit.example or 0)
    text = " ".join(edit.text.split())
    return f"  {'Reminder' if edit.kind == 'restate' else 'Boundary'}: {text}"


def apply_edit(prompt: str, edit: Edit, guide: Guide) -> str:
    """``prompt`` with ``edit`` applied (to its first rule's block); raises
    :class:`EditNotApplicable` with the reason when it cannot change the prompt."""
    rule = guide.rule(edit.rule_ids[0])
    lines = prompt.split("\n")
    span = _block(lines, rule)
    if edit.kind == "reorder":
        if span is None:
            raise EditNotApplicable(f"rule {rule.id} is not written out in the prompt, so it cannot be moved")
        first, end = span
        top = first
        while top > 0 and (lines[top - 1].startswith("- ") or lines[top - 1].startswith("  ")):
            top -= 1
        if top == first:
            raise EditNotApplicable(f"rule {rule.id} is already the first of its section")
        block = lines[first:end]
        rest = lines[:first] + lines[end:]
        return "\n".join(rest[:top] + block + rest[top:])
    added = _added_line(edit, rule)
    if " ".join(added.split()) in " ".join(prompt.split()):
        raise EditNotApplicable("the prompt already says this")
    if span is None:
        tail = prompt.rstrip("\n")
        if REMINDERS_HEADING not in lines:
            tail += f"\n\n{REMINDERS_HEADING}"
        return tail + f"\n- {rule.id}: {added.strip()}\n"
    _, end = span
    return "\n".join([*lines[:end], added, *lines[end:]])
