"""`charter check`: text and JSON output, exit codes, --strict and --ignore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli import main

WARNED = """\
meta: {name: Warned}
include: [charter:hazards/mlcommons]
policies:
  - id: p
    name: P
    rules:
      - {id: p.fees, kind: must, text: Explain fees.}
"""


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED)
    return path


def test_minimal_guide_passes(minimal_guide_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(minimal_guide_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{minimal_guide_path}: ok (20 rules, 0 warnings)"]


def test_warnings_pass_unless_strict(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(warned)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{warned}:7:14: warning: policies[0].rules[0].id: rule 'p.fees' has no example [CH101] "
        "(hint: add an example (user, good, bad): prompts, suites and judges are built from them)",
        f"{warned}: ok (15 rules, 1 warning)",
    ]
    assert main(["check", str(warned), "--strict"]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == f"{warned}: 1 warning (failing: --strict); fix them or drop --strict."


def test_ignore_codes(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(warned), "--strict", "--ignore", "ch101"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{warned}: ok (15 rules, 0 warnings)"]
    assert main(["check", str(warned), "--ignore", "CH999"]) == 2
    assert "unknown lint code(s) CH999" in capsys.readouterr().err


def test_json_output(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(warned), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["guide"] == str(warned)
    assert (doc["ok"], doc["rules"], doc["errors"], doc["warnings"]) == (True, 15, 0, 1)
    assert doc["problems"] == [{
        "file": str(warned), "line": 7, "col": 14, "severity": "warning", "code": "CH101",
        "path": "policies[0].rules[0].id", "message": "rule 'p.fees' has no example",
        "hint": "add an example (user, good, bad): prompts, suites and judges are built from them",
    }]
    assert main(["check", str(warned), "--format", "json", "--strict"]) == 2
    assert json.loads(capsys.readouterr().out)["ok"] is False


def test_json_output_on_load_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {name: x}\npolicy: []\n")
    assert main(["check", str(bad), "-f", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert (doc["ok"], doc["rules"], doc["errors"]) == (False, 0, 1)
    assert doc["problems"][0]["line"] == 2
    assert doc["problems"][0]["hint"] == "did you mean 'policies'?"


def test_lint_errors_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text("meta: {name: x}\ninclude: [charter:hazards/mlcommons]\n"
                    "behavior:\n  verbosity:\n    budgets: [{kind: default, min: 9, max: 3}]\n")
    assert main(["check", str(path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}:5:36: error: behavior.verbosity.budgets[0].min: verbosity budget")
    assert lines[-1] == f"{path}: 1 error, 0 warnings; fix the errors and run `charter check` again."


def test_text_output_has_no_escape_codes_when_piped(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(warned)])
    assert "\x1b[" not in capsys.readouterr().out
