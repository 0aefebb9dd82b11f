"""One call from (guide, suite, teacher) to a written dataset: what ``charter data`` runs.

:func:`make_dataset` builds the rows (SFT, preferences or KTO) with the runner when it is
available (cached, retried), :func:`write_dataset` writes them with the dataset card, which
states every filter applied and how many rows each one removed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.data._build import BuildResult, build_kto, build_preferences, build_sft
from charter.data._canaries import canaries_in, canary_rows, make_canaries, write_canaries
from charter.data._export import DatasetCard, export_rows
from charter.data._rank import JudgeRanker, Ranker, ScoreRanker
from charter.data._rows import RowKind, write_training
from charter.errors import ConfigError
from charter.evaluate import Scorer
from charter.guide import Guide
from charter.model import GenerateConfig, Model
from charter.suite import Case

__all__ = ["NO_JUDGE_FILTER", "DataConfig", "guide_scorers", "identical_candidates_hint", "make_dataset",
           "write_dataset"]


@dataclass(frozen=True)
class DataConfig:
    """How a dataset is built (the ``charter data`` options, as one object)."""

    system_prompt: str
    judge: Model | None = None
    adversarial_ratio: float | None = None
    seed: int = 0
    concurrency: int = 8
    temperature: float | None = None
    #: cap on each teacher answer, in tokens (default: the provider's); an answer cut at the
    #: cap is not trained on (counted as ``truncated``)
    max_response_tokens: int | None = None
    samples: int = 0
    sample_temperature: float = 0.9
    scorers: Sequence[Scorer] | None = field(default=None, repr=False)
    store: Path | None = None  # run store for the cache (default: $CHARTER_HOME/runs.db)
    plant_canaries: int = 0  # extra canary rows for the memorisation probe (docs/data.md)
    #: preferences only: rank the candidates with this (e.g. a reward model's RewardRanker)
    #: instead of the judge or the guide's scorers
    ranker: Ranker | None = field(default=None, repr=False)
    #: a progress bar while the teacher answers (a line every 20 s when stderr is not a terminal)
    progress: bool = True

    def generate_config(self) -> GenerateConfig | None:
        if self.temperature is None and self.max_response_tokens is None:
            return None
        return GenerateConfig(temperature=self.temperature, max_tokens=self.max_response_tokens)


def guide_scorers(guide: Guide, judge: Model | None = None) -> list[Scorer]:
    """The guide's default scorers (checks, classifiers, and the judge when given). Those
    evaluation reads as deciding (:func:`charter.evaluate.score_authority`) reject a response
    with one failing verdict; the advisory ones (the classifier trained from the guide) are
    recorded beside it and reject nothing (:func:`charter.data.deciding_scores`)."""
    from charter.evaluate import build_scorers

    scorers = list(build_scorers(guide, judge=judge))
    if not scorers:
        raise ConfigError("the guide yields no scorers to filter training data with",
                          hint="add rules with examples, or pass --judge for LLM judges")
    return scorers


def identical_candidates_hint(result: BuildResult) -> str:
    """What to do when a case had no two distinct whole candidates: a deterministic teacher
    (identical answers) or answers cut off at the token cap."""
    hints = []
    n_cut = result.stats.get("cut_off_candidates", 0)
    if n_cut:
        hints.append(f"{n_cut} case(s) had fewer than two answers that were not cut off at the token cap "
                     f"({result.stats.get('truncated', 0)} answer(s) cut): raise --max-response-tokens")
    n = result.stats.get("identical_candidates", 0)
    if n or not hints:
        hints.append(f"{n} case(s) got identical candidates from the teacher, so there was nothing to prefer: "
                     "sample with a temperature (--temperature 0.7), add extra samples (--samples 2 "
                     "--sample-temperature 0.9), or use a teacher that samples (a deterministic mock or "
                     "replay teacher answers the same every time)")
    return "; ".join(hints)


async def _build(kind: RowKind, guide: Guide, cases: Sequence[Case], teacher: Model, cfg: DataConfig,
                 scorers: Sequence[Scorer] | None, ranker: Ranker | None, runner: Any | None) -> BuildResult:
    gen = cfg.generate_config()
    if kind is RowKind.sft:
        return await build_sft(cases, teacher, system_prompt=cfg.system_prompt, scorers=scorers or [], config=gen,
                               concurrency=cfg.concurrency, adversarial_ratio=cfg.adversarial_ratio,
                               seed=cfg.seed, runner=runner, guide=guide)
    if kind is RowKind.kto:
        return await build_kto(cases, teacher, system_prompt=cfg.system_prompt, scorers=scorers or [], config=gen,
                               samples=cfg.samples, temperature=cfg.sample_temperature,
                               concurrency=cfg.concurrency, adversarial_ratio=cfg.adversarial_ratio,
                               seed=cfg.seed, runner=runner, guide=guide)
    if kind is RowKind.prefs:
        assert ranker is not None
        return await build_preferences(cases, teacher, system_prompt=cfg.system_prompt, ranker=ranker, config=gen,
                                       samples=cfg.samples, temperature=cfg.sample_temperature,
                                       concurrency=cfg.concurrency, adversarial_ratio=cfg.adversarial_ratio,
                                       seed=cfg.seed, runner=runner)
    raise ConfigError(f"cannot build training rows of kind '{kind.value}'", hint="use sft, prefs or kto")


#: the card's line for answers no score could verify (see charter.data._build)
UNVERIFIED_FILTER = ("an answer to a violating case that the refusal check cannot settle and no judge passed "
                     "(nor the guide's label of the reply) is left out (unverified)")


#: the card's line for a build no judge scored (what the scorers left see, and what they do not)
NO_JUDGE_FILTER = ("no judge: answers were checked for refusals, the guide's labelled replies and style and safety, "
                   "not for what they say (a wrong figure, a one-sided answer); pass --judge to have it checked")


def _advisory_ids(scorers: Sequence[Scorer]) -> list[str]:
    """The ids of the scorers whose family evaluation never lets decide (classifiers that
    measure no style or safety dimension: the classifier trained from the guide)."""
    from charter.evaluate import DIMENSIONS

    return [s.id for s in scorers if getattr(s, "family", None) == "classifier" and s.id not in DIMENSIONS]


def make_dataset(kind: RowKind, guide: Guide, cases: Sequence[Case], teacher: Model,
                 config: DataConfig) -> tuple[BuildResult, list[str]]:
    """Build ``kind`` rows from ``cases`` and return them with the card's filter lines.

    SFT keeps only answers no deciding scorer fails (advisory scores, such as the classifier
    trained from the guide, are recorded and decide nothing: :func:`charter.data.deciding_scores`);
    KTO labels by the same scorers; preferences are ranked by ``config.judge`` (pairwise,
    position-swapped) or by the deciding scorers. Model calls
    go through a :class:`charter.runner.Runner` on the run store when available; a
    ``config.ranker`` (a reward model) ranks preferences instead of the judge or scorers."""
    scorers: list[Scorer] | None = None
    ranker: Ranker | None = None
    filters: list[str] = []
    if kind is RowKind.prefs and config.ranker is not None:
        ranker = config.ranker
        filters.append(f"ranked by {ranker.id} (higher reward chosen); ties and scorer errors dropped")
    elif kind is RowKind.prefs and config.judge is not None:
        ranker = JudgeRanker(config.judge, guide)
        filters.append(f"pairwise judge {config.judge.name}, position-swapped; ties and junk dropped")
    else:
        scorers = list(config.scorers) if config.scorers is not None else guide_scorers(
            guide, None if kind is RowKind.prefs else config.judge)
        ids = ", ".join(s.id for s in scorers)
        advisory = _advisory_ids(scorers)
        beside = (f"; advisory, recorded but deciding nothing: {', '.join(advisory)}" if advisory else "")
        if kind is RowKind.sft:
            filters.append(f"every row passes every deciding scorer ({ids}{beside}); a row a deciding scorer "
                           f"fails is dropped; {UNVERIFIED_FILTER}")
        elif kind is RowKind.kto:
            filters.append(f"label = passes every deciding scorer ({ids}{beside}); {UNVERIFIED_FILTER}")
        else:
            ranker = ScoreRanker(scorers, guide=guide)
            filters.append(f"ranked by the share of deciding scorers passed ({ids}{beside}); ties dropped")
        if not any(getattr(s, "family", None) == "judge" for s in scorers):
            filters.append(NO_JUDGE_FILTER)
    if config.adversarial_ratio is not None:
        filters.append(f"adversarial ratio {config.adversarial_ratio}")
    canaries = make_canaries(config.plant_canaries, seed=config.seed) if config.plant_canaries else []

    async def go() -> BuildResult:
        with contextlib.ExitStack() as stack:
            runner = None
            try:
                from charter.runner import Runner, RunnerConfig
                from charter.store import RunStore
            except ImportError:  # pragma: no cover - both ship with the core package
                pass
            else:
                store = stack.enter_context(RunStore(config.store))
                runner = Runner(store, RunnerConfig(concurrency=config.concurrency, progress=config.progress))
            return await _build(kind, guide, cases, teacher, config, scorers, ranker, runner)

    result = asyncio.run(go())
    if canaries:  # after balancing: every canary is planted exactly once
        result.rows.extend(canary_rows(kind, canaries))
        result.stats["canary_rows"] = len(canaries)
        filters.append(f"{len(canaries)} canary rows planted for the memorisation probe (extra rows; the secrets are "
                       "in the sidecar and the canaries file; keep them out of every eval suite)")
    return result, filters


def write_dataset(result: BuildResult, out: str | Path, card: DatasetCard, *, formats: Sequence[str] = ("jsonl",),
                  push_to_hub: str | None = None) -> list[Path]:
    """Write ``result`` and its card: ``out`` ending in ``.jsonl`` gets that file, its
    ``.meta.jsonl`` sidecar and ``<name>.card.md``; any other ``out`` is a directory for
    :func:`export_rows`. The card's counts are the build's (what each filter removed). Rows
    carrying planted canaries also get ``<name>.canaries.jsonl`` (``canaries.jsonl`` in a
    directory) for the memorisation probe."""
    p = Path(out)
    card.counts = {**card.counts, **{k: int(v) for k, v in result.stats.items()}}
    if p.suffix == ".jsonl":
        if [f for f in formats if f != "jsonl"] or push_to_hub:
            raise ConfigError("--format and --push-to-hub need a directory for -o", hint="e.g. -o data/sft/")
        card.name = p.name[: -len(".jsonl")]
        jsonl, meta = write_training(result.rows, p)
        card_path = p.with_name(f"{card.name}.card.md")
        card_path.write_text(card.render(), encoding="utf-8")
        written = [jsonl, meta, card_path]
        canaries_path = p.with_name(f"{card.name}.canaries.jsonl")
    else:
        written = list(export_rows(result.rows, p, card=card, formats=formats, push_to_hub=push_to_hub).values())
        canaries_path = p / "canaries.jsonl"
    planted = canaries_in(result.rows)
    if planted:
        written.append(write_canaries(planted, canaries_path))
    return written
