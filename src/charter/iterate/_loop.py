"""The loop: split, run, cluster, ask for edits, try each on the validation part, keep the good ones."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from charter.curate import split
from charter.errors import ConfigError, ContextOverflowError, ModelError
from charter.guide import Guide
from charter.harness import (
    EvalConfig,
    PromptChoice,
    check_suite_matches,
    evaluate_suite,
    resolve_system_prompt,
)
from charter.iterate._accept import decide
from charter.iterate._config import IterateConfig
from charter.iterate._edits import EditNotApplicable, apply_edit, parse_edits
from charter.iterate._failures import cluster_failures, score_part
from charter.iterate._generator import edit_request
from charter.iterate._records import (
    Edit,
    EditOutcome,
    FailureCluster,
    IterateResult,
    PartScore,
    RoundReport,
    show_rate,
)
from charter.iterate._suggest import suggest_guide_edits
from charter.model import Model
from charter.store import RunStore
from charter.suite import Case, Suite

__all__ = ["iterate_prompt", "split_suite"]

Say = Callable[[str], None]


def split_suite(suite: Suite, *, validation: float = 0.5, seed: int = 0) -> tuple[Suite, Suite]:
    """The train and validation parts of ``suite``: :func:`charter.curate.split` by group (the
    paraphrases of one seed never straddle), stratified by rule. Raises ConfigError when a part
    would be empty."""
    parts = split(list(suite.cases), {"train": 1.0 - validation, "validation": validation}, seed=seed,
                  stratify_by="rule", group_by="group")
    train, val = parts["train"], parts["validation"]
    if not train or not val:
        groups = len({c.group or c.id for c in suite.cases})
        raise ConfigError(f"the suite '{suite.name}' ({len(suite.cases)} cases in {groups} groups) cannot be split "
                          f"into a train and a validation part with --validation {validation:g}",
                          hint="use a suite with more groups (charter synth -n 100), or a --validation share "
                               "that leaves both parts a group")

    def part(cases: list[Case], name: str) -> Suite:
        return suite.model_copy(update={"name": f"{suite.name}-{name}", "cases": cases})

    return part(train, "train"), part(val, "validation")


def _diff(before: str, after: str, title: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"prompt (before {title})", tofile=f"prompt (after {title})"))


class _OutOfBudget(Exception):
    pass


def _nothing_scored(records: Sequence[Any], label: str, run_id: str, judged: bool) -> None:
    """Stop: a run in which no case got a verdict can decide nothing (every call failed, or no
    scorer applied)."""
    failed = [r.response.error for r in records if r.response.error]
    if failed:
        raise ModelError(f"every response of the {label} run ({run_id}) failed; the first: {failed[0]}",
                         hint="a prompt too long for the model's context: try --variant compact; "
                              f"details: charter runs show {run_id}")
    raise ConfigError(f"no case of the {label} run ({run_id}) could be scored: no scorer decides its rules",
                      hint=None if judged else "pass --judge provider/model so that a judge scores the cases")


async def iterate_prompt(guide: Guide, suite: Suite, target: Model, generator: Model, *, store: RunStore,
                         judge: Model | None = None, config: IterateConfig | None = None,
                         say: Say | None = None) -> IterateResult:
    """Revise the guide's compiled prompt from the target's failures (docs/iterate.md).

    Each round runs the train part under the current prompt, clusters its failures by rule and
    kind, asks ``generator`` for edits, and tries each on the validation part: an edit is kept
    only under :func:`charter.iterate.decide`'s rule. Stops after ``config.rounds`` rounds, when
    the next run would pass ``config.budget`` target responses, or when the train part has no
    failure left. Generator answers that hold no usable edit are recorded, never fatal.
    """
    cfg = config or IterateConfig()
    tell: Say = say or (lambda _msg: None)
    check_suite_matches(guide, suite)
    train, val = split_suite(suite, validation=cfg.validation, seed=cfg.seed)
    epochs = cfg.runner.epochs
    if cfg.budget is not None and cfg.budget < (2 * len(val.cases) + len(train.cases)) * epochs:
        need = (2 * len(val.cases) + len(train.cases)) * epochs
        raise ConfigError(f"--budget {cfg.budget} is too small: one round needs {need} target responses "
                          f"(the validation part twice, {len(val.cases)} cases, and the train part once, "
                          f"{len(train.cases)} cases)", hint=f"pass --budget {need} or more, or a smaller suite")
    start = resolve_system_prompt(guide, "compiled", variant=cfg.variant)
    assert start.text is not None
    used = 0

    async def run(part: Suite, text: str, label: str) -> tuple[PartScore, list[Any]]:
        nonlocal used
        cost = len(part.cases) * epochs
        if cfg.budget is not None and used + cost > cfg.budget:
            raise _OutOfBudget(label)
        used += cost
        ec = EvalConfig(prompt=PromptChoice(label=label, text=text, canary=start.canary), runner=cfg.runner,
                        generate=cfg.generate, judge_mode=cfg.judge_mode, classifiers=cfg.classifiers,
                        name=f"iterate:{label}", metadata={"iterate": label})
        info = await evaluate_suite(guide, part, target, store=store, judge=judge, config=ec)
        records = list(store.iter_records(info.id))
        score = score_part(str(info.id), records, guide)
        if not score.pass_rate.n:
            _nothing_scored(records, label, str(info.id), judge is not None)
        return score, records

    tell(f"split {len(suite.cases)} cases by group: {len(train.cases)} train, {len(val.cases)} validation")
    current = start.text
    baseline, _ = await run(val, current, "start-validation")
    first = baseline
    tell(f"start: validation pass rate {show_rate(baseline.pass_rate)}")
    rounds: list[RoundReport] = []
    tried: list[Edit] = []
    usable = 0
    stopped = f"ran the {cfg.rounds} round(s) asked"
    for r in range(1, cfg.rounds + 1):
        try:
            train_score, records = await run(train, current, f"r{r}-train")
        except _OutOfBudget:
            stopped = f"the budget of {cfg.budget} target responses is reached (round {r} not run)"
            break
        clusters = cluster_failures(records, guide, limit=cfg.max_clusters)
        tell(f"round {r}: train pass rate {show_rate(train_score.pass_rate)}; "
             f"{len(clusters)} failure cluster(s)" + (": " + ", ".join(f"{c.rule_id} {c.kind} ×{c.n}"
                                                                      for c in clusters) if clusters else ""))
        if not clusters:
            rounds.append(RoundReport(round=r, train=train_score, validation_after=baseline.pass_rate))
            stopped = f"no failure left on the train part (round {r})"
            break
        edits, problems = await _ask(generator, guide, current, clusters, cfg, tried)
        usable += len(edits)
        for p in problems:
            tell(f"  generator: {p}")
        outcomes: list[EditOutcome] = []
        out_of_budget = False
        for edit in edits:
            tried.append(edit)
            try:
                candidate = apply_edit(current, edit, guide)
            except EditNotApplicable as e:
                outcomes.append(EditOutcome(round=r, edit=edit, accepted=False, reason=f"not applicable: {e.message}"))
                tell(f"  rejected {edit.title()}: not applicable: {e.message}")
                continue
            try:
                after, _ = await run(val, candidate, f"r{r}-edit{len(outcomes) + 1}-validation")
            except _OutOfBudget:
                out_of_budget = True
                break
            d = decide(baseline, after)
            outcomes.append(EditOutcome(round=r, edit=edit, accepted=d.accepted, reason=d.reason,
                                        before=baseline.pass_rate, after=after.pass_rate,
                                        regressions=d.regressions, improved_rules=d.improved,
                                        diff=_diff(current, candidate, edit.title()), run_id=after.run_id))
            tell(f"  {'ACCEPTED' if d.accepted else 'rejected'} {edit.title()}: {d.reason}")
            if d.accepted:
                current, baseline = candidate, after
        rounds.append(RoundReport(round=r, train=train_score, clusters=clusters, generator_problems=problems,
                                  outcomes=outcomes, validation_after=baseline.pass_rate))
        if out_of_budget:
            stopped = f"the budget of {cfg.budget} target responses is reached (in round {r})"
            break
    return IterateResult(
        guide=f"{guide.meta.name} {guide.meta.version}", guide_hash=guide.fingerprint(), target=target.name,
        generator=generator.name, judge=judge.name if judge else None, train_cases=len(train.cases),
        validation_cases=len(val.cases), start_prompt=start.text, final_prompt=current, start=first,
        final=baseline, rounds=rounds, stopped=stopped, queries=used, usable_edits=usable,
        suggestions=suggest_guide_edits(guide, rounds))


async def _ask(generator: Model, guide: Guide, prompt: str, clusters: Sequence[FailureCluster],
               cfg: IterateConfig, tried: Sequence[Edit]) -> tuple[list[Edit], list[str]]:
    messages = edit_request(guide, prompt, clusters, limit=cfg.edits_per_round, tried=tried)
    problems: list[str] = []
    try:
        try:
            out = await generator.generate(messages, cfg.generator_config)
        except ContextOverflowError as e:
            # a generator with a small context: ask again with the largest clusters only, one example
            # of each, and the prompt cut to its start
            problems.append(f"the full request did not fit the generator's context ({e.message}); "
                            "asked again with a shorter one")
            short = edit_request(guide, prompt, clusters, limit=cfg.edits_per_round, tried=tried, compact=True)
            out = await generator.generate(short, cfg.generator_config)
    except ModelError as e:  # recorded: the round tries nothing, the loop goes on (exit 4 at the end if no round got an edit)
        return [], [*problems, f"the generator failed: {e.message}"]
    edits, parse_problems = parse_edits(out.text, guide, limit=cfg.edits_per_round)
    problems += parse_problems
    fresh = [e for e in edits if e not in tried]
    if len(fresh) < len(edits):
        problems.append(f"{len(edits) - len(fresh)} edit(s) already tried in an earlier round left out")
    return fresh, problems
