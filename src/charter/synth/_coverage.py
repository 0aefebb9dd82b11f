"""Coverage reports: how a set of cases fills a :class:`~charter.synth.CoveragePlan`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.suite import Case
from charter.synth._plan import Cell, CoveragePlan

__all__ = ["CellCoverage", "CoverageReport", "coverage_report"]


class CellCoverage(BaseModel):
    """How many cases one cell holds, and whether that is ``empty``, ``thin`` or ``full``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cell: Cell
    count: int
    status: Literal["empty", "thin", "full"]


class CoverageReport(BaseModel):
    """How a set of cases covers a plan: counts per cell, empty and thin cells, per-axis
    totals, rules missing their violating / look-alike pair, and cases no cell planned."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    total_cases: int
    planned: int
    cells: list[CellCoverage]
    unplanned: list[str] = Field(default_factory=list, description="Ids of cases matching no cell.")
    by_rule: dict[str, dict[str, int]] = Field(default_factory=dict)
    by_intent: dict[str, int] = Field(default_factory=dict)
    by_technique: dict[str, int] = Field(default_factory=dict)
    by_variation: dict[str, int] = Field(default_factory=dict)
    by_language: dict[str, int] = Field(default_factory=dict)
    missing_pairs: list[str] = Field(default_factory=list, description="Paired rules lacking a violating or look-alike case.")

    @property
    def empty(self) -> list[Cell]:
        return [c.cell for c in self.cells if c.status == "empty"]

    @property
    def thin(self) -> list[Cell]:
        return [c.cell for c in self.cells if c.status == "thin"]

    @property
    def filled(self) -> float:
        """Fraction of cells holding at least one case."""
        return sum(c.count > 0 for c in self.cells) / len(self.cells) if self.cells else 1.0

    def summary(self) -> str:
        """A short plain-text summary (what the CLI prints)."""
        lines = [
            f"{self.total_cases} cases over {len(self.cells)} cells "
            f"({self.filled:.0%} filled; {len(self.empty)} empty, {len(self.thin)} thin, "
            f"{len(self.unplanned)} unplanned)",
        ]
        for rule, intents in self.by_rule.items():
            parts = ", ".join(f"{k} {v}" for k, v in intents.items())
            lines.append(f"  {rule}: {parts}")
        if self.missing_pairs:
            lines.append("  missing violating/look-alike pairs: " + ", ".join(self.missing_pairs))
        return "\n".join(lines)


def _case_keys(case: Case) -> list[str]:
    rids: list[str | None] = list(case.rule_ids) or [None]
    keys = []
    for rid in rids:
        for uc in dict.fromkeys([case.use_case, None]):
            keys.append("|".join([rid or "-", case.intent.value, uc or "*", case.technique,
                                  case.variation, case.language]))
    return keys


def coverage_report(plan: CoveragePlan, cases: Iterable[Case]) -> CoverageReport:
    """Count ``cases`` against ``plan``'s cells. A case counts toward every cell it matches
    (any of its rule ids; a cell with no use case matches any use case); a cell is *empty*
    with no case and *thin* below its quota."""
    index = {c.key: i for i, c in enumerate(plan.cells)}
    counts = [0] * len(plan.cells)
    unplanned: list[str] = []
    by_rule: dict[str, Counter[str]] = {r: Counter() for r in plan.rules}
    by_intent: Counter[str] = Counter()
    by_tech: Counter[str] = Counter()
    by_var: Counter[str] = Counter()
    by_lang: Counter[str] = Counter()
    total = 0
    for case in cases:
        total += 1
        hit = False
        for k in dict.fromkeys(_case_keys(case)):
            if k in index:
                counts[index[k]] += 1
                hit = True
        if not hit:
            unplanned.append(case.id)
        for rid in case.rule_ids:
            by_rule.setdefault(rid, Counter())[case.intent.value] += 1
        by_intent[case.intent.value] += 1
        by_tech[case.technique] += 1
        by_var[case.variation] += 1
        by_lang[case.language] += 1
    cells = [
        CellCoverage(cell=c, count=n, status="empty" if n == 0 else ("thin" if n < c.quota else "full"))
        for c, n in zip(plan.cells, counts, strict=True)
    ]
    missing = [
        r for r in plan.paired_rules
        if not by_rule.get(r, Counter())["violating"] or not by_rule.get(r, Counter())["benign_lookalike"]
    ]
    return CoverageReport(
        total_cases=total,
        planned=plan.total_quota,
        cells=cells,
        unplanned=unplanned,
        by_rule={r: dict(sorted(c.items())) for r, c in by_rule.items()},
        by_intent=dict(sorted(by_intent.items())),
        by_technique=dict(sorted(by_tech.items())),
        by_variation=dict(sorted(by_var.items())),
        by_language=dict(sorted(by_lang.items())),
        missing_pairs=missing,
    )
