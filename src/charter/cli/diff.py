"""`charter diff RUN_A RUN_B`: per-rule changes with significance, regressions first."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from charter.cli._common import STORE_OPTION
from charter.cli.report import run_guide
from charter.guide import load_guide
from charter.report import EXIT_GATE_FAILED, diff_runs, load_report
from charter.store import RunStore


def register(app: typer.Typer) -> None:
    @app.command("diff")
    def diff(
        run_a: str = typer.Argument(..., help="Baseline run (before)."),
        run_b: str = typer.Argument(..., help="Candidate run (after)."),
        alpha: float = typer.Option(0.05, "--alpha", help="Significance level of the two-proportion test."),
        fail_on_regression: bool = typer.Option(False, "--fail-on-regression",
                                                help=f"Exit {EXIT_GATE_FAILED} when any rule regresses."),
        fmt: str = typer.Option("text", "--format", help="text or json."),
        guide: Path | None = typer.Option(
            None, "--guide", "-g", help="Guide to recompute both runs' verdicts with (default: the guide file each "
                                        "run was scored against, when unchanged)."),
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Compare two runs of the same suite: each rule's pass rate before and after, the
        change, its p-value, and the cases that flipped. Regressions are listed first."""
        g = load_guide(guide) if guide else None
        with RunStore(store_path, readonly=True) as store:
            a = load_report(store, run_a, guide=run_guide(store, run_a, g, guide))
            b = load_report(store, run_b, guide=run_guide(store, run_b, g, guide))
        d = diff_runs(a, b, alpha=alpha)
        if fmt == "json":
            payload = d.model_dump(mode="json")
            payload["regressions"] = [r.rule_id for r in d.regressions]
            typer.echo(json.dumps(payload, indent=2))
        else:
            console = Console(width=120, soft_wrap=False)
            table = Table(title=f"{d.run_a} → {d.run_b} (α = {alpha})")
            for col in ("rule", "status", "before", "after", "Δ pass", "p", "Δ violation (non-refusal if no judge)", "Δ false refusal"):
                table.add_column(col)

            def pct(x: float | None) -> str:
                return "—" if x is None else f"{x:+.0%}"

            for r in [d.overall, *d.rules]:
                style = {"regression": "bold red", "improvement": "green"}.get(r.status, "")
                table.add_row(r.rule_id, r.status, str(r.before), str(r.after), pct(r.delta), f"{r.p_value:.3f}",
                              pct(r.violation_delta), pct(r.false_refusal_delta), style=style)
            console.print(table)
            if d.flips:
                console.print(f"{len(d.flips)} cases changed verdict:")
                for f in d.flips[:30]:
                    console.print(f"  {f.case_id}: {f.before} → {f.after}", markup=False)
            regs = d.regressions
            console.print(f"{len(regs)} regression{'s' if len(regs) != 1 else ''}"
                          + (": " + ", ".join(r.rule_id for r in regs) if regs else ""), markup=False)
        return EXIT_GATE_FAILED if fail_on_regression and d.regressions else 0
