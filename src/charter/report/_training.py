"""The training a model went through, read back from the model card ``charter train`` wrote
(``DIR/README.md``, its ``charter:`` YAML front matter), and the card's "Training data" and
"Training" sections built from it.

The reader parses the front matter itself (``charter.train`` sits beside ``charter.report``
in the layer table, so the report imports nothing from it); only the fields the card shows are
typed, the rest is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from charter.errors import ConfigError
from charter.guide import Guide

__all__ = ["TrainingCard", "read_training", "training_lines"]

_HINT = "pass the -o folder of a `charter train` run (it holds README.md with a `charter:` front matter block)"


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)


class TrainedGuide(_Loose):
    name: str | None = None
    version: str | None = None
    sha256: str | None = None


class TrainedBase(_Loose):
    name: str
    gguf_file: str | None = None
    sha256: str | None = None


class TrainedFile(_Loose):
    path: str
    sha256: str
    rows: int


class RefusedRow(_Loose):
    row_id: str
    suite: str
    eval_id: str
    kind: str
    similarity: float


class Firewall(_Loose):
    against: list[str] = Field(default_factory=list)
    dropped: int = 0
    dropped_rows: list[RefusedRow] = Field(default_factory=list)


class Loss(_Loose):
    first: float | None = None
    last: float | None = None
    steps_logged: int = 0


class ResultRate(_Loose):
    k: int
    n: int
    rate: float | None = None
    low: float | None = None
    high: float | None = None
    conclusive: bool = False


class ResultGroup(_Loose):
    harm_metric: str
    harm: ResultRate
    false_refusal: ResultRate


class RunResult(_Loose):
    run: str
    target: str
    overall: ResultGroup
    by_rule: dict[str, ResultGroup] = Field(default_factory=dict)


class BeforeAfter(_Loose):
    before: RunResult
    after: RunResult
    #: per "overall" / rule id: {"harm": {"change": ...}, "false_refusal": {...}} or {"only_in": ...}
    changes: dict[str, dict[str, Any]] = Field(default_factory=dict)


class TrainingCard(_Loose):
    """The ``charter:`` block of a trained model's card, and the folder it was read from."""

    folder: str = ""
    method: str
    base_model: TrainedBase
    guide: TrainedGuide | None = None
    data: list[TrainedFile] = Field(default_factory=list)
    firewall: Firewall = Field(default_factory=Firewall)
    rows: int = 0
    rule_coverage: dict[str, int] = Field(default_factory=dict)
    rows_without_rule_ids: int = 0
    training: dict[str, Any] = Field(default_factory=dict)
    loss: Loss = Field(default_factory=Loss)
    results: BeforeAfter | None = None


def read_training(folder: str | Path) -> TrainingCard:
    """The training record of ``folder`` (an output folder of ``charter train``), from the
    ``charter:`` block of its README.md. ConfigError (with the file and a hint) when the folder,
    the card, its front matter or the block is missing or of another shape."""
    d = Path(folder)
    card = d / "README.md"
    if not d.is_dir():
        raise ConfigError(f"{d}: no such folder (--train wants the output folder of `charter train`)", hint=_HINT)
    if not card.is_file():
        raise ConfigError(f"{card}: no model card in this folder", hint=_HINT)
    text = card.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ConfigError(f"{card}:1: no YAML front matter", hint=_HINT)
    head = text[4:].split("\n---\n", 1)[0]
    try:
        front = yaml.safe_load(head)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""  # +1 for 1-based, +1 for the opening ---
        raise ConfigError(f"{card}{line}: the front matter is not valid YAML ({getattr(e, 'problem', None) or e})",
                          hint="train again, or restore the card `charter train` wrote") from None
    block = front.get("charter") if isinstance(front, dict) else None
    if not isinstance(block, dict):
        raise ConfigError(f"{card}:1: the front matter has no charter: block", hint=_HINT)
    try:
        rec = TrainingCard.model_validate(block)
    except ValidationError as e:
        first = e.errors()[0]
        raise ConfigError(f"{card}: not a `charter train` card ({e.error_count()} problems, first: charter."
                          f"{'.'.join(map(str, first['loc']))}: {first['msg']})", hint=_HINT) from None
    return rec.model_copy(update={"folder": str(d)})


_SETTINGS = ("steps", "lr", "batch_size", "grad_accum", "max_length", "lora", "beta", "seed")


def _cell(r: ResultRate | None) -> str:
    if r is None or not r.n:
        return "—"
    if not r.conclusive or r.rate is None or r.low is None or r.high is None:
        return f"too few cases (n={r.n})"
    return f"{r.rate:.0%} [{r.low:.0%}–{r.high:.0%}] (n={r.n})"


def _data_lines(t: TrainingCard, guide: Guide) -> list[str]:
    lines = [f"### `{t.folder}` ({t.method.upper()} of {t.base_model.name})", ""]
    g = t.guide
    if g is None or not g.sha256:
        lines.append("- Guide: not recorded (trained without --guide)")
    else:
        same = g.sha256 == guide.fingerprint()
        lines.append(f"- Guide: {g.name} {g.version} (sha256 `{g.sha256[:12]}`)"
                     + ("" if same else ", **not this guide's version**: the rule ids below may differ"))
    for f in t.data:
        lines.append(f"- `{f.path}`: {f.rows} rows (sha256 `{f.sha256[:12]}`)")
    lines.append(f"- Trained on {t.rows} rows")
    known = {r.id for r in guide.rules}
    for rid, n in t.rule_coverage.items():
        lines.append(f"- Rule `{rid}`: {n} rows" + ("" if rid in known else " (not a rule of this guide)"))
    if t.rows_without_rule_ids:
        lines.append(f"- {t.rows_without_rule_ids} rows carry no rule id")
    untrained = sorted(known - set(t.rule_coverage))
    if untrained:
        lines.append("- Rules with no training rows: " + ", ".join(f"`{r}`" for r in untrained))
    fw = t.firewall
    if fw.against:
        lines.append(f"- Contamination firewall against {', '.join(f'`{a}`' for a in fw.against)}: "
                     f"{fw.dropped} rows refused")
        lines += [f"  - row `{d.row_id}` matches eval case `{d.eval_id}` of `{d.suite}` ({d.kind}, "
                  f"similarity {d.similarity:.2f})" for d in fw.dropped_rows]
    else:
        lines.append("- Contamination firewall: not run (trained without --against)")
    return [*lines, ""]


def _train_lines(t: TrainingCard) -> list[str]:
    s = t.training
    b = t.base_model
    base = f"`{b.name}`" + (f" (GGUF `{b.gguf_file}`, sha256 `{(b.sha256 or '')[:12]}`)" if b.gguf_file else "")
    lines = [f"### `{t.folder}` ({t.method.upper()} of {b.name})", "",
             f"- Method: {t.method.upper()} (`{s.get('trainer', 'trainer not recorded')}`, TRL {s.get('trl', '?')}) "
             f"from base model {base}",
             "- Settings: " + ", ".join(f"{k} {s[k]}" for k in _SETTINGS if k in s)
             + f"; device {s.get('device', '?')}, bf16 {s.get('bf16', '?')}"]
    if s.get("resumed_from"):
        lines.append(f"- Resumed from `{s['resumed_from']}`")
    if t.loss.first is not None and t.loss.last is not None:
        lines.append(f"- Loss: {t.loss.first:.4f} → {t.loss.last:.4f} ({t.loss.steps_logged} logged steps)")
    else:
        lines.append("- Loss: not logged")
    res = t.results
    if res is None:
        lines.append("- Before / after: not measured (add it with `charter train card DIR --before RUN --after RUN`)")
        return [*lines, ""]
    b0, a0 = res.before, res.after
    harm = a0.overall.harm_metric
    lines += [f"- Before: run `{b0.run}` ({b0.target}); after: run `{a0.run}` ({a0.target})", "",
              f"| rule | {harm} before | after | change | false-refusal rate before | after | change |",
              "|---|---|---|---|---|---|---|"]
    for key in ["overall", *sorted(set(b0.by_rule) | set(a0.by_rule))]:
        rb = b0.overall if key == "overall" else b0.by_rule.get(key)
        ra = a0.overall if key == "overall" else a0.by_rule.get(key)
        c = res.changes.get(key, {})
        name = key if key == "overall" else f"`{key}`"
        if rb is None or ra is None:
            lines.append(f"| {name} | {_cell(rb.harm if rb else None)} | {_cell(ra.harm if ra else None)} "
                         "| only in one run | | | |")
            continue
        lines.append(f"| {name} | {_cell(rb.harm)} | {_cell(ra.harm)} | {c.get('harm', {}).get('change', '—')} | "
                     f"{_cell(rb.false_refusal)} | {_cell(ra.false_refusal)} | "
                     f"{c.get('false_refusal', {}).get('change', '—')} |")
    return [*lines, ""]


def training_lines(guide: Guide, trainings: Sequence[TrainingCard]) -> list[str]:
    """The card's "Training data" and "Training" sections, one subsection per trained model."""
    if not trainings:
        return []
    lines = ["## Training data", "",
             "Read from the model card `charter train` wrote in each folder (files and hashes, rows per rule, "
             "rows the contamination firewall refused).", ""]
    for t in trainings:
        lines += _data_lines(t, guide)
    lines += ["## Training", ""]
    for t in trainings:
        lines += _train_lines(t)
    return lines
