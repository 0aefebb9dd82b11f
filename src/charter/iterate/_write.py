"""The outputs of ``charter iterate`` in one directory.

``prompt.final.md`` (the revised prompt) · ``prompt.start.md`` · ``edits/NN-accepted-*.diff``
(one unified diff per accepted edit, headed by the rules it was for and why it was kept) ·
``report.md`` and ``report.json`` (every round: train pass rate, failure clusters, each edit
with its validation rates and the reason it was kept or rejected) · ``guide-suggestions.md``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from charter.errors import ConfigError
from charter.evaluate import Rate
from charter.iterate._records import EditOutcome, IterateResult, show_rate

__all__ = ["render_iterate_markdown", "write_iterate"]


def _rate(r: Rate | None) -> str:
    return show_rate(r, interval=True)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _edit_line(o: EditOutcome) -> str:
    e = o.edit
    what = e.text or (f"guide example {e.example}" if e.kind == "add_example" else "")
    return (f"| {e.kind} | {', '.join(e.rule_ids)} | {_cell(what)} | {_rate(o.before)} | {_rate(o.after)} | "
            f"{'kept' if o.accepted else 'rejected'}: {_cell(o.reason)} |")


def render_iterate_markdown(res: IterateResult) -> str:
    """The per-round report as Markdown."""
    out = [f"# Prompt revision: {res.guide}", "",
           f"Target `{res.target}`, generator `{res.generator}`, judge `{res.judge or 'none'}`. "
           f"Suite split by group: {res.train_cases} train cases, {res.validation_cases} validation cases. "
           f"{res.queries} target responses.", "",
           f"**Validation pass rate: {_rate(res.start.pass_rate)} → {_rate(res.final.pass_rate)}** "
           f"({len(res.accepted)} edit(s) kept, {len(res.rejected)} rejected). Stopped: {res.stopped}.", "",
           "An edit is kept only when the validation pass rate rises and no rule's validation pass rate falls "
           "below the Wilson 95% interval of its rate before the edit (docs/iterate.md).", ""]
    for rnd in res.rounds:
        out += [f"## Round {rnd.round}", "", f"Train pass rate {_rate(rnd.train.pass_rate)}.", ""]
        if rnd.clusters:
            out += ["| rule | failure | cases | example request |", "|---|---|---:|---|"]
            out += [f"| {c.rule_id} | {c.kind.replace('_', ' ')} | {c.n}/{c.of} | "
                    f"{_cell(c.prompts[0]) if c.prompts else ''} |" for c in rnd.clusters]
            out.append("")
        else:
            out += ["No failure on the train part.", ""]
        if rnd.generator_problems:
            out += ["Generator output not used:", ""] + [f"- {p}" for p in rnd.generator_problems] + [""]
        if rnd.outcomes:
            out += ["| edit | rules | text | validation before | after | decision |", "|---|---|---|---|---|---|"]
            out += [_edit_line(o) for o in rnd.outcomes]
            out.append("")
    if res.final.by_rule:
        out += ["## Validation pass rate per rule", "", "| rule | start | final |", "|---|---|---|"]
        for rid in sorted(set(res.start.by_rule) | set(res.final.by_rule)):
            out.append(f"| {rid} | {_rate(res.start.by_rule.get(rid))} | {_rate(res.final.by_rule.get(rid))} |")
        out.append("")
    out += ["## Suggested edits to the guide", ""]
    out += [f"- **{s.kind.replace('_', ' ')}** ({', '.join(s.rule_ids)}): {s.text}" for s in res.suggestions] or [
        "None."]
    return "\n".join(out).rstrip() + "\n"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def write_iterate(res: IterateResult, out_dir: str | Path) -> list[Path]:
    """Write every output of ``res`` to ``out_dir`` (created); returns the paths written."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: exists and is not a directory", hint="pass a directory with -o")
    (out / "edits").mkdir(parents=True, exist_ok=True)
    for old in (out / "edits").glob("*.diff"):
        old.unlink()
    paths: list[Path] = []

    def put(name: str, text: str) -> None:
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)

    put("prompt.final.md", res.final_prompt)
    put("prompt.start.md", res.start_prompt)
    for i, o in enumerate(res.accepted, 1):
        head = (f"# edit {i} (round {o.round}): {o.edit.kind} for {', '.join(o.edit.rule_ids)}\n"
                f"# why: {' '.join(o.edit.why.split()) or '(not given)'}\n# kept: {o.reason}\n")
        put(f"edits/{i:02d}-accepted-{_slug(o.edit.title())}.diff", head + o.diff)
    put("report.md", render_iterate_markdown(res))
    doc = res.model_dump(mode="json")
    doc["accepted"] = [{"round": o.round, "edit": o.edit.model_dump(mode="json"), "reason": o.reason}
                       for o in res.accepted]
    doc["rejected"] = [{"round": o.round, "edit": o.edit.model_dump(mode="json"), "reason": o.reason}
                       for o in res.rejected]
    put("report.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    sugg = ["# Suggested edits to the guide", "",
            "Suggestions only: `charter iterate` never changes the guide.", ""]
    sugg += [f"- **{s.kind.replace('_', ' ')}** ({', '.join(s.rule_ids)}): {s.text}" for s in res.suggestions] or [
        "None."]
    put("guide-suggestions.md", "\n".join(sugg) + "\n")
    return paths
