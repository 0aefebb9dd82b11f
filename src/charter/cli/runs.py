"""`charter runs [list | show RUN | delete RUN]`: the runs in the run store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from charter.cli._common import STORE_OPTION
from charter.errors import ConfigError
from charter.store import RunInfo, RunStore, default_store_path

FORMAT_OPTION = typer.Option("table", "--format", "-f", help="Output format: table or json.")


def _fmt(value: str) -> str:
    if value not in ("table", "json"):
        raise ConfigError(f"--format '{value}' is not one of: table, json", hint="use --format table or --format json")
    return value


def _info_dict(info: RunInfo) -> dict[str, Any]:
    d = info.model_dump(mode="json")
    d["usage"]["total_tokens"] = info.usage.total_tokens
    return d


def _list(store: Path | None, fmt: str) -> int:
    fmt = _fmt(fmt)
    path = Path(store).expanduser() if store is not None else default_store_path()
    runs = []
    if path.exists():  # a reader never creates a store (a mistyped CHARTER_STORE stays visible)
        with RunStore(path, readonly=True) as s:
            runs = s.list_runs()
    if fmt == "json":
        typer.echo(json.dumps([_info_dict(r) for r in runs], indent=2, ensure_ascii=False))
        return 0
    if not runs:
        typer.echo(f"no runs in {path}; start one with `charter eval`", err=True)
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(box=None, header_style="bold", pad_edge=False)
    for col in ("id", "name", "target", "status", "done", "errors", "tokens", "cost", "created"):
        t.add_column(col, justify="right" if col in ("done", "errors", "tokens", "cost") else "left")
    for r in runs:
        t.add_row(r.id, r.name, r.target, r.status, f"{r.n_done}", f"{r.n_errors}", f"{r.usage.total_tokens:,}",
                  f"${r.usage.cost:.4f}", r.created_at.strftime("%Y-%m-%d %H:%M"))
    Console(width=max(120, Console().width)).print(t)
    return 0


def _show(run: str, store: Path | None, fmt: str, records: bool) -> int:
    fmt = _fmt(fmt)
    with RunStore(store, readonly=True) as s:
        info = s.get_run(run)
        counts = s.verdict_counts(info.id)
        if fmt == "json":
            out = _info_dict(info)
            out["scores"] = [{"scorer": sc, "rule_id": rid, "verdict": v, "count": n} for sc, rid, v, n in counts]
            if records:
                out["records"] = [r.model_dump(mode="json") for r in s.iter_records(info.id)]
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
            return 0
        lines = [
            f"run       {info.id}  ({info.name})",
            f"status    {info.status}",
            f"target    {info.target}",
            f"created   {info.created_at.isoformat(timespec='seconds')}"
            + (f"   finished {info.finished_at.isoformat(timespec='seconds')}" if info.finished_at else ""),
            f"cases     {info.n_cases}   records {info.n_done}   errors {info.n_errors}",
            f"usage     {info.usage.input_tokens:,} in + {info.usage.output_tokens:,} out tokens, ${info.usage.cost:.4f}",
            f"guide     {info.guide_hash or '-'}",
            f"suite     {info.suite_hash or '-'}",
        ]
        typer.echo("\n".join(lines))
        if counts:
            typer.echo("\nscores (scorer  rule  verdict  count)")
            for sc, rid, v, n in counts:
                typer.echo(f"  {sc}  {rid or '-'}  {v}  {n}")
        if records:
            typer.echo("")
            for r in s.iter_records(info.id):
                verdicts = ", ".join(f"{x.scorer}={x.verdict.value}" for x in r.scores)
                what = f"ERROR {r.response.error}" if r.response.error else r.response.text[:80].replace("\n", " ")
                typer.echo(f"  {r.case.id} #{r.epoch}  {verdicts}  {what}")
    return 0


def _delete(run: str, store: Path | None, yes: bool) -> int:
    with RunStore(store) as s:
        info = s.get_run(run)
        if not yes:
            if not sys.stdin.isatty():
                raise ConfigError(f"refusing to delete run {info.id} without confirmation",
                                  hint=f"pass --yes: charter runs delete {info.id} --yes")
            if not typer.confirm(f"delete run {info.id} ({info.name}, {info.n_done} records)?"):
                typer.echo("not deleted", err=True)
                return 1
        s.delete_run(info.id)
    typer.echo(f"deleted run {info.id}")
    return 0


def _store(ctx: typer.Context, store: Path | None) -> Path | None:
    """The subcommand's --store, else the one given before the subcommand."""
    if store is not None:
        return store
    parent = ctx.parent.obj if ctx.parent is not None and isinstance(ctx.parent.obj, dict) else {}
    value = parent.get("store")
    return value if isinstance(value, Path) else None


def register(app: typer.Typer) -> None:
    runs = typer.Typer(name="runs", help="List, show and delete the runs in the run store.",
                       no_args_is_help=False, invoke_without_command=True)

    @runs.callback(invoke_without_command=True)
    def _default(ctx: typer.Context, store: Path | None = STORE_OPTION, fmt: str = FORMAT_OPTION) -> int | None:
        """List, show and delete the runs in the run store (`charter runs` lists them)."""
        ctx.obj = {"store": store, "format": fmt}  # `charter runs --store X list` honours --store
        if ctx.invoked_subcommand is None:
            return _list(store, fmt)
        return None

    @runs.command("list")
    def list_cmd(ctx: typer.Context, store: Path | None = STORE_OPTION, fmt: str = FORMAT_OPTION) -> int:
        """List runs, newest first: id, name, target, status, progress, usage."""
        return _list(_store(ctx, store), fmt)

    @runs.command("show")
    def show_cmd(ctx: typer.Context, run: str = typer.Argument(..., help="Run id (or a unique prefix of one)."),
                 store: Path | None = STORE_OPTION, fmt: str = FORMAT_OPTION,
                 records: bool = typer.Option(False, "--records", help="Also print every record.")) -> int:
        """Show one run: status, counts, usage, hashes and verdicts per scorer and rule."""
        return _show(run, _store(ctx, store), fmt, records)

    @runs.command("delete")
    def delete_cmd(ctx: typer.Context, run: str = typer.Argument(..., help="Run id (or a unique prefix of one)."),
                   store: Path | None = STORE_OPTION,
                   yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")) -> int:
        """Delete a run and its records (cached responses are kept)."""
        return _delete(run, _store(ctx, store), yes)

    app.add_typer(runs)
