"""`synthesize`: guide → coverage plan → cases → `Suite`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from charter.errors import ConfigError
from charter.guide import Guide, load_guide
from charter.model import Model
from charter.suite import Case, Suite
from charter.synth._ids import slug, uniquify
from charter.synth._model import GenerationStats, ModelWriter, ProgressFn
from charter.synth._offline import fill_offline
from charter.synth._plan import CoveragePlan, plan_coverage

if TYPE_CHECKING:
    from charter.runner import Runner

__all__ = ["asynthesize", "suite_plan", "synthesize"]


def _guide(guide: Guide | str | Path) -> Guide:
    return guide if isinstance(guide, Guide) else load_guide(guide)


async def asynthesize(
    guide: Guide | str | Path,
    *,
    n: int | None = None,
    per_cell: int = 1,
    seed: int = 0,
    offline: bool = True,
    techniques: Sequence[str] | None = None,
    variations: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    generator: Model | None = None,
    judge: Model | None = None,
    min_confidence: float = 0.7,
    retries: int = 2,
    concurrency: int | None = None,
    runner: Runner | None = None,
    progress: ProgressFn | None = None,
    name: str | None = None,
) -> Suite:
    """Build a test suite from ``guide`` against its coverage plan (see :func:`synthesize`)."""
    g = _guide(guide)
    if not offline and generator is None:
        raise ConfigError("model-written synthesis needs a generator model",
                          hint="pass generator=get_model(...) (CLI: --generator MODEL), or use offline=True")
    if not 0.0 <= min_confidence <= 1.0:
        raise ConfigError(f"min_confidence must be between 0 and 1 (got {min_confidence})")
    if retries < 0:
        raise ConfigError(f"retries must be 0 or more (got {retries})")
    full = plan_coverage(g, per_cell=per_cell, techniques=techniques, variations=variations,
                         languages=languages, seed=seed)
    sources = int(offline) + int(generator is not None)
    plan: CoveragePlan = full
    selected_n = None
    if n is not None:
        # each source fills the selected cells, so split the budget between them
        selected_n = max(1, n // sources) if sources > 1 else n
        plan = full.select(selected_n)
    cases: list[Case] = []
    stats: GenerationStats | None = None
    if offline:
        cases += fill_offline(g, plan, seed=seed)
    if generator is not None:
        the_judge = judge or generator
        own_store = None
        if runner is None:
            from charter.runner import Runner, RunnerConfig
            from charter.store import RunStore

            own_store = RunStore()
            runner = Runner(own_store, RunnerConfig(concurrency=concurrency, progress=False))
        try:
            writer = ModelWriter(g, plan, generator, the_judge, runner=runner,
                                 seed=seed, min_confidence=min_confidence, retries=retries, progress=progress)
            cases += await writer.write(plan.cells)
            stats = writer.stats
        finally:
            if own_store is not None:
                own_store.close()
    cases = uniquify(cases)
    report = plan.report(cases)
    config: dict[str, object] = {
        "generator": "charter.synth",
        "per_cell": per_cell,
        "n": n,
        "selected_n": selected_n,
        "offline": offline,
        "model": generator.name if generator else None,
        "judge": (judge or generator).name if generator else None,  # type: ignore[union-attr]
        "min_confidence": min_confidence if generator else None,
        "techniques": full.techniques,
        "variations": full.variations,
        "languages": full.languages,
        "base_language": full.base_language,
        "cells_planned": len(full.cells),
        "cells_selected": len(plan.cells),
        "cells_empty": len(report.empty),
        "cells_thin": len(report.thin),
        "missing_pairs": report.missing_pairs,
    }
    if stats is not None:
        config["model_stats"] = stats.as_dict()
    return Suite(
        name=name or f"{slug(g.meta.name)}-synth",
        cases=cases,
        guide=f"{g.meta.name}@{g.meta.version}",
        guide_hash=g.fingerprint(),
        seed=seed,
        config=config,
    )


def synthesize(
    guide: Guide | str | Path,
    *,
    n: int | None = None,
    per_cell: int = 1,
    seed: int = 0,
    offline: bool = True,
    techniques: Sequence[str] | None = None,
    variations: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    generator: Model | None = None,
    judge: Model | None = None,
    min_confidence: float = 0.7,
    retries: int = 2,
    concurrency: int | None = None,
    runner: Runner | None = None,
    progress: ProgressFn | None = None,
    name: str | None = None,
) -> Suite:
    """Generate a test suite from ``guide``, covering its coverage plan.

    Offline (the default) the cases come from the guide's own examples, boundary guidance,
    edge cases and use-case requests, shaped by every technique and variation operator
    (``techniques`` / ``variations`` / ``languages`` narrow the axes). With ``generator`` a
    model also writes cases per cell (``offline=False``: only those) and ``judge`` (default:
    the generator) confirms each label, keeping those at ``min_confidence`` or above; a cell
    with nothing usable is asked again up to ``retries`` times. ``n`` caps the total while
    keeping coverage (every paired rule's violating + look-alike pair first); ``per_cell``
    is each cell's quota. The same ``seed`` gives the same suite. ``progress(stage, done,
    total)`` is called as model calls finish; ``runner`` (a :class:`~charter.runner.Runner`)
    makes model calls concurrent, retried and cached (default: one on the run store).

    >>> suite = synthesize("tests/fixtures/guides/minimal.yaml", seed=1)   # doctest: +SKIP
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(asynthesize(
            guide, n=n, per_cell=per_cell, seed=seed, offline=offline, techniques=techniques,
            variations=variations, languages=languages, generator=generator, judge=judge,
            min_confidence=min_confidence, retries=retries, concurrency=concurrency, runner=runner,
            progress=progress, name=name,
        ))
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
                         languages=names("languages"), seed=suite.seed or 0)
    selected = cfg.get("selected_n")
    return plan.select(selected) if isinstance(selected, int) else plan
