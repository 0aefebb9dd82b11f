"""Charter's training files as trainers see them: read as written by ``charter data``, the
contamination firewall against eval suites, file hashes and rule coverage."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.curate import firewall
from charter.data import RowKind, TrainingRow, meta_path, read_training
from charter.errors import ConfigError
from charter.suite import read_suite

__all__ = ["DataFile", "Dropped", "TrainingData", "load_training_data", "trl_records"]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class DataFile:
    """One training file read: its path, sha256, the sidecar's sha256 and its row count."""

    path: str
    sha256: str
    rows: int
    meta_sha256: str | None = None


@dataclass(frozen=True)
class Dropped:
    """A training row refused by the firewall: it matches eval case ``eval_id`` of ``suite``."""

    row_id: str
    suite: str
    eval_id: str
    kind: str
    similarity: float


@dataclass
class TrainingData:
    """The rows to train on, where they came from and what the firewall refused."""

    kind: RowKind
    rows: list[TrainingRow]
    files: list[DataFile]
    dropped: list[Dropped] = field(default_factory=list)
    against: list[str] = field(default_factory=list)

    def rule_coverage(self) -> dict[str, int]:
        """Rows per rule id (from the ``.meta.jsonl`` sidecar), sorted by rule id."""
        counts: Counter[str] = Counter()
        for r in self.rows:
            for rid in r.metadata.get("rule_ids") or []:
                counts[str(rid)] += 1
        return dict(sorted(counts.items()))

    @property
    def rows_without_rules(self) -> int:
        return sum(1 for r in self.rows if not r.metadata.get("rule_ids"))


def load_training_data(paths: list[Path], *, kind: RowKind, against: list[Path] | None = None,
                       threshold: float = 0.8) -> TrainingData:
    """Read ``paths`` (all of ``kind``), then drop every row whose prompt is an exact or near
    duplicate of a case of a suite in ``against`` (the contamination firewall)."""
    if not paths:
        raise ConfigError("no training file given", hint=f"pass one or more files built by `charter data {kind.value}`")
    rows: list[TrainingRow] = []
    files: list[DataFile] = []
    for p in paths:
        got, file_rows = read_training(p, kind=kind)
        if not file_rows:  # read_training reports an empty file only when it has to detect the kind
            raise ConfigError(f"{p}: no training rows found (the file is empty)",
                              hint=f"build one with `charter data {kind.value}`")
        if got is not kind:  # pragma: no cover - read_training enforces the kind
            raise ConfigError(f"{p}: holds {got.value} rows, not {kind.value}")
        mp = meta_path(p)
        files.append(DataFile(str(p), _sha256(p), len(file_rows), _sha256(mp) if mp.is_file() else None))
        rows.extend(file_rows)
    data = TrainingData(kind=kind, rows=rows, files=files)
    for suite_path in against or []:
        cases = list(read_suite(suite_path).cases)
        result = firewall(data.rows, cases, threshold=threshold)
        data.dropped.extend(Dropped(data.rows[c.index].id, str(suite_path), c.eval_id, c.kind, c.similarity)
                            for c in result.contaminated)
        data.rows = result.clean
        data.against.append(str(suite_path))
    if not data.rows:
        raise ConfigError(f"no {kind.value} row left to train on after the contamination firewall "
                          f"({len(data.dropped)} dropped)",
                          hint="build training data from cases that are not in the eval suite "
                               "(charter curate --split, then charter data on the train part)")
    return data


def _role(role: str) -> str:
    return "system" if role == "developer" else ("user" if role == "tool" else role)


def trl_records(data: TrainingData) -> list[dict[str, Any]]:
    """The rows in TRL's conversational columns (no id, no metadata; KTO's ``label`` as is)."""
    out: list[dict[str, Any]] = []
    for r in data.rows:
        rec = r.training_record()
        out.append({k: [{"role": _role(m["role"]), "content": m["content"]} for m in v] if isinstance(v, list) else v
                    for k, v in rec.items() if k != "id"})
    return out
