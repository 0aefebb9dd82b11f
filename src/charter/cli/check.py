"""`charter check GUIDE [--format text|json] [--strict] [--ignore CODE]`: load and lint a guide.

Text output is one line per problem, ``file:line:col: severity: path: message [CODE] (hint: ...)``,
then one summary line; it reads the same piped or on a terminal (colour only on a terminal).
JSON output is ``{"guide", "ok", "rules", "errors", "warnings", "problems": [...]}``.
Exit status: 0 when clean or only warnings, 2 on errors (or on warnings with ``--strict``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from charter.errors import GuideError, Problem
from charter.guide import LINT_CODES, lint_guide, load_guide_with_positions


class Format(StrEnum):
    text = "text"
    json = "json"


_COLOURS = {"error": "red", "warning": "yellow"}


def _line(p: Problem) -> str:
    shown = replace(p, message=f"{p.message} [{p.code}]") if p.code else p
    text = str(shown)
    head = f": {p.severity}: "
    if head in text:  # colour the severity word only; click drops the colour when piped
        before, after = text.split(head, 1)
        return f"{before}: {typer.style(p.severity, fg=_COLOURS.get(p.severity), bold=True)}: {after}"
    return text


def run_check(guide: Path, fmt: Format = Format.text, strict: bool = False, ignore: list[str] | None = None) -> int:
    """Load and lint ``guide``, print the findings, return the exit status."""
    ignored = {c.strip().upper() for c in ignore or [] for c in c.split(",") if c.strip()}
    unknown = sorted(ignored - set(LINT_CODES))
    if unknown:
        typer.echo(f"charter check: unknown lint code(s) {', '.join(unknown)}; known: {', '.join(LINT_CODES)}", err=True)
        return 2
    rules = 0
    try:
        g, smap = load_guide_with_positions(guide)
        rules = len(g.rules)
        from charter.evaluate.checks import refusal_label  # the refusal detector, for CH112

        problems = [p for p in lint_guide(g, smap, refusal_of=None if "CH112" in ignored else refusal_label)
                    if p.code not in ignored]
    except GuideError as e:
        problems = list(e.problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == Format.json:
        typer.echo(json.dumps({
            "guide": str(guide), "ok": not failed, "rules": rules, "errors": errors, "warnings": warnings,
            "problems": [p.to_dict() for p in problems],
        }, indent=2))
    else:
        for p in problems:
            typer.echo(_line(p))
        typer.echo(_summary(guide, rules, errors, warnings, failed, strict))
    return 2 if failed else 0


def _summary(guide: Path, rules: int, errors: int, warnings: int, failed: bool, strict: bool) -> str:
    def n(k: int, word: str) -> str:
        return f"{k} {word}{'s' if k != 1 else ''}"

    if errors:
        return f"{guide}: {n(errors, 'error')}, {n(warnings, 'warning')}; fix the errors and run `charter check` again."
    if failed:
        return f"{guide}: {n(warnings, 'warning')} (failing: --strict); fix them or drop --strict."
    return f"{guide}: ok ({n(rules, 'rule')}, {n(warnings, 'warning')})"


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(
        guide: Annotated[Path, typer.Argument(help="Path to the guide YAML file.")],
        fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format: text or json.")] = Format.text,
        strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 2) on warnings too.")] = False,
        ignore: Annotated[list[str] | None, typer.Option(
            "--ignore", help="Lint codes to skip, e.g. --ignore CH101 (repeatable or comma-separated)."
        )] = None,
    ) -> int:
        """Load and lint a guide: every problem as file:line:col (exit 2 on errors)."""
        return run_check(guide, fmt, strict, ignore)
