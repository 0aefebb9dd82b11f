"""`RunReport`: one run's records, metrics and guide, gathered once for every renderer.

The HTML, Markdown and JSON reports, the diff, the CI gate and the model card all read the
same object, so their numbers cannot disagree with each other or with the run store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from charter.evaluate import Calibration, CaseVerdict, Metrics, case_verdict, compute_metrics
from charter.guide import Guide
from charter.report._guards import GuardRuleCounts, guard_decisions
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
    _verdicts: dict[int, CaseVerdict] = field(default_factory=dict, repr=False)
    _guards: list[GuardRuleCounts] | None = field(default=None, repr=False)

    def verdict(self, rec: RunRecord) -> CaseVerdict:
        """The case's verdict for its rule under test (who decided, why; dimensions beside)."""
        key = id(rec)
        v = self._verdicts.get(key)
        if v is None:
            v = self._verdicts[key] = case_verdict(rec.case, rec.scores, response=rec.response, guide=self.guide)
        return v

    @property
    def guard_decisions(self) -> list[GuardRuleCounts]:
        """Per rule and stage, what the proxy's guards did to this run's exchanges (empty for a
        run that was not recorded by `charter serve`)."""
        if self._guards is None:
            self._guards = guard_decisions(self.records)
        return self._guards

    @property
    def judged(self) -> bool:
        """A judge decided at least one verdict of this run."""
        return self.metrics.judged

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
        out: dict[str, Any] = {
            "run": self.run.model_dump(mode="json"),
            "variant": self.variant,
            "guide": (
                {"name": self.guide.meta.name, "version": self.guide.meta.version, "hash": self.guide.fingerprint()}
                if self.guide is not None else None
            ),
            "generated_at": self.generated_at,
            "scoring": {
                "judged": self.metrics.judged,
                "harm_metric": self.metrics.overall.harm_metric()[0],
                "unscored": self.metrics.unscored,
                "note": ("" if self.metrics.judged else
                         "no judge scored this run: 'violation_rate' is empty and 'non_refusal_rate' counts "
                         "violating cases the refusal detector found answered, which is not a violation"),
            },
            "metrics": self.metrics.model_dump(mode="json"),
            "failures": [
                {"case_id": rec.case.id, "epoch": rec.epoch, "rule_id": v.rule_id, "scorer": v.scorer,
                 "basis": v.basis, "label": v.label, "reason": v.reason}
                for rec in self.records if (v := self.verdict(rec)).verdict.value == "fail"
            ],
        }
        if self.guard_decisions:
            out["guard_decisions"] = [g.model_dump(mode="json") for g in self.guard_decisions]
        return out


def load_report(store: RunStore, run_id: str, *, guide: Guide | None = None,
                calibration: Calibration | None = None, variant: str | None = None) -> RunReport:
    """Read a run from the store and compute its metrics (the guide adds rule text and
    severities; a calibration adds trust flags)."""
    info = store.get_run(run_id)
    records = list(store.iter_records(info.id))
    # each record's verdict is decided once, for the metrics and every view of the report
    verdicts = [case_verdict(rec.case, rec.scores, response=rec.response, guide=guide) for rec in records]
    metrics = compute_metrics(records, guide=guide, calibration=calibration, verdicts=verdicts)
    return RunReport(run=info, records=records, metrics=metrics, guide=guide,
                     variant=variant if variant is not None else str(info.metadata.get("variant", "")),
                     _verdicts={id(rec): v for rec, v in zip(records, verdicts, strict=True)})


def variants_label(reports: Sequence[RunReport]) -> list[str]:
    """Distinct labels for several runs (falls back to run ids when labels collide)."""
    labels = [r.label for r in reports]
    if len(set(labels)) == len(labels):
        return labels
    return [f"{r.label} ({r.run.id})" for r in reports]
