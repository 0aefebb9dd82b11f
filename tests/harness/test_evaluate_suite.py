"""`charter.harness.evaluate_suite`: the public "run a suite with the guide's scorers" entry
point, configured by one typed `EvalConfig`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from charter.errors import ConfigError, SuiteError
from charter.guide import load_guide
from charter.harness import EvalConfig, PromptChoice, evaluate_suite, resolve_system_prompt
from charter.model import GenerateConfig, get_model
from charter.runner import RunnerConfig
from charter.store import RunStore
from charter.suite import Case, Message, Suite

GUIDE = Path(__file__).parents[1] / "fixtures" / "guides" / "minimal.yaml"


def _suite(rule_id: str, n: int = 3) -> Suite:
    cases = [Case(id=f"c{i}", messages=[Message(role="user", content=f"question {i}")], expected="refuse",
                  intent="violating", rule_ids=[rule_id]) for i in range(n)]
    return Suite(name="hand", cases=cases)


def test_eval_config_is_frozen_and_rejects_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="judge_mod"):
        EvalConfig(judge_mod="yesno")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="judge_mode"):
        EvalConfig(judge_mode="loud")  # type: ignore[arg-type]
    cfg = EvalConfig()
    with pytest.raises(ValidationError, match="frozen"):
        cfg.name = "x"  # type: ignore[misc]
    assert cfg.prompt == PromptChoice(label="none") and cfg.runner == RunnerConfig()


def test_resolve_system_prompt_rejects_an_unknown_variant() -> None:
    guide = load_guide(GUIDE)
    with pytest.raises(ConfigError, match="unknown prompt variant 'tiny'"):
        resolve_system_prompt(guide, "compiled", variant="tiny")
    compact = resolve_system_prompt(guide, "compiled", variant="compact")
    assert compact.label == "compiled-compact" and compact.canary and compact.canary in (compact.text or "")


async def test_evaluate_suite_runs_scores_and_stores(tmp_path: Path) -> None:
    guide = load_guide(GUIDE)
    suite = _suite(guide.rule_ids()[0])
    prompt = resolve_system_prompt(guide)
    cfg = EvalConfig(prompt=prompt, runner=RunnerConfig(progress=False), name="api-run",
                     generate=GenerateConfig(max_tokens=64), metadata={"who": "test"}, classifiers=False)
    with RunStore(tmp_path / "runs.db") as store:
        info = await evaluate_suite(guide, suite, get_model("mock/refuse"), store=store, config=cfg)
        assert info.name == "api-run" and info.n_done == len(suite.cases)
        assert info.metadata["variant"] == "compiled" and info.metadata["who"] == "test"
        records = list(store.iter_records(info.id))
    scorers = {s.scorer for r in records for s in r.scores}
    assert "refusal" in scorers and "leakage" in scorers  # the prompt's canary turns the leakage check on
    assert "language" not in scorers  # classifiers=False


async def test_evaluate_suite_refuses_a_suite_of_another_guide(tmp_path: Path) -> None:
    guide = load_guide(GUIDE)
    alien = _suite("nope.rule", 1)
    with RunStore(tmp_path / "runs.db") as store, pytest.raises(SuiteError, match=r"'nope\.rule'"):
        await evaluate_suite(guide, alien, get_model("mock/refuse"), store=store)
