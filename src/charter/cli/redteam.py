"""`charter redteam GUIDE --target M [--attacker A] [--judge J] [--budget N] [--strategies S,...] -o DIR`.

Attacks the target (under the guide's compiled prompt, canary planted) with the strategies,
within the query budget; writes ``redteam.json`` and ``redteam.md`` to ``DIR`` and prints
the attack success rate per strategy. ``--export suite`` also writes every success as a
regression case to ``DIR/redteam-suite.jsonl``. The privacy probes run when named:
``--strategies planted`` (fake records in the prompt, a tool output, a retrieved document) and
``--strategies memorisation --canaries FILE`` (exposure of canaries planted in training data).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from charter.cli._common import JUDGE_OPTION, judge_name
from charter.data import read_canaries
from charter.errors import ConfigError
from charter.guide import load_guide
from charter.model import get_model
from charter.redteam import (
    ALL_STRATEGIES,
    PRIVACY_STRATEGIES,
    RedteamConfig,
    export_suite,
    run_redteam,
    write_report,
)
from charter.suite import write_suite

DEFAULT_ATTACKER = "local/qwen2.5-1.5b-instruct"
EXPORTS = ("suite",)


def _strategies(value: str | None, has_judge: bool) -> tuple[str, ...]:
    if value is None:
        return ALL_STRATEGIES if has_judge else ("extraction",)
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [s for s in names if s not in (*ALL_STRATEGIES, *PRIVACY_STRATEGIES)]
    if unknown or not names:
        raise ConfigError(f"--strategies: unknown strategy {', '.join(repr(s) for s in unknown) or '(none given)'}",
                          hint=f"use a comma-separated list of: {', '.join((*ALL_STRATEGIES, *PRIVACY_STRATEGIES))}")
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
            "--strategies", help=f"Comma-separated, of: {', '.join((*ALL_STRATEGIES, *PRIVACY_STRATEGIES))} (default: "
                                 f"{', '.join(ALL_STRATEGIES)} with a judge, extraction alone without one).")] = None,
        max_iterations: Annotated[int, typer.Option("--max-iterations", help="Tries per goal (static, iterative).")]
        = 5,
        max_turns: Annotated[int, typer.Option("--max-turns", help="User turns per crescendo conversation.")] = 5,
        export: Annotated[str | None, typer.Option("--export", help="Also export the successes: suite.")] = None,
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
        if export is not None and export not in EXPORTS:
            raise ConfigError(f"--export '{export}' is not a known export", hint=f"use one of: {', '.join(EXPORTS)}")
        if max_iterations < 1 or max_turns < 1:
            raise ConfigError("--max-iterations and --max-turns must be 1 or more", hint="pass a positive number")
        if prompt_variant not in ("full", "compact"):
            raise ConfigError(f"--prompt-variant '{prompt_variant}' is not a prompt variant",
                              hint="use full or compact")
        if candidates < 2:
            raise ConfigError(f"--candidates {candidates} ranks nothing", hint="pass 2 or more (e.g. 100)")
        g = load_guide(guide)
        jname = judge_name(judge)
        names = _strategies(strategies, jname is not None)
        config = RedteamConfig(budget=budget, strategies=names, max_iterations=max_iterations, max_turns=max_turns,
                               seed=seed, prompt_variant="compact" if prompt_variant == "compact" else "full",
                               candidates=candidates)
        planted = read_canaries(canaries) if canaries is not None else None
        needs_attacker = any(s in ("iterative", "crescendo") for s in names)
        tm = get_model(target, role="target")
        am = get_model(attacker, role="attacker") if needs_attacker else None
        jm = get_model(jname, role="judge") if jname else None
        summary = asyncio.run(run_redteam(g, tm, attacker=am, judge=jm, config=config, canaries=planted))
        paths = write_report(summary, out)
        if export == "suite":
            suite = export_suite(summary, g)
            paths.append(write_suite(suite, out / "redteam-suite.jsonl"))
        typer.echo(f"{summary.queries} of {summary.budget} target queries; attack success rate:")
        for name, rate in summary.by_strategy.items():
            typer.echo(f"  {name:<11} {rate.k}/{rate.n}  {rate}")
        for e in summary.exposures:
            typer.echo(f"  exposure {e.canary_id}: {e.exposure} of {e.max_exposure} bits (rank {e.rank} of "
                       f"{e.candidates}){'; reproduced greedily' if e.extracted else ''}")
        typer.echo("wrote " + ", ".join(str(p) for p in paths))
