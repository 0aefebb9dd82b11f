"""`charter data sft|prefs|kto GUIDE --suite S --teacher MODEL -o OUT`: training data.

``-o`` ending in ``.jsonl`` writes that file, its ``.meta.jsonl`` sidecar and a
``<name>.card.md`` dataset card; any other ``-o`` is a directory that gets
``<kind>.jsonl``, the sidecar, ``README.md`` (the card) and the ``--format`` exports.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import typer

from charter.cli._common import concurrency_option
from charter.data import (
    BuildResult,
    DatasetCard,
    JudgeRanker,
    PreferenceRow,
    RowKind,
    ScoreRanker,
    build_kto,
    build_preferences,
    build_sft,
    export_rows,
    kto_from_preferences,
    write_training,
)
from charter.errors import ConfigError, SuiteError
from charter.guide import Guide, load_guide
from charter.model import GenerateConfig, Model, get_model
from charter.suite import read_suite

GUIDE = typer.Argument(..., help="Path to the guide YAML file.")
SUITE = typer.Option(..., "--suite", "-s", help="Suite JSONL whose cases are the prompts.")
TEACHER = typer.Option(..., "--teacher", "-t", help="Teacher model, provider/model (e.g. mock/comply).")
OUT = typer.Option(..., "--out", "-o", help="Output .jsonl file, or a directory for exports.")
JUDGE = typer.Option(None, "--judge", "-j", help="Judge model for LLM scorers / pairwise ranking.")
RATIO = typer.Option(None, "--adversarial-ratio", help="Share of adversarial (violating/borderline) rows, 0-1.")
FORMAT = typer.Option("jsonl", "--format", help="Exports for a directory -o: jsonl,parquet,hf.")
PUSH = typer.Option(None, "--push-to-hub", help="Also upload the HF dataset to this repo id (explicit only).")
SEED = typer.Option(0, "--seed", help="Seed for sampling and balancing.")
CONC = concurrency_option(8)
SKIP = typer.Option(False, "--skip-bad", help="Skip broken suite lines (listed) instead of stopping.")
SYSPROMPT = typer.Option(None, "--system-prompt", help="Use this file as the system prompt instead of compiling the guide.")
TEMP = typer.Option(None, "--temperature", help="Teacher temperature.")
SAMPLES = typer.Option(0, "--samples", help="Extra teacher samples per case at --sample-temperature.")
STEMP = typer.Option(0.9, "--sample-temperature", help="Temperature of the extra samples.")


def _system_prompt(guide: Guide, path: Path | None) -> str:
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: system prompt file not found")
        return path.read_text(encoding="utf-8")
    from charter.compile import compile_prompt

    return compile_prompt(guide).text


def _scorers(guide: Guide, judge: Model | None) -> list[Any]:
    try:
        from charter.evaluate import build_scorers  # type: ignore[attr-defined]
    except ImportError:
        raise ConfigError("this Charter build has no guide scorers (charter.evaluate.build_scorers)",
                          hint="install a Charter release with evaluation support") from None
    scorers = list(build_scorers(guide, judge=judge))
    if not scorers:
        raise ConfigError("the guide yields no scorers to filter training data with",
                          hint="add rules with examples, or pass --judge for LLM judges")
    return scorers


def _load(guide_path: Path, suite_path: Path, skip_bad: bool) -> tuple[Guide, list[Any], list[str]]:
    guide = load_guide(guide_path)
    errors: list[str] = []
    suite = read_suite(suite_path, skip_bad=skip_bad, errors=errors)
    if not suite.cases:
        raise SuiteError(f"{suite_path}: the suite has no cases", hint="generate one with `charter synth`")
    return guide, list(suite.cases), errors


def _run(coro_fn: Callable[[Any], Coroutine[Any, Any, BuildResult]], concurrency: int) -> BuildResult:
    """Run a builder with the runner (cached, retried) when the run store is available."""

    async def go() -> BuildResult:
        with contextlib.ExitStack() as stack:
            runner = None
            try:
                from charter.runner import Runner, RunnerConfig
                from charter.store import RunStore
            except ImportError:
                pass
            else:
                store = stack.enter_context(RunStore())
                runner = Runner(store, RunnerConfig(concurrency=concurrency, progress=False))
            return await coro_fn(runner)

    return asyncio.run(go())


def _write(result: BuildResult, kind: RowKind, out: Path, card: DatasetCard, formats: str,
           push: str | None, errors: list[str]) -> None:
    card.counts = {k: int(v) for k, v in result.stats.items()}
    if errors:
        card.counts["bad_suite_lines"] = len(errors)
    if out.suffix == ".jsonl":
        if formats not in ("", "jsonl") or push:
            raise ConfigError("--format and --push-to-hub need a directory for -o", hint="e.g. -o data/sft/")
        card.name = out.name[: -len(".jsonl")]
        write_training(result.rows, out)
        out.with_name(f"{card.name}.card.md").write_text(card.render(), encoding="utf-8")
        where = str(out)
    else:
        fmts = [f.strip() for f in formats.split(",") if f.strip()]
        written = export_rows(result.rows, out, card=card, formats=fmts, push_to_hub=push)
        where = ", ".join(str(p) for p in written.values())
    for e in errors:
        typer.echo(f"skipped: {e}", err=True)
    stats = ", ".join(f"{k} {v}" for k, v in sorted(result.stats.items()))
    typer.echo(f"{kind.value}: {len(result.rows)} rows → {where}\n  {stats}")


def _card(kind: RowKind, guide: Guide, teacher: str, judge: str | None, seed: int, suite: Path,
          filters: list[str]) -> DatasetCard:
    models = {"teacher": teacher}
    if judge:
        models["judge"] = judge
    return DatasetCard(name=kind.value, kind=kind, guide_name=guide.meta.name, guide_version=guide.meta.version,
                       guide_hash=guide.fingerprint(), models=models, seeds={"seed": seed}, filters=filters,
                       sources=[str(suite)])


def _gen_config(temperature: float | None) -> GenerateConfig | None:
    return GenerateConfig(temperature=temperature) if temperature is not None else None


def register(app: typer.Typer) -> None:
    data = typer.Typer(help="Build training data (SFT, preferences, KTO) from a guide and a suite.",
                       no_args_is_help=True)
    app.add_typer(data, name="data")

    @data.command("sft")
    def sft(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
            judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
            push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int = CONC, skip_bad: bool = SKIP,
            system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP) -> int:
        """Context distillation: the teacher answers with the guide's system prompt; only answers
        that pass the guide's scorers are kept, without the system prompt."""
        g, cases, errors = _load(guide, suite, skip_bad)
        sp = _system_prompt(g, system_prompt)
        jm = get_model(judge, role="judge") if judge else None
        scorers = _scorers(g, jm)
        tm = get_model(teacher, role="generator")
        res = _run(lambda runner: build_sft(cases, tm, system_prompt=sp, scorers=scorers,
                                            config=_gen_config(temperature), concurrency=concurrency,
                                            adversarial_ratio=adversarial_ratio, seed=seed, runner=runner),
                   concurrency)
        filters = [f"guide scorers pass ({', '.join(s.id for s in scorers)})"]
        if adversarial_ratio is not None:
            filters.append(f"adversarial ratio {adversarial_ratio}")
        _write(res, RowKind.sft, out, _card(RowKind.sft, g, tm.name, judge, seed, suite, filters), fmt,
               push_to_hub, errors)
        return 0

    @data.command("prefs")
    def prefs(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
              judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
              push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int = CONC, skip_bad: bool = SKIP,
              system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP, samples: int = SAMPLES,
              sample_temperature: float = STEMP,
              kto: Path | None = typer.Option(None, "--kto", help="Also write the pairs unpaired as KTO rows here."),
              ) -> int:
        """Preference pairs: the teacher with and without the system prompt (plus --samples),
        ranked by a judge (--judge, position-swapped, citing rule ids) or by the guide's scorers."""
        g, cases, errors = _load(guide, suite, skip_bad)
        sp = _system_prompt(g, system_prompt)
        tm = get_model(teacher, role="generator")
        if judge:
            ranker: Any = JudgeRanker(get_model(judge, role="judge"), g)
            filters = [f"pairwise judge {judge}, position-swapped; ties and junk dropped"]
        else:
            ranker = ScoreRanker(_scorers(g, None))
            filters = ["ranked by guide scorers; ties dropped"]
        if adversarial_ratio is not None:
            filters.append(f"adversarial ratio {adversarial_ratio}")
        res = _run(lambda runner: build_preferences(
            cases, tm, system_prompt=sp, ranker=ranker, config=_gen_config(temperature), samples=samples,
            temperature=sample_temperature, concurrency=concurrency, adversarial_ratio=adversarial_ratio,
            seed=seed, runner=runner), concurrency)
        card = _card(RowKind.prefs, g, tm.name, judge, seed, suite, filters)
        _write(res, RowKind.prefs, out, card, fmt, push_to_hub, errors)
        if kto is not None:
            rows = kto_from_preferences([r for r in res.rows if isinstance(r, PreferenceRow)])
            _write(BuildResult(list(rows), res.stats.copy()), RowKind.kto, kto,
                   _card(RowKind.kto, g, tm.name, judge, seed, suite, [*filters, "unpaired from preferences"]),
                   "jsonl", None, [])
        return 0

    @data.command("kto")
    def kto_cmd(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
                judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
                push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int = CONC,
                skip_bad: bool = SKIP, system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP,
                samples: int = SAMPLES, sample_temperature: float = STEMP) -> int:
        """Unpaired rows: every distinct teacher answer, labelled desirable when it passes the
        guide's scorers (the shape thumbs-up/down feedback takes)."""
        g, cases, errors = _load(guide, suite, skip_bad)
        sp = _system_prompt(g, system_prompt)
        jm = get_model(judge, role="judge") if judge else None
        scorers = _scorers(g, jm)
        tm = get_model(teacher, role="generator")
        res = _run(lambda runner: build_kto(
            cases, tm, system_prompt=sp, scorers=scorers, config=_gen_config(temperature), samples=samples,
            temperature=sample_temperature, concurrency=concurrency, adversarial_ratio=adversarial_ratio,
            seed=seed, runner=runner), concurrency)
        filters = [f"label = guide scorers pass ({', '.join(s.id for s in scorers)})"]
        if adversarial_ratio is not None:
            filters.append(f"adversarial ratio {adversarial_ratio}")
        _write(res, RowKind.kto, out, _card(RowKind.kto, g, tm.name, judge, seed, suite, filters), fmt,
               push_to_hub, errors)
        return 0
