"""Fill a coverage plan offline: template seeds from the guide, shaped by the operators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from charter.guide import EdgeCaseCategory, Guide
from charter.suite import Case, Intent, Message, Provenance
from charter.synth._ids import case_id
from charter.synth._language import label_seed_languages
from charter.synth._operator import Operator, OperatorContext, get_operators, stable_rng
from charter.synth._plan import Cell, CoveragePlan, expected_for
from charter.synth._realism import realism_problems
from charter.synth._seeds import template_seeds

__all__ = ["fill_cells", "fill_offline", "operator_context"]

SeedsFn = Callable[[Cell], list[Case]]


def is_base_cell(cell: Cell, base_language: str) -> bool:
    return cell.technique == "direct" and cell.variation == "none" and cell.language == base_language


def base_cell(guide: Guide, cell: Cell, base_language: str) -> Cell:
    """The (direct, none, base-language) cell that ``cell``'s seeds come from."""
    rule = edge = None
    if cell.rule_id is not None:
        try:
            rule = guide.rule(cell.rule_id)
        except KeyError:
            rule = None
        edge = next((e for e in guide.edge_cases if e.id == cell.rule_id), None)
    return cell.model_copy(update={"technique": "direct", "variation": "none", "language": base_language,
                                   "expected": expected_for(rule, edge, cell.intent), "pair": None})


def operator_for(cell: Cell, ops: dict[str, Operator]) -> Operator | None:
    if cell.technique != "direct":
        return ops.get(cell.technique)
    if cell.variation != "none":
        return ops.get(cell.variation)
    return ops.get("direct")


def _tag(case: Case, cell: Cell, i: int) -> Case:
    if cell.pair is None:
        return case
    meta = {**case.metadata, "pair": f"{cell.pair}#{i}", "pair_role": cell.intent.value}
    return case.model_copy(update={"metadata": meta})


def _use_case_shift(guide: Guide, cell: Cell) -> int:
    if cell.rule_id is None or cell.use_case is None:
        return 0
    try:
        ucs = list(guide.rule(cell.rule_id).use_cases)
    except KeyError:
        return 0
    return ucs.index(cell.use_case) if cell.use_case in ucs else 0


def fill_cells(guide: Guide, plan: CoveragePlan, seeds_of: SeedsFn, *, seed: int,
               cells: Sequence[Cell] | None = None, ctx: OperatorContext | None = None) -> list[Case]:
    """Cases for ``cells`` (default: all of the plan's), each up to its quota: base cells take
    seeds as they are, best first; other cells apply their operator to the seeds round-robin
    from a seeded starting seed (so cells spread over all seeds), skipping duplicates. A cell with too few distinct results stays thin (the report shows it).
    ``ctx`` is the operators' context for the whole synthesis (:func:`operator_context`), so
    what they derive from the guide is computed once, not once per cell; default: a new one."""
    ops = {op.id: op for op in get_operators()}
    ctx = ctx if ctx is not None else operator_context(guide, plan, seed=seed)
    out: list[Case] = []
    for cell in cells if cells is not None else plan.cells:
        if cell.quota == 0:
            continue
        pool = seeds_of(cell)
        if not pool:
            continue
        got: list[Case] = []
        seen: set[str] = set()
        if is_base_cell(cell, plan.base_language):
            # a rule scoped to several use cases has one base cell per use case: start each at
            # another seed, so they do not all repeat the rule's first example
            shift = _use_case_shift(guide, cell) % len(pool)
            for c in pool[shift:] + pool[:shift]:
                if c.content_hash() not in seen:
                    seen.add(c.content_hash())
                    got.append(c)
                if len(got) >= cell.quota:
                    break
        else:
            op = operator_for(cell, ops)
            if op is None:
                continue
            if op.family == "technique" and op.id != "direct":
                # an injection case's own request is harmless ("What's my next appointment?"
                # before a tool result that plants the instruction): a jailbreak around it, or
                # planting it in a document, tests nothing
                pool = [c for c in pool if c.metadata.get("injection_mode") != "harmful-instruction"]
                if not pool:
                    continue
            cctx = replace(ctx, language=cell.language) if op.axis == "language" else ctx
            attempts = cell.quota * 3 + len(pool)
            start = stable_rng("start", seed, cell.key).randrange(len(pool))  # spread cells over seeds
            for a in range(attempts):
                if len(got) >= cell.quota:
                    break
                new = op.apply(pool[(start + a) % len(pool)], cctx, k=a // len(pool))
                if new is None or new.content_hash() in seen:
                    continue
                seen.add(new.content_hash())
                got.append(new)
        out += [_tag(c, cell, i) for i, c in enumerate(got)]
    return out


def _unpair_lone_rules(cases: list[Case]) -> list[Case]:
    """Cases of a rule none of whose look-alike cells could be filled, untagged from their pairs:
    a pair without its other half is dropped after deduplication, and a must_not rule whose
    look-alike cannot be phrased (no look-alike example; a Japanese rule text, which no frame
    wraps) lost every violating case, its own examples included: a critical privacy rule was
    left with no case at all. Its violating cases still measure the rule; they pair with nothing."""
    roles: dict[str, set[str]] = {}
    for c in cases:
        if "pair" in c.metadata:
            for rid in c.rule_ids:
                roles.setdefault(rid, set()).add(str(c.metadata.get("pair_role")))
    lone = {rid for rid, r in roles.items() if len(r) < 2}
    if not lone:
        return cases
    return [c.model_copy(update={"metadata": {k: v for k, v in c.metadata.items() if k not in ("pair", "pair_role")}})
            if "pair" in c.metadata and lone & set(c.rule_ids) else c for c in cases]


def _unsupported_examples(guide: Guide, cell: Cell, plan: CoveragePlan, seed: int) -> list[Case]:
    """The unsupported-language edge case's own examples, used as written in its first
    language cell. Their language is assumed from the cell, not detected: the metadata says so."""
    edge = next(e for e in guide.edge_cases if e.id == cell.rule_id)
    first = next((c.language for c in plan.cells if c.rule_id == edge.id), None)
    if cell.language != first:
        return []
    out = []
    for i, ex in enumerate(edge.examples):
        draft = Case(
            id="draft", messages=[Message(role=t.role, content=t.content) for t in ex.turns()],
            expected=edge.expected, intent=Intent.benign, rule_ids=[edge.id], language=cell.language,
            technique="direct", variation="language", group=f"example:{edge.id}[{i}]",
            provenance=Provenance(generator="template:example", seed=seed, source=f"example:{edge.id}[{i}]",
                                  confidence=1.0),
            metadata={"seed_kind": "example", "translation": "none", "language_assumed": True,
                      "note": "guide example for the unsupported-language edge case; its language is assumed from the cell, not detected"},
        )
        out.append(draft.model_copy(update={"id": case_id(draft, base_language=plan.base_language)}))
    return out


def _retag(case: Case, rule_ids: list[str], base_language: str) -> Case:
    new = case.model_copy(update={"rule_ids": rule_ids})
    return new.model_copy(update={"id": case_id(new, base_language=base_language)})


def operator_context(guide: Guide, plan: CoveragePlan, *, seed: int) -> OperatorContext:
    """The operators' context for one synthesis of ``guide`` (one per synthesis: it keeps what
    operators derive from the guide, :meth:`OperatorContext.once`)."""
    return OperatorContext(guide=guide, seed=seed, base_language=plan.base_language)


def fill_offline(guide: Guide, plan: CoveragePlan, *, seed: int = 0,
                 skip_examples: frozenset[tuple[str, int]] = frozenset(),
                 unrealistic: list[Case] | None = None) -> list[Case]:
    """Every cell of ``plan`` filled from the guide's own material (no model). Language cells
    are left to a generator that writes in the language, except the unsupported-language
    edge case's own examples. ``skip_examples`` ((rule id, index) pairs) are not used; cases
    failing the realism lint are left out (and appended to ``unrealistic`` when given)."""
    cache: dict[tuple[str | None, Intent, str | None], list[Case]] = {}
    unsupported_edge = {e.id for e in guide.edge_cases if e.category == EdgeCaseCategory.unsupported_language}

    def seeds_of(cell: Cell) -> list[Case]:
        key = cell.base_key
        if key not in cache:
            base = base_cell(guide, cell, plan.base_language)
            if cell.rule_id in unsupported_edge:
                plain = base.model_copy(update={"rule_id": None})
                cache[key] = [_retag(c, [cell.rule_id or ""], plan.base_language)
                              for c in template_seeds(guide, plain, seed=seed, base_language=plan.base_language)]
            else:
                cache[key] = label_seed_languages(
                    template_seeds(guide, base, seed=seed, base_language=plan.base_language,
                                   skip_examples=skip_examples), guide)
        return cache[key]

    ctx = operator_context(guide, plan, seed=seed)
    out: list[Case] = []
    for cell in plan.cells:
        if cell.variation == "language":
            # no translator offline: only what the guide's authors wrote in that language
            if cell.rule_id in unsupported_edge:
                out += _unsupported_examples(guide, cell, plan, seed)[: cell.quota]
        else:
            for c in fill_cells(guide, plan, seeds_of, seed=seed, cells=[cell], ctx=ctx):
                if realistic(c):
                    out.append(c)
                elif unrealistic is not None:
                    unrealistic.append(c)
    return _unpair_lone_rules(out)


def realistic(case: Case) -> bool:
    """An offline case in plain language passes the realism lint. Deliberate noise (typos,
    casing, structured formats, encodings and other techniques) is exempt, and the guide's own
    examples and use-case requests are taken as written."""
    if case.technique != "direct" or case.variation in NOISE_VARIATIONS:
        return True
    if case.variation == "none" and case.metadata.get("seed_kind") in ("example", "use-case"):
        return True
    return not realism_problems(case.prompt)


NOISE_VARIATIONS = frozenset({"typos", "casing", "format-json", "format-markdown"})
