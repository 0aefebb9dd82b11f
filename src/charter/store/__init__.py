"""The run store: runs, records and the response cache in one append-only SQLite file."""

from charter.store._answers import ANSWER_MODEL_PREFIX, AnswerCache, current_answer_cache
from charter.store._gc import RUN_GC_THRESHOLD, fewer_collections
from charter.store._records import RunInfo, RunRecord, RunStatus
from charter.store._rows import CacheRow, CaseRow, RequestRow, ResponseRow, ScoreRow
from charter.store._schema import SCHEMA_VERSION
from charter.store._store import (
    RunStore,
    WriteBatch,
    decode_output,
    default_store_path,
    encode_output,
)

__all__ = [
    "ANSWER_MODEL_PREFIX",
    "RUN_GC_THRESHOLD",
    "SCHEMA_VERSION",
    "AnswerCache",
    "CacheRow",
    "CaseRow",
    "RequestRow",
    "ResponseRow",
    "RunInfo",
    "RunRecord",
    "RunStatus",
    "RunStore",
    "ScoreRow",
    "WriteBatch",
    "current_answer_cache",
    "decode_output",
    "default_store_path",
    "encode_output",
    "fewer_collections",
]
