"""The run store: runs, records and the response cache in one append-only SQLite file."""

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
    "SCHEMA_VERSION",
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
    "decode_output",
    "default_store_path",
    "encode_output",
]
