"""One SFT run of the embedded 135M model shared by the tests that only read what it wrote
(training it once instead of once per test saves a model load, four steps and a save on a CPU)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from charter.cli import main
from charter.data import write_training


@dataclass(frozen=True)
class SFTRun:
    data: Path  # the training rows
    suite: Path  # the eval suite the firewall compared them with
    out: Path  # the trained model (loadable as hf/<out>)
    args: tuple[str, ...]  # the `charter train sft` arguments but -o and --steps

    def train(self, out: Path, steps: int) -> int:
        """The same training into ``out`` for ``steps`` steps (resumes from a checkpoint there)."""
        return main(["train", "sft", *self.args, "-o", str(out), "--steps", str(steps)])


@pytest.fixture(scope="session")
def sft_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SFTRun]:
    """`charter train sft` on 32 rows (4 of them in the eval suite), 4 steps, a checkpoint at the end."""
    from tests.train.test_train import EXAMPLE, _sft_rows, _suite_with

    tmp = tmp_path_factory.mktemp("sft")
    data, _ = write_training(_sft_rows(), tmp / "sft.jsonl")
    suite = _suite_with(tmp / "eval.jsonl", "Question 2: can you help me with the modem lights?")
    run = SFTRun(data=data, suite=suite, out=tmp / "model",
                 args=(str(data), "--base", "local/smollm2-135m-instruct", "--lr", "1e-4", "--max-length", "48",
                       "--batch-size", "2", "--against", str(suite), "--guide", str(EXAMPLE)))
    assert run.train(run.out, 4) == 0
    yield run
    shutil.rmtree(tmp, ignore_errors=True)  # ~2 GB of weights, checkpoint and optimizer state
