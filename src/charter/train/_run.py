"""``train``: TRL's SFTTrainer, DPOTrainer and KTOTrainer on Charter's data files (the reward
model, which needs a held-out split and a different head, is in :mod:`charter.train._reward`)."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.data import RowKind
from charter.errors import ConfigError
from charter.guide import Guide
from charter.train._base import BaseSpec, load_base, require, resolve_base
from charter.train._card import render_card
from charter.train._data import TrainingData, trl_records

__all__ = ["DEFAULT_LR", "TrainConfig", "TrainResult", "train"]


class TrainConfig(BaseModel):
    """Training settings; every one is recorded in the model card."""

    model_config = ConfigDict(extra="forbid")

    steps: int = Field(default=100, ge=1, description="Optimizer steps.")
    lr: float | None = Field(default=None, gt=0, description="Learning rate (default: see learning_rate()).")
    batch_size: int = Field(default=2, ge=1)
    grad_accum: int = Field(default=1, ge=1)
    max_length: int = Field(default=1024, ge=16, description="Tokens per example (longer ones are cut).")
    lora: bool = False
    lora_r: int = Field(default=16, ge=1)
    lora_alpha: int = Field(default=32, ge=1)
    beta: float = Field(default=0.1, gt=0, description="DPO / KTO beta.")
    eval_fraction: float = Field(default=0.2, ge=0, lt=1,
                                 description="Reward model: share of the pairs held out (by prompt group) to score it.")
    save_steps: int = Field(default=50, ge=1, description="Checkpoint every this many steps (and at the end).")
    seed: int = 0
    logging_steps: int = Field(default=1, ge=1)

    def learning_rate(self, method: str) -> float:
        """``lr``, else the default of ``method`` (sft, prefs = DPO, kto, reward)."""
        if self.lr is not None:
            return self.lr
        full, lora = DEFAULT_LR.get(method, DEFAULT_LR["prefs"])
        return lora if self.lora else full


#: default learning rates (full fine-tuning, LoRA) per method
DEFAULT_LR: dict[str, tuple[float, float]] = {
    "sft": (2e-5, 2e-4), "prefs": (5e-7, 5e-6), "kto": (1e-6, 1e-5), "reward": (1e-5, 1e-4),
}
_TRAINERS = {RowKind.sft: "SFT", RowKind.prefs: "DPO", RowKind.kto: "KTO"}


@dataclass
class TrainResult:
    """What a training run produced: the model folder, its card and the logged losses."""

    output_dir: Path
    card: Path
    kind: RowKind
    losses: list[tuple[int, float]] = field(default_factory=list)
    resumed_from: str | None = None
    rows: int = 0
    #: the reward model's held-out evaluation (``charter train reward`` only)
    reward_eval: dict[str, Any] | None = None


def _checkpoint(out: Path) -> Path | None:
    cps = [p for p in out.glob("checkpoint-*") if p.is_dir() and p.name.split("-")[-1].isdigit()]
    return max(cps, key=lambda p: int(p.name.split("-")[-1])) if cps else None


def portable(spec: BaseSpec) -> dict[str, Any]:
    """The base as the card records it: a GGUF base by name, file and hash, not by the
    folder it happens to be installed in on this machine."""
    d = asdict(spec)
    if spec.gguf_file:
        d.pop("path")
    return d


def _dataset(records: list[dict[str, Any]]) -> Any:
    datasets = require("datasets")
    return datasets.Dataset.from_list(records)


def trainer_args(cfg: TrainConfig, out: Path, lr: float, gpu: bool, bf16: bool) -> dict[str, Any]:
    """The TrainingArguments every Charter trainer shares (recorded in the card)."""
    return dict(
        output_dir=str(out), max_steps=cfg.steps, learning_rate=lr, per_device_train_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum, logging_steps=cfg.logging_steps, save_strategy="steps",
        save_steps=cfg.save_steps, save_total_limit=2, seed=cfg.seed, report_to=[], max_length=cfg.max_length,
        disable_tqdm=True, dataloader_num_workers=0, use_cpu=not gpu, bf16=bf16,
    )


def run_trainer(trainer: Any, out: Path, resume: bool) -> tuple[list[tuple[int, float]], Path | None]:
    """Train (from the last checkpoint in ``out`` when ``resume``), write ``train_log.json``;
    the logged losses and the checkpoint resumed from."""
    last = _checkpoint(out) if resume else None
    trainer.train(resume_from_checkpoint=str(last) if last else None)
    losses = [(int(e["step"]), float(e["loss"])) for e in trainer.state.log_history if "loss" in e]
    (out / "train_log.json").write_text(json.dumps(trainer.state.log_history, indent=1), encoding="utf-8")
    return losses, last


def guide_record(guide: Guide | None) -> dict[str, Any] | None:
    return {"name": guide.meta.name, "version": guide.meta.version, "sha256": guide.fingerprint()} if guide else None


def train(kind: RowKind, data: TrainingData, base: str, out: Path, config: TrainConfig | None = None,
          *, guide: Guide | None = None, resume: bool = True) -> TrainResult:
    """Train ``base`` on ``data`` with TRL (SFT for sft rows, DPO for prefs rows, KTO for kto
    rows) into ``out``: checkpoints (``checkpoint-N``, resumed when present and ``resume``), the
    final model and tokenizer (loadable as ``hf/<out>``) and README.md, the model card."""
    cfg = config or TrainConfig()
    if kind not in _TRAINERS:
        raise ConfigError(f"charter train cannot train on {kind.value} rows",
                          hint="use sft rows (train sft), preference rows (train dpo / train reward) or kto rows")
    if data.kind is not kind:
        raise ConfigError(f"the data holds {data.kind.value} rows, not {kind.value}",
                          hint=f"pass files built by `charter data {kind.value}`")
    if kind is RowKind.kto and cfg.batch_size < 2:
        raise ConfigError(f"--batch-size {cfg.batch_size}: KTO needs at least 2 rows per batch "
                          "(its KL term compares each completion with another row's prompt)",
                          hint="pass --batch-size 2 or more")
    spec = resolve_base(base)
    torch = require("torch")
    trl = require("trl")
    gpu = bool(torch.cuda.is_available())
    tok, lm = load_base(spec)
    out.mkdir(parents=True, exist_ok=True)
    lr = cfg.learning_rate(kind.value)
    bf16 = gpu and bool(torch.cuda.is_bf16_supported())
    common = trainer_args(cfg, out, lr, gpu, bf16)
    peft_config = None
    if cfg.lora:
        peft = require("peft")
        peft_config = peft.LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, task_type="CAUSAL_LM",
                                      target_modules="all-linear")
    ds = _dataset(trl_records(data))
    if kind is RowKind.sft:
        args = trl.SFTConfig(**common, packing=False)
        trainer = trl.SFTTrainer(model=lm, args=args, train_dataset=ds, processing_class=tok, peft_config=peft_config)
    else:
        # the frozen reference is a copy of the base (TRL would reload it from the config's path,
        # which fails for a GGUF base); with LoRA the base without its adapter is the reference
        ref = None if cfg.lora else copy.deepcopy(lm)
        if kind is RowKind.prefs:
            args = trl.DPOConfig(**common, beta=cfg.beta)
            trainer = trl.DPOTrainer(model=lm, ref_model=ref, args=args, train_dataset=ds, processing_class=tok,
                                     peft_config=peft_config)
        else:
            args = trl.KTOConfig(**common, beta=cfg.beta)
            trainer = trl.KTOTrainer(model=lm, ref_model=ref, args=args, train_dataset=ds, processing_class=tok,
                                     peft_config=peft_config)
    losses, last = run_trainer(trainer, out, resume)
    model = trainer.model
    if cfg.lora:
        model.save_pretrained(str(out / "adapter"))
        model = model.merge_and_unload()
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    settings: dict[str, Any] = {**cfg.model_dump(exclude={"eval_fraction"}), "lr": lr,
                                "trainer": f"trl.{type(trainer).__name__}", "trl": trl.__version__,
                                "device": "cuda" if gpu else "cpu", "bf16": bf16,
                                "resumed_from": last.name if last else None}
    extra = _kto_balance(data) if kind is RowKind.kto else None
    card = out / "README.md"
    card.write_text(render_card(kind=kind.value, base=portable(spec), data=data, settings=settings,
                                guide=guide_record(guide), losses=losses, extra=extra), encoding="utf-8")
    return TrainResult(output_dir=out, card=card, kind=kind, losses=losses,
                       resumed_from=str(last) if last else None, rows=len(data.rows))


def _kto_balance(data: TrainingData) -> dict[str, Any]:
    """Desirable / undesirable rows overall and per rule (KTO weighs the two kinds)."""
    per_rule: dict[str, dict[str, int]] = {}
    total = {"desirable": 0, "undesirable": 0}
    for r in data.rows:
        key = "desirable" if getattr(r, "label", False) else "undesirable"
        total[key] += 1
        for rid in r.metadata.get("rule_ids") or []:
            per_rule.setdefault(str(rid), {"desirable": 0, "undesirable": 0})[key] += 1
    return {"labels": total, "labels_by_rule": dict(sorted(per_rule.items()))}
