"""`charter run GUIDE --train`: the whole loop on the embedded 135M model — the job, then a
grouped split of its suite, SFT rows from the train part (a mock teacher with the compiled
prompt), the firewall against the held-out part, a few SFT steps, the base and the trained
model evaluated on the held-out part, and both cards (slow, local)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from charter.cli import main
from charter.data import read_training
from charter.store import RunStore
from charter.suite import read_suite

ROOT = Path(__file__).resolve().parents[2]
BASE = "local/smollm2-135m-instruct"


@pytest.mark.slow
@pytest.mark.local
@pytest.mark.timeout(1500)  # the job, 3 training steps and two evaluations on 2 busy CPU cores (218 s measured)
def test_run_train_closes_the_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trl")
    out, store = tmp_path / "out", tmp_path / "runs.db"
    assert main(["run", str(ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml"), "--target", BASE,
                 "--judge", "none", "--generator", "none", "--train", "--teacher", "mock/cautious",
                 "--train-steps", "3", "--out", str(out), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    for step in ("train 1/4: split", "train 2/4: build SFT rows", "train 3/4: train", "train 4/4: evaluate"):
        assert step in err
    train, test = read_suite(out / "train" / "train.jsonl"), read_suite(out / "train" / "test.jsonl")
    whole = read_suite(out / "suite.jsonl")
    assert sorted(c.id for c in train.cases + test.cases) == sorted(c.id for c in whole.cases)
    assert {c.group for c in train.cases if c.group}.isdisjoint({c.group for c in test.cases if c.group})
    _, rows = read_training(out / "train" / "sft.jsonl")
    assert rows and all(m.role != "system" for r in rows for m in r.messages)  # context distillation
    model = out / "train" / "model"
    front = yaml.safe_load((model / "README.md").read_text().split("---\n")[1])["charter"]
    assert front["method"] == "sft" and front["firewall"]["against"] == [str(out / "train" / "test.jsonl")]
    assert front["loss"]["steps_logged"] == 3
    res = front["results"]
    assert res["before"]["target"] == BASE and res["after"]["target"] == f"hf/{model}"
    with RunStore(store) as s:
        for key in ("before", "after"):
            info = s.get_run(res[key]["run"])
            assert info.status == "complete" and info.n_done == len(test.cases)
    runs = json.loads((out / "summary.json").read_text())["runs"]
    assert res["before"]["run"] not in runs.values()
    card = (out / "card.md").read_text()
    assert f"### `{model}` (SFT of {BASE})" in card and "## Training data" in card
    assert f"- Before: run `{res['before']['run']}` ({BASE}); after: run `{res['after']['run']}` (hf/{model})" in card


def test_run_train_refuses_a_target_without_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(ROOT / "examples" / "isp-support.yaml"), "--target", "mock/cautious", "--judge", "none",
                 "--generator", "none", "--train", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "--train: target 'mock/cautious' has no weights Charter can train" in err and "hf/" in err
    assert not (tmp_path / "o").exists()


def test_run_train_steps_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(ROOT / "examples" / "isp-support.yaml"), "--target", "hf/x", "--train",
                 "--train-steps", "0", "--out", str(tmp_path / "o")]) == 2
    assert "--train-steps 0 is out of range" in capsys.readouterr().err
