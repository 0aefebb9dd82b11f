"""Training on the guide's data: ``charter train sft|dpo`` on TRL's trainers, from ``hf/``
models or the embedded GGUF files, with the contamination firewall, checkpoints and a model
card. Needs the ``train`` extra; torch, transformers, trl and peft load only when training."""

from charter.train._base import BaseSpec, resolve_base
from charter.train._data import DataFile, Dropped, TrainingData, load_training_data, trl_records
from charter.train._run import TrainConfig, TrainResult, train

__all__ = [
    "BaseSpec",
    "DataFile",
    "Dropped",
    "TrainConfig",
    "TrainResult",
    "TrainingData",
    "load_training_data",
    "resolve_base",
    "train",
    "trl_records",
]
