"""`charter data sft|prefs|kto GUIDE --suite S --teacher MODEL -o OUT`: training data.

``-o`` ending in ``.jsonl`` writes that file, its ``.meta.jsonl`` sidecar and a
``<name>.card.md`` dataset card; any other ``-o`` is a directory that gets
``<kind>.jsonl``, the sidecar, ``README.md`` (the card) and the ``--format`` exports.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer

from charter.cli._common import CONCURRENCY_OPTION, JUDGE_OPTION, STORE_OPTION, judge_name
from charter.data import (
    NO_JUDGE_FILTER,
    TRUNCATED_WHY,
    UNVERIFIED_WHY,
    BuildResult,
    DataConfig,
    DatasetCard,
    PreferenceRow,
    RewardRanker,
    RowKind,
    identical_candidates_hint,
    kto_from_preferences,
    make_dataset,
    write_dataset,
)
from charter.errors import ConfigError, ModelError, SuiteError
from charter.guide import Guide, load_guide
from charter.model import Model, get_model
from charter.suite import Case, read_suite

GUIDE = typer.Argument(..., help="Path to the guide YAML file.")
SUITE = typer.Option(..., "--suite", "-s", help="Suite JSONL whose cases are the prompts.")
TEACHER = typer.Option(..., "--teacher", "-t", help="Teacher model, provider/model (e.g. mock/comply).")
OUT = typer.Option(..., "--out", "-o", help="Output .jsonl file, or a directory for exports.")
JUDGE = JUDGE_OPTION
RATIO = typer.Option(None, "--adversarial-ratio", help="Share of adversarial (violating/borderline) rows, 0-1.")
FORMAT = typer.Option("jsonl", "--format", help="Exports for a directory -o: jsonl,parquet,hf.")
PUSH = typer.Option(None, "--push-to-hub", help="Also upload the HF dataset to this repo id (explicit only).")
SEED = typer.Option(0, "--seed", help="Seed for sampling and balancing.")
CONC = CONCURRENCY_OPTION
SKIP = typer.Option(False, "--skip-bad", help="Skip broken suite lines (listed) instead of stopping.")
SYSPROMPT = typer.Option(None, "--system-prompt", help="Use this file as the system prompt instead of compiling the guide.")
VARIANT = typer.Option("auto", "--variant", help="Compiled prompt variant the teacher answers under: full, compact, "
                                                 "or auto (compact for an embedded local/ teacher, whose context "
                                                 "the full prompt overflows; full otherwise).")
TEMP = typer.Option(None, "--temperature", help="Teacher temperature.")
SAMPLES = typer.Option(0, "--samples", help="Extra teacher samples per case at --sample-temperature.")
STEMP = typer.Option(0.9, "--sample-temperature", help="Temperature of the extra samples.")
MAXTOK = typer.Option(None, "--max-response-tokens", min=1,
                      help="Cap on each teacher answer, in tokens (default: the provider's, 1024 for local/). "
                           "An answer cut off at the cap is not trained on (counted as truncated).")
CANARIES = typer.Option(0, "--plant-canaries", help="Plant N canary rows (random secrets) for the memorisation "
                                                    "probe; they are listed in the canaries file.")


def _system_prompt(guide: Guide, path: Path | None, variant: str = "auto", teacher: str = "") -> str:
    if variant not in ("full", "compact", "auto"):
        raise ConfigError(f"--variant '{variant}' is not a prompt variant", hint="use full, compact or auto")
    if variant == "auto":
        variant = "compact" if teacher.startswith("local/") else "full"
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: system prompt file not found", hint="pass an existing file to --system-prompt")
        return path.read_text(encoding="utf-8")
    from charter.compile import compile_prompt

    return compile_prompt(guide, variant="compact" if variant == "compact" else "full").text


def _check_teacher(result: BuildResult, cases: list[Case], teacher: str) -> None:
    """Stop (exit 4) when the teacher failed on every case: a build that wrote 0 rows and exited
    0 hid the reason (a local teacher whose context the full compiled prompt overflows failed
    every request, and the CLI said only "model_errors 82")."""
    if not result.errors or any("canary" not in r.metadata for r in result.rows):
        return
    failed = {cid for cid, _ in result.errors}
    asked = [c for c in cases if any(m.role not in ("system", "developer") for m in c.messages)]
    if not asked or any(c.id not in failed for c in asked):
        return
    first = result.errors[0][1].splitlines()[0]
    raise ModelError(f"the teacher {teacher} failed on every one of the {len(asked)} case(s) "
                     f"({len(result.errors)} failed request(s)), so no row was built; first error: {first}",
                     hint="a conversation too long for the teacher's context needs a shorter system prompt: "
                          "--variant compact or --system-prompt FILE; otherwise check the model name and its setup")


def _load(guide_path: Path, suite_path: Path, skip_bad: bool) -> tuple[Guide, list[Case], list[str]]:
    guide = load_guide(guide_path)
    errors: list[str] = []
    suite = read_suite(suite_path, skip_bad=skip_bad, errors=errors)
    if not suite.cases:
        raise SuiteError(f"{suite_path}: the suite has no cases", hint="generate one with `charter synth`")
    return guide, list(suite.cases), errors


MAX_WHY = 5


def _report(result: BuildResult, kind: RowKind, paths: list[Path], errors: list[str]) -> None:
    for e in errors:
        typer.echo(f"skipped: {e}", err=True)
    stats = ", ".join(f"{k} {v}" for k, v in sorted(result.stats.items())
                      if not k.startswith(("failed:", "advisory_failed:")))
    typer.echo(f"{kind.value}: {len(result.rows)} rows → {', '.join(str(p) for p in paths)}\n  {stats}")
    if result.errors:
        typer.echo(f"  the teacher failed on {len(result.errors)} request(s); their cases have no row:")
        _list([(cid, why.splitlines()[0]) for cid, why in result.errors])
    unverified = [(cid, why) for cid, why in result.dropped if why == UNVERIFIED_WHY]
    failed = [(cid, why) for cid, why in result.dropped if why not in (UNVERIFIED_WHY, TRUNCATED_WHY)]
    n_truncated = result.stats.get("truncated", 0)
    if n_truncated:
        typer.echo(f"  left out {n_truncated} teacher answer(s) cut off at the token cap (finish_reason 'length'; "
                   "a row that stops mid-sentence teaches stopping mid-sentence): raise --max-response-tokens")
        _list([(cid, "") for cid, why in result.dropped if why == TRUNCATED_WHY])
    n_unverified = result.stats.get("unverified", 0)
    if n_unverified:
        typer.echo(f"  left out {n_unverified} answer(s) to violating cases, or to cases that expect more than a plain "
                   "answer, that no score could verify (the refusal check cannot settle a redirect or safe completion "
                   "the guide names nothing checkable for, or an injection case); pass --judge to have them judged")
        _list(unverified)
    by = result.failed_by()
    if by:
        typer.echo("  dropped because a scorer failed them: "
                   + ", ".join(f"{name} {n}" for name, n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))))
        _list(failed)
    overruled = result.advisory_failed()
    if overruled:
        kept = "labelled desirable" if kind is RowKind.kto else "kept"
        typer.echo(f"  {kept} although a scorer that does not decide failed them (advisory, or overruled by the "
                   "guide's label of the reply; the verdicts are in the sidecar's scores): "
                   + ", ".join(f"{name} {n}" for name, n in sorted(overruled.items(), key=lambda kv: (-kv[1], kv[0]))))


def _list(dropped: list[tuple[str, str]]) -> None:
    for cid, why in dropped[:MAX_WHY]:
        typer.echo(f"    {cid}" if why in (UNVERIFIED_WHY, "") else f"    {cid}: {why}")
    if len(dropped) > MAX_WHY:
        typer.echo(f"    … and {len(dropped) - MAX_WHY} more (their ids are not in the dataset)")


def _card(kind: RowKind, guide: Guide, teacher: str, judge: str | None, seed: int, suite: Path,
          filters: list[str], errors: list[str], ranker: str | None = None) -> DatasetCard:
    models = {"teacher": teacher}
    if judge:
        models["judge"] = judge
    if ranker:
        models["ranker"] = ranker
    counts = {"bad_suite_lines": len(errors)} if errors else {}
    return DatasetCard(name=kind.value, kind=kind, guide_name=guide.meta.name, guide_version=guide.meta.version,
                       guide_hash=guide.fingerprint(), models=models, seeds={"seed": seed}, filters=filters,
                       counts=counts, sources=[str(suite)])


def _formats(fmt: str) -> list[str]:
    return [f.strip() for f in fmt.split(",") if f.strip()]


def _build(kind: RowKind, guide: Path, suite: Path, teacher: str, out: Path, judge: str | None,
           cfg: DataConfig, fmt: str, push: str | None, skip_bad: bool,
           system_prompt: Path | None, variant: str = "auto") -> tuple[BuildResult, list[str], Guide, Model, list[str]]:
    g, cases, errors = _load(guide, suite, skip_bad)
    judge = judge_name(judge)
    jm = get_model(judge, role="judge") if judge else None
    tm = get_model(teacher, role="generator")
    config = replace(cfg, system_prompt=_system_prompt(g, system_prompt, variant, teacher), judge=jm)
    res, filters = make_dataset(kind, g, cases, tm, config)
    _check_teacher(res, cases, tm.name)
    pairs = [r for r in res.rows if "canary" not in r.metadata]
    if kind is RowKind.prefs and not pairs and (res.stats.get("identical_candidates", 0)
                                                or res.stats.get("cut_off_candidates", 0)):
        raise ConfigError(f"no preference pairs from {len(cases)} case(s)", hint=identical_candidates_hint(res))
    ranker = cfg.ranker.id if cfg.ranker is not None else None
    paths = write_dataset(res, out, _card(kind, g, tm.name, judge, cfg.seed, suite, filters, errors, ranker),
                          formats=_formats(fmt), push_to_hub=push)
    _report(res, kind, paths, errors)
    if NO_JUDGE_FILTER in filters:
        typer.echo(f"  {NO_JUDGE_FILTER}")
    return res, filters, g, tm, errors


def _reward_ranker(ranker: str | None, judge: str | None) -> RewardRanker | None:
    """``--ranker rm/<dir>``: the reward model's ranker (exit 2 on anything else, 3 without torch)."""
    if ranker is None:
        return None
    from charter.evaluate import REWARD_PREFIX, create_scorer

    if not ranker.startswith(REWARD_PREFIX) or not ranker[len(REWARD_PREFIX):]:
        raise ConfigError(f"--ranker {ranker!r}: expected rm/<dir>",
                          hint="pass the folder `charter train reward` wrote, e.g. --ranker rm/out/rm")
    if judge_name(judge):
        raise ConfigError("--ranker and --judge both rank the candidates", hint="pass one of them")
    return RewardRanker(create_scorer("reward", path=ranker[len(REWARD_PREFIX):]))


def register(app: typer.Typer) -> None:
    data = typer.Typer(help="Build training data (SFT, preferences, KTO) from a guide and a suite.",
                       no_args_is_help=True)
    app.add_typer(data, name="data")

    @data.command("sft")
    def sft(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
            judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
            push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int | None = CONC, skip_bad: bool = SKIP,
            system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP,
            store: Path | None = STORE_OPTION, plant_canaries: int = CANARIES, variant: str = VARIANT,
            max_response_tokens: int | None = MAXTOK) -> int:
        """Context distillation: the teacher answers with the guide's system prompt; an answer
        a deciding scorer fails is dropped (counted, with why); rows are kept without the system
        prompt.

        Advisory scorers (the classifier trained from the guide) decide nothing: their verdicts
        are kept in the sidecar, and the rows they failed are counted (docs/data.md)."""
        cfg = DataConfig(system_prompt="", adversarial_ratio=adversarial_ratio, seed=seed, concurrency=concurrency or 8, store=store,
                         temperature=temperature, plant_canaries=plant_canaries,
                         max_response_tokens=max_response_tokens)
        _build(RowKind.sft, guide, suite, teacher, out, judge, cfg, fmt, push_to_hub, skip_bad, system_prompt, variant)
        return 0

    @data.command("prefs")
    def prefs(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
              judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
              push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int | None = CONC, skip_bad: bool = SKIP,
              system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP, samples: int = SAMPLES,
              sample_temperature: float = STEMP, store: Path | None = STORE_OPTION,
              kto: Path | None = typer.Option(None, "--kto", help="Also write the pairs unpaired as KTO rows here."),
              plant_canaries: int = CANARIES, variant: str = VARIANT, max_response_tokens: int | None = MAXTOK,
              ranker: str | None = typer.Option(None, "--ranker", help="Rank the candidates with a reward model, "
                                                "rm/<dir> from `charter train reward` (instead of --judge or the scorers)."),
              ) -> int:
        """Preference pairs: the teacher with and without the system prompt (plus --samples),
        ranked by a judge (--judge, position-swapped, citing rule ids), a reward model
        (--ranker rm/DIR) or the guide's scorers."""
        rm = _reward_ranker(ranker, judge)
        cfg = DataConfig(system_prompt="", adversarial_ratio=adversarial_ratio, seed=seed, concurrency=concurrency or 8, store=store,
                         temperature=temperature, samples=samples, sample_temperature=sample_temperature,
                         plant_canaries=plant_canaries, ranker=rm, max_response_tokens=max_response_tokens)
        res, filters, g, tm, _ = _build(RowKind.prefs, guide, suite, teacher, out, judge, cfg, fmt, push_to_hub,
                                        skip_bad, system_prompt, variant)
        if kto is not None:
            rows = kto_from_preferences([r for r in res.rows if isinstance(r, PreferenceRow)])
            kres = BuildResult(list(rows), res.stats.copy())
            card = _card(RowKind.kto, g, tm.name, judge, seed, suite, [*filters, "unpaired from preferences"], [])
            _report(kres, RowKind.kto, write_dataset(kres, kto, card), [])
        return 0

    @data.command("kto")
    def kto_cmd(guide: Path = GUIDE, suite: Path = SUITE, teacher: str = TEACHER, out: Path = OUT,
                judge: str | None = JUDGE, adversarial_ratio: float | None = RATIO, fmt: str = FORMAT,
                push_to_hub: str | None = PUSH, seed: int = SEED, concurrency: int | None = CONC,
                skip_bad: bool = SKIP, system_prompt: Path | None = SYSPROMPT, temperature: float | None = TEMP,
                samples: int = SAMPLES, sample_temperature: float = STEMP,
                store: Path | None = STORE_OPTION, plant_canaries: int = CANARIES, variant: str = VARIANT,
                max_response_tokens: int | None = MAXTOK) -> int:
        """Unpaired rows: every distinct teacher answer, labelled desirable when every one of
        the guide's deciding scorers passes it (the shape thumbs-up/down feedback takes)."""
        cfg = DataConfig(system_prompt="", adversarial_ratio=adversarial_ratio, seed=seed, concurrency=concurrency or 8, store=store,
                         temperature=temperature, samples=samples, sample_temperature=sample_temperature,
                         plant_canaries=plant_canaries, max_response_tokens=max_response_tokens)
        _build(RowKind.kto, guide, suite, teacher, out, judge, cfg, fmt, push_to_hub, skip_bad, system_prompt, variant)
        return 0
