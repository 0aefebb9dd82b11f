"""`RunReport`: one run's metrics, what its views list, and its guide, gathered once for every
renderer.

The HTML, Markdown and JSON reports, the diff, the CI gate and the model card all read the
same object, so their numbers cannot disagree with each other or with the run store.

:func:`load_report` reads the run's records once, as a stream: each record's verdict is
decided, counted into the metrics (:class:`~charter.evaluate.MetricsAccumulator`), summed into
the per-policy figures of the card and the guard decisions, and its transcript (the HTML block
of report.html) is written to a spool file. What the report keeps is bounded by the guide and
the failures, not by the records: counts, the failures the JSON lists, and the first
``MAX_LISTED`` failures and unscored cases for report.md. Anything that needs the records
again (JUnit's per-case test cases) streams them from the store (:attr:`RunReport.records`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from charter.errors import CharterError, StoreError
from charter.evaluate import (
    CaseVerdict,
    GroupMetrics,
    Metrics,
    MetricsAccumulator,
    Verdict,
    case_verdict,
)
from charter.guide import Guide
from charter.report._guards import GuardCounter, GuardRuleCounts
from charter.report._transcript import ScoreRows, case_html, case_row
from charter.store import RunInfo, RunRecord, RunStore

if TYPE_CHECKING:  # human-label calibration loads when labels are given
    from charter.evaluate import Calibration

__all__ = ["GUIDE_PATH_KEY", "MAX_LISTED", "RunReport", "StoredRecords", "guide_of_run", "load_report",
           "run_guide_metadata"]

#: the run metadata key under which ``charter eval`` and ``charter run`` keep the guide file's path
GUIDE_PATH_KEY = "guide_path"


def run_guide_metadata(path: str | Path | None) -> dict[str, Any]:
    """Run metadata naming the guide file a run is scored against (``{}`` without one), so that
    a report written later recomputes the same verdicts (:func:`guide_of_run`)."""
    return {GUIDE_PATH_KEY: str(Path(path).resolve())} if path is not None else {}


def guide_of_run(info: RunInfo) -> tuple[Guide | None, str]:
    """The guide ``info`` was scored against, read back from the file its metadata names
    (:func:`run_guide_metadata`) when that file still has the run's guide fingerprint; else
    ``None`` and why not. A case's verdict depends on the guide (checks tied to its rules, the
    redirects and confirmations it names: docs/verdicts.md), so a report of the run without it
    differs from the scores ``charter eval`` printed."""
    from charter.guide import load_guide

    raw = info.metadata.get(GUIDE_PATH_KEY)
    if not isinstance(raw, str) or not raw:
        return None, "the run does not name its guide file"
    path = Path(raw)
    if not path.is_file():
        return None, f"its guide file {path} is gone"
    try:
        guide = load_guide(path)
    except CharterError as e:
        return None, f"its guide file {path} no longer loads ({e})"
    if info.guide_hash and guide.fingerprint() != info.guide_hash:
        return None, f"its guide file {path} has changed since (fingerprint {guide.fingerprint()[:12]}, " \
                     f"the run's {info.guide_hash[:12]})"
    return guide, str(path)


#: failures and unscored cases listed in report.md (the HTML and JSON reports hold them all)
MAX_LISTED = 50
#: transcripts kept in memory up to this many characters, then spooled to a temporary file
_SPOOL_CHARS = 4 << 20
#: transcripts joined into one write of the spool: a text-mode spool write per record (its
#: encoder, its roll-over check) cost as much as rendering a short record's transcript
_SPOOL_BATCH = 16


class StoredRecords:
    """A run's records, read from the run store each time they are iterated (in store order),
    never held: ``for rec in rep.records`` streams them. ``len()`` is the number of records.

    The store is the one the report was loaded from while it is open, else the same file
    opened again read-only."""

    def __init__(self, store: RunStore, run_id: str, n: int) -> None:
        self._store = store
        self.path = store.path
        self.run_id = run_id
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[RunRecord]:
        try:
            self._store.con  # noqa: B018 - raises StoreError when the store was closed
        except StoreError:
            with RunStore(self.path, readonly=True) as store:
                yield from store.iter_records(self.run_id)
            return
        yield from self._store.iter_records(self.run_id)


@dataclass
class RunReport:
    """A run, its metrics, what its views list and — when known — its guide. ``records``
    streams the run's records from the store (in store order)."""

    run: RunInfo
    records: StoredRecords
    metrics: Metrics
    guide: Guide | None = None
    variant: str = ""
    generated_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    #: per record in store order: (case id, epoch, verdict) — for run diffs
    outcomes: list[tuple[str, int, Verdict]] = field(default_factory=list, repr=False)
    #: every failure as report.json lists it
    failures: list[dict[str, Any]] = field(default_factory=list, repr=False)
    #: the first ``MAX_LISTED`` failing and unscored records' rows (:func:`case_row`) and their counts
    failed_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)
    n_failed: int = 0
    unscored_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)
    n_unscored: int = 0
    #: rule ids, intents and languages of the records' cases
    rule_ids: list[str] = field(default_factory=list, repr=False)
    intents: list[str] = field(default_factory=list, repr=False)
    languages: list[str] = field(default_factory=list, repr=False)
    guard_decisions: list[GuardRuleCounts] = field(default_factory=list, repr=False)
    #: the overall figures of each policy of ``guide`` (by policy id) with cases in the run (for the card)
    policy_metrics: dict[str, GroupMetrics] = field(default_factory=dict, repr=False)
    _transcripts: IO[str] | None = field(default=None, repr=False)

    def verdict(self, rec: RunRecord) -> CaseVerdict:
        """The case's verdict for its rule under test (who decided, why; dimensions beside)."""
        return case_verdict(rec.case, rec.scores, response=rec.response, guide=self.guide)

    def transcripts(self) -> Iterator[str]:
        """Every record's transcript (the ``<details>`` blocks of report.html) in store order:
        from the spool written while loading, else rendered from the store."""
        spool = self._transcripts
        if spool is not None:
            spool.seek(0)
            while chunk := spool.read(1 << 16):
                yield chunk
            return
        rows: ScoreRows = {}
        for rec in self.records:
            yield case_html(case_row(rec, self.verdict(rec)), rec, rows)

    def write_transcripts(self, out: IO[str]) -> None:
        """:meth:`transcripts` written to ``out``."""
        spool = self._transcripts
        if spool is not None:
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            return
        for chunk in self.transcripts():
            out.write(chunk)

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
            "failures": list(self.failures),
        }
        if self.guard_decisions:
            out["guard_decisions"] = [g.model_dump(mode="json") for g in self.guard_decisions]
        return out


def load_report(store: RunStore, run_id: str, *, guide: Guide | None = None,
                calibration: Calibration | None = None, variant: str | None = None,
                transcripts: bool = True) -> RunReport:
    """Read a run from the store and compute its metrics (the guide adds rule text and
    severities; a calibration adds trust flags).

    The records are read once and not kept. ``transcripts``: also render each record's
    transcript for report.html as it streams by (a temporary spool file); without it, writing
    report.html reads the records from the store again."""
    info = store.get_run(run_id)
    acc = MetricsAccumulator(guide)
    policies = [(p.id, {r.id for r in p.rules}, MetricsAccumulator(guide)) for p in guide.policies] if guide else []
    guards = GuardCounter()
    spool: IO[str] | None = (tempfile.SpooledTemporaryFile(max_size=_SPOOL_CHARS, mode="w+", encoding="utf-8")
                             if transcripts else None)
    rep = RunReport(run=info, records=StoredRecords(store, info.id, 0), metrics=Metrics(), guide=guide,
                    variant=variant if variant is not None else str(info.metadata.get("variant", "")),
                    _transcripts=spool)
    rule_ids: set[str] = set()
    intents: set[str] = set()
    languages: set[str] = set()
    n = 0
    score_rows: ScoreRows = {}
    pending: list[str] = []  # transcripts not yet in the spool (written _SPOOL_BATCH at a time)
    for rec in store.iter_records(info.id):
        n += 1
        case = rec.case
        # each record's verdict is decided once, for the metrics and every view of the report
        v = acc.add(case, rec.scores, response=rec.response)
        for _pid, ids, pacc in policies:
            if not ids.isdisjoint(case.rule_ids):
                pacc.add(case, rec.scores, verdict=v)
        guards.add(rec)
        rule_ids.update(case.rule_ids)
        intents.add(case.intent.value)
        languages.add(case.language)
        rep.outcomes.append((case.id, rec.epoch, v.verdict))
        if v.verdict == Verdict.fail:
            rep.failures.append({"case_id": case.id, "epoch": rec.epoch, "rule_id": v.rule_id, "scorer": v.scorer,
                                 "basis": v.basis, "label": v.label, "reason": v.reason})
        listed = v.verdict == Verdict.fail or v.verdict == Verdict.na
        if spool is None and not listed:
            continue
        row = case_row(rec, v)
        if v.verdict == Verdict.fail:
            rep.n_failed += 1
            if len(rep.failed_rows) < MAX_LISTED:
                rep.failed_rows.append(row)
        elif v.verdict == Verdict.na:
            rep.n_unscored += 1
            if len(rep.unscored_rows) < MAX_LISTED:
                rep.unscored_rows.append(row)
        if spool is not None:
            pending.append(case_html(row, rec, score_rows))
            if len(pending) >= _SPOOL_BATCH:
                spool.write("".join(pending))
                pending.clear()
    if spool is not None and pending:
        spool.write("".join(pending))
    rep.records = StoredRecords(store, info.id, n)
    rep.metrics = acc.metrics(calibration)
    rep.policy_metrics = {pid: pacc.metrics().overall for pid, _ids, pacc in policies if pacc.n_records}
    rep.guard_decisions = guards.result()
    rep.rule_ids, rep.intents, rep.languages = sorted(rule_ids), sorted(intents), sorted(languages)
    return rep


def variants_label(reports: Sequence[RunReport]) -> list[str]:
    """Distinct labels for several runs (falls back to run ids when labels collide)."""
    labels = [r.label for r in reports]
    if len(set(labels)) == len(labels):
        return labels
    return [f"{r.label} ({r.run.id})" for r in reports]
