"""`charter redteam GUIDE --target M [--attacker A] [--judge J] [--budget N] [--strategies S,...] -o DIR`.

Attacks the target (under the guide's compiled prompt, canary planted) with the strategies,
within the query budget; every attempt goes to a red-team run in the run store as it happens
(``--resume RUN`` continues an interrupted one); writes ``redteam.json`` and ``redteam.md`` to
``DIR`` and prints the attack success rate per strategy. ``--export suite,sft,prefs`` also
writes every success as a regression case, an SFT row and a preference pair. The privacy probes
run when named: ``--strategies planted`` (fake records in the prompt, a tool output, a retrieved
document) and ``--strategies memorisation --canaries FILE`` (exposure of canaries planted in
training data).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from charter.cli._common import JUDGE_OPTION, STORE_OPTION, judge_name
from charter.data import read_canaries
from charter.errors import ConfigError
from charter.guide import load_guide
from charter.job import DEFAULT_GENERATOR
from charter.model import get_model
from charter.redteam import (
    PRIVACY_STRATEGIES,
    PROBES,
    RedteamConfig,
    export_suite,
    export_training,
    get_attack,
    run_redteam,
    strategy_names,
    write_report,
    write_training_export,
)
from charter.store import RunStore
from charter.suite import write_suite

DEFAULT_ATTACKER = "local/qwen2.5-1.5b-instruct"
EXPORTS = ("suite", "sft", "prefs")


def _strategies(value: str | None, has_judge: bool) -> tuple[str, ...]:
    known = strategy_names()
    if value is None:
        return tuple(n for n in known if n not in PRIVACY_STRATEGIES) if has_judge else ("extraction",)
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [s for s in names if s not in known]
    if unknown or not names:
        raise ConfigError(f"--strategies: unknown strategy {', '.join(repr(s) for s in unknown) or '(none given)'}",
                          hint=f"use a comma-separated list of: {', '.join(known)}")
    return names


def _exports(value: str | None, has_judge: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    names = tuple(dict.fromkeys(s.strip() for s in value.split(",") if s.strip()))
    bad = [s for s in names if s not in EXPORTS]
    if bad or not names:
        raise ConfigError(f"--export '{value}' is not a known export", hint=f"use one or more of: {', '.join(EXPORTS)}")
    if not has_judge and any(s in ("sft", "prefs") for s in names):
        raise ConfigError("--export sft/prefs needs --judge: a teacher's answer is kept only when the judge passes it",
                          hint="pass --judge provider/model")
    return names


def register(app: typer.Typer) -> None:
    @app.command("redteam")
    def redteam(
        guide: Annotated[Path, typer.Argument(help="Path to the guide YAML file.")],
        target: Annotated[str, typer.Option("--target", "-m", help="Target model, provider/model.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Directory for redteam.json, redteam.md, exports.")],
        attacker: Annotated[str, typer.Option("--attacker", "-a", help="Attacker model, provider/model.")]
        = DEFAULT_ATTACKER,
        judge: str | None = JUDGE_OPTION,
        budget: Annotated[int, typer.Option("--budget", "-n", help="Most target queries, all strategies together.")]
        = 100,
        strategies: Annotated[str | None, typer.Option(
            "--strategies", help="Comma-separated registered strategies (built-in: static, iterative, crescendo, "
                                 "tap, extraction; plugins add more) and the privacy probes planted and "
                                 "memorisation (run only when named). Default: every attack with a judge, "
                                 "extraction alone without one.")] = None,
        max_iterations: Annotated[int, typer.Option("--max-iterations", help="Tries per goal (static, iterative).")]
        = 5,
        max_turns: Annotated[int, typer.Option("--max-turns", help="User turns per crescendo conversation.")] = 5,
        branching: Annotated[int, typer.Option("--branching", help="tap: refinements proposed per leaf.")] = 3,
        depth: Annotated[int, typer.Option("--depth", help="tap: levels of the tree below the root.")] = 3,
        width: Annotated[int, typer.Option("--width", help="tap: leaves kept per level (best judge score).")] = 2,
        export: Annotated[str | None, typer.Option(
            "--export", help="Also export the successes, comma-separated: suite, sft, prefs.")] = None,
        teacher: Annotated[str, typer.Option(
            "--teacher", "-t", help="Teacher of --export sft/prefs: writes the safe answers.")] = DEFAULT_GENERATOR,
        resume: Annotated[str | None, typer.Option(
            "--resume", help="Red-team run id (or prefix) to continue: finished goal x strategy pairs are skipped, "
                             "queries already spent count against --budget.")] = None,
        store_path: Path | None = STORE_OPTION,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the static technique draws.")] = 0,
        prompt_variant: Annotated[str, typer.Option(
            "--prompt-variant", help="The compiled prompt the target runs under: full or compact.")] = "full",
        canaries: Annotated[Path | None, typer.Option(
            "--canaries", help="Memorisation: the canaries file written by `charter data ... --plant-canaries N`.")]
        = None,
        candidates: Annotated[int, typer.Option(
            "--candidates", help="Memorisation: R, the random secrets each canary is ranked among.")] = 100,
    ) -> None:
        """Adaptive red-teaming aimed at the guide's rules: attack success rate per rule and strategy."""
        if min(max_iterations, max_turns, branching, depth, width) < 1:
            raise ConfigError("--max-iterations, --max-turns, --branching, --depth and --width must be 1 or more",
                              hint="pass a positive number")
        if prompt_variant not in ("full", "compact"):
            raise ConfigError(f"--prompt-variant '{prompt_variant}' is not a prompt variant",
                              hint="use full or compact")
        if candidates < 2:
            raise ConfigError(f"--candidates {candidates} ranks nothing", hint="pass 2 or more (e.g. 100)")
        g = load_guide(guide)
        jname = judge_name(judge)
        exports = _exports(export, jname is not None)
        names = _strategies(strategies, jname is not None)
        config = RedteamConfig(budget=budget, strategies=names, max_iterations=max_iterations, max_turns=max_turns,
                               tap_branching=branching, tap_depth=depth, tap_width=width, seed=seed,
                               prompt_variant="compact" if prompt_variant == "compact" else "full",
                               candidates=candidates)
        planted = read_canaries(canaries) if canaries is not None else None
        needs_attacker = any(get_attack(s).needs_attacker for s in names if s not in PROBES)
        tm = get_model(target, role="target")
        am = get_model(attacker, role="attacker") if needs_attacker else None
        jm = get_model(jname, role="judge") if jname else None
        with RunStore(store_path) as store:
            summary = asyncio.run(run_redteam(g, tm, attacker=am, judge=jm, config=config, store=store,
                                              resume=resume, canaries=planted))
        paths = write_report(summary, out)
        if "suite" in exports:
            paths.append(write_suite(export_suite(summary, g), out / "redteam-suite.jsonl"))
        kinds = tuple(k for k in ("sft", "prefs") if k in exports)
        if kinds:
            assert jm is not None
            tr = asyncio.run(export_training(summary, g, get_model(teacher, role="generator"), jm,
                                             prompt_variant=config.prompt_variant))
            paths += write_training_export(tr, g, out, kinds, source=f"red-team run {summary.run_id}")
            typer.echo(f"export: {len(tr.sft.rows)} SFT rows, {len(tr.prefs.rows)} preference pairs from "
                       f"{tr.sft.stats.get('successes', 0)} successes")
        done = "" if summary.complete else " (budget spent before every goal was attacked)"
        typer.echo(f"run {summary.run_id}: {summary.queries} of {summary.budget} target queries{done}; "
                   "attack success rate:")
        for name, rate in summary.by_strategy.items():
            typer.echo(f"  {name:<11} {rate.k}/{rate.n}  {rate}")
        for e in summary.exposures:
            typer.echo(f"  exposure {e.canary_id}: {e.exposure} of {e.max_exposure} bits (rank {e.rank} of "
                       f"{e.candidates}){'; reproduced greedily' if e.extracted else ''}")
        typer.echo("wrote " + ", ".join(str(p) for p in paths))
