"""`RunReport`: one run's records, metrics and guide, gathered once for every renderer.

The HTML, Markdown and JSON reports, the diff, the CI gate and the model card all read the
same object, so their numbers cannot disagree with each other or with the run store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from charter.evaluate import Calibration, Metrics, compute_metrics
from charter.guide import Guide
from charter.store import RunInfo, RunRecord, RunStore

__all__ = ["RunReport", "load_report"]


@dataclass
class RunReport:
    """A run, its records (in store order), its metrics and — when known — its guide."""

    run: RunInfo
    records: list[RunRecord]
    metrics: Metrics
    guide: Guide | None = None
    variant: str = ""
    generated_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    @property
    def label(self) -> str:
        """Short name of this run in comparisons: its prompt variant, else its name."""
        return self.variant or self.run.name

    def rule_text(self, rule_id: str) -> str:
        if self.guide is None:
            return ""
        try:
            return self.guide.rule(rule_id).text
        except KeyError:
            return ""

    def rule_severity(self, rule_id: str) -> str:
        if self.guide is None:
            return ""
        try:
            return self.guide.rule(rule_id).severity.value
        except KeyError:
            return ""

    def to_json(self) -> dict[str, Any]:
        """The machine-readable report: run metadata and every metric (records stay in the store)."""
        return {
            "run": self.run.model_dump(mode="json"),
            "variant": self.variant,
            "guide": (
                {"name": self.guide.meta.name, "version": self.guide.meta.version, "hash": self.guide.fingerprint()}
                if self.guide is not None else None
            ),
            "generated_at": self.generated_at,
            "metrics": self.metrics.model_dump(mode="json"),
        }


def load_report(store: RunStore, run_id: str, *, guide: Guide | None = None,
                calibration: Calibration | None = None, variant: str | None = None) -> RunReport:
    """Read a run from the store and compute its metrics (the guide adds rule text and
    severities; a calibration adds trust flags)."""
    info = store.get_run(run_id)
    records = list(store.iter_records(info.id))
    metrics = compute_metrics(records, guide=guide, calibration=calibration)
    return RunReport(run=info, records=records, metrics=metrics, guide=guide,
                     variant=variant if variant is not None else str(info.metadata.get("variant", "")))


def variants_label(reports: Sequence[RunReport]) -> list[str]:
    """Distinct labels for several runs (falls back to run ids when labels collide)."""
    labels = [r.label for r in reports]
    if len(set(labels)) == len(labels):
        return labels
    return [f"{r.label} ({r.run.id})" for r in reports]
