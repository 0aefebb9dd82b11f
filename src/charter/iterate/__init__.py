"""Revise the compiled system prompt from the target's failures (``charter iterate``).

Split the suite by group into a train and a validation part, run the target, cluster the train
failures by rule and kind, ask a generator model for targeted edits of the prompt, and keep an
edit only when the validation pass rate rises and no rule falls below its Wilson interval
(:func:`decide`). Writes the final prompt, a diff per accepted edit, the rejected edits with
their reasons, a per-round report and suggested edits to the guide.

>>> res = await iterate_prompt(guide, suite, target, generator, store=store)  # doctest: +SKIP
>>> write_iterate(res, "iterate-out")  # doctest: +SKIP
"""

from charter.iterate._accept import Decision, decide
from charter.iterate._config import IterateConfig
from charter.iterate._edits import EditNotApplicable, apply_edit, parse_edits
from charter.iterate._failures import cluster_failures, score_part
from charter.iterate._generator import edit_request
from charter.iterate._loop import iterate_prompt, split_suite
from charter.iterate._records import (
    EDIT_KINDS,
    Edit,
    EditKind,
    EditOutcome,
    FailureCluster,
    FailureKind,
    GuideSuggestion,
    IterateResult,
    PartScore,
    RoundReport,
    RuleRegression,
)
from charter.iterate._suggest import suggest_guide_edits
from charter.iterate._write import render_iterate_markdown, write_iterate

__all__ = [
    "EDIT_KINDS",
    "Decision",
    "Edit",
    "EditKind",
    "EditNotApplicable",
    "EditOutcome",
    "FailureCluster",
    "FailureKind",
    "GuideSuggestion",
    "IterateConfig",
    "IterateResult",
    "PartScore",
    "RoundReport",
    "RuleRegression",
    "apply_edit",
    "cluster_failures",
    "decide",
    "edit_request",
    "iterate_prompt",
    "parse_edits",
    "render_iterate_markdown",
    "score_part",
    "split_suite",
    "suggest_guide_edits",
    "write_iterate",
]
