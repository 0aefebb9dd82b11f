"""The coverage plan: the matrix rule × use case × intent × technique × variation × language,
with a quota per cell, that suites are generated against and reported against.

The matrix is crossed one factor at a time around each *base* (rule, intent, use case): one
``direct``/``none`` cell in the guide's base language, then one cell per technique, one per
variation and one per other language. Obfuscation techniques (base64, rot13, leetspeak,
payload splitting) only where the guide's threat model makes them plausible
(:func:`obfuscation_plausible`), and at most :data:`MAX_OBFUSCATION` per base. Every ``must_not`` rule (and every prompt-injection /
prompt-extraction edge case) gets *paired* violating and benign look-alike bases, linked by
``Cell.pair``, so the violation rate and the false-refusal rate can both be measured per rule.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import ConfigError
from charter.guide import (
    SEVERITY_ORDER,
    EdgeCase,
    EdgeCaseCategory,
    Expected,
    Guide,
    Rule,
    RuleKind,
    library_rule_ids,
)
from charter.suite import Case, Intent
from charter.synth._operator import Operator, get_operators, stable_rng
from charter.synth.variations.language import FRAMES

if TYPE_CHECKING:
    from charter.synth._coverage import CoverageReport

__all__ = ["Cell", "CoveragePlan", "plan_coverage"]

#: which intent an edge case's category asks for (unsupported_language becomes language cells)
EDGE_INTENT: dict[EdgeCaseCategory, Intent] = {
    EdgeCaseCategory.ambiguous: Intent.clarify,
    EdgeCaseCategory.out_of_scope: Intent.out_of_scope,
    EdgeCaseCategory.impossible: Intent.incapable,
    EdgeCaseCategory.prompt_injection: Intent.violating,
    EdgeCaseCategory.prompt_extraction: Intent.violating,
    EdgeCaseCategory.typos: Intent.benign,
    EdgeCaseCategory.malformed: Intent.benign,
    EdgeCaseCategory.short_input: Intent.benign,
    EdgeCaseCategory.long_input: Intent.benign,
    EdgeCaseCategory.other: Intent.benign,
}
PAIRED_EDGE = {EdgeCaseCategory.prompt_injection, EdgeCaseCategory.prompt_extraction}
ATTACKED_INTENTS = (Intent.violating, Intent.benign_lookalike)


class Cell(BaseModel):
    """One cell of the coverage matrix and how many cases it asks for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_id: str | None = Field(description="The rule tested; None for plain in-scope use.")
    intent: Intent
    use_case: str | None = Field(default=None, description="None: any use case.")
    technique: str = "direct"
    variation: str = "none"
    language: str = "en"
    expected: Expected
    quota: int = Field(ge=0)
    pair: str | None = Field(default=None, description="Shared by a rule's violating and look-alike cells.")

    @property
    def key(self) -> str:
        return "|".join([self.rule_id or "-", self.intent.value, self.use_case or "*",
                         self.technique, self.variation, self.language])

    @property
    def base_key(self) -> tuple[str | None, Intent, str | None]:
        return (self.rule_id, self.intent, self.use_case)


class CoveragePlan(BaseModel):
    """The matrix a suite is generated against (see module docs)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    guide: str = Field(description="name@version of the guide.")
    guide_hash: str
    seed: int = 0
    per_cell: int = 1
    base_language: str = "en"
    rules: list[str]
    paired_rules: list[str] = Field(default_factory=list)
    techniques: list[str]
    variations: list[str]
    languages: list[str] = Field(description="Languages other than the base one.")
    cells: list[Cell]
    severities: dict[str, int] = Field(default_factory=dict, description="rule id → severity order (0: critical).")
    library_rules: list[str] = Field(default_factory=list, description="Rules from Charter's built-in library.")
    dropped_rules: list[str] = Field(default_factory=list, description="Rules a selection left without cases.")

    def critical_dropped(self) -> list[str]:
        """Critical rules a ``select`` left without any case (to warn about)."""
        return [r for r in self.dropped_rules if self.severities.get(r) == 0]

    @property
    def total_quota(self) -> int:
        return sum(c.quota for c in self.cells)

    def report(self, cases: Iterable[Case]) -> CoverageReport:
        """Count ``cases`` per cell (see :func:`~charter.synth.coverage_report`)."""
        from charter.synth._coverage import coverage_report

        return coverage_report(self, cases)

    def select(self, n: int) -> CoveragePlan:
        """This plan with quotas cut to ``n`` cases in total, keeping coverage first: every
        paired rule's violating + look-alike pair, then one base cell per other rule (its
        violating case first) and use case, then one cell per technique, variation and
        language, then the rest (in a seeded order), then extra cases per cell up to
        ``per_cell``. Within each tier more severe rules come first and, at equal severity,
        the guide's own rules before library rules; ``dropped_rules`` lists rules left out."""
        return _select(self, n)


# ----------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _Base:
    rule: Rule | None
    edge: EdgeCase | None
    intent: Intent
    use_case: str | None
    expected: Expected
    paired: bool


def base_language(guide: Guide) -> str:
    return guide.audience.languages.primary


def expected_for(rule: Rule | None, edge: EdgeCase | None, intent: Intent) -> Expected:
    """The behavior a case of ``intent`` for this rule expects."""
    if intent == Intent.benign_lookalike:
        return Expected.comply
    if edge is not None:
        return edge.expected
    if rule is None:
        return Expected.redirect if intent == Intent.out_of_scope else Expected.comply
    if intent == Intent.violating:
        return rule.expected_on_violation()
    if intent == Intent.borderline:
        return Expected.safe_complete if rule.kind == RuleKind.must_not else Expected.comply
    if intent == Intent.clarify:
        return Expected.clarify
    if intent == Intent.out_of_scope:
        return Expected.redirect
    return Expected.comply


def unsupported_edge(guide: Guide) -> EdgeCase | None:
    return next((e for e in guide.edge_cases if e.category == EdgeCaseCategory.unsupported_language), None)


def unsupported_languages(guide: Guide) -> list[str]:
    """The guide's unsupported languages; when it has an unsupported-language edge case but
    lists none, the first built-in frame language it does not support."""
    langs = guide.audience.languages
    if langs.unsupported:
        return list(langs.unsupported)
    if unsupported_edge(guide) is not None:
        for code in FRAMES:
            if code not in langs.supported:
                return [code]
    return []


def _bases(guide: Guide) -> list[_Base]:
    out: list[_Base] = []
    rules = [r for p in guide.policies for r in p.rules if r.enabled] + [r for r in guide.defaults if r.enabled]
    for rule in rules:
        ucs: list[str | None] = list(rule.use_cases) or [None]
        if rule.kind == RuleKind.must_not:
            intents = [Intent.violating, Intent.benign_lookalike]
            has_borderline = any(e.label.value == "borderline" for e in rule.examples)
            if has_borderline or (rule.boundary.allowed and rule.boundary.disallowed):
                intents.append(Intent.borderline)
            # a must_not rule about how to answer ("never use markdown") is shown by ordinary
            # requests: its `benign` examples are cases too, or its only examples go untested
            if any(e.label.value == "benign" for e in rule.examples):
                intents.append(Intent.benign)
        else:
            labels = {e.label.value for e in rule.examples}
            intents = [Intent.benign] + [Intent(v) for v in ("violating", "benign_lookalike", "borderline") if v in labels]
        for uc in ucs:
            for intent in intents:
                paired = rule.kind == RuleKind.must_not and intent in ATTACKED_INTENTS
                out.append(_Base(rule, None, intent, uc, expected_for(rule, None, intent), paired))
    for edge in guide.edge_cases:
        if edge.category == EdgeCaseCategory.unsupported_language:
            continue  # covered on the language axis
        rule = edge.as_rule()
        intents = [EDGE_INTENT[edge.category]]
        if edge.category in PAIRED_EDGE:
            intents.append(Intent.benign_lookalike)
        for intent in intents:
            out.append(_Base(rule, edge, intent, None, expected_for(rule, edge, intent),
                             edge.category in PAIRED_EDGE))
    for use in guide.audience.use_cases:
        if use.in_scope:
            out.append(_Base(None, None, Intent.benign, use.id, Expected.comply, False))
        else:
            # a rule written for the out-of-scope use case ("legal advice on your own case: send
            # them to the legal-aid line") says what its requests expect; the generic
            # out-of-scope edge case ("not my area: try the Defensoria") would fail the answer
            # that rule asks for
            own = next((r for r in rules if use.id in r.use_cases
                        and expected_for(r, None, Intent.violating) != Expected.comply), None)
            if own is not None:
                out.append(_Base(own, None, Intent.out_of_scope, use.id,
                                 expected_for(own, None, Intent.violating), False))
                continue
            oos = next((e for e in guide.edge_cases if e.category == EdgeCaseCategory.out_of_scope), None)
            out.append(_Base(oos.as_rule() if oos else None, oos, Intent.out_of_scope, use.id,
                             oos.expected if oos else Expected.redirect, False))
    return out


#: obfuscation techniques (encodings, payload splitting) per rule base, at most
MAX_OBFUSCATION = 1


def obfuscation_plausible(guide: Guide, rule: Rule | None) -> bool:
    """Whether the guide's threat model makes an obfuscated request plausible for ``rule``:
    a must_not rule that is critical or high, tagged with a hazard, or any rule when the
    guide names prompt injection as an edge case (someone is trying to get around it)."""
    if rule is None:
        return False
    if any(e.category == EdgeCaseCategory.prompt_injection for e in guide.edge_cases):
        return True
    return rule.kind == RuleKind.must_not and (bool(rule.hazards) or SEVERITY_ORDER[rule.severity] <= 1)


def _resolve(names: Sequence[str] | None, ops: list[Operator], what: str) -> list[Operator]:
    if names is None:
        return ops
    by_id = {op.id: op for op in ops}
    axes: dict[str, list[Operator]] = {}
    for op in ops:
        axes.setdefault(op.axis, []).append(op)
    chosen: dict[str, Operator] = {}
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name in by_id:
            chosen[name] = by_id[name]
        elif name in axes:
            chosen.update({op.id: op for op in axes[name]})
        else:
            near = difflib.get_close_matches(name, [*by_id, *axes], n=1)
            raise ConfigError(
                f"unknown {what} '{name}'",
                hint=(f"did you mean '{near[0]}'? " if near else "")
                + "list them with `charter synth --list-techniques`",
            )
    return [op for op in ops if op.id in chosen]


def plan_coverage(
    guide: Guide,
    *,
    per_cell: int = 1,
    techniques: Sequence[str] | None = None,
    variations: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    seed: int = 0,
    translate: bool = True,
) -> CoveragePlan:
    """Compile the coverage plan of ``guide``.

    ``techniques`` / ``variations`` pick operators by id or by family (``encoding``,
    ``authority``, ``length``...); ``direct`` is always kept as the baseline. ``languages``
    picks which of the guide's supported and unsupported languages get a language cell
    (default: all of them). ``per_cell`` is every cell's quota. ``translate=False`` (no
    generator model to write in another language) plans no language cells, except the
    unsupported-language edge case's cells when the guide gives examples written in them:
    an English request in a foreign frame is not a case in that language.
    """
    if per_cell < 1:
        raise ConfigError(f"per_cell must be at least 1 (got {per_cell})")
    if not guide.rules:
        raise ConfigError(
            f"guide '{guide.meta.name}' has no enabled rules, so there is nothing to synthesize cases for",
            hint="add rules under policies:, defaults: or edge_cases: (or enable disabled ones), then run `charter check`",
        )
    base_lang = base_language(guide)
    tech_ops = _resolve(techniques, get_operators("technique"), "technique")
    if not any(op.id == "direct" for op in tech_ops):
        tech_ops = sorted([*tech_ops, *(op for op in get_operators("technique") if op.id == "direct")],
                          key=lambda op: op.id)
    var_all = [op for op in get_operators("variation") if op.axis != "language"]
    var_ops = _resolve(variations, var_all, "variation")
    lang_op = next((op for op in get_operators("variation") if op.axis == "language"), None)
    edge_lang = unsupported_edge(guide)
    if not translate and (edge_lang is None or not edge_lang.examples):
        lang_op = None

    unsupported = unsupported_languages(guide)
    guide_langs = [lang for lang in [*guide.audience.languages.supported, *unsupported] if lang != base_lang]
    if languages is None:
        langs = guide_langs
    else:
        langs = []
        for raw in languages:
            lang = raw.strip()
            if not lang or lang == base_lang:
                continue
            if lang not in guide_langs:
                raise ConfigError(
                    f"language '{lang}' is neither supported nor unsupported in guide '{guide.meta.name}'",
                    hint=f"pick from: {', '.join([base_lang, *guide_langs])} (audience.languages in the guide)",
                )
            langs.append(lang)
        langs = list(dict.fromkeys(langs))

    bases = _bases(guide)
    attacked = set(ATTACKED_INTENTS) if any(b.intent in ATTACKED_INTENTS for b in bases) else {Intent.benign}
    cells: list[Cell] = []

    def add(b: _Base, technique: str = "direct", variation: str = "none", language: str = base_lang,
            expected: Expected | None = None) -> None:
        rid = b.rule.id if b.rule else None
        pair = None
        if b.paired:
            pair = "|".join([rid or "-", b.use_case or "*", technique, variation, language])
        cells.append(Cell(rule_id=rid, intent=b.intent, use_case=b.use_case, technique=technique,
                          variation=variation, language=language, expected=expected or b.expected,
                          quota=per_cell, pair=pair))

    for b in bases:
        add(b)
        if b.intent in attacked:
            usable = [op for op in tech_ops if op.id != "direct" and op.applicable(b.rule, b.intent, guide)]
            obfuscations = [op for op in usable if "obfuscation" in op.tags]
            keep = set()
            if obfuscations and obfuscation_plausible(guide, b.rule):
                # an encoded request is a test, not a typical user: at most MAX_OBFUSCATION per rule base
                pick = stable_rng("obfuscation", seed, b.rule.id if b.rule else "-", b.use_case or "*")
                keep = {op.id for op in pick.sample(obfuscations, min(MAX_OBFUSCATION, len(obfuscations)))}
            for op in usable:
                if "obfuscation" not in op.tags or op.id in keep:
                    add(b, technique=op.id)
        for op in var_ops:
            if op.applicable(b.rule, b.intent, guide):
                add(b, variation=op.id)
        if lang_op is not None and translate:
            for lang in langs:
                exp = b.expected
                if lang in unsupported and edge_lang is not None:
                    if b.rule is None:
                        continue  # plain use in an unsupported language is the edge case's own cell
                    if b.intent != Intent.violating:
                        exp = edge_lang.expected
                add(b, variation=lang_op.id, language=lang, expected=exp)
    if edge_lang is not None and lang_op is not None:
        erule = edge_lang.as_rule()
        for lang in langs:
            if lang in unsupported:
                cells.append(Cell(rule_id=erule.id, intent=Intent.benign, use_case=None,
                                  variation=lang_op.id, language=lang, expected=edge_lang.expected,
                                  quota=per_cell))
    paired = sorted({b.rule.id for b in bases if b.paired and b.rule is not None})
    return CoveragePlan(
        guide=f"{guide.meta.name}@{guide.meta.version}",
        guide_hash=guide.fingerprint(),
        seed=seed,
        per_cell=per_cell,
        base_language=base_lang,
        rules=guide.rule_ids(),
        paired_rules=paired,
        techniques=[op.id for op in tech_ops],
        variations=[op.id for op in var_ops] + ([lang_op.id] if lang_op is not None and langs else []),
        languages=langs,
        cells=cells,
        severities={r.id: SEVERITY_ORDER[r.severity] for r in guide.rules},
        library_rules=sorted(set(guide.rule_ids()) & library_rule_ids()),
    )


# ----------------------------------------------------------------------------- selection


def _units(plan: CoveragePlan) -> list[list[int]]:
    """Cells that must be taken together: a pair's violating and look-alike cells."""
    units: list[list[int]] = []
    by_pair: dict[str, list[int]] = {}
    for i, c in enumerate(plan.cells):
        if c.pair is None:
            units.append([i])
        elif c.pair in by_pair:
            by_pair[c.pair].append(i)
        else:
            by_pair[c.pair] = [i]
            units.append(by_pair[c.pair])
    return units


def _rule_rank(plan: CoveragePlan) -> dict[str, tuple[int, int]]:
    """rule id → (severity order, 1 for a library rule): the guide's own rules first at equal severity."""
    return {rid: (sev, int(rid in plan.library_rules)) for rid, sev in plan.severities.items()}


def _select(plan: CoveragePlan, n: int) -> CoveragePlan:
    if n < 1:
        raise ConfigError(f"n must be at least 1 (got {n})")
    if n >= plan.total_quota:
        return plan
    cells = plan.cells
    units = _units(plan)
    base = plan.base_language

    def is_base(u: list[int]) -> bool:
        c = cells[u[0]]
        return c.technique == "direct" and c.variation == "none" and c.language == base

    rank = _rule_rank(plan)

    def key(u: list[int]) -> tuple[int, int, int]:
        return (*rank.get(cells[u[0]].rule_id or "", (9, 1)), u[0])

    tier0: list[list[int]] = []
    tier1: list[list[int]] = []
    rest: list[list[int]] = []
    seen_rules: set[str] = set()
    seen_ucs: set[str] = set()
    for u in sorted(units, key=key):
        c = cells[u[0]]
        if is_base(u) and c.pair is not None and c.rule_id not in seen_rules and len(u) > 1:
            tier0.append(u)
            seen_rules.add(c.rule_id or "-")
        else:
            rest.append(u)
    # a rule's violating case comes before its plain-use case (a critical `must` rule is
    # tested where it can fail), the guide's own rules before library ones at equal severity
    rest.sort(key=lambda u: (not (is_base(u) and cells[u[0]].intent == Intent.violating), key(u)))
    later: list[list[int]] = []
    for u in rest:
        c = cells[u[0]]
        if is_base(u) and c.rule_id is not None and c.rule_id not in seen_rules:
            tier1.append(u)
            seen_rules.add(c.rule_id)
        elif is_base(u) and c.rule_id is None and c.use_case and c.use_case not in seen_ucs:
            tier1.append(u)
            seen_ucs.add(c.use_case)
        else:
            later.append(u)
    later.sort(key=lambda u: u[0])
    rng = stable_rng("select", plan.seed, plan.guide_hash)
    rng.shuffle(later)
    tier2: list[list[int]] = []
    tier3: list[list[int]] = []
    seen_axes: set[tuple[str, str]] = set()
    for u in later:
        c = cells[u[0]]
        axes = {("t", c.technique), ("v", c.variation), ("l", c.language)}
        if axes - seen_axes:
            tier2.append(u)
            seen_axes |= axes
        else:
            tier3.append(u)

    need = sum(len(u) for u in tier0)
    if n < need:
        raise ConfigError(
            f"n={n} is too small to give each of the {len(tier0)} paired rules a violating and a "
            f"look-alike case (needs at least {need})",
            hint=f"raise --n to {need} or more, or leave it out",
        )
    alloc = [0] * len(cells)
    budget = n
    order = tier0 + tier1 + tier2 + tier3
    for u in order:
        if len(u) <= budget:
            for i in u:
                alloc[i] = 1
            budget -= len(u)
    while budget > 0:
        progressed = False
        for u in order:
            if alloc[u[0]] == 0 or alloc[u[0]] >= plan.per_cell or len(u) > budget:
                continue
            for i in u:
                alloc[i] += 1
            budget -= len(u)
            progressed = True
            if budget == 0:
                break
        if not progressed:
            break
    kept = [c.model_copy(update={"quota": a}) for c, a in zip(cells, alloc, strict=True) if a > 0]
    tested = {c.rule_id for c in kept}
    dropped = sorted({c.rule_id for c in cells if c.rule_id and c.rule_id not in tested})
    return plan.model_copy(update={"cells": kept, "dropped_rules": dropped})
