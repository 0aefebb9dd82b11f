"""`charter synth GUIDE -o suite.jsonl`: generate a test suite from a guide."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import typer

from charter.cli._common import CONCURRENCY_OPTION, STORE_OPTION, judge_name
from charter.errors import ConfigError


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def _list_operators() -> None:
    from charter.synth import get_operators

    for family in ("technique", "variation"):
        typer.echo(f"{family}s:")
        for op in get_operators(family):
            typer.echo(f"  {op.id:<30} [{op.axis}] {', '.join(op.tags)}")
            typer.echo(f"  {'':<30} {op.tests}")


class _Progress:
    """Progress lines on stderr, about every tenth of each stage."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        if done == total or done - self.last.get(stage, 0) >= step:
            self.last[stage] = done
            typer.echo(f"synth: {stage} {done}/{total}", err=True)


def register(app: typer.Typer) -> None:
    @app.command("synth")
    def synth(
        guide: Path | None = typer.Argument(None, help="Path to the guide YAML file."),
        output: str = typer.Option("-", "--output", "-o", help="Suite file to write (JSONL); '-' for stdout."),
        n: int | None = typer.Option(None, "--n", help="Cap on the number of cases (coverage kept: "
                                     "every rule's violating + look-alike pair first)."),
        per_cell: int = typer.Option(1, "--per-cell", help="Cases per coverage cell."),
        seed: int = typer.Option(0, "--seed", help="Seed: the same seed gives the same suite."),
        offline: bool = typer.Option(True, "--offline/--no-offline",
                                     help="Include template cases built from the guide (no model). "
                                     "--no-offline keeps only model-written cases (needs --generator)."),
        generator: str | None = typer.Option(None, "--generator", help="Model that writes cases, e.g. local/qwen2.5-0.5b-instruct "
                                             "('none' or left out: offline generators only)."),
        judge: str | None = typer.Option(None, "--judge", "-j", envvar="CHARTER_JUDGE",
                                         help="Model that confirms labels ('none' or left out: the generator itself)."),
        concurrency: int | None = CONCURRENCY_OPTION,
        store: Path | None = STORE_OPTION,
        min_confidence: float = typer.Option(0.7, "--min-confidence", help="Keep model-written cases the judge confirms at least this confidently."),
        techniques: str | None = typer.Option(None, "--techniques", help="Comma-separated technique ids or families (default: all)."),
        variations: str | None = typer.Option(None, "--variations", help="Comma-separated variation ids or axes (default: all)."),
        languages: str | None = typer.Option(None, "--languages", help="Comma-separated languages from the guide (default: all of them)."),
        list_techniques: bool = typer.Option(False, "--list-techniques", help="List techniques and variations, then exit."),
    ) -> int:
        """Generate an eval / red-team suite covering every rule, intent, technique and variation."""
        if list_techniques:
            _list_operators()
            return 0
        if guide is None:
            raise ConfigError("no guide given", hint="run `charter synth GUIDE -o suite.jsonl`")
        from charter.guide import load_guide
        from charter.model import get_model
        from charter.suite import write_suite
        from charter.synth import SynthConfig, suite_plan, synthesize

        g = load_guide(guide)
        generator = judge_name(generator)  # 'none' / 'off', as `charter run --generator none` takes
        gen = get_model(generator, role="generator") if generator else None
        judge = judge_name(judge)
        jud = get_model(judge, role="judge") if judge else None
        runner = None
        if gen is not None and store is not None:
            from charter.runner import Runner, RunnerConfig
            from charter.store import RunStore

            runner = Runner(RunStore(store), RunnerConfig(concurrency=concurrency, progress=False))
        suite = synthesize(g, SynthConfig(
            n=n, per_cell=per_cell, seed=seed, offline=offline,
            techniques=_split(techniques), variations=_split(variations), languages=_split(languages),
            generator=gen, judge=jud, min_confidence=min_confidence, concurrency=concurrency, runner=runner,
            progress=_Progress() if gen is not None else None,
        ))
        if output == "-":
            with tempfile.TemporaryDirectory() as tmp:
                path = write_suite(suite, Path(tmp) / "suite.jsonl")
                sys.stdout.write(path.read_text(encoding="utf-8"))
                sys.stdout.flush()
        else:
            write_suite(suite, output)
        report = suite_plan(g, suite).report(suite.cases)
        where = "stdout" if output == "-" else output
        typer.echo(f"{guide}: wrote {len(suite.cases)} cases to {where}", err=True)
        typer.echo(report.summary(), err=True)
        screened = suite.config.get("screened_examples")
        for line in screened if isinstance(screened, list) else []:
            typer.echo(f"warning: library example {line} of your guide is left out", err=True)
        unreal = suite.config.get("unrealistic_dropped")
        if unreal:
            typer.echo(f"realism lint: {unreal} offline cases that no user would write were left out", err=True)
        crit = suite.config.get("critical_rules_dropped")
        if isinstance(crit, list) and crit:
            typer.echo(f"warning: --n {n} leaves critical rule(s) without any case: {', '.join(map(str, crit))} "
                       "(raise --n, or narrow --techniques/--variations)", err=True)
        dd = suite.config.get("dedupe")
        if isinstance(dd, dict):
            typer.echo(f"one expected outcome per prompt: {dd['duplicates']} repeated prompts removed, "
                       f"{dd['conflicts_resolved']} label conflicts resolved by the guide, "
                       f"{dd['conflicts_dropped']} dropped as unresolvable", err=True)
            for line in dd.get("conflict_examples", [])[:5]:
                typer.echo(f"  {line}", err=True)
        if gen is None and g.audience.languages.supported[1:]:
            typer.echo("languages: no language cases offline (nothing translates); pass --generator MODEL "
                       "to have cases written in " + ", ".join(g.audience.languages.supported[1:]), err=True)
        stats = suite.config.get("model_stats")
        if isinstance(stats, dict):
            typer.echo("model: " + ", ".join(f"{k} {v}" for k, v in stats.items()), err=True)
        return 0
