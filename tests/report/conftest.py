"""Fixtures: a small offline suite of the minimal guide, and helpers to run the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli import main
from charter.suite import write_suite
from charter.synth import synthesize


@pytest.fixture
def suite_path(tmp_path: Path, minimal_guide_path: Path) -> Path:
    # n caps what synth generates; repeats and unrealistic cases are then left out, so ask
    # for a few more and keep exactly 60 (the tests below count them)
    suite = synthesize(minimal_guide_path, n=70, seed=3)
    assert len(suite.cases) >= 60
    return write_suite(suite.model_copy(update={"cases": suite.cases[:60]}), tmp_path / "suite.jsonl")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "runs.db"


def run_cli(*args: object) -> int:
    return main([str(a) for a in args])


def eval_run(guide: Path, suite: Path, store: Path, target: str, *extra: object) -> int:
    return run_cli("eval", guide, "--suite", suite, "--target", target, "--store", store, *extra)


def last_run_id(store: Path) -> str:
    from charter.store import RunStore

    with RunStore(store) as s:
        return s.list_runs()[0].id
