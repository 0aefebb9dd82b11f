"""`charter schema`: a JSON Schema editors can use, that accepts real guides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from charter.cli import main


def test_schema_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr()
    schema = json.loads(out.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Charter behavior guide"
    assert "meta" in schema["required"]
    assert schema["additionalProperties"] is False
    assert "# yaml-language-server: $schema=" in out.err


def test_schema_to_file_validates_guides(tmp_path: Path, minimal_guide_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    target = tmp_path / "sub" / "guide.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert f"# yaml-language-server: $schema={target}" in capsys.readouterr().out
    schema = json.loads(target.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(yaml.safe_load(minimal_guide_path.read_text()))
    errors = list(validator.iter_errors({"meta": {"name": "x"}, "policy": []}))
    assert [e.validator for e in errors] == ["additionalProperties"]
