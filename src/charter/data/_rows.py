"""Training rows (SFT, preference, KTO) and their files.

A training file holds only what a trainer reads: ``id`` plus the TRL columns
(``messages``; ``prompt``/``chosen``/``rejected``; ``prompt``/``completion``/``label``), all
in conversational form (lists of OpenAI chat messages). Everything else a row knows (case
id, rule ids, use case, intent, technique, group, teacher, judge, scores, margin, reasons)
lives in a **sidecar** file ``<name>.meta.jsonl`` keyed by the same ``id``, so metadata can
never leak into the training text. Row ids are content hashes, not case ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from charter.errors import SuiteError
from charter.suite import Message

__all__ = [
    "KTORow",
    "PreferenceRow",
    "RowKind",
    "SFTRow",
    "TrainingRow",
    "detect_row_kind",
    "meta_path",
    "read_training",
    "row_id",
    "training_text",
    "write_training",
]


class RowKind(StrEnum):
    """What one line of a JSONL file is."""

    case = "case"
    sft = "sft"
    prefs = "prefs"
    kto = "kto"


def row_id(kind: str, *parts: Sequence[Message] | str) -> str:
    """A stable id from the row's content (``sft-1a2b...``)."""
    h = hashlib.sha256(kind.encode())
    for p in parts:
        payload = p if isinstance(p, str) else json.dumps([m.to_openai() for m in p], sort_keys=True)
        h.update(b"\x00" + payload.encode())
    return f"{kind}-{h.hexdigest()[:16]}"


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    metadata: dict[str, Any] = Field(default_factory=dict, description="Sidecar only; never trained on.")

    kind: RowKind  # set by subclasses

    def training_record(self) -> dict[str, Any]:
        """``id`` + the columns the trainer reads; no metadata (each row kind defines it)."""
        raise TypeError(f"{type(self).__name__} does not define training_record()")

    def meta_record(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind.value, **self.metadata}

    @property
    def prompt_text(self) -> str:
        """The user turns of the prompt, joined (used for dedup and contamination)."""
        return "\n".join(m.content for m in self._prompt_messages() if m.role == "user")

    def _prompt_messages(self) -> list[Message]:
        raise TypeError(f"{type(self).__name__} does not define its prompt messages")


def _msgs(ms: Sequence[Message]) -> list[dict[str, Any]]:
    return [m.to_openai() for m in ms]


class SFTRow(_Row):
    """A conversation ending with the assistant turn to learn (no system prompt)."""

    kind: RowKind = RowKind.sft
    messages: list[Message] = Field(min_length=2)

    def training_record(self) -> dict[str, Any]:
        return {"id": self.id, "messages": _msgs(self.messages)}

    def _prompt_messages(self) -> list[Message]:
        return self.messages[:-1]


class PreferenceRow(_Row):
    """TRL conversational preference row: ``prompt`` turns, then ``chosen``/``rejected`` turns."""

    kind: RowKind = RowKind.prefs
    prompt: list[Message] = Field(min_length=1)
    chosen: list[Message] = Field(min_length=1)
    rejected: list[Message] = Field(min_length=1)

    def training_record(self) -> dict[str, Any]:
        return {"id": self.id, "prompt": _msgs(self.prompt), "chosen": _msgs(self.chosen),
                "rejected": _msgs(self.rejected)}

    def _prompt_messages(self) -> list[Message]:
        return self.prompt


class KTORow(_Row):
    """TRL conversational unpaired row: ``prompt``, ``completion``, ``label`` (desirable?)."""

    kind: RowKind = RowKind.kto
    prompt: list[Message] = Field(min_length=1)
    completion: list[Message] = Field(min_length=1)
    label: bool

    def training_record(self) -> dict[str, Any]:
        return {"id": self.id, "prompt": _msgs(self.prompt), "completion": _msgs(self.completion),
                "label": self.label}

    def _prompt_messages(self) -> list[Message]:
        return self.prompt


TrainingRow = SFTRow | PreferenceRow | KTORow
_ROW_TYPES: dict[RowKind, type[_Row]] = {RowKind.sft: SFTRow, RowKind.prefs: PreferenceRow, RowKind.kto: KTORow}


def training_text(row: TrainingRow | dict[str, Any]) -> str:
    """Everything a trainer would see of a row: the message contents, in order."""
    rec = row.training_record() if isinstance(row, _Row) else row
    parts: list[str] = []
    for col in ("messages", "prompt", "chosen", "rejected", "completion"):
        for m in rec.get(col) or []:
            parts.append(f"{m['role']}: {m['content']}")
    return "\n".join(parts)


def detect_row_kind(obj: Any) -> RowKind | None:
    """Which kind of row a decoded JSON line is, or None."""
    if not isinstance(obj, dict):
        return None
    if "chosen" in obj and "rejected" in obj:
        return RowKind.prefs
    if "completion" in obj and "label" in obj:
        return RowKind.kto
    if "messages" in obj and ("expected" in obj or "intent" in obj):
        return RowKind.case
    if "messages" in obj:
        return RowKind.sft
    return None


def meta_path(path: str | Path) -> Path:
    """``sft.jsonl`` → ``sft.meta.jsonl`` (the sidecar)."""
    p = Path(path)
    stem = p.name[: -len(".jsonl")] if p.name.endswith(".jsonl") else p.stem
    return p.with_name(f"{stem}.meta.jsonl")


def write_training(rows: Iterable[TrainingRow], path: str | Path) -> tuple[Path, Path]:
    """Write the training JSONL (TRL columns + id) and its ``.meta.jsonl`` sidecar."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    mp = meta_path(p)
    tmp, mtmp = p.with_name(p.name + ".tmp"), mp.with_name(mp.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh, mtmp.open("w", encoding="utf-8") as mh:
        for r in rows:
            fh.write(json.dumps(r.training_record(), ensure_ascii=False) + "\n")
            mh.write(json.dumps(r.meta_record(), ensure_ascii=False, default=str) + "\n")
    tmp.replace(p)
    mtmp.replace(mp)
    return p, mp


def _describe(e: Exception) -> str:
    if isinstance(e, UnicodeDecodeError):
        return "line is not valid UTF-8"
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON (column {e.colno}: {e.msg})"
    if isinstance(e, ValidationError):
        first = e.errors(include_url=False)[0]
        loc = ".".join(str(x) for x in first["loc"])
        return f"{loc}: {first['msg']}"
    return str(e)


def read_training(
    path: str | Path, *, kind: RowKind | None = None, skip_bad: bool = False,
    errors: list[str] | None = None,
) -> tuple[RowKind, list[TrainingRow]]:
    """Read a training file (and its sidecar, when present). The kind is detected from the
    first valid line unless given; a line of another kind is an error naming ``file:line``."""
    p = Path(path)
    if not p.is_file():
        raise SuiteError(f"{p}: training file not found", hint="build one with `charter data sft|prefs|kto`")
    meta: dict[str, dict[str, Any]] = {}
    mp = meta_path(p)
    if mp.is_file():
        for raw in mp.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                try:
                    m = json.loads(raw)
                except json.JSONDecodeError:
                    continue
                if isinstance(m, dict) and "id" in m:
                    meta[str(m["id"])] = {k: v for k, v in m.items() if k not in ("id", "kind")}
    rows: list[TrainingRow] = []
    with p.open("rb") as fh:
        for lineno, raw_line in enumerate(fh, 1):
            if not raw_line.strip():
                continue
            try:
                obj = json.loads(raw_line.decode("utf-8"))
                k = detect_row_kind(obj)
                if k is None or k is RowKind.case:
                    raise ValueError(f"not a training row (found keys: {', '.join(sorted(obj)) if isinstance(obj, dict) else type(obj).__name__})")
                if kind is None:
                    kind = k
                elif k is not kind:
                    raise ValueError(f"a {k.value} row in a {kind.value} file")
                obj = dict(obj)
                obj.setdefault("id", f"{k.value}-line{lineno}")
                obj["metadata"] = meta.get(str(obj["id"]), {})
                rows.append(_ROW_TYPES[k].model_validate(obj))  # type: ignore[arg-type]
            except (UnicodeDecodeError, ValueError, ValidationError) as e:
                where = f"{p}:{lineno}"
                if skip_bad:
                    if errors is not None:
                        errors.append(f"{where}: {_describe(e)}")
                    continue
                raise SuiteError(f"{where}: {_describe(e)}",
                                 hint="fix that line, or pass --skip-bad to read the rest") from None
    if kind is None:
        raise SuiteError(f"{p}: no training rows found (the file is empty)",
                         hint="build one with `charter data sft|prefs|kto`")
    return kind, rows
