"""`charter report RUN [RUN...]`: HTML + Markdown + JSON report of a run (compared with others)."""

from __future__ import annotations

from pathlib import Path

import typer

from charter.cli._common import STORE_OPTION, charter_home
from charter.guide import load_guide
from charter.report import load_report, write_report
from charter.store import RunStore


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        run: str = typer.Argument(..., help="Run id (or unique prefix); see `charter runs`."),
        compare: list[str] = typer.Option([], "--compare", "-c", help="Other run ids to compare with (repeat)."),
        guide: Path | None = typer.Option(None, "--guide", "-g", help="Guide: adds rule texts, severities, the card."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Output folder (default $CHARTER_HOME/reports/RUN)."),
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Write report.html (self-contained: inline SVG charts, no CDN), report.md and
        report.json for RUN; with --guide also card.md (a first model-card draft)."""
        g = load_guide(guide) if guide else None
        with RunStore(store_path) as store:
            rep = load_report(store, run, guide=g)
            others = [load_report(store, r, guide=g) for r in compare]
        paths = write_report(rep, out or charter_home() / "reports" / rep.run.id, others)
        for kind, p in paths.items():
            typer.echo(f"{kind}: {p}")
        return 0
