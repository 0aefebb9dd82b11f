"""The loop after the main job, ``charter run GUIDE --train``: split the job's suite by group
into a train and a held-out part, build SFT rows from the train part (context distillation: the
teacher answers with the compiled prompt, only answers every guide scorer passes are kept, and
the rows hold no system prompt), refuse rows that match a held-out case (the contamination
firewall), fine-tune the target with TRL, evaluate the target before and after on the held-out
part (without a system prompt: what training put into the model), and write the before / after
results into the trained model's card and the training sections into the job's card.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from charter.curate import split
from charter.data import DataConfig, RowKind, make_dataset, write_training
from charter.errors import ConfigError
from charter.evaluate import REWARD_PREFIX, Scorer, create_scorer
from charter.guide import Guide
from charter.harness import EvalConfig, PromptChoice, evaluate_suite
from charter.job import JobConfig, JobResult
from charter.model import GenerateConfig, Model, ModelRole, get_model
from charter.report import load_report, read_training, write_report
from charter.store import RunStore
from charter.suite import Suite, read_suite, write_suite
from charter.train import TrainConfig, add_results, load_training_data, train

__all__ = ["LoopConfig", "LoopResult", "check_trainable", "train_loop"]

Say = Callable[[str], None]


class LoopConfig(BaseModel):
    """Settings of the training loop (``charter run --train`` flags)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    teacher: str | None = None  # None: the target itself (context distillation)
    held_out: float = 0.3
    train: TrainConfig = TrainConfig(steps=50)
    max_response_tokens: int = 64


class LoopResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    model_dir: Path
    train_suite: Path
    test_suite: Path
    sft: Path
    rows: int
    before: str
    after: str


def check_trainable(target: str) -> None:
    """Only ``hf/`` and ``local/`` targets have weights to train: refuse others before the job runs."""
    if not target.startswith(("hf/", "local/")):
        raise ConfigError(f"--train: target {target!r} has no weights Charter can train",
                          hint="use an hf/<model or folder> or local/<embedded model> target")


def _split(suite: Suite, held_out: float, seed: int, out: Path) -> tuple[Suite, Suite, Path, Path]:
    parts = split(suite.cases, {"train": 1 - held_out, "test": held_out}, seed=seed)
    if not parts["train"] or not parts["test"]:
        raise ConfigError(f"the suite's {len(suite.cases)} cases fall in too few groups to hold "
                          f"{held_out:.0%} out and still train", hint="use a larger profile (--profile full) or --n")
    tr = suite.model_copy(update={"name": f"{suite.name}-train", "cases": parts["train"]})
    te = suite.model_copy(update={"name": f"{suite.name}-test", "cases": parts["test"]})
    return tr, te, write_suite(tr, out / "train.jsonl"), write_suite(te, out / "test.jsonl")


async def _before_after(guide: Guide, test: Suite, base: str, trained: str, judge: str | None, store: RunStore,
                        max_tokens: int, seed: int) -> tuple[str, str]:
    ids = []
    for name in (base, trained):
        target = get_model(name, role=ModelRole.target)
        jm: Model | Scorer | None = None
        if judge and judge.startswith(REWARD_PREFIX):
            jm = create_scorer("reward", path=judge[len(REWARD_PREFIX):])
        elif judge:
            jm = get_model(judge, role=ModelRole.judge)
        try:
            cfg = EvalConfig(prompt=PromptChoice(label="none"), name=f"loop:{guide.meta.name}:{name}",
                             generate=GenerateConfig(max_tokens=max_tokens, temperature=0.0, seed=seed),
                             judge_mode="yesno")
            ids.append((await evaluate_suite(guide, test, target, store=store, judge=jm, config=cfg)).id)
        finally:
            for m in (target, jm):
                if isinstance(m, Model):
                    await m.aclose()
    return ids[0], ids[1]


def train_loop(guide: Guide, job: JobResult, cfg: JobConfig, loop: LoopConfig | None = None, *,
               say: Say = print) -> LoopResult:
    """After :func:`charter.job.run_job`: build, curate, train, evaluate before / after, card."""
    lc = loop or LoopConfig()
    check_trainable(cfg.target)
    out = job.out_dir / "train"
    say(f"train 1/4: split {job.suite} by group ({lc.held_out:.0%} held out)")
    train_suite, test_suite, train_path, test_path = _split(read_suite(job.suite), lc.held_out, cfg.seed, out)
    say(f"  {len(train_suite.cases)} cases to build data from, {len(test_suite.cases)} held out")
    teacher_name = lc.teacher or cfg.target
    say(f"train 2/4: build SFT rows (teacher {teacher_name} with the compiled prompt; rows a scorer fails are dropped)")
    teacher = get_model(teacher_name, role=ModelRole.generator,
                        config=GenerateConfig(max_tokens=lc.max_response_tokens, temperature=0.0, seed=cfg.seed))
    try:
        result, _ = make_dataset(RowKind.sft, guide, train_suite.cases, teacher,
                                 DataConfig(system_prompt=job.prompt.read_text(encoding="utf-8"), seed=cfg.seed,
                                            store=cfg.store))
    finally:
        asyncio.run(teacher.aclose())
    if not result.rows:
        raise ConfigError(f"no SFT row: the guide's scorers failed all {len(train_suite.cases)} answers of "
                          f"{teacher_name}", hint="pass a stronger --teacher")
    sft, _ = write_training(result.rows, out / "sft.jsonl")
    data = load_training_data([sft], kind=RowKind.sft, against=[test_path])
    say(f"  {sft}: {len(result.rows)} rows, {len(data.dropped)} refused by the firewall against {test_path}")
    model_dir = out / "model"
    say(f"train 3/4: train {cfg.target} (SFT, {lc.train.steps} steps{', LoRA' if lc.train.lora else ''}) → {model_dir}")
    train(RowKind.sft, data, cfg.target, model_dir, lc.train, guide=guide)
    say(f"train 4/4: evaluate before and after on the {len(test_suite.cases)} held-out cases, write the cards")
    with RunStore(cfg.store) as store:
        before, after = asyncio.run(_before_after(guide, test_suite, cfg.target, f"hf/{model_dir}", cfg.judge, store,
                                                  lc.max_response_tokens, cfg.seed))
        add_results(model_dir, store, before, after, guide=guide)
        reports = {label: load_report(store, rid, guide=guide, variant=label) for label, rid in job.runs.items()}
    main, *others = reports.values()
    write_report(main, job.out_dir, others, training=[read_training(model_dir)])
    return LoopResult(model_dir=model_dir, train_suite=train_path, test_suite=test_path, sft=sft,
                      rows=len(data.rows), before=before, after=after)
