"""``train_reward``: a reward model (TRL's RewardTrainer, a one-output sequence-classification
head) on preference pairs, scored on pairs held out by prompt group.

The held-out pairs give ``reward_eval.json``: how often the chosen response gets the higher
reward, overall and per rule id (Wilson 95% intervals; "too few pairs" under five), and the
threshold the reward judge (``--judge rm/<dir>``) compares a reward with: the midpoint between
two neighbouring rewards that best separates chosen from rejected responses.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from charter.data import PreferenceRow, RowKind, TrainingRow
from charter.errors import ConfigError
from charter.evaluate import REWARD_EVAL_FILE, Rate, RewardModel, reward_messages
from charter.guide import Guide
from charter.train._base import load_base, require, resolve_base
from charter.train._card import render_card
from charter.train._data import TrainingData, trl_records
from charter.train._run import (
    TrainConfig,
    TrainResult,
    _dataset,
    guide_record,
    portable,
    run_trainer,
    trainer_args,
)

__all__ = ["MIN_PAIRS", "best_threshold", "pair_accuracy", "split_pairs", "train_reward"]

#: fewer held-out pairs than this and an accuracy is reported as "too few pairs"
MIN_PAIRS = 5
NO_RULE = "(no rule id)"


def _group_keys(row: TrainingRow) -> list[str]:
    keys = [f"prompt:{row.prompt_text.strip().lower()}"]
    group = row.metadata.get("group")
    if group:
        keys.append(f"group:{group}")
    return keys


def split_pairs(rows: Sequence[TrainingRow], fraction: float, *, seed: int = 0
                ) -> tuple[list[TrainingRow], list[TrainingRow], int]:
    """(train, held out, number of groups): pairs are grouped by prompt text and by their
    case's ``group`` (from the sidecar), joined when they share either, so no prompt (and no
    variation of one case) is on both sides; whole groups, in a seeded hash order, are held out
    until ``fraction`` of the pairs is reached. At least one group stays on each side."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in rows:
        keys = _group_keys(r)
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(find(_group_keys(r)[0]), []).append(i)
    if fraction <= 0:
        return list(rows), [], len(groups)
    if len(groups) < 2:
        raise ConfigError(f"cannot hold out pairs: all {len(rows)} pairs share one prompt group",
                          hint="add pairs for other prompts, or pass --eval-fraction 0 (no held-out score)")
    order = sorted(groups, key=lambda g: hashlib.sha256(f"{seed}\x00{g}".encode()).hexdigest())
    want = fraction * len(rows)
    held: set[int] = set()
    for g in order[:-1]:  # the last group always trains
        if len(held) >= want:
            break
        held.update(groups[g])
    return ([r for i, r in enumerate(rows) if i not in held], [r for i, r in enumerate(rows) if i in held],
            len(groups))


def best_threshold(chosen: Sequence[float], rejected: Sequence[float]) -> tuple[float, float]:
    """(threshold, share of the responses it classifies right): of the midpoints between
    neighbouring distinct rewards, the one that best tells chosen (``>=`` threshold) from
    rejected (``<``); among equally good ones, the middle one."""
    values = sorted(set(chosen) | set(rejected))
    if not values:
        raise ValueError("no rewards to place a threshold between")
    cands = ([values[0] - 1.0] + [(a + b) / 2 for a, b in itertools.pairwise(values)]
             + [values[-1] + 1.0])
    total = len(chosen) + len(rejected)

    def right(t: float) -> int:
        return sum(1 for c in chosen if c >= t) + sum(1 for r in rejected if r < t)

    scored = [(right(t), t) for t in cands]
    best = max(k for k, _ in scored)
    ties = [t for k, t in scored if k == best]
    return ties[len(ties) // 2], best / total


def _rate(k: int, n: int) -> dict[str, Any]:
    r = Rate.of(k, n)
    out: dict[str, Any] = {"k": k, "n": n, "rate": r.rate, "low": r.low, "high": r.high}
    if n < MIN_PAIRS:
        out["note"] = "too few pairs"
    return out


def pair_accuracy(scored: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy of chosen over rejected (strictly higher reward) overall and per rule id, from
    ``scored`` items ``{"rule_ids": [...], "chosen": r, "rejected": r}``."""
    wins = [bool(p["chosen"] > p["rejected"]) for p in scored]
    by_rule: dict[str, list[bool]] = {}
    for p, w in zip(scored, wins, strict=True):
        for rid in p["rule_ids"] or [NO_RULE]:
            by_rule.setdefault(str(rid), []).append(w)
    return {"overall": _rate(sum(wins), len(wins)),
            "by_rule": {rid: _rate(sum(ws), len(ws)) for rid, ws in sorted(by_rule.items())}}


def _score_pairs(rm: RewardModel, rows: Sequence[TrainingRow]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        assert isinstance(r, PreferenceRow)
        chosen = rm.reward(reward_messages(r.prompt, "\n".join(m.content for m in r.chosen)))
        rejected = rm.reward(reward_messages(r.prompt, "\n".join(m.content for m in r.rejected)))
        out.append({"id": r.id, "rule_ids": [str(x) for x in r.metadata.get("rule_ids") or []],
                    "chosen": round(chosen, 6), "rejected": round(rejected, 6)})
    return out


def train_reward(data: TrainingData, base: str, out: Path, config: TrainConfig | None = None,
                 *, guide: Guide | None = None, resume: bool = True) -> TrainResult:
    """Train a reward model from ``base`` on the preference pairs of ``data`` (TRL's
    RewardTrainer), holding out ``config.eval_fraction`` of them by prompt group; write the
    model (``AutoModelForSequenceClassification``, one label), ``reward_eval.json`` (held-out
    accuracy overall and per rule, the judge's threshold, every held-out reward) and the card."""
    cfg = config or TrainConfig()
    if data.kind is not RowKind.prefs:
        raise ConfigError(f"the data holds {data.kind.value} rows, not prefs",
                          hint="a reward model learns from prompt/chosen/rejected rows (`charter data prefs`)")
    train_rows, held, n_groups = split_pairs(data.rows, cfg.eval_fraction, seed=cfg.seed)
    spec = resolve_base(base)
    torch = require("torch")
    trl = require("trl")
    gpu = bool(torch.cuda.is_available())
    tok, lm = load_base(spec, reward=True)
    out.mkdir(parents=True, exist_ok=True)
    lr = cfg.learning_rate("reward")
    bf16 = gpu and bool(torch.cuda.is_bf16_supported())
    peft_config = None
    if cfg.lora:
        peft = require("peft")
        peft_config = peft.LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, task_type="SEQ_CLS",
                                      target_modules="all-linear")
    train_data = replace(data, rows=list(train_rows))
    args = trl.RewardConfig(**trainer_args(cfg, out, lr, gpu, bf16))
    trainer = trl.RewardTrainer(model=lm, args=args, train_dataset=_dataset(trl_records(train_data)),
                                processing_class=tok, peft_config=peft_config)
    kept = len(trainer.train_dataset)
    if kept == 0:
        raise ConfigError(f"every training pair is longer than --max-length {cfg.max_length} tokens "
                          "(the reward trainer drops such pairs)", hint="raise --max-length")
    losses, last = run_trainer(trainer, out, resume)
    model = trainer.model
    if cfg.lora:
        model.save_pretrained(str(out / "adapter"))
        model = model.merge_and_unload()
    model.config.pad_token_id = tok.pad_token_id
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    model.eval()
    rm = RewardModel(model, tok)
    source = "held-out" if held else "training"
    scored = _score_pairs(rm, held or train_rows)
    threshold, separation = best_threshold([p["chosen"] for p in scored], [p["rejected"] for p in scored])
    acc = pair_accuracy(scored)
    reward_eval: dict[str, Any] = {
        "pairs": len(scored), "source": source,
        "accuracy": acc["overall"], "by_rule": acc["by_rule"],
        "threshold": {"value": round(threshold, 6), "pairs": len(scored), "source": source,
                      "separation": round(separation, 4)},
        "split": {"eval_fraction": cfg.eval_fraction, "seed": cfg.seed, "groups": n_groups,
                  "train_pairs": len(train_rows), "held_out_pairs": len(held),
                  "train_pairs_within_max_length": kept},
        "rewards": scored,
    }
    (out / REWARD_EVAL_FILE).write_text(json.dumps(reward_eval, indent=1), encoding="utf-8")
    settings: dict[str, Any] = {**cfg.model_dump(), "lr": lr, "trainer": f"trl.{type(trainer).__name__}",
                                "trl": trl.__version__, "device": "cuda" if gpu else "cpu", "bf16": bf16,
                                "resumed_from": last.name if last else None}
    card = out / "README.md"
    extra = {"reward_eval": {k: v for k, v in reward_eval.items() if k != "rewards"}}
    card.write_text(render_card(kind="reward", base=portable(spec), data=train_data, settings=settings,
                                guide=guide_record(guide), losses=losses, extra=extra), encoding="utf-8")
    return TrainResult(output_dir=out, card=card, kind=RowKind.prefs, losses=losses,
                       resumed_from=str(last) if last else None, rows=len(train_rows), reward_eval=reward_eval)
