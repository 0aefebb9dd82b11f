"""`charter run GUIDE`: the main job — guide in, report and model card out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from charter.cli._common import (
    STORE_OPTION,
    check_count,
    judge_name,
    make_judge,
    parse_options,
    rate_cell,
)
from charter.errors import ConfigError
from charter.guide import load_guide
from charter.job import (
    DEFAULT_GENERATOR,
    DEFAULT_JUDGE,
    DEFAULT_TARGET,
    PROFILES,
    JobConfig,
    run_job,
)
from charter.loop import LoopConfig, check_trainable, train_loop
from charter.train import TrainConfig


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(
        guide: Path = typer.Argument(..., help="The behavior guide (YAML)."),
        profile: str = typer.Option("quick", "--profile", "-p", help=f"Job size: {', '.join(PROFILES)}."),
        target: str = typer.Option(DEFAULT_TARGET, "--target", "-t", help="Model under test."),
        judge: str = typer.Option(DEFAULT_JUDGE, "--judge", "-j",
                                   help="LLM judge, or a reward model rm/<dir> ('none' for checks only)."),
        generator: str = typer.Option(DEFAULT_GENERATOR, "--generator",
                                      help="Writes model-written cases ('none' for offline generators only)."),
        seed: int = typer.Option(0, "--seed", help="Seed of the suite (same seed, same suite)."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Output folder (default charter-out/GUIDE)."),
        n_offline: int | None = typer.Option(None, "--n", help="Offline cases (overrides the profile)."),
        n_model: int | None = typer.Option(None, "--n-model", help="Model-written cases (overrides the profile)."),
        option: list[str] = typer.Option([], "--option", help="Provider option key=value for every model."),
        train: bool = typer.Option(False, "--train", help="Then build SFT data from a train split of the suite, "
                                   "fine-tune the target (hf/ or local/) and evaluate it before and after on the "
                                   "held-out split; needs charter[train]."),
        teacher: str | None = typer.Option(None, "--teacher", help="--train: writes the SFT answers (default: the target)."),
        train_steps: int = typer.Option(50, "--train-steps", help="--train: optimizer steps."),
        lora: bool = typer.Option(False, "--lora", help="--train: train a LoRA adapter (merged into the saved model)."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Ask the models again even where the run store "
                                      "holds their answers (target responses, generated cases, judge answers)."),
        store_path: Path | None = STORE_OPTION,
    ) -> int:
        """Check the guide, compile its system prompt, synthesise a suite (offline generators
        + the embedded generator), evaluate the target with and without the compiled prompt
        (checks, classifiers, judge), and write the HTML report and a model-card draft.

        With no flags it uses the embedded local models (no key, no network): target
        local/qwen2.5-0.5b-instruct, judge and generator local/qwen2.5-1.5b-instruct.
        A second run of the same guide takes the answers the run store already holds (target
        responses, generated cases, judge answers) from it; --no-cache asks the models again.

        With --train it goes on: split the suite by group, build SFT rows from the train part,
        refuse rows that match a held-out case, fine-tune the target, evaluate it before and
        after on the held-out part, and add both to the model card (docs/train.md)."""
        if train:
            check_trainable(target)
        if train_steps < 1:
            raise ConfigError(f"--train-steps {train_steps} is out of range: it must be an integer ≥ 1",
                              hint="e.g. --train-steps 50")
        if judge_name(judge) and str(judge).startswith("rm/"):
            make_judge(judge)  # a folder without a reward model: exit 2 now, not after the synthesis
        check_count(n_offline, "--n")
        check_count(n_model, "--n-model")
        console = Console(stderr=True, highlight=False)
        cfg = JobConfig(profile=profile, target=target, judge=judge_name(judge),
                        generator=None if generator == "none" else generator, seed=seed, out_dir=out,
                        store=store_path, n_offline=n_offline, n_model=n_model,
                        model_options=parse_options(option), cache=not no_cache)
        result = run_job(guide, cfg, say=lambda m: console.print(m, markup=False))
        judged = any(s.get("judged") for s in result.summary.values())
        harm = ("violation rate", "violation") if judged else ("non-refusal rate, no judge", "non_refusal")
        table = Table(title=f"{guide.name}: target {target}")
        table.add_column("system prompt", no_wrap=True)
        for col in ("n", "unscored", "pass rate", harm[0], "false-refusal rate", "errors"):
            table.add_column(col)
        for label, s in result.summary.items():
            table.add_row(label, str(s["n"]), str(s["unscored"]), rate_cell(s["pass_rate"], s["pass_n"]),
                          rate_cell(s[f"{harm[1]}_rate"], s[f"{harm[1]}_n"]),
                          rate_cell(s["false_refusal_rate"], s["false_refusal_n"]), str(s["errors"]))
        Console().print(table)
        unscored = {label: s["unscored"] for label, s in result.summary.items() if s["unscored"]}
        if unscored:
            typer.echo("UNSCORED: " + ", ".join(f"{n} of {result.summary[label]['n']} cases ({label})"
                                                 for label, n in unscored.items())
                       + " had no applicable score and are in no rate (see the report)")
        if not judged:
            typer.echo("no judge: the non-refusal rate counts answers to requests that should be refused; "
                       "an answer is not necessarily a violation")
        typer.echo(f"report: {result.report}")
        if train:
            loop = train_loop(load_guide(guide), result, cfg,
                              LoopConfig(teacher=teacher, train=TrainConfig(steps=train_steps, lora=lora)),
                              say=lambda m: console.print(m, markup=False))
            typer.echo(f"trained model: {loop.model_dir} ({loop.rows} SFT rows) · before run {loop.before}, "
                       f"after run {loop.after} on {loop.test_suite}")
        if result.card:
            typer.echo(f"model card: {result.card}")
        typer.echo(f"suite: {result.suite} · prompt: {result.prompt} · {result.seconds:.0f} s")
        return 0
