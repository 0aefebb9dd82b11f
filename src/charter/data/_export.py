"""Exports of training rows (JSONL, Parquet, Hugging Face ``datasets``) with a dataset card.

Every export writes only the training columns (``id`` + TRL columns); metadata goes to the
``<name>.meta.jsonl`` sidecar. The card (``README.md`` in the output directory) states the
guide (name, version, hash), the models, seeds, filters applied and counts.
``pyarrow`` and ``datasets`` are optional (extra ``data``) and imported only when used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charter.data._rows import RowKind, TrainingRow, write_training
from charter.errors import ConfigError, MissingExtraError

__all__ = ["FORMATS", "DatasetCard", "export_rows"]

FORMATS = ("jsonl", "parquet", "hf")

_COLUMNS = {
    RowKind.sft: "`messages` (conversational, no system prompt)",
    RowKind.prefs: "`prompt`, `chosen`, `rejected` (conversational)",
    RowKind.kto: "`prompt`, `completion` (conversational), `label` (bool: desirable)",
}
_TRAINERS = {RowKind.sft: "trl.SFTTrainer", RowKind.prefs: "trl.DPOTrainer / trl.RewardTrainer",
             RowKind.kto: "trl.KTOTrainer"}


@dataclass
class DatasetCard:
    """What a dataset card states. ``render()`` gives the README.md text."""

    name: str
    kind: RowKind
    guide_name: str | None = None
    guide_version: str | None = None
    guide_hash: str | None = None
    models: dict[str, str] = field(default_factory=dict)  # role → provider/model
    seeds: dict[str, int | None] = field(default_factory=dict)
    filters: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    notes: str = ""

    def render(self) -> str:
        front = {"pretty_name": self.name, "tags": ["charter", "behavior-guide", self.kind.value],
                 "configs": [{"config_name": "default", "data_files": f"{self.name}.jsonl"}]}
        lines = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", "",
                 f"# {self.name}", "",
                 f"{self.kind.value.upper()} training data built by Charter from a behavior guide.", "",
                 "## Guide", "",
                 f"- name: {self.guide_name or 'unknown'}",
                 f"- version: {self.guide_version or 'unknown'}",
                 f"- sha256: {self.guide_hash or 'unknown'}", "",
                 "## Format", "",
                 f"- columns: `id`, {_COLUMNS[self.kind]}",
                 f"- trainer: {_TRAINERS[self.kind]}",
                 f"- metadata (rule ids, case ids, scores, reasons) is in `{self.name}.meta.jsonl`, "
                 "keyed by `id`; it is never part of the training text.", "",
                 "## Models", ""]
        lines += [f"- {role}: `{m}`" for role, m in sorted(self.models.items())] or ["- none"]
        lines += ["", "## Seeds", ""]
        lines += [f"- {k}: {v}" for k, v in sorted(self.seeds.items())] or ["- none"]
        lines += ["", "## Filters applied", ""]
        lines += [f"- {f}" for f in self.filters] or ["- none"]
        lines += ["", "## Counts", "", "| what | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(self.counts.items())]
        if self.sources:
            lines += ["", "## Sources", ""] + [f"- {s}" for s in self.sources]
        if self.notes:
            lines += ["", self.notes]
        return "\n".join(lines) + "\n"


def export_rows(rows: Sequence[TrainingRow], out_dir: str | Path, *, card: DatasetCard,
                formats: Sequence[str] = ("jsonl",), push_to_hub: str | None = None) -> dict[str, Path]:
    """Write ``rows`` to ``out_dir`` in each of ``formats`` plus ``README.md`` (the card).

    ``push_to_hub`` (a repo id) uploads the Hugging Face dataset; only when asked."""
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ConfigError(f"unknown export format(s): {', '.join(bad)}", hint=f"choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: exists and is not a directory", hint="pass a directory for exports")
    out.mkdir(parents=True, exist_ok=True)
    records = [r.training_record() for r in rows]
    written: dict[str, Path] = {}
    jsonl, meta = write_training(rows, out / f"{card.name}.jsonl")
    written["jsonl"], written["meta"] = jsonl, meta
    if "parquet" in formats:
        written["parquet"] = _write_parquet(records, out / f"{card.name}.parquet")
    if "hf" in formats or push_to_hub:
        written["hf"] = _write_hf(records, out / "hf", push_to_hub)
    card_path = out / "README.md"
    card_path.write_text(card.render(), encoding="utf-8")
    written["card"] = card_path
    return written


def _write_parquet(records: list[dict[str, Any]], path: Path) -> Path:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("pyarrow", "data", "Parquet export") from None
    pq.write_table(pa.Table.from_pylist(records), path)
    return path


def _write_hf(records: list[dict[str, Any]], path: Path, push_to_hub: str | None) -> Path:
    try:
        import datasets
    except ImportError:
        raise MissingExtraError("datasets", "data", "Hugging Face datasets export") from None
    ds = datasets.Dataset.from_list(records)
    ds.save_to_disk(str(path))
    if push_to_hub:
        ds.push_to_hub(push_to_hub)
    return path
