"""Synthesis: from the guide to test suites — a coverage plan, offline template generators,
deterministic perturbation operators (one module per technique / variation family) and
model-written cases confirmed by a judge.

>>> from charter.synth import plan_coverage, synthesize
>>> suite = synthesize(guide, seed=0)                 # doctest: +SKIP
>>> plan_coverage(guide).report(suite.cases).empty     # doctest: +SKIP
"""

from charter.synth._coverage import CellCoverage, CoverageReport, coverage_report
from charter.synth._dedupe import DedupeStats, dedupe_cases, drop_broken_pairs, prompt_key
from charter.synth._example_suite import ExampleSuite, example_suite
from charter.synth._model import GenerationStats, ModelWriter
from charter.synth._operator import (
    Operator,
    OperatorContext,
    Variant,
    get_operators,
    operators,
    stable_rng,
    technique,
    variation,
)
from charter.synth._plan import Cell, CoveragePlan, plan_coverage
from charter.synth._realism import as_request, realism_problems
from charter.synth._seeds import template_seeds
from charter.synth._synthesize import SynthConfig, asynthesize, model_cells, suite_plan, synthesize

__all__ = [
    "Cell",
    "CellCoverage",
    "CoveragePlan",
    "CoverageReport",
    "DedupeStats",
    "ExampleSuite",
    "GenerationStats",
    "ModelWriter",
    "Operator",
    "OperatorContext",
    "SynthConfig",
    "Variant",
    "as_request",
    "asynthesize",
    "coverage_report",
    "dedupe_cases",
    "drop_broken_pairs",
    "example_suite",
    "get_operators",
    "model_cells",
    "operators",
    "plan_coverage",
    "prompt_key",
    "realism_problems",
    "stable_rng",
    "suite_plan",
    "synthesize",
    "technique",
    "template_seeds",
    "variation",
]
