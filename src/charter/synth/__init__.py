"""Synthesis: from the guide to test suites — a coverage plan, offline template generators,
deterministic perturbation operators (one module per technique / variation family) and
model-written cases confirmed by a judge.

>>> from charter.synth import plan_coverage, synthesize
>>> suite = synthesize(guide, seed=0)                 # doctest: +SKIP
>>> plan_coverage(guide).report(suite.cases).empty     # doctest: +SKIP
"""

from charter.synth._coverage import CellCoverage, CoverageReport, coverage_report
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
from charter.synth._seeds import template_seeds
from charter.synth._synthesize import asynthesize, suite_plan, synthesize

__all__ = [
    "Cell",
    "CellCoverage",
    "CoveragePlan",
    "CoverageReport",
    "ExampleSuite",
    "GenerationStats",
    "ModelWriter",
    "Operator",
    "OperatorContext",
    "Variant",
    "asynthesize",
    "coverage_report",
    "example_suite",
    "get_operators",
    "operators",
    "plan_coverage",
    "stable_rng",
    "suite_plan",
    "synthesize",
    "technique",
    "template_seeds",
    "variation",
]
