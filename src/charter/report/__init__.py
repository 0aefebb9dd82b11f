"""Reports: HTML (self-contained, inline SVG), Markdown and JSON views of runs; run diffs; the
CI gate with JUnit XML; the model / system card."""

from typing import TYPE_CHECKING

from charter._lazy import lazy_exports as _lazy_exports
from charter.report._card import render_card
from charter.report._data import (
    GUIDE_PATH_KEY,
    RunReport,
    StoredRecords,
    guide_of_run,
    load_report,
    run_guide_metadata,
)
from charter.report._gate import (
    EXIT_GATE_FAILED,
    EXIT_INCOMPLETE,
    EXIT_OK,
    GateCheck,
    GateResult,
    check_gates,
    merge_gates,
    write_junit,
)
from charter.report._guards import (
    GuardEvalResults,
    GuardRuleCounts,
    guard_decisions,
    read_guard_eval,
)
from charter.report._html import render_html, render_markdown
from charter.report._read import read_results
from charter.report._write import write_report

# run diffs, red-team results and training cards load on first use (`charter diff`, `charter
# report --redteam`, `charter train`), not with every report: their pydantic classes are
# about 15 ms of the start of `charter eval`
__getattr__, __dir__ = _lazy_exports(__name__, {
    **dict.fromkeys(("CaseFlip", "RuleChange", "RunDiff", "diff_runs"), "charter.report._diff"),
    **dict.fromkeys(("RedteamResults", "read_redteam"), "charter.report._redteam"),
    **dict.fromkeys(("TrainingCard", "read_training", "training_lines"), "charter.report._training"),
}, globals())

if TYPE_CHECKING:  # pragma: no cover
    from charter.report._diff import CaseFlip, RuleChange, RunDiff, diff_runs
    from charter.report._redteam import RedteamResults, read_redteam
    from charter.report._training import TrainingCard, read_training, training_lines

__all__ = [
    "EXIT_GATE_FAILED",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "GUIDE_PATH_KEY",
    "CaseFlip",
    "GateCheck",
    "GateResult",
    "GuardEvalResults",
    "GuardRuleCounts",
    "RedteamResults",
    "RuleChange",
    "RunDiff",
    "RunReport",
    "StoredRecords",
    "TrainingCard",
    "check_gates",
    "diff_runs",
    "guard_decisions",
    "guide_of_run",
    "load_report",
    "merge_gates",
    "read_guard_eval",
    "read_redteam",
    "read_results",
    "read_training",
    "render_card",
    "render_html",
    "render_markdown",
    "run_guide_metadata",
    "training_lines",
    "write_junit",
    "write_report",
]
