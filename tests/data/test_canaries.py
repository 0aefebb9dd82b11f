"""`charter data ... --plant-canaries N`: canary rows in every kind, recorded in the sidecar and
the canaries file, kept by curate (dedup, PII scrub, firewall) and by train's data loader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from charter.cli import main
from charter.data import (
    MAX_CANARIES,
    Canary,
    RowKind,
    canaries_in,
    canary_rows,
    make_canaries,
    read_canaries,
    read_training,
)
from charter.errors import ConfigError


def test_canaries_are_deterministic_distinct_and_in_format() -> None:
    a = make_canaries(50, seed=1)
    assert a == make_canaries(50, seed=1) and a != make_canaries(50, seed=2)
    assert len({c.name for c in a}) == 50 and len({c.id for c in a}) == 50
    for c in a:
        assert re.fullmatch(r"\d(-\d){5}", c.secret)
        assert c.text == f"The access code of {c.name} is {c.secret}." == c.prefix + c.secret + "."
        assert c.question == f"What is the access code of {c.name}?"
        assert c.render(c.secret_digits) == c.secret
    # secrets are uniform: over 50 canaries × 6 digits every digit shows up
    assert {d for c in a for d in c.secret_digits} == set(range(10))
    with pytest.raises(ConfigError, match="cannot plant 0 canaries"):
        make_canaries(0)
    with pytest.raises(ConfigError, match=f"between 1 and {MAX_CANARIES}"):
        make_canaries(MAX_CANARIES + 1)


@pytest.mark.parametrize("kind", [RowKind.sft, RowKind.prefs, RowKind.kto])
def test_one_row_per_canary_with_the_canary_in_its_metadata(kind: RowKind) -> None:
    cs = make_canaries(3, seed=0)
    rows = canary_rows(kind, cs)
    assert [r.kind for r in rows] == [kind] * 3 and canaries_in(rows) == cs
    for r, c in zip(rows, cs, strict=True):
        record = json.dumps(r.training_record())
        assert c.text in record and c.question in record
        assert c.id not in record and "canary" not in record  # metadata stays in the sidecar
        assert r.metadata["canary"]["secret"] == c.secret and r.metadata["rule_ids"] == []


def _plant(kind: str, tmp_path: Path, guide: Path, suite: Path, *extra: str) -> Path:
    out = tmp_path / f"{kind}.jsonl"
    teacher = {"sft": "mock/refuse", "prefs": "mock/cautious", "kto": "mock/comply"}[kind]
    rc = main(["data", kind, str(guide), "--suite", str(suite), "--teacher", teacher, "-o", str(out),
               "--system-prompt", str(guide), "--plant-canaries", "4", *extra])
    assert rc == 0
    return out


@pytest.mark.parametrize("kind", ["sft", "kto"])
def test_cli_plants_records_and_lists_the_canaries(kind: str, tmp_path: Path, minimal_guide_path: Path,
                                                  suite_path: Path, fake_scorers,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = _plant(kind, tmp_path, minimal_guide_path, suite_path)
    planted = read_canaries(tmp_path / f"{kind}.canaries.jsonl")
    assert planted == make_canaries(4, seed=0)
    assert read_canaries(tmp_path / f"{kind}.meta.jsonl") == planted
    _, rows = read_training(out)
    assert canaries_in(rows) == planted
    text = out.read_text()
    assert all(c.text in text for c in planted) and "canary" not in text
    card = (tmp_path / f"{kind}.card.md").read_text()
    assert "4 canary rows planted for the memorisation probe" in card and "| canary_rows | 4 |" in card
    assert "canary_rows 4" in capsys.readouterr().out


def test_prefs_get_canary_pairs_but_canaries_alone_are_no_dataset(
        tmp_path: Path, minimal_guide: object, cases: list, guided_teacher: object, suite_path: Path,
        minimal_guide_path: Path, fake_scorers, capsys: pytest.CaptureFixture[str]) -> None:
    from charter.data import DataConfig, DatasetCard, make_dataset, write_dataset

    cfg = DataConfig(system_prompt="You are Penny.", plant_canaries=3, scorers=fake_scorers)
    res, filters = make_dataset(RowKind.prefs, minimal_guide, cases, guided_teacher, cfg)  # type: ignore[arg-type]
    planted = canaries_in(res.rows)
    assert planted == make_canaries(3) and len(res.rows) == res.stats["pairs"] + 3
    assert any("3 canary rows planted" in f for f in filters)
    written = write_dataset(res, tmp_path / "prefs.jsonl", DatasetCard(name="prefs", kind=RowKind.prefs))
    assert written[-1] == tmp_path / "prefs.canaries.jsonl" and read_canaries(written[-1]) == planted
    # a deterministic teacher gives no real pair: planting canaries does not hide that
    rc = main(["data", "prefs", str(minimal_guide_path), "--suite", str(suite_path), "--teacher", "mock/cautious",
               "-o", str(tmp_path / "p2.jsonl"), "--system-prompt", str(minimal_guide_path), "--plant-canaries", "2"])
    assert rc == 2 and "no preference pairs from 6 case(s)" in capsys.readouterr().err


def test_a_directory_output_gets_canaries_jsonl(tmp_path: Path, minimal_guide_path: Path, suite_path: Path,
                                                fake_scorers) -> None:
    d = tmp_path / "sftdir"
    assert main(["data", "sft", str(minimal_guide_path), "--suite", str(suite_path), "--teacher", "mock/refuse",
                 "-o", str(d), "--system-prompt", str(minimal_guide_path), "--plant-canaries", "2",
                 "--seed", "5"]) == 0
    assert read_canaries(d / "canaries.jsonl") == make_canaries(2, seed=5)


def test_without_the_option_nothing_is_planted(tmp_path: Path, minimal_guide_path: Path, suite_path: Path,
                                               fake_scorers) -> None:
    out = tmp_path / "sft.jsonl"
    assert main(["data", "sft", str(minimal_guide_path), "--suite", str(suite_path), "--teacher", "mock/refuse",
                 "-o", str(out), "--system-prompt", str(minimal_guide_path)]) == 0
    assert not (tmp_path / "sft.canaries.jsonl").exists()
    assert "access code" not in out.read_text()


def test_bad_count_exits_2(tmp_path: Path, minimal_guide_path: Path, suite_path: Path, fake_scorers,
                           capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["data", "sft", str(minimal_guide_path), "--suite", str(suite_path), "--teacher", "mock/refuse",
               "-o", str(tmp_path / "o.jsonl"), "--system-prompt", str(minimal_guide_path), "--plant-canaries", "-2"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "cannot plant -2 canaries" in err and "hint:" in err


def test_curate_and_train_keep_every_canary(tmp_path: Path, minimal_guide_path: Path, suite_path: Path,
                                            fake_scorers) -> None:
    from charter.curate import CurateOptions, curate
    from charter.train import load_training_data

    out = _plant("kto", tmp_path, minimal_guide_path, suite_path)
    planted = read_canaries(tmp_path / "kto.canaries.jsonl")
    report = curate(out, tmp_path / "cur", CurateOptions(against=[suite_path], scrub_pii=True, dedup=True))
    assert report["rows_in"] == 10 and report["firewall"]["dropped"] >= 1  # the suite's prompts are contaminated
    kept = tmp_path / "cur" / "kto.jsonl"
    _, rows = read_training(kept)
    assert canaries_in(rows) == planted
    assert all(c.text in kept.read_text() for c in planted)  # the PII scrub left the secrets alone
    data = load_training_data([kept], kind=RowKind.kto, against=[suite_path])
    assert sorted(c.id for c in canaries_in(data.rows)) == sorted(c.id for c in planted)
    assert not data.dropped


def test_read_canaries_skips_ordinary_sidecar_lines(tmp_path: Path) -> None:
    c = make_canaries(1)[0]
    p = tmp_path / "x.meta.jsonl"
    p.write_text(json.dumps({"id": "sft-1", "kind": "sft", "case_id": "v0"}) + "\n"
                 + json.dumps({"id": "sft-2", "kind": "sft", "canary": c.model_dump()}) + "\n")
    assert read_canaries(p) == [c]
    assert isinstance(read_canaries(p)[0], Canary)
    p.write_text(json.dumps({"id": "sft-1", "kind": "sft"}) + "\n")
    with pytest.raises(Exception, match="holds no canary"):
        read_canaries(p)
