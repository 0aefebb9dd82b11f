"""`charter report RUN --guide G --train DIR`: the card's "Training data" and "Training"
sections, read from the README.md front matter `charter train` writes (written here by hand,
no training needed), and bad folders refused with exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from charter.guide import load_guide
from charter.report import read_training
from tests.report.conftest import eval_run, last_run_id, run_cli


def _rate(k: int, n: int, rate: float, low: float, high: float, conclusive: bool = True) -> dict[str, Any]:
    return {"k": k, "n": n, "rate": rate, "low": low, "high": high, "conclusive": conclusive}


def _group(harm: dict[str, Any], fr: dict[str, Any]) -> dict[str, Any]:
    return {"n": harm["n"] + fr["n"], "harm_metric": "violation rate", "harm": harm, "false_refusal": fr,
            "pass": _rate(0, 0, 0.0, 0.0, 0.0, False)}


def _front(guide_sha: str, *, results: bool) -> dict[str, Any]:
    charter: dict[str, Any] = {
        "guide": {"name": "Acme Bank Helper", "version": "1.2.0", "sha256": guide_sha},
        "method": "sft",
        "base_model": {"name": "local/smollm2-135m-instruct", "gguf_file": "smollm2-135m-instruct-q8_0.gguf",
                       "sha256": "ab12cd34ef56ab12cd34ef56"},
        "data": [{"path": "data/sft.jsonl", "sha256": "0123456789abcdef0123", "rows": 34,
                  "meta_sha256": "fedcba9876543210"}],
        "firewall": {"against": ["split/test.jsonl"], "dropped": 2, "dropped_rows": [
            {"row_id": "sft-7", "suite": "split/test.jsonl", "eval_id": "case-3", "kind": "exact", "similarity": 1.0},
            {"row_id": "sft-9", "suite": "split/test.jsonl", "eval_id": "case-8", "kind": "near",
             "similarity": 0.8512}]},
        "rows": 32,
        "rule_coverage": {"finance.no-investment-advice": 20, "privacy.no-third-party-data": 9, "old.rule": 1},
        "rows_without_rule_ids": 3,
        "training": {"steps": 4, "lr": 2e-05, "batch_size": 2, "grad_accum": 1, "max_length": 48, "lora": False,
                     "lora_r": 16, "beta": 0.1, "seed": 0, "trainer": "trl.SFTTrainer", "trl": "0.19.0",
                     "device": "cpu", "bf16": False, "resumed_from": None},
        "loss": {"first": 3.21456, "last": 2.5, "steps_logged": 4},
    }
    if results:
        charter["results"] = {
            "before": {"run": "run-before", "target": "local/smollm2-135m-instruct",
                       "overall": _group(_rate(12, 40, 0.3, 0.18, 0.45), _rate(2, 20, 0.1, 0.03, 0.3)),
                       "by_rule": {"finance.no-investment-advice": _group(_rate(8, 20, 0.4, 0.22, 0.61),
                                                                          _rate(1, 3, 0.33, 0.06, 0.79, False))}},
            "after": {"run": "run-after", "target": "hf/out/sft",
                      "overall": _group(_rate(2, 40, 0.05, 0.01, 0.17), _rate(3, 20, 0.15, 0.05, 0.36)),
                      "by_rule": {"finance.no-investment-advice": _group(_rate(1, 20, 0.05, 0.01, 0.24),
                                                                         _rate(1, 3, 0.33, 0.06, 0.79, False))}},
            "changes": {"overall": {"harm": {"diff": -0.25, "p": 0.003, "change": "lower"},
                                    "false_refusal": {"diff": 0.05, "p": 0.63, "change": "no significant change"}},
                        "finance.no-investment-advice": {
                            "harm": {"diff": -0.35, "p": 0.01, "change": "lower"},
                            "false_refusal": {"diff": 0.0, "p": 1.0, "change": "no significant change"}}},
            "alpha": 0.05}
    return {"library_name": "transformers", "tags": ["charter", "trl", "sft"], "charter": charter}


def _train_dir(path: Path, front: dict[str, Any]) -> Path:
    path.mkdir(parents=True)
    (path / "README.md").write_text("---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n\n# SFT of x\n",
                                    encoding="utf-8")
    return path


@pytest.fixture
def run_id(minimal_guide_path: Path, suite_path: Path, store_path: Path) -> str:
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious") == 0
    return last_run_id(store_path)


def test_card_gains_training_data_and_training_sections(tmp_path: Path, minimal_guide_path: Path, run_id: str,
                                                        store_path: Path) -> None:
    sha = load_guide(minimal_guide_path).fingerprint()
    sft = _train_dir(tmp_path / "out" / "sft", _front(sha, results=True))
    out = tmp_path / "rep"
    assert run_cli("report", run_id, "--guide", minimal_guide_path, "--store", store_path, "--train", sft,
                   "-o", out) == 0
    card = (out / "card.md").read_text()
    data = card[card.index("## Training data"):card.index("## Training\n")]
    head = f"### `{sft}` (SFT of local/smollm2-135m-instruct)"
    assert data.splitlines()[4:] == [
        head, "",
        f"- Guide: Acme Bank Helper 1.2.0 (sha256 `{sha[:12]}`)",
        "- `data/sft.jsonl`: 34 rows (sha256 `0123456789ab`)",
        "- Trained on 32 rows",
        "- Rule `finance.no-investment-advice`: 20 rows",
        "- Rule `privacy.no-third-party-data`: 9 rows",
        "- Rule `old.rule`: 1 rows (not a rule of this guide)",
        "- 3 rows carry no rule id",
        "- Rules with no training rows: `defaults.ask-clarifying`, `edge.out-of-scope`, `edge.prompt-extraction`, "
        "`finance.explain-fees`, " + ", ".join(
            f"`hazards.{h}`" for h in sorted(["vcr", "ncr", "src", "cse", "dfm", "spc", "prv", "ipv", "iwp", "hte",
                                              "ssh", "sxc", "elc", "cia"])),
        "- Contamination firewall against `split/test.jsonl`: 2 rows refused",
        "  - row `sft-7` matches eval case `case-3` of `split/test.jsonl` (exact, similarity 1.00)",
        "  - row `sft-9` matches eval case `case-8` of `split/test.jsonl` (near, similarity 0.85)",
        ""]
    training = card[card.index("## Training\n"):]
    assert training.splitlines()[2:] == [
        head, "",
        "- Method: SFT (`trl.SFTTrainer`, TRL 0.19.0) from base model `local/smollm2-135m-instruct` "
        "(GGUF `smollm2-135m-instruct-q8_0.gguf`, sha256 `ab12cd34ef56`)",
        "- Settings: steps 4, lr 2e-05, batch_size 2, grad_accum 1, max_length 48, lora False, beta 0.1, seed 0; "
        "device cpu, bf16 False",
        "- Loss: 3.2146 → 2.5000 (4 logged steps)",
        "- Before: run `run-before` (local/smollm2-135m-instruct); after: run `run-after` (hf/out/sft)", "",
        "| rule | violation rate before | after | change | false-refusal rate before | after | change |",
        "|---|---|---|---|---|---|---|",
        "| overall | 30% [18%–45%] (n=40) | 5% [1%–17%] (n=40) | lower | 10% [3%–30%] (n=20) | "
        "15% [5%–36%] (n=20) | no significant change |",
        "| `finance.no-investment-advice` | 40% [22%–61%] (n=20) | 5% [1%–24%] (n=20) | lower | "
        "too few cases (n=3) | too few cases (n=3) | no significant change |"]


def test_training_sections_say_what_was_not_recorded(tmp_path: Path, minimal_guide_path: Path, run_id: str,
                                                     store_path: Path) -> None:
    front = _front("0" * 64, results=False)
    front["charter"]["firewall"] = {"against": [], "dropped": 0, "dropped_rows": []}
    front["charter"]["loss"] = {"first": None, "last": None, "steps_logged": 0}
    sft = _train_dir(tmp_path / "sft", front)
    dpo_front = _front("0" * 64, results=False)
    dpo_front["charter"]["method"] = "dpo"
    dpo_front["charter"]["guide"] = None
    dpo = _train_dir(tmp_path / "dpo", dpo_front)
    out = tmp_path / "rep"
    assert run_cli("report", run_id, "--guide", minimal_guide_path, "--store", store_path, "--train", sft,
                   "--train", dpo, "-o", out) == 0
    card = (out / "card.md").read_text()
    assert ("- Guide: Acme Bank Helper 1.2.0 (sha256 `000000000000`), **not this guide's version**: "
            "the rule ids below may differ") in card
    assert "- Contamination firewall: not run (trained without --against)" in card
    assert "- Loss: not logged" in card
    assert card.count("- Before / after: not measured (add it with `charter train card DIR --before RUN "
                      "--after RUN`)") == 2
    assert f"### `{dpo}` (DPO of local/smollm2-135m-instruct)" in card
    assert "- Guide: not recorded (trained without --guide)" in card
    # the sections come once, with one subsection per folder, in the order given
    assert card.count("## Training data") == 1 and card.count("## Training\n") == 1
    assert card.index(f"### `{sft}`") < card.index(f"### `{dpo}`")


def _bad(tmp_path: Path, kind: str) -> Path:
    d = tmp_path / "bad"
    if kind == "missing":
        return d
    d.mkdir()
    card = d / "README.md"
    if kind == "no card":
        return d
    card.write_text({"no front matter": "# just a title\n",
                     "bad yaml": "---\ncharter:\n  method: [sft\n---\n# x\n",
                     "no block": "---\nlibrary_name: transformers\n---\n# x\n",
                     "wrong shape": "---\ncharter:\n  method: sft\n  rows: many\n---\n# x\n"}[kind])
    return d


@pytest.mark.parametrize("kind, needle", [
    ("missing", "bad: no such folder"),
    ("no card", "README.md: no model card in this folder"),
    ("no front matter", "README.md:1: no YAML front matter"),
    ("bad yaml", "README.md:3: the front matter is not valid YAML"),
    ("no block", "README.md:1: the front matter has no charter: block"),
    ("wrong shape", "README.md: not a `charter train` card (2 problems, first: charter.base_model: Field required)"),
])
def test_bad_train_folder_exits_2_with_the_path_and_a_hint(tmp_path: Path, minimal_guide_path: Path, run_id: str,
                                                           store_path: Path, kind: str, needle: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad(tmp_path, kind)
    rc = run_cli("report", run_id, "--guide", minimal_guide_path, "--store", store_path, "--train", bad,
                 "-o", tmp_path / "rep")
    assert rc == 2
    err = " ".join(capsys.readouterr().err.split())
    assert needle in err
    assert "hint: pass the -o folder of a `charter train` run" in err or "hint: train again" in err
    assert not (tmp_path / "rep").exists()


def test_train_without_guide_exits_2(tmp_path: Path, minimal_guide_path: Path, run_id: str, store_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    sft = _train_dir(tmp_path / "sft", _front("0" * 64, results=False))
    assert run_cli("report", run_id, "--store", store_path, "--train", sft, "-o", tmp_path / "rep") == 2
    assert "--train needs --guide" in capsys.readouterr().err


def test_read_training_is_typed(tmp_path: Path) -> None:
    sft = _train_dir(tmp_path / "sft", _front("0" * 64, results=True))
    rec = read_training(sft)
    assert rec.folder == str(sft) and rec.method == "sft" and rec.rows == 32
    assert rec.firewall.dropped_rows[1].eval_id == "case-8"
    assert rec.results is not None and rec.results.after.overall.harm.k == 2
