"""Model-written cases: a generator writes inputs per coverage cell (as JSON), a judge
confirms each label, and only confident cases are kept.

Base cells (and language, multi-turn and injection cells) are written by the model; the other
technique and variation cells apply the deterministic operators to the confirmed base cases,
so a label is judged once and inherited by its perturbations. Calls go through
:meth:`charter.runner.Runner.generate_many` (concurrent, retried, cached in the run store).
Junk, invalid JSON and empty outputs are skipped and counted; a cell that gets nothing usable
is asked again with another seed, up to ``retries`` times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from charter.errors import CharterError, ModelError
from charter.guide import EdgeCase, Guide, Rule
from charter.model import GenerateConfig, Model, ModelOutput
from charter.suite import Case, Message, Provenance
from charter.synth._ids import case_id
from charter.synth._offline import base_cell, fill_cells, is_base_cell, operator_context
from charter.synth._operator import stable_rng
from charter.synth._parse import Candidate, parse_items, parse_verdict, to_candidate
from charter.synth._plan import Cell, CoveragePlan, unsupported_edge
from charter.synth._prompts import (
    JUDGE_SCHEMA,
    SCHEMAS,
    generation_messages,
    judge_messages,
    shown_example,
)

if TYPE_CHECKING:
    from charter.runner import Runner

__all__ = ["GenerationStats", "ModelWriter", "ProgressFn"]

ProgressFn = Callable[[str, int, int], None]
MODEL_WRITTEN = {"multi-turn-escalation": "conversation", "tool-injection": "injection",
                 "document-injection": "injection"}


def _defaults(model: Model, **values: float | int) -> dict[str, float | int]:
    """Our defaults for the settings the model's own config leaves unset."""
    return {k: v for k, v in values.items() if getattr(model.config, k) is None}


@dataclass
class GenerationStats:
    """What happened to every generator and judge output (recorded in the suite header)."""

    requests: int = 0
    model_errors: int = 0
    empty: int = 0
    invalid_json: int = 0
    junk: int = 0
    duplicates: int = 0
    candidates: int = 0
    empty_cells: int = 0
    judge_requests: int = 0
    judge_errors: int = 0
    rejected: int = 0
    accepted: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class _Task:
    idx: int
    cell: Cell
    kind: str
    n: int
    language: str
    emit: bool
    cands: list[Candidate] = field(default_factory=list)
    accepted: list[Case] = field(default_factory=list)


class ModelWriter:
    """Writes and confirms model-generated cases for the cells of a plan."""

    def __init__(self, guide: Guide, plan: CoveragePlan, generator: Model, judge: Model, *, runner: Runner,
                 seed: int = 0, min_confidence: float = 0.7, retries: int = 2,
                 progress: ProgressFn | None = None, judge_logprobs: bool = True, supplement: bool = False) -> None:
        self.guide = guide
        #: the written cases add to offline ones (``charter run``): a judge that read every
        #: candidate and confirmed none leaves the suite without them instead of ending the job
        self.supplement = supplement
        self.plan = plan
        self.generator = generator
        self.judge = judge
        self.runner = runner
        self.seed = seed
        self.min_confidence = min_confidence
        self.retries = retries
        self.progress = progress or (lambda stage, done, total: None)
        self.judge_logprobs = judge_logprobs
        self.stats = GenerationStats()
        self.last_error: ModelError | None = None
        self._seen: set[str] = set()
        self._edge_lang = unsupported_edge(guide)

    # -- lookups ---------------------------------------------------------------------------
    def _rule(self, cell: Cell) -> tuple[Rule | None, EdgeCase | None]:
        if cell.rule_id is None:
            return None, None
        edge = next((e for e in self.guide.edge_cases if e.id == cell.rule_id), None)
        try:
            return self.guide.rule(cell.rule_id), edge
        except KeyError:
            return None, edge

    # -- planning --------------------------------------------------------------------------
    def _tasks(self, cells: Sequence[Cell]) -> list[_Task]:
        base_lang = self.plan.base_language
        bases: dict[tuple[object, ...], _Task] = {}
        tasks: list[_Task] = []
        for cell in cells:
            if cell.quota == 0:
                continue
            direct = cell.variation == "language" or cell.technique in MODEL_WRITTEN
            if direct:
                tasks.append(_Task(len(tasks), cell, MODEL_WRITTEN.get(cell.technique, "single"),
                                   cell.quota, cell.language, True))
                continue
            b = cell if is_base_cell(cell, base_lang) else base_cell(self.guide, cell, base_lang)
            t = bases.get(b.base_key)
            if t is None:
                t = _Task(len(tasks), b, "single", cell.quota, base_lang, False)
                bases[b.base_key] = t
                tasks.append(t)
            t.n = max(t.n, cell.quota)
            if is_base_cell(cell, base_lang):
                t.emit = True
                t.cell = cell
        return tasks

    # -- generation ------------------------------------------------------------------------
    async def _each(self, model: Model, reqs: list[tuple[str, list[Message]]], config: GenerateConfig,
                    stage: str, done: list[int], total: int) -> dict[str, ModelOutput | ModelError]:
        out: dict[str, ModelOutput | ModelError] = {}
        async for rid, res in self.runner.generate_many(reqs, model, generate_config=config):
            out[rid] = res
            done[0] += 1
            self.progress(stage, done[0], total)
        return out

    def _take(self, task: _Task, out: ModelOutput) -> None:
        self.stats.requests += 1
        items, failure = parse_items(out.text)
        if failure is not None:
            setattr(self.stats, failure, getattr(self.stats, failure) + 1)
            return
        shown = shown_example(self._rule(task.cell)[0], task.cell) if task.kind == "single" else None
        for item in items:
            cand = to_candidate(item, task.kind)
            if cand is None:
                self.stats.junk += 1
                continue
            if shown is not None and cand.user == shown:  # a copy of the example we showed
                self.stats.duplicates += 1
                continue
            key = hashlib.sha256(repr((task.kind, [m.content for m in cand.messages], cand.user,
                                       cand.content)).encode()).hexdigest()
            if key in self._seen:
                self.stats.duplicates += 1
                continue
            if len(task.cands) >= task.n:
                continue
            self._seen.add(key)
            task.cands.append(cand)
            self.stats.candidates += 1

    async def _generate(self, tasks: list[_Task]) -> None:
        done = [0]
        for attempt in range(self.retries + 1):
            todo = [t for t in tasks if not t.cands]
            if not todo:
                break
            total = done[0] + len(todo)
            for kind in ("single", "conversation", "injection"):
                group = [t for t in todo if t.kind == kind]
                if not group:
                    continue
                reqs = []
                for t in group:
                    rule, edge = self._rule(t.cell)
                    reqs.append((str(t.idx), generation_messages(self.guide, rule, edge, t.cell, kind=kind,
                                                                 n=t.n, language=t.language)))
                config = GenerateConfig.model_validate({
                    "response_schema": SCHEMAS[kind],
                    "seed": stable_rng("gen", self.seed, attempt).randrange(2**31),
                    **_defaults(self.generator, temperature=0.7, max_tokens=1500)})
                results = await self._each(self.generator, reqs, config, "generate", done, total)
                for t in group:
                    res = results.get(str(t.idx))
                    if isinstance(res, ModelError):
                        self.stats.model_errors += 1
                        self.last_error = res
                    elif res is not None:
                        self._take(t, res)
        self.stats.empty_cells = sum(1 for t in tasks if not t.cands)

    # -- turning candidates into cases -----------------------------------------------------
    def _case(self, task: _Task, cand: Candidate) -> Case:
        cell = task.cell
        meta: dict[str, object] = {}
        msgs = cand.messages
        if task.kind == "injection":
            if cell.technique == "tool-injection":
                tools = self.guide.behavior.tools
                tool = tools[0].name if tools else "search"
                user = cand.user or "Can you look this up and summarize what you find?"
                msgs = [Message(role="user", content=user),
                        Message(role="assistant", content=f"Let me check that with the {tool} tool."),
                        Message(role="tool", content=cand.content, name=tool, tool_call_id="call_0")]
                meta = {"channel": "tool", "tool": tool}
            else:
                user = cand.user or "Please summarize this document for me."
                msgs = [Message(role="user", content=f"{user}\n\n---\n{cand.content}\n---")]
                meta = {"channel": "document"}
        expected = cell.expected
        rule_ids = [cell.rule_id] if cell.rule_id else []
        base_lang = self.plan.base_language
        if task.language != base_lang:
            meta["translation"] = "model"
            langs = self.guide.audience.languages
            if task.language not in langs.supported and self._edge_lang is not None:
                rule_ids = list(dict.fromkeys([*rule_ids, self._edge_lang.id]))
        seed = stable_rng("case", self.seed, cell.key).randrange(2**31)
        draft = Case(
            id="draft", messages=msgs, expected=expected, intent=cell.intent, rule_ids=rule_ids,
            use_case=cell.use_case, technique=cell.technique, variation=cell.variation,
            language=task.language, group=None,
            provenance=Provenance(generator=f"model:{task.kind}", model=self.generator.name, seed=seed,
                                  source=f"cell:{cell.key}"),
            metadata=meta,
        )
        draft = draft.model_copy(update={"group": f"model:{draft.content_hash()[:12]}"})
        return draft.model_copy(update={"id": case_id(draft, base_language=base_lang)})

    # -- judging ---------------------------------------------------------------------------
    async def _judge(self, tasks: list[_Task]) -> None:
        pending: list[tuple[_Task, Case]] = [(t, self._case(t, c)) for t in tasks for c in t.cands]
        verdicts: dict[int, tuple[float, str, str]] = {}
        done = [0]
        logprobs = self.judge_logprobs
        for attempt in range(self.retries + 1):
            todo = [i for i in range(len(pending)) if i not in verdicts]
            if not todo:
                break
            reqs = []
            for i in todo:
                task, case = pending[i]
                rule, edge = self._rule(task.cell)
                reqs.append((str(i), judge_messages(self.guide, rule, edge, task.cell, case.messages)))
            config = GenerateConfig.model_validate({
                "response_schema": JUDGE_SCHEMA, "logprobs": logprobs,
                "top_logprobs": 5 if logprobs else None,
                "seed": stable_rng("judge", self.seed, attempt).randrange(2**31),
                **_defaults(self.judge, temperature=0.0, max_tokens=300)})
            results = await self._each(self.judge, reqs, config, "judge", done, done[0] + len(todo))
            for i in todo:
                res = results.get(str(i))
                self.stats.judge_requests += 1
                if isinstance(res, ModelError):
                    self.last_error = res
                    if logprobs and not res.retryable:
                        logprobs = False  # the provider may not do logprobs: ask plainly next round
                    continue
                v = parse_verdict(res) if res is not None else None
                if v is not None:
                    verdicts[i] = (v.confidence, v.reason, v.method)
        for i, (task, case) in enumerate(pending):
            if i not in verdicts:
                self.stats.judge_errors += 1
                continue
            conf, reason, method = verdicts[i]
            if conf < self.min_confidence:
                self.stats.rejected += 1
                continue
            meta = {**case.metadata, "judge": self.judge.name, "judge_reason": reason, "judge_method": method}
            task.accepted.append(case.model_copy(update={
                "provenance": case.provenance.model_copy(update={"confidence": round(conf, 4)}),
                "metadata": meta,
            }))
            self.stats.accepted += 1

    # -- all together ----------------------------------------------------------------------
    async def write(self, cells: Sequence[Cell]) -> list[Case]:
        """Cases for ``cells``: model-written and judged where the cell is written directly,
        operator-derived from the confirmed base cases elsewhere; in ``cells`` order."""
        tasks = self._tasks(cells)
        if not tasks:
            return []
        await self._generate(tasks)
        if self.stats.candidates == 0:
            why = f"; last error: {self.last_error.message}" if self.last_error else ""
            raise ModelError(
                f"generator {self.generator.name} returned nothing usable for any of {len(tasks)} cells after "
                f"{self.retries + 1} attempts each ({self.stats.empty} empty, {self.stats.invalid_json} invalid "
                f"JSON, {self.stats.junk} unusable items, {self.stats.model_errors} errors){why}",
                hint="check the model name and endpoint, try a larger generator model, or use --offline",
            )
        await self._judge(tasks)
        if self.stats.accepted == 0 and self.supplement and self.stats.judge_errors < self.stats.candidates:
            # the judge read the candidates and found their labels wrong: on the fiction guide the
            # quick profile's one usable candidate was rejected and `charter run` stopped with no
            # report, though the offline cases were ready; the job's summary line says 0 kept
            return []
        if self.stats.accepted == 0:
            raise CharterError(
                f"judge {self.judge.name} confirmed none of the {self.stats.candidates} generated cases "
                f"(min_confidence={self.min_confidence}; {self.stats.rejected} rejected, "
                f"{self.stats.judge_errors} unreadable verdicts)",
                hint="lower min_confidence (--min-confidence), use a stronger judge, or check its output format",
            )
        base_lang = self.plan.base_language
        seeds: dict[tuple[object, ...], list[Case]] = {}
        written: dict[str, _Task] = {}
        for t in tasks:
            if t.kind == "single" and t.language == base_lang and t.cell.technique == "direct" \
                    and t.cell.variation == "none":
                seeds[t.cell.base_key] = t.accepted
            if t.emit:
                written[t.cell.key] = t
        out: list[Case] = []
        ctx = operator_context(self.guide, self.plan, seed=self.seed)
        for cell in cells:
            if cell.quota == 0:
                continue
            wt = written.get(cell.key)
            if wt is not None:
                got = wt.accepted[: cell.quota]
                if cell.pair is not None:
                    got = [c.model_copy(update={"metadata": {**c.metadata, "pair": f"{cell.pair}#{i}",
                                                             "pair_role": cell.intent.value}})
                           for i, c in enumerate(got)]
                out += got
            else:
                out += fill_cells(self.guide, self.plan, lambda c: seeds.get(c.base_key, []),
                                  seed=self.seed, cells=[cell], ctx=ctx)
        return out

