"""Training on the guide's data: ``charter train sft|dpo|kto|reward`` on TRL's trainers, from
``hf/`` models or the embedded GGUF files, with the contamination firewall, checkpoints and a
model card; a reward model scored on held-out pairs (and usable as a judge, ``rm/<dir>``);
before / after results added to the card. Needs the ``train`` extra; torch, transformers,
trl and peft load only when training."""

from charter.train._base import BaseSpec, resolve_base
from charter.train._data import DataFile, Dropped, TrainingData, load_training_data, trl_records
from charter.train._results import add_results, run_results
from charter.train._reward import (
    MIN_PAIRS,
    best_threshold,
    pair_accuracy,
    split_pairs,
    train_reward,
)
from charter.train._run import DEFAULT_LR, TrainConfig, TrainResult, train

__all__ = [
    "DEFAULT_LR",
    "MIN_PAIRS",
    "BaseSpec",
    "DataFile",
    "Dropped",
    "TrainConfig",
    "TrainResult",
    "TrainingData",
    "add_results",
    "best_threshold",
    "load_training_data",
    "pair_accuracy",
    "resolve_base",
    "run_results",
    "split_pairs",
    "train",
    "train_reward",
    "trl_records",
]
