"""``train_sft`` / ``train_dpo``: TRL's SFTTrainer and DPOTrainer on Charter's data files."""

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

__all__ = ["TrainConfig", "TrainResult", "train"]


class TrainConfig(BaseModel):
    """Training settings; every one is recorded in the model card."""

    model_config = ConfigDict(extra="forbid")

    steps: int = Field(default=100, ge=1, description="Optimizer steps.")
    lr: float | None = Field(default=None, gt=0, description="Learning rate (default 2e-5 for SFT, 5e-7 for DPO; 2e-4 with LoRA).")
    batch_size: int = Field(default=2, ge=1)
    grad_accum: int = Field(default=1, ge=1)
    max_length: int = Field(default=1024, ge=16, description="Tokens per example (longer ones are cut).")
    lora: bool = False
    lora_r: int = Field(default=16, ge=1)
    lora_alpha: int = Field(default=32, ge=1)
    beta: float = Field(default=0.1, gt=0, description="DPO beta.")
    save_steps: int = Field(default=50, ge=1, description="Checkpoint every this many steps (and at the end).")
    seed: int = 0
    logging_steps: int = Field(default=1, ge=1)

    def learning_rate(self, kind: RowKind) -> float:
        if self.lr is not None:
            return self.lr
        if self.lora:
            return 2e-4 if kind is RowKind.sft else 5e-6
        return 2e-5 if kind is RowKind.sft else 5e-7


@dataclass
class TrainResult:
    """What a training run produced: the model folder, its card and the logged losses."""

    output_dir: Path
    card: Path
    kind: RowKind
    losses: list[tuple[int, float]] = field(default_factory=list)
    resumed_from: str | None = None
    rows: int = 0


def _checkpoint(out: Path) -> Path | None:
    cps = [p for p in out.glob("checkpoint-*") if p.is_dir() and p.name.split("-")[-1].isdigit()]
    return max(cps, key=lambda p: int(p.name.split("-")[-1])) if cps else None


def _portable(spec: BaseSpec) -> dict[str, Any]:
    """The base as the card records it: a GGUF base by name, file and hash, not by the
    folder it happens to be installed in on this machine."""
    d = asdict(spec)
    if spec.gguf_file:
        d.pop("path")
    return d


def _dataset(data: TrainingData) -> Any:
    datasets = require("datasets")
    return datasets.Dataset.from_list(trl_records(data))


def train(kind: RowKind, data: TrainingData, base: str, out: Path, config: TrainConfig | None = None,
          *, guide: Guide | None = None, resume: bool = True) -> TrainResult:
    """Train ``base`` on ``data`` with TRL (SFT for sft rows, DPO for prefs rows) into ``out``:
    checkpoints (``checkpoint-N``, resumed when present and ``resume``), the final model and
    tokenizer (loadable as ``hf/<out>``) and README.md, the model card."""
    cfg = config or TrainConfig()
    if kind not in (RowKind.sft, RowKind.prefs):
        raise ConfigError(f"charter train cannot train on {kind.value} rows yet",
                          hint="use sft rows (charter train sft) or preference rows (charter train dpo)")
    if data.kind is not kind:
        raise ConfigError(f"the data holds {data.kind.value} rows, not {kind.value}",
                          hint=f"pass files built by `charter data {kind.value}`")
    spec = resolve_base(base)
    torch = require("torch")
    trl = require("trl")
    gpu = bool(torch.cuda.is_available())
    tok, lm = load_base(spec)
    out.mkdir(parents=True, exist_ok=True)
    lr = cfg.learning_rate(kind)
    common: dict[str, Any] = dict(
        output_dir=str(out), max_steps=cfg.steps, learning_rate=lr, per_device_train_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum, logging_steps=cfg.logging_steps, save_strategy="steps",
        save_steps=cfg.save_steps, save_total_limit=2, seed=cfg.seed, report_to=[], max_length=cfg.max_length,
        disable_tqdm=True, dataloader_num_workers=0, use_cpu=not gpu,
        bf16=gpu and bool(torch.cuda.is_bf16_supported()),
    )
    peft_config = None
    if cfg.lora:
        peft = require("peft")
        peft_config = peft.LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, task_type="CAUSAL_LM",
                                      target_modules="all-linear")
    ds = _dataset(data)
    if kind is RowKind.sft:
        args = trl.SFTConfig(**common, packing=False)
        trainer = trl.SFTTrainer(model=lm, args=args, train_dataset=ds, processing_class=tok, peft_config=peft_config)
    else:
        args = trl.DPOConfig(**common, beta=cfg.beta)
        # the frozen reference is a copy of the base (TRL would reload it from the config's path,
        # which fails for a GGUF base); with LoRA the base without its adapter is the reference
        ref = None if cfg.lora else copy.deepcopy(lm)
        trainer = trl.DPOTrainer(model=lm, ref_model=ref, args=args, train_dataset=ds, processing_class=tok,
                                 peft_config=peft_config)
    last = _checkpoint(out) if resume else None
    trainer.train(resume_from_checkpoint=str(last) if last else None)
    losses = [(int(e["step"]), float(e["loss"])) for e in trainer.state.log_history if "loss" in e]
    model = trainer.model
    if cfg.lora:
        model.save_pretrained(str(out / "adapter"))
        model = model.merge_and_unload()
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    (out / "train_log.json").write_text(json.dumps(trainer.state.log_history, indent=1), encoding="utf-8")
    settings: dict[str, Any] = {**cfg.model_dump(), "lr": lr, "trainer": f"trl.{type(trainer).__name__}",
                                "trl": trl.__version__,
                                "device": "cuda" if gpu else "cpu", "bf16": common["bf16"], "resumed_from": last.name if last else None}
    g = {"name": guide.meta.name, "version": guide.meta.version, "sha256": guide.fingerprint()} if guide else None
    card = out / "README.md"
    card.write_text(render_card(kind=kind.value, base=_portable(spec), data=data, settings=settings, guide=g,
                                losses=losses), encoding="utf-8")
    return TrainResult(output_dir=out, card=card, kind=kind, losses=losses,
                       resumed_from=str(last) if last else None, rows=len(data.rows))


