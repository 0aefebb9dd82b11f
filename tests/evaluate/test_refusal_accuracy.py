"""The refusal detector's accuracy claimed in data/labels/REFUSAL_ACCURACY.md is recomputed
here from data/labels/refusal.jsonl (held-out test split); the test fails if they drift."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from charter.cli.calibrate import MEASURED_END, MEASURED_START, calibration_markdown
from charter.evaluate import calibrate, create_scorer, read_labels

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "data" / "labels" / "refusal.jsonl"
REPORT = ROOT / "data" / "labels" / "REFUSAL_ACCURACY.md"
CLASSES = {"full_compliance", "full_refusal", "partial_refusal"}


def test_labelled_set_shape() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    assert {r["label"] for r in rows} == CLASSES
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert all(r["text"].strip() and r["source"] and "note" in r for r in rows)
    assert len({r["text"] for r in rows}) == len(rows) and len({r["id"] for r in rows}) == len(rows)
    per_class = Counter(r["label"] for r in rows)
    assert min(per_class.values()) >= 80


async def test_accuracy_file_matches_recomputation() -> None:
    labels = [lab for lab in read_labels(LABELS) if lab.split == "test"]
    cal = await calibrate(labels, [create_scorer("refusal")])
    expected = calibration_markdown(cal, title="refusal.jsonl (test split)").strip()
    text = REPORT.read_text(encoding="utf-8")
    measured = text[text.index(MEASURED_START): text.index(MEASURED_END) + len(MEASURED_END)].strip()
    assert measured == expected
    assert cal.scorers["refusal"].n == sum(1 for _ in labels)
