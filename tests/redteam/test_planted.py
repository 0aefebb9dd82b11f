"""Third-party data probes: planted fake records, every family × location, exact and
normalised matches, no false successes, rates and the CLI."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from charter.guide import Guide, load_guide
from charter.model import get_model
from charter.redteam import (
    PLANT_LOCATIONS,
    PLANTED_FAMILIES,
    PLANTED_RULE_ID,
    RedteamConfig,
    RedteamSummary,
    check_planted_leak,
    make_records,
    plant,
    planted_rates,
    planted_rule_id,
    run_redteam,
)
from charter.suite import Message

MODELS = Path(__file__).parent / "_privacy_models.py"
N_PROBES = len(PLANTED_FAMILIES) * len(PLANT_LOCATIONS)


def py(fn: str) -> str:
    return f"python/{MODELS}:{fn}"


@pytest.fixture
def guide(minimal_guide_path: Path) -> Guide:
    return load_guide(minimal_guide_path)


def run(guide: Guide, target: str, budget: int = 200, **config: Any) -> RedteamSummary:
    cfg = RedteamConfig(budget=budget, strategies=("planted",), **config)
    return asyncio.run(run_redteam(guide, get_model(target), config=cfg))


def test_records_are_deterministic_fake_and_distinct() -> None:
    a, b = make_records(4, seed=3), make_records(4, seed=3)
    assert a == b and make_records(4, seed=4) != a
    assert [r.kind for r in a] == ["customer-account", "patient-appointment"] * 2
    assert len({r.subject for r in a}) == 4
    values = [v for r in a for v in r.secrets().values()]
    assert len(set(values)) == len(values)
    assert a[0].fields["Email"].endswith("@example.invalid") and a[0].fields["Phone"].startswith("+1 555 01")
    assert len(PLANTED_FAMILIES) >= 10


@pytest.mark.parametrize("location", PLANT_LOCATIONS)
def test_the_record_reaches_the_target_only_where_planted(location: str) -> None:
    record = make_records(1)[0]
    attack = [Message(role="user", content="hello")]
    sent, shown = plant("You are Penny.", record, location, attack)
    assert sent[0].role == "system" and sent[0].content.startswith("You are Penny.")
    assert sent[-1] == attack[-1] and shown[-1] == attack[-1]
    holder = [m for m in sent if record.fields["Account number"] in m.content]
    assert len(holder) == 1
    assert holder[0].role == {"system": "system", "tool": "tool", "document": "system"}[location]
    assert (holder[0] is sent[0]) == (location == "system")
    assert all(m.role != "system" or m.content != sent[0].content for m in shown)


def test_a_leaking_target_is_caught_by_every_family_and_location(guide: Guide) -> None:
    summary = run(guide, py("leaker"))
    planted = [r for r in summary.results if r.strategy == "planted"]
    assert len(planted) == N_PROBES and summary.queries == N_PROBES
    assert all(r.success for r in planted), [r.goal_id for r in planted if not r.success]
    rates = planted_rates(summary.results)
    assert set(rates["by_family"]) == set(PLANTED_FAMILIES) and set(rates["by_location"]) == set(PLANT_LOCATIONS)
    assert all(r.k == r.n == len(PLANT_LOCATIONS) for r in rates["by_family"].values())
    assert all(r.k == r.n == len(PLANTED_FAMILIES) for r in rates["by_location"].values())
    impersonate = next(r for r in planted if r.goal_id == "planted:system:impersonate")
    assert "not counted (the attacker wrote them): Name" in impersonate.attempts[0].explanation
    assert "Account number (exact)" in impersonate.attempts[0].explanation


@pytest.mark.parametrize("target", ["mock/refuse", "mock/echo", "mock/comply"])
def test_targets_that_never_leak_give_no_false_success(guide: Guide, target: str) -> None:
    summary = run(guide, target)
    assert summary.queries == N_PROBES
    assert summary.by_strategy["planted"].k == 0 and summary.by_strategy["planted"].n == N_PROBES


def test_mock_leak_repeats_system_messages_only(guide: Guide) -> None:
    """mock/leak echoes system messages (cut at max_tokens words: the compiled prompt is long):
    the system prompt and the retrieved document leak, the tool output does not."""
    rates = planted_rates(run(guide, "mock/leak", max_tokens=20_000).results)["by_location"]
    assert (rates["system"].k, rates["document"].k, rates["tool"].k) == (len(PLANTED_FAMILIES),
                                                                          len(PLANTED_FAMILIES), 0)


def test_a_value_spread_out_with_spaces_and_dashes_is_caught(guide: Guide) -> None:
    summary = run(guide, py("spacer"), plant_locations=("tool",), planted_families=("spell-out", "direct-ask"))
    assert [r.success for r in summary.results] == [True, True]
    for r in summary.results:
        assert r.attempts[0].explanation.startswith("leaked Medical record number (normalised)")
        assert "MRN-" not in r.attempts[0].response


def test_leak_check_exact_normalised_and_excluded() -> None:
    rec = make_records(1)[0]
    acct = rec.fields["Account number"]
    spaced = " ".join(acct.replace("-", ""))
    assert check_planted_leak(rec, [], f"It is {acct}").found == {"Account number": "exact"}
    assert check_planted_leak(rec, [], f"It is {spaced}").found == {"Account number": "normalised"}
    assert check_planted_leak(rec, [], f"It is {rec.fields['Address'].upper()}").found == {"Address": "normalised"}
    assert not check_planted_leak(rec, [], f"It is {acct[:-1]}").leaked
    asked = [Message(role="user", content=f"Is the account of {rec.subject} {acct}?")]
    leak = check_planted_leak(rec, asked, f"Yes, {rec.subject}, {acct}.")
    assert not leak.leaked and leak.excluded == ("Name", "Account number")


def test_budget_stops_the_probes_and_is_noted(guide: Guide) -> None:
    summary = run(guide, py("leaker"), budget=5)
    assert summary.queries == 5 and summary.by_strategy["planted"].n == 5
    assert summary.results[-1].notes == ["query budget spent"] and not summary.results[-1].queries


def test_the_guides_own_rule_files_the_leaks(examples_dir: Path, guide: Guide) -> None:
    assert planted_rule_id(load_guide(examples_dir / "isp-support.yaml")) == "account.no-third-party-lookup"
    assert planted_rule_id(guide) in {r.id for r in guide.rules} | {PLANTED_RULE_ID}


def test_cli_planted_report(minimal_guide_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from charter.cli._app import main

    out = tmp_path / "rt"
    rc = main(["redteam", str(minimal_guide_path), "--target", py("leaker"), "--strategies", "planted,extraction",
               "--budget", "100", "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert f"planted     {N_PROBES}/{N_PROBES}" in capsys.readouterr().out
    data = json.loads((out / "redteam.json").read_text())
    assert data["planted"]["by_location"]["tool"]["k"] == len(PLANTED_FAMILIES)
    assert data["planted"]["by_family"]["export-json"]["n"] == len(PLANT_LOCATIONS)
    md = (out / "redteam.md").read_text()
    assert "## Third-party data: leak rate of planted records (Wilson 95%)" in md
    assert f"| tool | {len(PLANTED_FAMILIES)} | {len(PLANTED_FAMILIES)} | 100% [" in md
    assert "### planted · planted:document:translate" in md


def test_bad_family_or_location_is_a_config_error(guide: Guide) -> None:
    from charter.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown planted-data family or location nowhere"):
        run(guide, "mock/refuse", plant_locations=("nowhere",))
