"""`charter eval GUIDE --suite S --target M`: run a suite, score it, report and gate it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import typer

from charter.cli._common import (
    CONCURRENCY_OPTION,
    GENERATE_FLAGS,
    JUDGE_OPTION,
    RUN_FLAGS,
    STORE_OPTION,
    build_config,
    check_rate,
    close_judge,
    make_judge,
    parse_options,
    parse_rule_limits,
)
from charter.guide import load_guide
from charter.harness import EvalConfig, evaluate_suite, resolve_system_prompt
from charter.model import GenerateConfig, ModelRole, get_model
from charter.report import (
    check_gates,
    load_report,
    merge_gates,
    run_guide_metadata,
    write_junit,
    write_report,
)
from charter.runner import RunnerConfig
from charter.store import RunStore
from charter.suite import read_suite


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_(
        guide: Path = typer.Argument(..., help="The behavior guide (YAML)."),
        suite: Path = typer.Option(..., "--suite", "-s", help="Suite JSONL (from `charter synth`)."),
        target: str = typer.Option(..., "--target", "-t", help="Model under test, provider/model."),
        judge: str | None = JUDGE_OPTION,
        system_prompt: str = typer.Option("compiled", "--system-prompt",
                                          help="compiled (from the guide), none, or a file with a prompt."),
        variant: str = typer.Option("full", "--variant", help="Compiled prompt variant: full or compact."),
        name: str | None = typer.Option(None, "--name", help="Run name (default: suite:prompt)."),
        resume: str | None = typer.Option(None, "--resume", help="Continue an interrupted run by id."),
        concurrency: int | None = CONCURRENCY_OPTION,
        max_cost: float | None = typer.Option(None, "--max-cost", help="Stop cleanly after spending this much ($)."),
        max_tokens_budget: int | None = typer.Option(None, "--max-tokens", help="Stop cleanly after this many tokens."),
        epochs: int = typer.Option(1, "--epochs", help="Samples per case."),
        timeout: float = typer.Option(120.0, "--timeout", help="Per-request timeout, seconds."),
        max_retries: int = typer.Option(6, "--max-retries", help="Retries of a failed request (429/5xx/timeouts)."),
        max_response_tokens: int | None = typer.Option(None, "--max-response-tokens", help="Cap on each response."),
        temperature: float | None = typer.Option(None, "--temperature"),
        no_cache: bool = typer.Option(False, "--no-cache", help="Call the target and the judge even where the "
                                      "run store holds their answers to the same requests."),
        target_option: list[str] = typer.Option([], "--target-option", help="Provider option key=value (repeat)."),
        judge_option: list[str] = typer.Option([], "--judge-option", help="Judge provider option key=value."),
        skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip malformed suite lines instead of failing."),
        out: Path | None = typer.Option(None, "--report", "-o", help="Write report.html/.md/.json here."),
        fail_under: float | None = typer.Option(None, "--fail-under", help="Gate: minimum overall pass rate (0-1)."),
        max_violation_rate: float | None = typer.Option(None, "--max-violation-rate", help="Gate: overall maximum."),
        max_false_refusal_rate: float | None = typer.Option(None, "--max-false-refusal-rate", help="Gate: maximum."),
        rule_max_violation: list[str] = typer.Option([], "--rule-max-violation",
                                                     help="Gate: RULE_ID=RATE per-rule maximum violation rate."),
        max_error_rate: float = typer.Option(0.0, "--max-error-rate", help="Errors tolerated before exit 9."),
        junit: Path | None = typer.Option(None, "--junit", help="Write JUnit XML here (for CI)."),
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Run SUITE through TARGET with the guide's system prompt, score every response
        (checks, classifiers, judge), store the run, and apply the CI gate.

        Exit codes: 0 passed · 8 a gate failed · 9 run incomplete or errors above
        --max-error-rate · 2 bad input · 4 model failure · 5 store problem · 6 budget reached.
        """
        # every option is checked before anything is loaded or run: exit 2 with the allowed range
        cfg = build_config(GenerateConfig, GENERATE_FLAGS, max_tokens=max_response_tokens, temperature=temperature)
        rc = build_config(RunnerConfig, RUN_FLAGS, concurrency=concurrency, max_cost=max_cost,
                          max_tokens=max_tokens_budget, epochs=epochs, timeout=timeout, cache=not no_cache,
                          max_retries=max_retries)
        for value, flag in ((fail_under, "--fail-under"), (max_violation_rate, "--max-violation-rate"),
                            (max_false_refusal_rate, "--max-false-refusal-rate"), (max_error_rate, "--max-error-rate")):
            check_rate(value, flag)
        g = load_guide(guide)
        errors: list[str] = []
        s = read_suite(suite, skip_bad=skip_bad, errors=errors)
        for e in errors:
            typer.echo(f"skipped {e}", err=True)
        prompt = resolve_system_prompt(g, system_prompt, variant=variant)
        limits = parse_rule_limits(rule_max_violation, "--rule-max-violation")
        gates = merge_gates(g.gates, fail_under=fail_under, max_violation_rate=max_violation_rate,
                            max_false_refusal_rate=max_false_refusal_rate, rule_max_violation=limits)
        tgt = get_model(target, role=ModelRole.target, **parse_options(target_option, flag="--target-option"))
        jdg = make_judge(judge, judge_option)
        with RunStore(store_path) as store:
            async def go() -> str:
                try:
                    config = EvalConfig(prompt=prompt, runner=rc, generate=cfg, name=name, resume=resume,
                                        metadata=run_guide_metadata(guide))
                    info = await evaluate_suite(g, s, tgt, store=store, judge=jdg, config=config)
                    return str(info.id)
                finally:
                    await tgt.aclose()
                    await close_judge(jdg)

            run_id = asyncio.run(go())
            rep = load_report(store, run_id, guide=g, transcripts=out is not None)
        o = rep.metrics.overall
        harm_name, harm = o.harm_metric()
        typer.echo(f"run {run_id}: {rep.run.n_done} responses · pass rate {o.pass_rate} · "
                   f"{harm_name} {harm} · false-refusal rate {o.false_refusal_rate}")
        if o.unscored:
            typer.echo(f"UNSCORED: {o.unscored} of {o.n} cases had no applicable score and are in no rate "
                       "(see the report)")
        if out is not None:
            paths = write_report(rep, out)
            typer.echo(f"report: {paths['html']}")
        result = check_gates(rep, gates, max_error_rate=max_error_rate)
        for c in result.checks:
            typer.echo(("  ok    " if c.passed else "  FAIL  ") + c.message, err=not c.passed)
        if result.incomplete:
            typer.echo(f"run incomplete: status {rep.run.status}, error rate {result.error_rate:.1%} "
                       f"(allowed {max_error_rate:.1%}); resume with --resume {run_id}", err=True)
        if junit is not None:
            write_junit(rep, result, junit)
            typer.echo(f"junit: {junit}")
        sys.stdout.flush()
        return result.exit_code
