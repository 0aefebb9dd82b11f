"""`charter iterate GUIDE --target M [--suite S] [--generator G] [--judge J] [--rounds N] [--budget N] -o DIR`.

Revises the guide's compiled system prompt from the target's failures and writes the final
prompt, a diff per accepted edit, the rejected edits with their reasons, ``report.md`` /
``report.json`` and ``guide-suggestions.md`` to DIR (docs/iterate.md). Progress goes to stderr.
Exit codes: 0 done (also when no edit was kept) · 2 bad input · 4 model failure, or a generator
whose answers held no usable edit in any round (the outputs are written first).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from charter.cli._common import (
    CONCURRENCY_OPTION,
    JUDGE_OPTION,
    STORE_OPTION,
    build_config,
    judge_name,
    parse_options,
)
from charter.errors import ConfigError, ModelError

DEFAULT_GENERATOR = "local/qwen2.5-1.5b-instruct"
FLAGS = {"rounds": "--rounds", "budget": "--budget", "edits_per_round": "--edits-per-round",
         "validation": "--validation", "max_clusters": "--max-clusters"}


def register(app: typer.Typer) -> None:
    @app.command("iterate")
    def iterate(
        guide: Annotated[Path, typer.Argument(help="Path to the guide YAML file.")],
        target: Annotated[str, typer.Option("--target", "-t", help="Model under test, provider/model.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the prompt, diffs and report.")],
        suite: Annotated[Path | None, typer.Option(
            "--suite", "-s", help="Suite JSONL (default: synthesise -n cases offline from the guide).")] = None,
        n: Annotated[int, typer.Option("-n", help="Cases to synthesise when no --suite is given.")] = 120,
        generator: Annotated[str, typer.Option("--generator", "-g", help="Model that proposes the edits.")]
        = DEFAULT_GENERATOR,
        judge: str | None = JUDGE_OPTION,
        rounds: Annotated[int, typer.Option("--rounds", "-r", help="Most rounds.")] = 3,
        budget: Annotated[int | None, typer.Option(
            "--budget", help="Most target responses over all runs (cached ones count).")] = None,
        edits_per_round: Annotated[int, typer.Option("--edits-per-round", help="Most edits tried per round.")] = 3,
        validation: Annotated[float, typer.Option(
            "--validation", help="Share of the suite's groups held out for validation.")] = 0.5,
        variant: Annotated[str, typer.Option("--variant", help="Compiled prompt to start from: full or compact.")]
        = "full",
        seed: Annotated[int, typer.Option("--seed", help="Seed of the split (and of the synthesised suite).")] = 0,
        max_response_tokens: Annotated[int, typer.Option("--max-response-tokens", help="Cap on each response.")]
        = 256,
        concurrency: int | None = CONCURRENCY_OPTION,
        timeout: Annotated[float, typer.Option("--timeout", help="Per-request timeout, seconds.")] = 120.0,
        target_option: Annotated[list[str] | None, typer.Option(
            "--target-option", help="Target provider option key=value (repeat).")] = None,
        generator_option: Annotated[list[str] | None, typer.Option(
            "--generator-option", help="Generator provider option key=value (repeat); an embedded local/ "
            "generator gets n_ctx=16384 and parallel=1 unless given.")] = None,
        classifiers: Annotated[bool, typer.Option("--classifiers/--no-classifiers",
                                                  help="Also run the local classifiers.")] = False,
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Revise the guide's compiled system prompt from the target's failures: keep only edits that raise the validation pass rate without making any rule worse beyond its interval."""
        from charter.guide import load_guide
        from charter.iterate import IterateConfig, IterateResult, iterate_prompt, write_iterate
        from charter.model import GenerateConfig, ModelRole, get_model
        from charter.runner import RunnerConfig
        from charter.store import RunStore
        from charter.suite import read_suite

        if variant not in ("full", "compact"):
            raise ConfigError(f"--variant '{variant}' is not a prompt variant", hint="use full or compact")
        if n < 1:
            raise ConfigError(f"-n {n} is out of range: it must be an integer ≥ 1", hint="e.g. -n 120")
        runner = build_config(RunnerConfig, {"concurrency": "--concurrency", "timeout": "--timeout"},
                              concurrency=concurrency, timeout=timeout, progress=False)
        gen_cfg = build_config(GenerateConfig, {"max_tokens": "--max-response-tokens"}, temperature=0.0,
                               max_tokens=max_response_tokens)
        cfg = build_config(IterateConfig, FLAGS, rounds=rounds, budget=budget, edits_per_round=edits_per_round,
                           validation=validation, seed=seed, variant=variant, runner=runner, generate=gen_cfg,
                           classifiers=classifiers)
        g = load_guide(guide)
        s = read_suite(suite) if suite is not None else None
        tm = get_model(target, role=ModelRole.target, **parse_options(target_option, flag="--target-option"))
        gen_opts = parse_options(generator_option, flag="--generator-option")
        if generator.startswith("local/"):
            # the request shows the whole current prompt (the full variant alone is ~8k tokens) and
            # the failure clusters: the default 4096-token slot is too small, one slot is enough
            gen_opts = {"n_ctx": 16384, "parallel": 1, **gen_opts}
        gm = get_model(generator, role=ModelRole.generator, **gen_opts)
        jname = judge_name(judge)
        jm = get_model(jname, role=ModelRole.judge) if jname else None
        if s is None:
            from charter.synth import synthesize

            try:
                s = synthesize(g, n=n, seed=seed, offline=True, name="iterate")
            except ConfigError as e:
                raise ConfigError(f"-n {n}: {e.message}", hint="pass a larger -n (the number above), "
                                                                "or a suite with --suite") from None
            typer.echo(f"synthesised {len(s.cases)} cases offline from {guide}", err=True)
        cases = s

        def say(msg: str) -> None:
            typer.echo(msg, err=True)

        async def go() -> IterateResult:
            try:
                with RunStore(store_path) as store:
                    return await iterate_prompt(g, cases, tm, gm, store=store, judge=jm, config=cfg, say=say)
            finally:
                for m in (tm, gm, jm):
                    if m is not None:
                        await m.aclose()

        res = asyncio.run(go())
        paths = write_iterate(res, out)
        typer.echo(res.summary())
        typer.echo(f"final prompt: {out / 'prompt.final.md'} · report: {out / 'report.md'} "
                   f"({len(paths)} files)")
        if res.rounds and res.usable_edits == 0 and any(r.generator_problems for r in res.rounds):
            raise ModelError(f"the generator {res.generator} gave no usable edit in {len(res.rounds)} round(s): "
                             f"{res.rounds[-1].generator_problems[-1]}",
                             hint="use a stronger --generator (it must answer with the JSON edit list); "
                                  f"what it said is in {out / 'report.md'}")
        return 0
