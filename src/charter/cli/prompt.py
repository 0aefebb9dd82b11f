"""`charter prompt GUIDE [--variant full|compact] [--budget N] [--annotate] [--canary S] [-o FILE]`.

Prints the system prompt compiled from the guide on stdout (or writes it to ``-o FILE``) and
a one-line summary on stderr: variant, estimated tokens, rule count, and every rule dropped
to fit ``--budget``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from charter.compile import compile_prompt
from charter.errors import ConfigError
from charter.guide import load_guide


class PromptVariant(StrEnum):
    full = "full"
    compact = "compact"


def register(app: typer.Typer) -> None:
    @app.command("prompt")
    def prompt(
        guide: Annotated[Path, typer.Argument(help="Path to the guide YAML file.")],
        variant: Annotated[
            PromptVariant,
            typer.Option("--variant", help="full: rules with boundaries and examples; compact: rule texts only."),
        ] = PromptVariant.full,
        budget: Annotated[
            int | None,
            typer.Option("--budget", help="Most tokens (estimated) the prompt may take; lowest-priority rules go first."),
        ] = None,
        annotate: Annotated[
            bool, typer.Option("--annotate", help="Mark each rule with <!-- rule: ID --> so it can be traced.")
        ] = False,
        canary: Annotated[
            str | None, typer.Option("--canary", help="Plant this string in the prompt to detect system-prompt leaks.")
        ] = None,
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="Write the prompt to this file instead of stdout.")
        ] = None,
    ) -> int:
        """Compile GUIDE into a system prompt (stdout); a summary goes to stderr."""
        compiled = compile_prompt(
            load_guide(guide), variant=variant.value, budget=budget, annotate=annotate, canary=canary
        )
        if output is not None:
            _write(output, compiled.text)
        else:
            typer.echo(compiled.text, nl=False)
        summary = (
            f"{guide}: {compiled.variant} prompt, ~{compiled.tokens} tokens (estimate: chars/4), "
            f"{len(compiled.rule_ids)} rules"
        )
        if budget is not None:
            summary += f", budget {budget}"
        if compiled.condensed:
            summary += f", {len(compiled.condensed)} condensed (no boundary/examples)"
        if output is not None:
            summary += f" -> {output}"
        typer.echo(summary, err=True)
        if compiled.dropped:
            typer.echo(f"dropped {len(compiled.dropped)} rules to fit the budget (lowest priority first):", err=True)
            for d in compiled.dropped:
                typer.echo(f"  {d.rule_id} ({d.authority.value}, {d.severity.value})", err=True)
        if compiled.critical_dropped:
            typer.echo(f"warning: {len(compiled.critical_dropped)} critical rule(s) do not fit the budget: "
                       f"{', '.join(compiled.critical_dropped)} (raise --budget, use --variant compact, or "
                       "include only the library hazards you need)", err=True)
        return 0


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write {path}: {e.strerror or e}", hint="check the path and its permissions") from None
