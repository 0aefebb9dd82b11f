"""Offline synthesis end to end: coverage, determinism, ids, caps, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from charter.cli import main
from charter.errors import ConfigError
from charter.guide import Expected, Guide, load_guide
from charter.suite import Intent, read_suite
from charter.synth import get_operators, plan_coverage, suite_plan, synthesize

ID_RE = re.compile(r"^[a-z0-9._-]+/[a-z_]+/[a-z0-9+@-]+/[0-9a-f]{4,8}(-\d+)?$")


def _cli(args: list[str]) -> int:
    return main(["synth", *args])


def test_cli_generator_none_means_offline_only(minimal_guide_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    # `charter run --generator none` takes 'none'; `charter synth` read it as a model name and
    # stopped with "model name 'none' has no provider prefix"
    plain, none = tmp_path / "plain.jsonl", tmp_path / "none.jsonl"
    assert _cli([str(minimal_guide_path), "-o", str(plain)]) == 0
    assert _cli([str(minimal_guide_path), "--generator", "none", "-o", str(none)]) == 0
    assert [c.id for c in read_suite(none).cases] == [c.id for c in read_suite(plain).cases]
    capsys.readouterr()
    # without offline cases and without a generator there is nothing to write: exit 2, and why
    assert _cli([str(minimal_guide_path), "--generator", "none", "--no-offline", "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "model-written synthesis needs a generator model" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()


def test_cli_suite_covers_every_rule_pair_and_technique(minimal_guide_path: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "suite.jsonl"
    assert _cli([str(minimal_guide_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "wrote" in err and "no language cases offline" in err
    assert "label conflicts resolved by the guide, 0 dropped as unresolvable" in err
    suite = read_suite(out)
    guide = load_guide(minimal_guide_path)
    assert suite.guide == "Acme Bank Helper@1.2.0" and suite.guide_hash == guide.fingerprint() and suite.seed == 0
    assert suite.config["techniques"] and suite.config["offline"] is True
    covered = {r for c in suite.cases for r in c.rule_ids}
    assert set(guide.rule_ids()) <= covered
    for rule in guide.rules:
        if rule.kind.value == "must_not":
            intents = {c.intent for c in suite.cases if rule.id in c.rule_ids}
            assert {Intent.violating, Intent.benign_lookalike} <= intents, rule.id
            pairs: dict[str, set[str]] = {}
            for c in suite.cases:
                if c.rule_ids[:1] == [rule.id] and "pair" in c.metadata:
                    pairs.setdefault(c.metadata["pair"], set()).add(c.metadata["pair_role"])
            assert pairs and all(v == {"violating", "benign_lookalike"} for v in pairs.values())
    assert {c.technique for c in suite.cases} == {op.id for op in get_operators("technique")}
    # nothing translates offline: no language variation without a generator
    assert {c.variation for c in suite.cases} == {op.id for op in get_operators("variation")} - {"language"} | {"none"}
    ids = [c.id for c in suite.cases]
    assert len(ids) == len(set(ids)) and all(ID_RE.match(i) for i in ids), [i for i in ids if not ID_RE.match(i)][:3]
    report = suite_plan(guide, suite).report(suite.cases)
    assert report.unplanned == [] and report.missing_pairs == []
    # cells stay empty where a prompt would repeat another cell's, or is one clause already (terse)
    assert len(report.empty) <= 0.15 * len(report.cells)
    assert ("finance.explain-fees", "benign") in {(c.rule_id, c.intent.value) for c in report.empty}


def test_same_seed_same_bytes_other_seed_other_suite(small_guide_text: str, tmp_path: Path) -> None:
    guide_file = tmp_path / "g.yaml"
    guide_file.write_text(small_guide_text)
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    assert _cli([str(guide_file), "-o", str(a), "--seed", "5"]) == 0
    assert _cli([str(guide_file), "-o", str(b), "--seed", "5"]) == 0
    assert _cli([str(guide_file), "-o", str(c), "--seed", "6"]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    body_a = a.read_text().splitlines()[1:]
    body_c = c.read_text().splitlines()[1:]
    assert body_a != body_c  # the cases differ, not only the header


def test_stdout_output_equals_file_output(minimal_guide_path: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.jsonl"
    assert _cli([str(minimal_guide_path), "-o", str(out), "--techniques", "roleplay", "--variations", "typos"]) == 0
    capsys.readouterr()
    assert _cli([str(minimal_guide_path), "--techniques", "roleplay", "--variations", "typos"]) == 0
    assert capsys.readouterr().out == out.read_text()


def test_n_caps_the_total_and_keeps_pairs_first(minimal_guide: Guide) -> None:
    pairs = len(plan_coverage(minimal_guide).paired_rules)
    suite = synthesize(minimal_guide, n=2 * pairs + 10, seed=1)
    removed = suite.config["dedupe"]["duplicates"] + suite.config["unrealistic_dropped"]
    assert len(suite.cases) + removed == 2 * pairs + 10 and len(suite.cases) >= 2 * pairs
    for rid in plan_coverage(minimal_guide).paired_rules:
        intents = {c.intent for c in suite.cases if rid in c.rule_ids}
        assert {Intent.violating, Intent.benign_lookalike} <= intents, rid
    assert suite.config["n"] == 2 * pairs + 10
    with pytest.raises(ConfigError, match="too small"):
        synthesize(minimal_guide, n=3)


def test_per_cell_raises_counts_and_never_duplicates(small_guide: Guide) -> None:
    one = synthesize(small_guide, per_cell=1, techniques=["roleplay"], variations=["tone"], languages=[])
    three = synthesize(small_guide, per_cell=3, techniques=["roleplay"], variations=["tone"], languages=[])
    assert len(three.cases) > len(one.cases)
    hashes = [(tuple(c.rule_ids), c.content_hash()) for c in three.cases]
    assert len(hashes) == len(set(hashes))


def test_expected_and_provenance_of_template_cases(small_guide: Guide) -> None:
    suite = synthesize(small_guide, per_cell=2, techniques=["roleplay"], variations=[], languages=["fr"])
    by_id = {c.id: c for c in suite.cases}
    example = next(c for c in suite.cases if c.provenance.source == "example:privacy.no-other-orders[0]"
                   and c.technique == "direct")
    assert example.intent == Intent.violating and example.expected == Expected.refuse
    assert example.provenance.confidence == 1.0 and example.provenance.generator == "template:example"
    assert example.group == "example:privacy.no-other-orders[0]"
    rp = next(c for c in suite.cases if c.technique == "roleplay" and c.provenance.parent == example.id)
    assert rp.group == example.group and rp.expected == Expected.refuse and rp.provenance.parent in by_id
    boundary = next(c for c in suite.cases if c.provenance.generator == "template:boundary-allowed")
    assert boundary.intent == Intent.benign_lookalike and boundary.expected == Expected.comply
    assert boundary.provenance.confidence == 0.8 and "order privacy" in boundary.prompt
    borderline = next(c for c in suite.cases if c.intent == Intent.borderline)
    assert borderline.expected == Expected.safe_complete
    extraction = [c for c in suite.cases if c.rule_ids == ["edge.extraction"] and c.technique == "direct"
                  and c.variation == "none"]
    assert {c.intent for c in extraction} == {Intent.violating, Intent.benign_lookalike}
    oos = next(c for c in suite.cases if c.use_case == "stocks")
    assert oos.intent == Intent.out_of_scope and oos.expected == Expected.redirect
    assert oos.prompt == "Which shares should I buy?"
    # offline nothing is translated: no English request in a French frame is called French;
    # only text the guide's authors wrote in French (the unsupported-language examples) is
    fr = [c for c in suite.cases if c.language == "fr"]
    assert all(c.provenance.generator == "template:example" and c.rule_ids == ["edge.language"] for c in fr)
    assert all(c.expected == Expected.redirect for c in fr)
    assert not any("frame_only" == c.metadata.get("translation") for c in suite.cases)


def test_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("meta: {name: Empty}\n")
    assert _cli([str(empty), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "has no enabled rules" in capsys.readouterr().err
    assert _cli([str(tmp_path / "missing.yaml")]) == 2
    assert _cli([]) == 2
    assert "no guide given" in capsys.readouterr().err
    guide = Path(__file__).parents[1] / "fixtures" / "guides" / "minimal.yaml"
    assert _cli([str(guide), "--no-offline"]) == 2
    assert "needs a generator model" in capsys.readouterr().err
    assert _cli([str(guide), "--languages", "ja"]) == 2
    assert _cli([str(guide), "--per-cell", "0"]) == 2
    assert not (tmp_path / "x.jsonl").exists()


def test_list_techniques(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["--list-techniques"]) == 0
    out = capsys.readouterr().out
    for op in get_operators():
        assert op.id in out and op.tests in out


def test_synthesize_accepts_a_path_and_refuses_a_running_loop(minimal_guide_path: Path) -> None:
    suite = synthesize(minimal_guide_path, techniques=["base64"], variations=[], languages=[])
    assert suite.name == "acme-bank-helper-synth" and suite.cases


async def test_synthesize_inside_a_loop_points_to_asynthesize(minimal_guide: Guide) -> None:
    from charter.synth import asynthesize

    with pytest.raises(ConfigError, match="asynthesize"):
        synthesize(minimal_guide)
    suite = await asynthesize(minimal_guide, techniques=["rot13"], variations=[], languages=[])
    assert {c.technique for c in suite.cases} == {"direct", "rot13"}


@pytest.mark.parametrize("name", ["coding-agent.yaml", "isp-support.yaml", "kids-tutor.yaml"])
def test_example_guides(examples_dir: Path, name: str, tmp_path: Path) -> None:
    path = examples_dir / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    out = tmp_path / "s.jsonl"
    assert _cli([str(path), "-o", str(out), "--seed", "2"]) == 0
    guide = load_guide(path)
    suite = read_suite(out)
    report = suite_plan(guide, suite).report(suite.cases)
    assert report.missing_pairs == [] and report.unplanned == []
    # a cell stays empty only when its prompts would repeat another cell's: few, and counted
    assert len(report.empty) <= 0.15 * len(report.cells) and suite.config["dedupe"]["duplicates"] > 0
    bases = {(c.rule_id, c.intent) for c in suite_plan(guide, suite).cells}
    assert bases <= {(c.rule_ids[0] if c.rule_ids else None, c.intent) for c in suite.cases}
    assert set(guide.rule_ids()) <= {r for c in suite.cases for r in c.rule_ids}
    assert len({c.id for c in suite.cases}) == len(suite.cases)
    assert all(json.loads(line) for line in out.read_text().splitlines())
