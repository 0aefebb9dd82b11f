"""`charter report RUN [RUN...]`: HTML + Markdown + JSON report of a run (compared with others)."""

from __future__ import annotations

from pathlib import Path

import typer

from charter.cli._common import STORE_OPTION, charter_home
from charter.errors import ConfigError
from charter.evaluate import Calibration
from charter.guide import Guide, load_guide
from charter.report import (
    guide_of_run,
    load_report,
    read_guard_eval,
    read_redteam,
    read_results,
    read_training,
    write_report,
)
from charter.store import RunStore


def _read_calibration(path: Path) -> Calibration:
    return read_results(path, Calibration, what="calibration",
                        write_hint="write one with `charter calibrate LABELS --run RUN --json FILE`",
                        pass_hint="pass the JSON written by `charter calibrate --json`")


def run_guide(store: RunStore, run: str, given: Guide | None, given_path: Path | None) -> Guide | None:
    """The guide to recompute ``run``'s verdicts with: ``given`` (--guide), else the guide file
    the run was scored against when it is unchanged (:func:`charter.report.guide_of_run`). A
    case's verdict depends on the guide: without it 48 of 193 verdicts of a run of the Italian
    fixture changed and its pass rate went from 56% to 78%. Says on stderr when the verdicts may
    differ from the run's."""
    info = store.get_run(run)
    if not info.guide_hash:
        return given
    if given is not None:
        if given.fingerprint() != info.guide_hash:
            typer.echo(f"warning: {given_path} is not the guide run {info.id} was scored against (fingerprint "
                       f"{given.fingerprint()[:12]}, the run's {info.guide_hash[:12]}): verdicts that depend on the "
                       "guide can differ from the run's", err=True)
        return given
    found, where = guide_of_run(info)
    if found is not None:
        typer.echo(f"guide: {where} (the one run {info.id} was scored against; --guide picks another)", err=True)
    else:
        typer.echo(f"warning: run {info.id} was scored against a guide, but {where}: without it the verdicts "
                   "leave out what the guide decides (checks tied to its rules, the redirects and confirmations it "
                   "names) and can differ from `charter eval`'s. Pass --guide GUIDE.yaml", err=True)
    return found


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        run: str = typer.Argument(..., help="Run id (or unique prefix); see `charter runs`."),
        compare: list[str] = typer.Option([], "--compare", "-c", help="Other run ids to compare with (repeat)."),
        guide: Path | None = typer.Option(None, "--guide", "-g", help="Guide: adds rule texts, severities, the card."),
        calibration: Path | None = typer.Option(
            None, "--calibration", help="Calibration JSON from `charter calibrate --json`: flags untrustworthy judges."),
        guard_eval: Path | None = typer.Option(
            None, "--guard-eval", help="JSON from `charter guard eval --json`: adds the card's 'Runtime guards' section."),
        redteam: Path | None = typer.Option(
            None, "--redteam", help="redteam.json (or its folder) from `charter redteam`: adds a red-team section "
                                    "to the report and, with --guide, the card."),
        train: list[Path] = typer.Option(
            [], "--train", help="Output folder of `charter train` (repeat for SFT then DPO): adds the card's "
                                "'Training data' and 'Training' sections from its README.md."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Output folder (default $CHARTER_HOME/reports/RUN)."),
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Write report.html (self-contained: inline SVG charts, no CDN), report.md and
        report.json for RUN; with --guide also card.md (a first model-card draft)."""
        g = load_guide(guide) if guide else None
        cal = _read_calibration(calibration) if calibration else None
        gev = read_guard_eval(guard_eval) if guard_eval else None
        if gev is not None and g is None:
            raise ConfigError("--guard-eval needs --guide: the guard results go into the card, which the guide writes",
                              hint="add --guide GUIDE.yaml (the guide the guards were compiled from)")
        rt = read_redteam(redteam) if redteam else None
        trained = [read_training(t) for t in train]
        if trained and g is None:
            raise ConfigError("--train needs --guide: the training sections go into the card, which the guide writes",
                              hint="add --guide GUIDE.yaml (the guide the training data was built from)")
        with RunStore(store_path, readonly=True) as store:
            g = run_guide(store, run, g, guide)
            rep = load_report(store, run, guide=g, calibration=cal)
            others = [load_report(store, r, guide=g, calibration=cal) for r in compare]
        paths = write_report(rep, out or charter_home() / "reports" / rep.run.id, others, gev, rt, trained)
        for kind, p in paths.items():
            typer.echo(f"{kind}: {p}")
        return 0
