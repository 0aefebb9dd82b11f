"""The run store: runs, records and the response cache in one append-only SQLite file."""

from charter.store._records import RunInfo, RunRecord, RunStatus
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
    "RunInfo",
    "RunRecord",
    "RunStatus",
    "RunStore",
    "WriteBatch",
    "decode_output",
    "default_store_path",
    "encode_output",
]
