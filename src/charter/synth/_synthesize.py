"""`synthesize`: guide → coverage plan → cases → `Suite`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from charter.errors import ConfigError
from charter.guide import (
    SEVERITY_ORDER,
    Guide,
    library_rule_ids,
    load_guide,
    screen_library_examples,
)
from charter.model import Model
from charter.suite import Case, Suite
from charter.synth._dedupe import DedupeStats, dedupe_cases
from charter.synth._ids import slug, uniquify
from charter.synth._language import FROM_TEXT
from charter.synth._model import GenerationStats, ModelWriter, ProgressFn
from charter.synth._offline import fill_offline
from charter.synth._plan import Cell, CoveragePlan, plan_coverage
from charter.synth._realism import realism_problems

__all__ = ["SynthConfig", "asynthesize", "model_cells", "suite_plan", "synthesize"]


class SynthConfig(BaseModel):
    """How a suite is synthesised (see :func:`synthesize`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    n: int | None = Field(default=None, description="Cap on the total; coverage first.")
    per_cell: int = Field(default=1, description="Each cell's quota.")
    seed: int = 0
    offline: bool = Field(default=True, description="Fill cells from the guide's own material.")
    techniques: Sequence[str] | None = None
    variations: Sequence[str] | None = None
    languages: Sequence[str] | None = None
    generator: Model | None = Field(default=None, description="Also let this model write cases.")
    judge: Model | None = Field(default=None, description="Confirms model-written labels (default: generator).")
    min_confidence: float = Field(default=0.7, ge=0.0, le=1.0)
    retries: int = Field(default=2, ge=0)
    model_cells: int | None = Field(
        default=None, ge=0,
        description="With a generator: write only for this many base cells (the most severe rules' "
                    "violating + look-alike pairs first, the guide's own rules before library ones); "
                    "``n`` then applies to the offline cases alone.")
    concurrency: int | None = None
    runner: Any | None = Field(default=None, description="A charter.runner.Runner for model calls.")
    progress: ProgressFn | None = None
    name: str | None = None


def _config(config: SynthConfig | None, options: dict[str, Any]) -> SynthConfig:
    """``config`` with ``options`` (SynthConfig fields) on top, validated."""
    base = config or SynthConfig()
    if not options:
        return base
    try:
        return SynthConfig.model_validate({**{k: getattr(base, k) for k in SynthConfig.model_fields}, **options})
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ConfigError(f"synthesis setting '{where}': {err['msg']} (got {err.get('input')!r})",
                          hint=f"SynthConfig fields: {', '.join(SynthConfig.model_fields)}") from None


def _guide(guide: Guide | str | Path) -> Guide:
    return guide if isinstance(guide, Guide) else load_guide(guide)


def model_cells(guide: Guide, plan: CoveragePlan, n: int) -> list[Cell]:
    """The ``n`` base cells a generator writes first: direct violating + look-alike pairs of
    the most severe rules, the guide's own rules before library rules at equal severity,
    then the other base cells."""
    library = library_rule_ids()
    base = [c for c in plan.cells if c.rule_id and c.technique == "direct" and c.variation == "none"
            and c.language == plan.base_language and c.use_case is None]
    sev = {r.id: SEVERITY_ORDER[r.severity] for r in guide.iter_rules()}
    base.sort(key=lambda c: (c.pair is None, sev.get(c.rule_id or "", 9), (c.rule_id or "") in library,
                             c.rule_id or "", c.intent.value))
    return base[:n]


async def _write(g: Guide, plan: CoveragePlan, cells: Sequence[Cell], cfg: SynthConfig,
                 generator: Model) -> tuple[list[Case], GenerationStats]:
    runner = cfg.runner
    own_store = None
    if runner is None:
        from charter.runner import Runner, RunnerConfig
        from charter.store import RunStore

        own_store = RunStore()
        runner = Runner(own_store, RunnerConfig(concurrency=cfg.concurrency, progress=False))
    try:
        writer = ModelWriter(g, plan, generator, cfg.judge or generator, runner=runner, seed=cfg.seed,
                             min_confidence=cfg.min_confidence, retries=cfg.retries, progress=cfg.progress,
                             supplement=cfg.offline and cfg.model_cells is not None)
        return await writer.write(cells), writer.stats
    finally:
        if own_store is not None:
            own_store.close()


async def asynthesize(guide: Guide | str | Path, config: SynthConfig | None = None, **options: Any) -> Suite:
    """Build a test suite from ``guide`` against its coverage plan (see :func:`synthesize`)."""
    cfg = _config(config, options)
    g = _guide(guide)
    screened = screen_library_examples(g)
    generator = cfg.generator
    if not cfg.offline and generator is None:
        raise ConfigError("model-written synthesis needs a generator model",
                          hint="pass generator=get_model(...) (CLI: --generator MODEL), or use offline=True")
    full = plan_coverage(g, per_cell=cfg.per_cell, techniques=cfg.techniques, variations=cfg.variations,
                         languages=cfg.languages, seed=cfg.seed, translate=generator is not None)
    sources = int(cfg.offline) + int(generator is not None and cfg.model_cells is None)
    plan: CoveragePlan = full
    selected_n = None
    if cfg.n is not None:
        # each source fills the selected cells, so split the budget between them
        selected_n = max(1, cfg.n // sources) if sources > 1 else cfg.n
        plan = full.select(selected_n)
    cases: list[Case] = []
    unrealistic: list[Case] = []
    stats: GenerationStats | None = None
    if cfg.offline:
        cases += fill_offline(g, plan, seed=cfg.seed, skip_examples=frozenset(screened), unrealistic=unrealistic)
    if generator is not None and cfg.model_cells != 0:
        if cfg.model_cells is not None:
            written, stats = await _write(g, full, model_cells(g, full, cfg.model_cells), cfg, generator)
        else:
            written, stats = await _write(g, plan, plan.cells, cfg, generator)
        cases += written
    cases, dedupe = dedupe_cases(cases, g)
    cases = uniquify(cases)
    report = plan.report(cases)
    return Suite(
        name=cfg.name or f"{slug(g.meta.name)}-synth",
        cases=cases,
        guide=f"{g.meta.name}@{g.meta.version}",
        guide_hash=g.fingerprint(),
        seed=cfg.seed,
        config={**_header(cfg, full, plan, report.empty, report.thin, report.missing_pairs, selected_n, stats, dedupe),
                "screened_examples": [f"{rid}[{k}] (breaks {own})" for (rid, k), own in sorted(screened.items())],
                "unrealistic_dropped": len(unrealistic),
                "languages_from_text": sum(1 for c in cases if c.metadata.get(FROM_TEXT)),
                "unrealistic_examples": [f"{c.prompt[:80]!r}: {'; '.join(realism_problems(c.prompt))}"
                                         for c in unrealistic[:5]]},
    )


def _header(cfg: SynthConfig, full: CoveragePlan, plan: CoveragePlan, empty: list[Any], thin: list[Any],
            missing_pairs: Any, selected_n: int | None, stats: GenerationStats | None,
            dedupe: DedupeStats) -> dict[str, object]:
    gen = cfg.generator
    config: dict[str, object] = {
        "generator": "charter.synth",
        "per_cell": cfg.per_cell,
        "n": cfg.n,
        "selected_n": selected_n,
        "offline": cfg.offline,
        "model": gen.name if gen else None,
        "judge": (cfg.judge or gen).name if gen else None,
        "min_confidence": cfg.min_confidence if gen else None,
        "model_cells": cfg.model_cells,
        "translate": gen is not None,
        "techniques": full.techniques,
        "variations": full.variations,
        "languages": full.languages,
        "base_language": full.base_language,
        "cells_planned": len(full.cells),
        "cells_selected": len(plan.cells),
        "cells_empty": len(empty),
        "cells_thin": len(thin),
        "missing_pairs": missing_pairs,
        "dedupe": dedupe.as_dict(),
        "dropped_rules": plan.dropped_rules,
        "critical_rules_dropped": plan.critical_dropped(),
    }
    if stats is not None:
        config["model_stats"] = stats.as_dict()
    return config


def synthesize(guide: Guide | str | Path, config: SynthConfig | None = None, **options: Any) -> Suite:
    """Generate a test suite from ``guide``, covering its coverage plan.

    Settings come from ``config`` (a :class:`SynthConfig`) or as keyword arguments (its
    fields). Offline (the default) the cases come from the guide's own examples, boundary
    guidance, edge cases and use-case requests, shaped by every technique and variation
    operator (``techniques`` / ``variations`` / ``languages`` narrow the axes); language
    cells need a ``generator`` (nothing translates offline). With ``generator`` a model also
    writes cases per cell (``offline=False``: only those) and ``judge`` (default: the
    generator) confirms each label, keeping those at ``min_confidence`` or above; a cell
    with nothing usable is asked again up to ``retries`` times. ``n`` caps the total while
    keeping coverage (every paired rule's violating + look-alike pair first, the guide's
    own rules before library ones); ``per_cell`` is each cell's quota. Every prompt has one
    expected outcome: repeats collapse and label conflicts are resolved by the guide or
    dropped (``suite.config["dedupe"]`` counts both). The same ``seed`` gives the same suite.

    This is the synchronous wrapper of :func:`asynthesize` (inside an event loop, await that).

    >>> suite = synthesize("tests/fixtures/guides/minimal.yaml", seed=1)   # doctest: +SKIP
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(asynthesize(guide, config, **options))
    raise ConfigError("synthesize() was called inside a running event loop",
                      hint="use `await asynthesize(...)` there instead")


def suite_plan(guide: Guide | str | Path, suite: Suite) -> CoveragePlan:
    """The coverage plan a synthesized ``suite`` was generated against, rebuilt from its
    header (per-cell quota, techniques, variations, languages, seed and ``--n`` selection),
    to report the suite (or a curated subset of it) against."""
    g = _guide(guide)
    cfg = suite.config

    def names(key: str) -> list[str] | None:
        v = cfg.get(key)
        return [str(x) for x in v] if isinstance(v, list) else None

    variations = names("variations")
    if variations is not None:
        variations = [v for v in variations if v != "language"]
    per_cell = cfg.get("per_cell", 1)
    plan = plan_coverage(g, per_cell=per_cell if isinstance(per_cell, int) else 1,
                         techniques=names("techniques"), variations=variations,
                         languages=names("languages"), seed=suite.seed or 0,
                         translate=cfg.get("translate", True) is not False)
    selected = cfg.get("selected_n")
    return plan.select(selected) if isinstance(selected, int) else plan
