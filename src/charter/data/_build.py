"""Builders: SFT by context distillation, preference pairs and KTO rows from a suite.

- **SFT**: a teacher answers each case *with* the guide's compiled system prompt; each answer
  is scored against the guide and only answers no deciding score fails are kept. Rows hold the
  conversation *without* the system prompt, so the student learns the behavior, not the prompt.
- **Preferences**: candidates per case are the teacher with the system prompt, the teacher
  without it, and optionally extra samples at a temperature; a :class:`Ranker` orders them;
  chosen = best, rejected = worst; ties and skips are dropped and counted.
- **KTO**: each candidate, labelled desirable when no deciding score fails it.

Who decides is evaluation's classification (:func:`charter.evaluate.score_authority`, through
:func:`charter.data.deciding_scores`): an advisory score (the classifier trained from the
guide) never rejects a row, labels a KTO row or decides a preference; it is kept in the row's
metadata (``scores``, with ``decides: false``), and kept rows it failed are counted as
``advisory_failed:<scorer>``.

An answer that the refusal check could not settle and neither a judge nor the reference check
(a reply labelled GOOD or OK) passed (:func:`charter.evaluate.rule_unverified`: without a
judge, a redirect or safe completion that names nothing checkable, or an injection case whose
user task was done) is neither kept by SFT nor labelled by KTO, for a violating case and for
any case that expects more than a plain answer: no failing score is not evidence, and a teacher that carried out the harmful request would
otherwise become a training target. That holds for an out-of-scope request that expects a
redirect (a hotel booked by a flights-only agent: only the style checks had passed it) and for
a borderline request whose disallowed half a full compliance carries out, as much as for a
violating one. Such answers are counted as ``unverified`` and listed with why.

Adversarial (violating / borderline intents) and benign rows are balanced to a ratio when
asked (``adversarial_ratio``), by down-sampling the larger side with a seeded RNG.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from charter.data._rank import (
    Ranker,
    advisory_scores,
    candidate_value,
    deciding_scores,
    failed_scores,
    score_all,
    why_failed,
)
from charter.data._rows import KTORow, PreferenceRow, SFTRow, TrainingRow, row_id
from charter.errors import ConfigError, ModelError
from charter.evaluate import Response, Score, Scorer, rule_unverified, score_authority
from charter.guide import Expected, Guide
from charter.model import GenerateConfig, Model, ModelOutput
from charter.suite import Case, Intent, Message

#: why an answer was left out although no score failed it
UNVERIFIED_WHY = ("unverified: no score that decides the rule passed it (the refusal check could not settle "
                  "it and no judge scored it); pass --judge to have such answers judged")
#: why an answer the token cap cut off is not trained on
TRUNCATED_WHY = "the teacher's answer was cut off at the token cap (finish_reason 'length'); raise --max-response-tokens"

__all__ = [
    "ADVERSARIAL_INTENTS",
    "TRUNCATED_WHY",
    "UNVERIFIED_WHY",
    "BuildResult",
    "balance",
    "build_kto",
    "build_preferences",
    "build_sft",
    "generate_all",
    "is_adversarial",
    "kto_from_preferences",
]

ADVERSARIAL_INTENTS = frozenset({Intent.violating.value, Intent.borderline.value})
T = TypeVar("T")


@dataclass
class BuildResult:
    """The rows built and what happened to every case (``stats`` counts, for the card)."""

    rows: list[TrainingRow]
    stats: Counter[str] = field(default_factory=Counter)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """``(case id, why)`` for every case whose answer a scorer failed (SFT)."""
    errors: list[tuple[str, str]] = field(default_factory=list)
    """``(case id, error)`` for every teacher request that failed (counted as ``model_errors``):
    what went wrong, so a build that lost its rows to a model says why."""

    def failed_by(self) -> dict[str, int]:
        """How many answers each deciding scorer failed and so rejected (``failed:<scorer>``
        counts; advisory scorers reject nothing and are not in it)."""
        return {k.split(":", 1)[1]: int(v) for k, v in sorted(self.stats.items()) if k.startswith("failed:")}

    def advisory_failed(self) -> dict[str, int]:
        """How many kept rows (SFT) or desirable labels (KTO) a scorer that did not decide
        failed, per scorer (``advisory_failed:<scorer>`` counts): an advisory scorer, or one the
        guide's label of the reply overruled (:func:`charter.data.deciding_scores`)."""
        return {k.split(":", 1)[1]: int(v) for k, v in sorted(self.stats.items())
                if k.startswith("advisory_failed:")}


def is_adversarial(item: Case | TrainingRow | dict[str, Any]) -> bool:
    """True for violating / borderline cases (or rows built from them)."""
    if isinstance(item, Case):
        intent: Any = item.intent.value
    elif isinstance(item, dict):
        intent = item.get("intent")
    else:
        intent = item.metadata.get("intent")
    return str(intent) in ADVERSARIAL_INTENTS


def balance(items: Sequence[T], ratio: float | None, *, seed: int = 0,
            key: Callable[[T], bool] = is_adversarial) -> tuple[list[T], int]:  # type: ignore[assignment]
    """Keep ``ratio`` of the items adversarial by down-sampling the larger side.

    Returns ``(kept, n_dropped)``; order is preserved. ``ratio=None`` keeps everything."""
    if ratio is None:
        return list(items), 0
    if not 0.0 <= ratio <= 1.0:
        raise ConfigError(f"adversarial ratio {ratio} is not in [0, 1]", hint="e.g. --adversarial-ratio 0.5")
    adv = [i for i, x in enumerate(items) if key(x)]
    ben = [i for i, x in enumerate(items) if not key(x)]
    if ratio == 1.0:
        n_adv, n_ben = len(adv), 0
    elif ratio == 0.0:
        n_adv, n_ben = 0, len(ben)
    else:
        total = min(len(adv) / ratio, len(ben) / (1 - ratio))
        n_adv = min(len(adv), round(total * ratio))
        n_ben = min(len(ben), round(total * (1 - ratio)))
    rng = random.Random(seed)
    keep = set(rng.sample(adv, n_adv)) | set(rng.sample(ben, n_ben))
    kept = [x for i, x in enumerate(items) if i in keep]
    return kept, len(items) - len(kept)


async def generate_all(model: Model, requests: Sequence[list[Message]], config: GenerateConfig | None = None,
                       *, concurrency: int = 8, runner: Any | None = None,
                       progress: str | None = None) -> list[ModelOutput | ModelError]:
    """Generate for every request, in request order. With a ``runner``
    (:class:`charter.runner.Runner`) requests are cached, retried and rate-limited by it, with
    a progress bar named ``progress`` when given; otherwise at most ``concurrency`` are in
    flight. A failed request yields its :class:`ModelError` in place (never a silent skip)."""
    if runner is not None:
        results: dict[str, ModelOutput | ModelError] = {}
        reqs = [(str(i), list(m)) for i, m in enumerate(requests)]
        async for rid, res in runner.generate_many(reqs, model, generate_config=config, progress=progress):
            results[rid] = res
        return [results[str(i)] for i in range(len(requests))]
    if concurrency < 1:
        raise ConfigError(f"concurrency {concurrency} must be at least 1")
    sem = asyncio.Semaphore(concurrency)

    async def one(msgs: list[Message]) -> ModelOutput | ModelError:
        async with sem:
            try:
                return await model.generate(msgs, config)
            except ModelError as e:
                return e

    return list(await asyncio.gather(*(one(m) for m in requests)))


def _case_meta(case: Case) -> dict[str, Any]:
    return {
        "case_id": case.id, "rule_ids": list(case.rule_ids), "use_case": case.use_case,
        "intent": case.intent.value, "expected": case.expected.value, "technique": case.technique,
        "variation": case.variation, "language": case.language, "group": case.group or case.id,
    }


def _score_meta(case: Case, scores: Sequence[Score], deciding: Sequence[Score],
                guide: Guide | None) -> list[dict[str, Any]]:
    """Every score of the row, the advisory ones too (``decides: false``): what each scorer
    said, and whether it could reject the row."""
    ids = {id(s) for s in deciding}
    return [{"scorer": s.scorer, "rule_id": s.rule_id, "verdict": s.verdict.value, "value": s.value,
             "label": s.label, "explanation": s.explanation,
             "authority": score_authority(case, s, guide=guide), "decides": id(s) in ids} for s in scores]


def _count_advisory(stats: Counter[str], case: Case, scores: Sequence[Score], guide: Guide | None) -> None:
    """Count, per scorer that did not decide (advisory or overruled), a kept row (or desirable
    label) it failed."""
    for name in dict.fromkeys(s.scorer for s in failed_scores(advisory_scores(case, scores, guide=guide))):
        stats[f"advisory_failed:{name}"] += 1


def _prompt_of(case: Case) -> list[Message]:
    """The case's conversation without any system/developer message (never trained on)."""
    return [m for m in case.messages if m.role not in ("system", "developer")]


def _with_prompt(cases: Sequence[Case], stats: Counter[str]) -> list[Case]:
    """The cases with a turn besides system / developer messages. A case that is only a
    developer instruction has no prompt once those are taken out (rows are trained without
    them): it is left out before the teacher is asked, and counted as ``no_prompt``."""
    out = [c for c in cases if _prompt_of(c)]
    if len(out) < len(cases):
        stats["no_prompt"] += len(cases) - len(out)
    return out


def _with_system(system_prompt: str | None, case: Case) -> list[Message]:
    msgs = _prompt_of(case)
    return [Message(role="system", content=system_prompt), *msgs] if system_prompt else msgs


def _sp_hash(system_prompt: str | None) -> str | None:
    return hashlib.sha256(system_prompt.encode()).hexdigest()[:16] if system_prompt else None


def _needs_verifying(case: Case) -> bool:
    """A case whose answer must be verified before it is trained on: a violating one, or any
    case that expects something other than a plain answer (an out-of-scope request's redirect, a
    borderline request's safe completion), where carrying the request out is the failure. An
    answer to a case that expects compliance is the target itself."""
    return case.intent == Intent.violating or case.expected != Expected.comply


def _truncated(out: ModelOutput) -> bool:
    """An answer that stopped at the token cap: training on it teaches stopping mid-sentence."""
    return out.finish_reason == "length"


def _passes(scores: Sequence[Score]) -> bool | None:
    """True: every applicable score passed (and one applied); False: one failed; None: error/none.
    Pass the deciding scores (:func:`charter.data.deciding_scores`)."""
    v = candidate_value(scores)
    if v is None:
        return None
    return v >= 1.0


async def build_sft(cases: Sequence[Case], teacher: Model, *, system_prompt: str, scorers: Sequence[Scorer],
                    config: GenerateConfig | None = None, concurrency: int = 8,
                    adversarial_ratio: float | None = None, seed: int = 0,
                    runner: Any | None = None, guide: Guide | None = None) -> BuildResult:
    """Context distillation: keep the teacher's answers (given the system prompt) that no
    deciding score fails (:func:`charter.data.deciding_scores`; ``guide`` ties safety checks to
    their rules, as in evaluation). Advisory scores reject nothing; they stay in the row's
    metadata."""
    if not scorers:
        raise ConfigError("SFT filtering needs at least one scorer", hint="pass the guide's scorers")
    stats: Counter[str] = Counter(cases=len(cases))
    cases = _with_prompt(cases, stats)
    outs = await generate_all(teacher, [_with_system(system_prompt, c) for c in cases], config,
                              concurrency=concurrency, runner=runner, progress="teacher answers")
    rows: list[TrainingRow] = []
    dropped: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    for case, out in zip(cases, outs, strict=True):
        if isinstance(out, ModelError):
            stats["model_errors"] += 1
            errors.append((case.id, str(out)))
            continue
        if _truncated(out):
            stats["truncated"] += 1
            dropped.append((case.id, TRUNCATED_WHY))
            continue
        scores = await score_all(scorers, case, Response(text=out.text, model=teacher.name))
        deciding = deciding_scores(case, scores, guide=guide)
        failing = failed_scores(deciding)
        if failing:  # any deciding scorer failing rejects the row, whatever the others say
            stats["failed_scores"] += 1
            for name in dict.fromkeys(s.scorer for s in failing):
                stats[f"failed:{name}"] += 1
            dropped.append((case.id, why_failed(deciding)))
            continue
        if _needs_verifying(case) and rule_unverified(case, scores):
            stats["unverified"] += 1
            dropped.append((case.id, UNVERIFIED_WHY))
            continue
        if _passes(deciding) is None:
            stats["score_errors"] += 1
            continue
        _count_advisory(stats, case, scores, guide)
        msgs = [*_prompt_of(case), Message(role="assistant", content=out.text)]
        meta = {**_case_meta(case), "teacher": teacher.name, "system_prompt_sha": _sp_hash(system_prompt),
                "scores": _score_meta(case, scores, deciding, guide)}
        rows.append(SFTRow(id=row_id("sft", msgs), messages=msgs, metadata=meta))
    stats["passed"] = len(rows)
    rows, n_balance = balance(rows, adversarial_ratio, seed=seed)
    stats["dropped_by_balance"] = n_balance
    stats["rows"] = len(rows)
    return BuildResult(rows, stats, dropped, errors)


async def _candidates(cases: Sequence[Case], teacher: Model, system_prompt: str, config: GenerateConfig | None,
                      samples: int, temperature: float, concurrency: int,
                      runner: Any | None) -> list[list[tuple[str, ModelOutput | ModelError]]]:
    """Per case: ``guided`` (with the system prompt), ``plain`` (without), ``sample-k`` extras."""
    batches: list[tuple[str, bool, GenerateConfig | None]] = [("guided", True, config), ("plain", False, config)]
    for k in range(samples):
        sample_cfg = (config or GenerateConfig()).merged(GenerateConfig(temperature=temperature, seed=k + 1))
        batches.append((f"sample-{k + 1}", True, sample_cfg))
    per_case: list[list[tuple[str, ModelOutput | ModelError]]] = [[] for _ in cases]
    for src, guided, cfg in batches:
        reqs = [_with_system(system_prompt if guided else None, c) for c in cases]
        outs = await generate_all(teacher, reqs, cfg, concurrency=concurrency, runner=runner,
                                  progress=f"teacher answers ({src})")
        for i, out in enumerate(outs):
            per_case[i].append((src, out))
    return per_case


async def build_preferences(cases: Sequence[Case], teacher: Model, *, system_prompt: str, ranker: Ranker,
                            config: GenerateConfig | None = None, samples: int = 0, temperature: float = 0.9,
                            concurrency: int = 8, adversarial_ratio: float | None = None,
                            seed: int = 0, runner: Any | None = None) -> BuildResult:
    """Preference pairs: ≥ 2 candidates per case ranked by ``ranker``; ties/skips dropped."""
    stats: Counter[str] = Counter(cases=len(cases))
    cases = _with_prompt(cases, stats)
    per_case = await _candidates(cases, teacher, system_prompt, config, samples, temperature, concurrency,
                                  runner)
    rows: list[TrainingRow] = []
    errors: list[tuple[str, str]] = []
    for case, cands in zip(cases, per_case, strict=True):
        ok = [(src, out) for src, out in cands if not isinstance(out, ModelError)]
        stats["model_errors"] += len(cands) - len(ok)
        errors.extend((case.id, str(out)) for _, out in cands if isinstance(out, ModelError))
        whole = [(src, out) for src, out in ok if not _truncated(out)]
        n_cut = len(ok) - len(whole)
        if n_cut:
            stats["truncated"] += n_cut
        seen: dict[str, str] = {}
        for src, out in whole:
            seen.setdefault(out.text, src)
        if len(seen) < 2:  # nothing to prefer: candidates cut off at the cap, or all the same
            stats["cut_off_candidates" if n_cut else "identical_candidates"] += 1
            continue
        texts, sources = list(seen), list(seen.values())
        ranking = await ranker.rank(case, [Response(text=t, model=teacher.name) for t in texts])
        if ranking.skipped:
            stats[f"skipped_{ranking.skipped.split()[0]}"] += 1
            continue
        if not ranking.usable:
            stats["ties"] += 1
            continue
        best, worst = ranking.order[0], ranking.order[-1]
        prompt = _prompt_of(case)
        chosen = [Message(role="assistant", content=texts[best])]
        rejected = [Message(role="assistant", content=texts[worst])]
        meta = {**_case_meta(case), "teacher": teacher.name, "ranker": ranker.id,
                "judge": getattr(getattr(ranker, "judge", None), "name", None),
                "chosen_source": sources[best], "rejected_source": sources[worst],
                "margin": ranking.margin, "reasons": ranking.reasons, "cited_rule_ids": ranking.rule_ids,
                "advisory": ranking.advisory,
                "system_prompt_sha": _sp_hash(system_prompt)}
        rows.append(PreferenceRow(id=row_id("prefs", prompt, chosen, rejected), prompt=prompt, chosen=chosen,
                                  rejected=rejected, metadata=meta))
    stats["pairs"] = len(rows)
    rows, dropped = balance(rows, adversarial_ratio, seed=seed)
    stats["dropped_by_balance"] = dropped
    stats["rows"] = len(rows)
    return BuildResult(rows, stats, errors=errors)


async def build_kto(cases: Sequence[Case], teacher: Model, *, system_prompt: str, scorers: Sequence[Scorer],
                    config: GenerateConfig | None = None, samples: int = 0, temperature: float = 0.9,
                    concurrency: int = 8, adversarial_ratio: float | None = None, seed: int = 0,
                    runner: Any | None = None, guide: Guide | None = None) -> BuildResult:
    """Unpaired rows: every distinct candidate, ``label`` = no deciding score fails it (the
    filter of :func:`build_sft`; advisory scores label nothing)."""
    if not scorers:
        raise ConfigError("KTO labelling needs at least one scorer", hint="pass the guide's scorers")
    stats: Counter[str] = Counter(cases=len(cases))
    cases = _with_prompt(cases, stats)
    per_case = await _candidates(cases, teacher, system_prompt, config, samples, temperature, concurrency,
                                  runner)
    rows: list[TrainingRow] = []
    errors: list[tuple[str, str]] = []
    for case, cands in zip(cases, per_case, strict=True):
        seen: set[str] = set()
        for src, out in cands:
            if isinstance(out, ModelError):
                stats["model_errors"] += 1
                errors.append((case.id, str(out)))
                continue
            if out.text in seen:
                continue
            seen.add(out.text)
            if _truncated(out):
                stats["truncated"] += 1
                continue
            scores = await score_all(scorers, case, Response(text=out.text, model=teacher.name))
            deciding = deciding_scores(case, scores, guide=guide)
            label = _passes(deciding)
            if label is not False and _needs_verifying(case) and rule_unverified(case, scores):
                stats["unverified"] += 1  # neither desirable nor (with no failing score) undesirable
                continue
            if label is None:
                stats["score_errors"] += 1
                continue
            stats["desirable" if label else "undesirable"] += 1
            if label:
                _count_advisory(stats, case, scores, guide)
            prompt = _prompt_of(case)
            completion = [Message(role="assistant", content=out.text)]
            meta = {**_case_meta(case), "teacher": teacher.name, "source": src,
                    "scores": _score_meta(case, scores, deciding, guide),
                    "system_prompt_sha": _sp_hash(system_prompt)}
            rows.append(KTORow(id=row_id("kto", prompt, completion), prompt=prompt, completion=completion,
                               label=label, metadata=meta))
    rows, dropped = balance(rows, adversarial_ratio, seed=seed)
    stats["dropped_by_balance"] = dropped
    stats["rows"] = len(rows)
    return BuildResult(rows, stats, errors=errors)


def kto_from_preferences(rows: Sequence[PreferenceRow]) -> list[KTORow]:
    """Unpair preference rows: chosen → ``label=True``, rejected → ``label=False``."""
    out: list[KTORow] = []
    for r in rows:
        for completion, label in ((r.chosen, True), (r.rejected, False)):
            meta = {**r.metadata, "from_pair": r.id}
            out.append(KTORow(id=row_id("kto", r.prompt, completion), prompt=r.prompt, completion=completion,
                              label=label, metadata=meta))
    return out
