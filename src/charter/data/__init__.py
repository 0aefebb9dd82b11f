"""Training data from a guide: SFT (context distillation), preference pairs and KTO rows,
with exports (JSONL, Parquet, Hugging Face datasets) and a dataset card.

Training files hold only ``id`` + the TRL columns; metadata lives in a ``.meta.jsonl``
sidecar keyed by ``id`` (see :mod:`charter.data._rows`).
"""

from charter.data._build import (
    ADVERSARIAL_INTENTS,
    BuildResult,
    balance,
    build_kto,
    build_preferences,
    build_sft,
    generate_all,
    is_adversarial,
    kto_from_preferences,
)
from charter.data._canaries import (
    MAX_CANARIES,
    Canary,
    canaries_in,
    canary_rows,
    make_canaries,
    read_canaries,
    write_canaries,
)
from charter.data._export import FORMATS, DatasetCard, export_rows
from charter.data._pipeline import (
    DataConfig,
    guide_scorers,
    identical_candidates_hint,
    make_dataset,
    write_dataset,
)
from charter.data._rank import (
    JudgeRanker,
    Ranker,
    Ranking,
    RewardRanker,
    ScoreRanker,
    candidate_value,
    failed_scores,
    why_failed,
)
from charter.data._rows import (
    KTORow,
    PreferenceRow,
    RowKind,
    SFTRow,
    TrainingRow,
    detect_row_kind,
    meta_path,
    read_training,
    row_id,
    training_text,
    write_training,
)

__all__ = [
    "ADVERSARIAL_INTENTS",
    "FORMATS",
    "MAX_CANARIES",
    "BuildResult",
    "Canary",
    "DataConfig",
    "DatasetCard",
    "JudgeRanker",
    "KTORow",
    "PreferenceRow",
    "Ranker",
    "Ranking",
    "RewardRanker",
    "RowKind",
    "SFTRow",
    "ScoreRanker",
    "TrainingRow",
    "balance",
    "build_kto",
    "build_preferences",
    "build_sft",
    "canaries_in",
    "canary_rows",
    "candidate_value",
    "detect_row_kind",
    "export_rows",
    "failed_scores",
    "generate_all",
    "guide_scorers",
    "identical_candidates_hint",
    "is_adversarial",
    "kto_from_preferences",
    "make_canaries",
    "make_dataset",
    "meta_path",
    "read_canaries",
    "read_training",
    "row_id",
    "training_text",
    "why_failed",
    "write_canaries",
    "write_dataset",
    "write_training",
]
