"""`charter guard GUIDE -o guard.yaml` · `charter guard eval GUIDE --suite S` ·
`charter guard export OUT.jsonl`.

``guard GUIDE`` compiles the guard config (which scorer watches which rule, on input or output,
threshold, action) and prints the per-rule view on stderr. ``guard eval`` measures the input
guards on a suite: miss rate, false blocks, F1, a threshold sweep, latency (JSON + Markdown).
``guard export`` writes the exchanges ``charter serve`` recorded as a replay log and a suite, so
``charter eval GUIDE --suite OUT.suite.jsonl --target replay/OUT.jsonl`` audits production.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import typer

from charter.cli._common import STORE_OPTION
from charter.errors import ConfigError
from charter.guard import (
    Guard,
    compile_guard_config,
    evaluate_guards,
    export_exchanges,
    load_guard_config,
    render_guard_eval_markdown,
    save_guard_config,
)
from charter.guide import load_guide
from charter.model import ModelRole, get_model
from charter.store import RunStore
from charter.suite import read_suite


def _compile(guide: Path, output: Path | None, canary: str | None, judge: bool, hazard: bool) -> int:
    g = load_guide(guide)
    base = output.parent if output is not None else Path(".")
    cfg = compile_guard_config(g, guide_path=os.path.relpath(guide, base), canary=canary, judge=judge, hazard=hazard)
    if output is not None:
        save_guard_config(cfg, output)
    else:
        import yaml

        typer.echo(yaml.safe_dump(cfg.model_dump(mode="json", exclude_none=True), sort_keys=False, width=100), nl=False)
    enabled = [s for s in cfg.guards if s.enabled]
    typer.echo(f"{guide}: {len(enabled)} guards on, {len(cfg.by_rule())} rules watched"
               + (f" -> {output}" if output is not None else ""), err=True)
    for rid, specs in sorted(cfg.by_rule().items()):
        typer.echo(f"  {rid}: " + ", ".join(f"{s.id} ({s.stage}, {s.action.value})" for s in specs if s.enabled),
                   err=True)
    return 0


def _eval(guide: Path, suite: Path, config: Path | None, judge: str | None, folds: int, target_fb: float,
          out_json: Path | None, out_md: Path | None, hazard: bool = False) -> int:
    g = load_guide(guide)
    cfg = (load_guard_config(config) if config is not None
           else compile_guard_config(g, judge=judge is not None, hazard=hazard))
    s = read_suite(suite)
    model = get_model(judge, role=ModelRole.judge) if judge else None
    Guard(cfg, g, judge=model)  # fail early on a stale or broken config
    ev = asyncio.run(evaluate_guards(cfg, g, s.cases, suite_name=s.name, folds=folds, judge=model,
                                     target_false_block=target_fb))
    md = render_guard_eval_markdown(ev)
    if out_json is not None:
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(ev.model_dump_json(indent=2), encoding="utf-8")
    if out_md is not None:
        out_md.parent.mkdir(parents=True, exist_ok=True)
        out_md.write_text(md, encoding="utf-8")
    typer.echo(md)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("guard")
    def guard(
        target: str = typer.Argument(..., help="GUIDE to compile, or `eval` / `export`."),
        second: str | None = typer.Argument(None, help="eval: the GUIDE; export: the output .jsonl."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write the guard config here (YAML)."),
        canary: str | None = typer.Option(None, "--canary", help="The canary planted in the system prompt."),
        judge: str | None = typer.Option(None, "--judge", "-j",
                                         help="Turn on the LLM policy classifier (eval: run it with this model)."),
        hazard: bool = typer.Option(False, "--hazard",
                                    help="Turn on the hazard-request model for the guide's hazards.* rules."),
        suite: Path | None = typer.Option(None, "--suite", "-s", help="eval: the suite (JSONL) to measure on."),
        config: Path | None = typer.Option(None, "--config", "-c", help="eval: a guard config (default: compiled)."),
        folds: int = typer.Option(2, "--folds", min=1, max=10,
                                  help="eval: cross-fit the input classifier over K folds of seed sources (1: off)."),
        target_false_block: float = typer.Option(0.05, "--target-false-block", min=0.0, max=1.0,
                                                 help="eval: the false-block rate the sweep looks for."),
        json_out: Path | None = typer.Option(None, "--json", help="eval: write the figures as JSON here."),
        md_out: Path | None = typer.Option(None, "--markdown", help="eval: write the Markdown here."),
        run: str | None = typer.Option(None, "--run", help="export: one run of exchanges (default: all)."),
        store: Path | None = STORE_OPTION,
    ) -> int:
        """Compile guards from a guide, measure them on a suite, or export recorded traffic."""
        if target == "eval":
            if second is None or suite is None:
                raise ConfigError("`charter guard eval` needs GUIDE and --suite", hint="charter guard eval GUIDE --suite S")
            return _eval(Path(second), suite, config, judge, folds, target_false_block, json_out, md_out, hazard)
        if target == "export":
            if second is None:
                raise ConfigError("`charter guard export` needs an output file", hint="charter guard export traffic.jsonl")
            with RunStore(store) as st:
                log, suite_path, n = export_exchanges(st, Path(second), run_id=run)
            typer.echo(f"{n} exchanges -> {log} (replay log), {suite_path} (suite)", err=True)
            typer.echo(f"audit with: charter eval GUIDE --suite {suite_path} --target replay/{log}", err=True)
            return 0
        if second is not None:
            raise ConfigError(f"unexpected argument '{second}'", hint="charter guard GUIDE -o guard.yaml")
        return _compile(Path(target), output, canary, judge is not None, hazard)
