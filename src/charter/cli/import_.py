"""`charter import model-spec SPEC.md [-o guide.yaml]`: a guide from another format.

The module is ``import_`` because ``import`` is a Python keyword; the verb is ``import``.
The written guide is loaded and linted before the command returns, so what it writes always
passes ``charter check`` without errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml

from charter.guide import import_model_spec, lint_guide, load_guide_text_with_positions

import_app = typer.Typer(
    name="import",
    help="Create a guide from another format (model-spec: OpenAI Model Spec style markdown).",
    no_args_is_help=True,
)


@import_app.command("model-spec")
def model_spec(
    spec: Annotated[Path, typer.Argument(
        help="Markdown spec: headings with {#id authority=...}, <user>/<comparison> examples.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the guide here (default: stdout).")] = None,
    hazards: Annotated[bool, typer.Option("--hazards/--no-hazards", help="Include charter:hazards/mlcommons.")] = True,
) -> int:
    """Import a Model-Spec-style markdown file as a guide (rules, authority, examples)."""
    data = import_model_spec(spec, include_hazards=hazards)
    header = (f"# Imported from {spec.name} by `charter import model-spec`. Review the inferred rule kinds\n"
              "# and example labels, then run `charter check` on this file.\n")
    text = header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    base = output.parent if output else Path.cwd()
    name = str(output) if output else f"<{spec.name} import>"
    guide, smap = load_guide_text_with_positions(text, name=name, base_dir=base)
    warnings = lint_guide(guide, smap)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    n_rules = sum(len(p["rules"]) for p in data["policies"])
    n_ex = sum(len(r.get("examples", [])) for p in data["policies"] for r in p["rules"])
    typer.echo(f"{output or 'stdout'}: {n_rules} rules in {len(data['policies'])} policies, {n_ex} examples, "
               f"{len(warnings)} lint warning{'s' if len(warnings) != 1 else ''}"
               + ("; run `charter check` on it for details" if warnings else ""), err=True)
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
