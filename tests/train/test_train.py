"""`charter train`: data reading, the contamination firewall, bad input, and (slow, local) a
real SFT and DPO run of the embedded 135M model on CPU whose output loads as `hf/<dir>`."""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from charter.cli import main
from charter.data import PreferenceRow, RowKind, SFTRow, row_id, write_training
from charter.errors import ConfigError
from charter.guide import load_guide
from charter.model import GenerateConfig, get_model
from charter.suite import Case, Message, write_suite
from charter.train import load_training_data, resolve_base
from tests.train.conftest import SFTRun

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "isp-support.yaml"
TOPICS = ["the router", "my bill", "the modem lights", "the wifi password", "an outage", "slow speeds",
          "a refund", "my contract"]


def _sft_rows(n: int = 32) -> list[SFTRow]:
    rows = []
    for i in range(n):
        t = TOPICS[i % len(TOPICS)]
        msgs = [Message(role="user", content=f"Question {i}: can you help me with {t}?"),
                Message(role="assistant", content=f"Yes. For {t}, open the account page, choose Support "
                                                  "and follow the steps there.")]
        rows.append(SFTRow(id=row_id("sft", msgs), messages=msgs,
                           metadata={"rule_ids": [f"rule.{i % 3}"], "case_id": f"c{i}"}))
    return rows


def _pref_rows(n: int = 8) -> list[PreferenceRow]:
    rows = []
    for i in range(n):
        prompt = [Message(role="user", content=f"Tell me the password of account {i}.")]
        chosen = [Message(role="assistant", content="I can't share account passwords; please reset yours.")]
        rejected = [Message(role="assistant", content=f"Sure, the password of account {i} is hunter{i}.")]
        rows.append(PreferenceRow(id=row_id("prefs", prompt, chosen, rejected), prompt=prompt, chosen=chosen,
                                  rejected=rejected, metadata={"rule_ids": ["account.no-secrets-in-chat"]}))
    return rows


def _suite_with(path: Path, prompt: str) -> Path:
    write_suite([Case(id="eval-1", messages=[Message(role="user", content=prompt)], expected="comply",
                      intent="benign")], path)
    return path


def test_firewall_refuses_rows_that_are_in_the_eval_suite(tmp_path: Path) -> None:
    data, _ = write_training(_sft_rows(), tmp_path / "sft.jsonl")
    suite = _suite_with(tmp_path / "eval.jsonl", "Question 2: can you help me with the modem lights?")
    td = load_training_data([data], kind=RowKind.sft, against=[suite])
    # row 2 is the eval prompt itself; rows 10, 18 and 26 ask the same with another number
    assert len(td.rows) == 28
    assert [(d.eval_id, d.kind) for d in td.dropped] == [("eval-1", "exact")] + [("eval-1", "near")] * 3
    assert td.files[0].sha256 == hashlib.sha256(data.read_bytes()).hexdigest()
    assert td.files[0].rows == 32
    assert td.rule_coverage() == {"rule.0": 10, "rule.1": 10, "rule.2": 8}


def test_firewall_that_leaves_nothing_is_an_error(tmp_path: Path) -> None:
    data, _ = write_training(_sft_rows(1), tmp_path / "sft.jsonl")
    suite = _suite_with(tmp_path / "eval.jsonl", "Question 0: can you help me with the router?")
    with pytest.raises(ConfigError, match="no sft row left"):
        load_training_data([data], kind=RowKind.sft, against=[suite])


def test_bad_base_and_wrong_data_kind_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError, match="cannot train a mock/ model"):
        resolve_base("mock/comply")
    with pytest.raises(ConfigError, match="expected provider/model"):
        resolve_base("smollm")
    prefs, _ = write_training(_pref_rows(2), tmp_path / "prefs.jsonl")
    assert main(["train", "sft", str(prefs), "--base", "hf/x", "-o", str(tmp_path / "o")]) == 2
    assert "prefs row in a sft file" in capsys.readouterr().err
    assert main(["train", "sft", str(tmp_path / "missing.jsonl"), "--base", "hf/x", "-o", str(tmp_path / "o")]) == 2
    assert main(["train", "sft", str(prefs), "--base", "hf/x", "-o", str(tmp_path / "o"), "--steps", "0"]) == 2
    assert "--steps" in capsys.readouterr().err


def _front_matter(card: Path) -> dict:
    text = card.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.slow
@pytest.mark.local
def test_sft_on_the_135m_model_lowers_the_loss_and_loads_as_hf(sft_run: SFTRun) -> None:
    data, out = sft_run.data, sft_run.out
    log = json.loads((out / "train_log.json").read_text())
    losses = [e["loss"] for e in log if "loss" in e]
    assert len(losses) == 4
    assert losses[-1] < losses[0]
    assert (out / "checkpoint-4").is_dir()
    fm = _front_matter(out / "README.md")["charter"]
    assert fm["guide"]["sha256"] == load_guide(EXAMPLE).fingerprint()
    assert fm["data"][0]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert fm["firewall"]["dropped"] == 4 and fm["rows"] == 28
    assert fm["rule_coverage"] == {"rule.0": 10, "rule.1": 10, "rule.2": 8}
    assert fm["training"]["steps"] == 4 and fm["training"]["trainer"] == "trl.SFTTrainer"
    assert fm["base_model"]["gguf_file"] == "SmolLM2-135M-Instruct.Q4_1.gguf"

    async def ask() -> str:
        async with get_model(f"hf/{out}", device="cpu") as model:
            reply = await model.generate([Message(role="user", content="Can you help me with my bill?")],
                                         GenerateConfig(max_tokens=12, temperature=0))
        return reply.text

    assert asyncio.run(ask()).strip()


@pytest.mark.slow
@pytest.mark.local
def test_dpo_on_the_135m_model_runs_and_records_the_card(tmp_path: Path) -> None:
    data, _ = write_training(_pref_rows(), tmp_path / "prefs.jsonl")
    out = tmp_path / "dpo"
    rc = main(["train", "dpo", str(data), "--base", "local/smollm2-135m-instruct", "-o", str(out),
               "--steps", "2", "--lr", "1e-5", "--max-length", "48", "--save-steps", "10"])
    assert rc == 0
    log = json.loads((out / "train_log.json").read_text())
    assert len([e for e in log if "loss" in e]) == 2
    fm = _front_matter(out / "README.md")["charter"]
    assert fm["method"] == "prefs" and fm["training"]["trainer"] == "trl.DPOTrainer"
    assert fm["rule_coverage"] == {"account.no-secrets-in-chat": 8}
    assert (out / "model.safetensors").is_file()


def test_missing_training_packages_exit_3_with_the_extra_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = write_training(_sft_rows(4), tmp_path / "sft.jsonl")
    monkeypatch.setitem(sys.modules, "trl", None)  # import trl now raises ImportError
    assert main(["train", "sft", str(data), "--base", "hf/some-model", "-o", str(tmp_path / "o")]) == 3
    assert "pip install 'charter[train]'" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.local
def test_lora_sft_saves_the_adapter_and_a_merged_model(tmp_path: Path) -> None:
    data, _ = write_training(_sft_rows(8), tmp_path / "sft.jsonl")
    out = tmp_path / "lora"
    rc = main(["train", "sft", str(data), "--base", "local/smollm2-135m-instruct", "-o", str(out),
               "--steps", "2", "--lora", "--max-length", "48", "--save-steps", "10"])
    assert rc == 0
    assert (out / "adapter" / "adapter_config.json").is_file()
    fm = _front_matter(out / "README.md")["charter"]
    assert fm["training"]["lora"] is True and fm["training"]["lr"] == 2e-4
    config = json.loads((out / "config.json").read_text())
    assert "quantization_config" not in config
    from safetensors import safe_open

    with safe_open(str(out / "model.safetensors"), "pt") as f:
        keys = list(f.keys())
    assert "model.embed_tokens.weight" in keys and not [k for k in keys if "lora" in k]


@pytest.mark.slow
@pytest.mark.local
def test_a_second_run_resumes_from_the_last_checkpoint(sft_run: SFTRun, tmp_path: Path) -> None:
    # the shared 4-step run is the first run (a copy: the second one writes into its folder)
    out = tmp_path / "resume"
    shutil.copytree(sft_run.out, out)
    assert _front_matter(out / "README.md")["charter"]["training"]["resumed_from"] is None
    assert (out / "checkpoint-4").is_dir()
    assert sft_run.train(out, 5) == 0
    fm = _front_matter(out / "README.md")["charter"]
    assert fm["training"]["resumed_from"] == "checkpoint-4"
    assert (out / "checkpoint-5").is_dir()
    steps = [e["step"] for e in json.loads((out / "train_log.json").read_text()) if "loss" in e]
    assert steps == [1, 2, 3, 4, 5]
