"""`charter runs` list / show / delete, table and JSON, --store and CHARTER_STORE."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from charter.cli import main
from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from tests.runner.helpers import RefusalCheck, make_cases


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    p = tmp_path / "runs.db"
    with RunStore(p) as s:
        info = asyncio.run(Runner(s, RunnerConfig(progress=False)).run(
            make_cases(6), get_model("mock/cautious"), scorers=[RefusalCheck()], name="nightly"))
    return p, info.id


def test_list_table_and_json(db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    p, rid = db
    assert main(["runs", "--store", str(p)]) == 0
    out = capsys.readouterr().out
    assert rid in out and "nightly" in out and "complete" in out
    assert main(["runs", "list", "--store", str(p), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["n_done"], r["status"]) for r in rows] == [(rid, 6, "complete")]
    assert rows[0]["usage"]["total_tokens"] > 0


def test_list_empty_and_env_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CHARTER_STORE", str(tmp_path / "env.db"))
    assert main(["runs", "list"]) == 0
    # a reader never creates the store (nor its folders) that a mistyped CHARTER_STORE names
    assert "no runs in" in capsys.readouterr().err and not (tmp_path / "env.db").exists()
    assert main(["runs", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_readers_never_create_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo" / "runs.db"
    assert main(["report", "r123", "--store", str(missing)]) == 5
    assert main(["runs", "show", "r123", "--store", str(missing)]) == 5
    assert "no run store at" in capsys.readouterr().err and not (tmp_path / "typo").exists()


def test_show_table_json_and_records(db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    p, rid = db
    assert main(["runs", "show", rid[:9], "--store", str(p)]) == 0
    out = capsys.readouterr().out
    assert f"run       {rid}" in out and "records 6" in out and "refusal  r.one  fail" in out
    assert main(["runs", "show", rid, "--store", str(p), "--format", "json", "--records"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == rid and len(data["records"]) == 6
    assert {s["verdict"] for s in data["scores"]} <= {"pass", "fail"} and sum(s["count"] for s in data["scores"]) == 6
    assert data["records"][0]["case"]["id"] == "c00000"
    assert main(["runs", "show", rid, "--store", str(p), "--records"]) == 0
    assert "c00005 #0  refusal=" in capsys.readouterr().out


def test_show_unknown_and_bad_format(db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    p, _ = db
    assert main(["runs", "show", "zzz", "--store", str(p)]) == 2  # a missing run id is bad input
    assert "no run 'zzz'" in capsys.readouterr().err
    assert main(["runs", "list", "--store", str(p), "--format", "xml"]) == 2
    assert "--format 'xml'" in capsys.readouterr().err


def test_delete_needs_confirmation(db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    p, rid = db
    assert main(["runs", "delete", rid, "--store", str(p)]) == 2  # stdin is not a terminal under pytest
    assert "--yes" in capsys.readouterr().err
    assert main(["runs", "delete", rid, "--store", str(p), "--yes"]) == 0
    assert f"deleted run {rid}" in capsys.readouterr().out
    with RunStore(p) as s:
        assert s.list_runs() == []


def test_bad_store_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert main(["runs", "--store", str(bad)]) == 5
    assert "not a Charter run store" in capsys.readouterr().err


def test_store_before_the_subcommand_is_honoured(db: tuple[Path, str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    p, rid = db
    monkeypatch.setenv("CHARTER_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("CHARTER_STORE", raising=False)
    assert main(["runs", "--store", str(p), "list", "--format", "json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [rid]
    assert main(["runs", "--store", str(p), "show", rid, "--format", "json"]) == 0
    assert rid in capsys.readouterr().out
