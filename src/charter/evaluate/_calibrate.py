"""Calibration: agreement between scorers and human labels, and which rules to trust.

Labels come from CSV or JSONL with columns (synonyms accepted): ``case_id`` (or ``id``),
``text`` (or ``response``), ``rule_id``, ``label`` (or ``verdict`` / ``human``: a verdict
``pass``/``fail`` or a class such as ``full_refusal``), ``scorer``, ``split``. A scorer's
prediction is its verdict when the human label is a verdict, else its class (``Score.label``
or a class in ``Score.metadata``, e.g. the refusal check's ``metadata["refusal"]``).

A rule's (or scorer's) numbers are **trusted** when Cohen's kappa ≥ ``min_kappa`` (0.6) and
n ≥ ``min_n`` (10).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import ConfigError
from charter.guide import Expected
from charter.suite import Case, Intent, Message
from charter.types import Response, Score, Scorer

__all__ = ["Agreement", "Calibration", "HumanLabel", "agreement", "calibrate", "cohen_kappa",
           "read_labels", "render_agreement_markdown"]

_ALIASES = {"case_id": ("case_id", "case", "id"), "text": ("text", "response", "response_text", "output"),
            "rule_id": ("rule_id", "rule"), "label": ("label", "verdict", "human", "human_label", "class"),
            "scorer": ("scorer", "scorer_id"), "split": ("split",), "source": ("source",), "note": ("note",)}


class HumanLabel(BaseModel):
    """One human judgement of one response."""

    model_config = ConfigDict(frozen=True)

    case_id: str | None = None
    text: str | None = None
    rule_id: str | None = None
    label: str
    scorer: str | None = None
    split: str | None = None
    source: str | None = None
    note: str | None = None
    line: int = 0


def _norm_label(v: str) -> str:
    v = v.strip().lower().replace(" ", "_").replace("-", "_")
    return {"passed": "pass", "failed": "fail", "n/a": "na"}.get(v, v)


def read_labels(path: str | Path) -> list[HumanLabel]:
    """Read human labels from a ``.csv`` or ``.jsonl`` file (errors name file:line)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"labels file '{p}' not found", hint="pass a .csv or .jsonl file of human labels")
    rows: list[tuple[int, dict[str, object]]] = []
    if p.suffix.lower() == ".csv":
        with p.open(newline="", encoding="utf-8") as f:
            rows = [(i + 2, dict(r)) for i, r in enumerate(csv.DictReader(f))]
    elif p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ConfigError(f"{p}:{i}: not JSON ({e.msg})", hint="one JSON object per line") from None
                if not isinstance(obj, dict):
                    raise ConfigError(f"{p}:{i}: expected a JSON object", hint="one JSON object per line")
                rows.append((i, obj))
    else:
        raise ConfigError(f"labels file '{p}' must end in .csv or .jsonl")
    out = []
    for lineno, r in rows:
        low = {str(k).strip().lower(): v for k, v in r.items()}
        got = {key: next((str(low[a]) for a in names if low.get(a) not in (None, "")), None)
               for key, names in _ALIASES.items()}
        if not got["label"]:
            raise ConfigError(f"{p}:{lineno}: no label", hint="give each row a 'label' (or 'verdict' / 'human') column")
        if not got["text"] and not got["case_id"]:
            raise ConfigError(f"{p}:{lineno}: neither response text nor case id",
                              hint="give each row 'text' (the response) or 'case_id' (with --run / --responses)")
        fields: dict[str, Any] = {**got, "label": _norm_label(got["label"] or "")}
        out.append(HumanLabel(line=lineno, **fields))
    return out


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (human, predicted) label pairs; None when undefined (no pairs)."""
    n = len(pairs)
    if n == 0:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if pe >= 1.0:
        return 1.0 if po == 1.0 else 0.0
    return (po - pe) / (1 - pe)


class Agreement(BaseModel):
    """Agreement of a scorer with humans: accuracy, kappa, confusion matrix (human → predicted)."""

    model_config = ConfigDict(frozen=True)

    n: int
    accuracy: float | None
    kappa: float | None
    labels: list[str]
    confusion: dict[str, dict[str, int]]
    trusted: bool
    reason: str = ""


def agreement(pairs: Sequence[tuple[str, str]], *, min_kappa: float = 0.6, min_n: int = 10) -> Agreement:
    """:class:`Agreement` of (human, predicted) pairs, with the trust flag."""
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    conf = {h: {p: 0 for p in labels} for h in labels}
    for a, b in pairs:
        conf[a][b] += 1
    n = len(pairs)
    kappa = cohen_kappa(pairs)
    acc = sum(a == b for a, b in pairs) / n if n else None
    reasons = []
    if n < min_n:
        reasons.append(f"n={n} < {min_n}")
    if kappa is None or kappa < min_kappa:
        reasons.append(f"kappa={'n/a' if kappa is None else f'{kappa:.2f}'} < {min_kappa}")
    return Agreement(n=n, accuracy=acc, kappa=kappa, labels=labels, confusion=conf,
                     trusted=not reasons, reason="; ".join(reasons))


class Calibration(BaseModel):
    """Agreement per scorer and per rule; :func:`compute_metrics` shows the trust flags."""

    model_config = ConfigDict(frozen=True)

    scorers: dict[str, Agreement] = Field(default_factory=dict)
    rules: dict[str, Agreement] = Field(default_factory=dict)
    min_kappa: float = 0.6
    min_n: int = 10

    def rule_trust(self) -> dict[str, bool]:
        return {k: a.trusted for k, a in self.rules.items()}


def _predicted(score: Score, human: str) -> str:
    if human in ("pass", "fail", "error", "na"):
        return "na" if score.verdict.value == "n/a" else score.verdict.value
    for v in score.metadata.values():
        if isinstance(v, str) and v == human:
            return v
    if score.label:
        return score.label
    for key in ("refusal", "class"):
        if isinstance(score.metadata.get(key), str):
            return str(score.metadata[key])
    return score.verdict.value


def _prefer_class(score: Score) -> str | None:
    for key in ("refusal", "class"):
        v = score.metadata.get(key)
        if isinstance(v, str):
            return v
    return None


async def calibrate(labels: Sequence[HumanLabel], scorers: Sequence[Scorer], *,
                    cases: Mapping[str, Case] | None = None, responses: Mapping[str, str] | None = None,
                    min_kappa: float = 0.6, min_n: int = 10) -> Calibration:
    """Score each labelled response with each scorer (only the one a row names, when it names
    one) and measure agreement per scorer and per rule."""
    cases = cases or {}
    responses = responses or {}
    by_scorer: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_rule: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, lab in enumerate(labels):
        text = lab.text if lab.text is not None else responses.get(lab.case_id or "")
        if text is None:
            raise ConfigError(f"label line {lab.line}: no response text for case '{lab.case_id}'",
                              hint="add a 'text' column, or pass --run / --responses holding that case")
        case = cases.get(lab.case_id or "") or Case(
            id=lab.case_id or f"label-{i + 1}", messages=[Message(role="user", content="(prompt not given)")],
            expected=Expected.comply, intent=Intent.benign, rule_ids=[lab.rule_id] if lab.rule_id else [])
        for scorer in scorers:
            if lab.scorer and lab.scorer != scorer.id:
                continue
            score = await scorer(case, Response(text=text))
            cls = _prefer_class(score)
            is_verdict = lab.label in ("pass", "fail", "error", "na")
            pred = cls if cls is not None and not is_verdict else _predicted(score, lab.label)
            by_scorer[scorer.id].append((lab.label, pred))
            rule = lab.rule_id or score.rule_id or (case.rule_ids[0] if case.rule_ids else None) or "(none)"
            by_rule[rule].append((lab.label, pred))
    return Calibration(
        scorers={k: agreement(v, min_kappa=min_kappa, min_n=min_n) for k, v in sorted(by_scorer.items())},
        rules={k: agreement(v, min_kappa=min_kappa, min_n=min_n) for k, v in sorted(by_rule.items())},
        min_kappa=min_kappa, min_n=min_n,
    )


def render_agreement_markdown(a: Agreement, *, title: str = "") -> str:
    """Per-class n / precision / recall, overall accuracy and kappa, and the confusion matrix."""
    lines = [f"### {title}", ""] if title else []
    acc = "n/a" if a.accuracy is None else f"{a.accuracy:.1%}"
    kap = "n/a" if a.kappa is None else f"{a.kappa:.3f}"
    lines += [f"Accuracy: **{acc}** (n = {a.n}); Cohen's kappa: **{kap}**.", "",
              "| class | n (human) | predicted | correct | precision | recall |", "|---|---:|---:|---:|---:|---:|"]
    for c in a.labels:
        n_h = sum(a.confusion[c].values())
        n_p = sum(a.confusion[h][c] for h in a.labels)
        tp = a.confusion[c][c]
        prec = f"{tp / n_p:.1%}" if n_p else "n/a"
        rec = f"{tp / n_h:.1%}" if n_h else "n/a"
        lines.append(f"| {c} | {n_h} | {n_p} | {tp} | {prec} | {rec} |")
    lines += ["", "Confusion matrix (rows: human label, columns: predicted):", "",
              "| human \\ predicted | " + " | ".join(a.labels) + " |", "|---|" + "---:|" * len(a.labels)]
    for h in a.labels:
        lines.append(f"| {h} | " + " | ".join(str(a.confusion[h][p]) for p in a.labels) + " |")
    return "\n".join(lines) + "\n"
