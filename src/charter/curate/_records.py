"""Records: one row of any file curate reads (suite cases or SFT / preference / KTO rows).

``read_records`` detects the row kind from the first valid line; a line of another kind is
an error naming ``file:line`` (or skipped and listed with ``skip_bad``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter.data import RowKind, TrainingRow, detect_row_kind, read_training, write_training
from charter.errors import SuiteError
from charter.suite import Case, Suite, iter_cases, read_suite, write_suite

__all__ = ["Record", "read_records", "suite_header", "text_of", "write_records"]


@dataclass(frozen=True)
class Record:
    """One row with what curation needs: id, kind, prompt text, rules, group."""

    item: Case | TrainingRow
    line: int = 0

    @property
    def kind(self) -> RowKind:
        return RowKind.case if isinstance(self.item, Case) else self.item.kind

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def text(self) -> str:
        return text_of(self.item)

    def _meta(self, key: str) -> Any:
        if isinstance(self.item, Case):
            return getattr(self.item, key)
        return self.item.metadata.get(key)

    @property
    def rule_ids(self) -> list[str]:
        v = self._meta("rule_ids")
        return [str(x) for x in v] if isinstance(v, list) else []

    @property
    def group(self) -> str:
        g = self._meta("group")
        return str(g) if g else self.id

    def attr(self, name: str) -> str:
        """A metadata axis as text ('' when unknown): rule, use_case, intent, technique, ..."""
        if name == "rule":
            return self.rule_ids[0] if self.rule_ids else ""
        v: Any = getattr(self.item, name, None) if isinstance(self.item, Case) else self.item.metadata.get(name)
        if hasattr(v, "value"):
            v = v.value
        return "" if v is None else str(v)


def text_of(item: Any) -> str:
    """The prompt text of a row (user turns joined): what dedup and the firewall compare."""
    if isinstance(item, str):
        return item
    if isinstance(item, Record):
        return text_of(item.item)
    if isinstance(item, Case):
        return "\n".join(m.content for m in item.messages if m.role == "user") or item.prompt
    if hasattr(item, "prompt_text"):
        return str(item.prompt_text)
    if isinstance(item, dict):
        msgs = item.get("messages") or item.get("prompt") or []
        if isinstance(msgs, str):
            return msgs
        return "\n".join(str(m.get("content", "")) for m in msgs if isinstance(m, dict) and m.get("role") == "user")
    raise TypeError(f"cannot take the text of {type(item).__name__}")


def _peek_kind(p: Path) -> RowKind | None:
    with p.open("rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(obj, dict) and "_suite" in obj:
                return RowKind.case
            k = detect_row_kind(obj)
            if k is not None:
                return k
    return None


def read_records(path: str | Path, *, skip_bad: bool = False,
                 errors: list[str] | None = None) -> tuple[RowKind, list[Record]]:
    """Read a suite or a training file; the kind is detected. Empty or unrecognisable files
    raise :class:`SuiteError` saying which kinds are understood."""
    p = Path(path)
    if not p.exists():
        raise SuiteError(f"{p}: file not found")
    if p.is_dir():
        raise SuiteError(f"{p}: is a directory, expected a .jsonl file")
    kind = _peek_kind(p)
    if kind is None:
        empty = p.stat().st_size == 0 or not p.read_bytes().strip()
        what = "is empty" if empty else "has no line curate understands"
        raise SuiteError(f"{p}: {what}",
                         hint="curate reads suites (Case JSONL) and training files: SFT {messages}, "
                              "preferences {prompt, chosen, rejected}, KTO {prompt, completion, label}")
    if kind is RowKind.case:
        return kind, [Record(c) for c in iter_cases(p, skip_bad=skip_bad, errors=errors)]
    kind, rows = read_training(p, kind=kind, skip_bad=skip_bad, errors=errors)
    return kind, [Record(r) for r in rows]


def suite_header(path: str | Path) -> Suite | None:
    """The header of a suite file (name, guide, seed), without its cases."""
    try:
        s = read_suite(path, skip_bad=True)
    except SuiteError:
        return None
    return s.model_copy(update={"cases": []})


def write_records(records: Sequence[Record] | Iterable[Record], path: str | Path, *,
                  name: str | None = None, split: str | None = None) -> list[Path]:
    """Write records of one kind back to JSONL (suites keep their format; training files get
    their ``.meta.jsonl`` sidecar). ``split`` is recorded on cases / in the metadata."""
    recs = list(records)
    p = Path(path)
    if recs and recs[0].kind is RowKind.case:
        cases = [r.item.model_copy(update={"split": split}) if split else r.item for r in recs]
        suite = Suite(name=name or p.stem, cases=cases)
        return [write_suite(suite, p)]
    rows: list[TrainingRow] = []
    for r in recs:
        row = r.item
        assert not isinstance(row, Case)
        if split:
            row = row.model_copy(update={"metadata": {**row.metadata, "split": split}})
        rows.append(row)
    return list(write_training(rows, p))
