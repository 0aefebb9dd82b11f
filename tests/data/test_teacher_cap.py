"""`charter data --max-response-tokens`: a cap on the teacher's answers, and answers cut off at
the cap left out of the training rows.

Found preparing training data with the embedded 0.5B teacher: without a cap it wrote up to
1,024 tokens per answer (3 of 107 answers in seven minutes on two cores), and an answer that
stopped at the cap (finish_reason "length") would have become an SFT row that ends mid-sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli import main
from charter.guide import load_guide
from charter.suite import read_suite, write_suite
from charter.synth import synthesize


@pytest.fixture()
def suite(tmp_path: Path, minimal_guide_path: Path) -> Path:
    path = tmp_path / "suite.jsonl"
    write_suite(synthesize(load_guide(minimal_guide_path), n=40, seed=0), path)
    return path


def _data(kind: str, guide: Path, suite: Path, tmp: Path, *extra: str) -> tuple[int, Path]:
    out = tmp / f"{kind}.jsonl"
    rc = main(["data", kind, str(guide), "--suite", str(suite), "--teacher", "mock/comply",
               "--store", str(tmp / "runs.db"), "-o", str(out), *extra])
    return rc, out


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sft_leaves_out_answers_cut_at_the_cap(suite: Path, minimal_guide_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    n_cases = len(read_suite(suite).cases)
    rc, out = _data("sft", minimal_guide_path, suite, tmp_path, "--max-response-tokens", "5")
    text = capsys.readouterr().out
    assert rc == 0
    assert _rows(out) == []
    assert f"rows 0, truncated {n_cases}" in text
    assert f"left out {n_cases} teacher answer(s) cut off at the token cap" in text
    assert "raise --max-response-tokens" in text
    # a cap the answers fit under: the same cases give rows, none cut
    rc, out = _data("sft", minimal_guide_path, suite, tmp_path, "--max-response-tokens", "400")
    text = capsys.readouterr().out
    rows = _rows(out)
    assert rc == 0 and rows
    assert "truncated" not in text
    for row in rows:
        answer = row["messages"][-1]["content"]  # type: ignore[index]
        assert answer.startswith("Sure, here is help with your request:")


def test_prefs_with_every_candidate_cut_stops_with_the_reason(suite: Path, minimal_guide_path: Path,
                                                              tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    n_cases = len(read_suite(suite).cases)
    rc, _ = _data("prefs", minimal_guide_path, suite, tmp_path, "--max-response-tokens", "5")
    err = capsys.readouterr().err
    assert rc == 2
    assert f"no preference pairs from {n_cases} case(s)" in err
    assert (f"{n_cases} case(s) had fewer than two answers that were not cut off at the token cap "
            f"({2 * n_cases} answer(s) cut): raise --max-response-tokens") in err
    assert "identical candidates" not in err


def test_kto_labels_no_cut_answer(suite: Path, minimal_guide_path: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = _data("kto", minimal_guide_path, suite, tmp_path, "--max-response-tokens", "5")
    text = capsys.readouterr().out
    assert rc == 0
    assert _rows(out) == []
    assert "truncated" in text and "left out" in text


def test_the_cap_must_be_positive(suite: Path, minimal_guide_path: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    rc, _ = _data("sft", minimal_guide_path, suite, tmp_path, "--max-response-tokens", "0")
    assert rc == 2
    assert "--max-response-tokens" in capsys.readouterr().err
