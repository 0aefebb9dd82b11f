"""The malformed-guide corpus: each file fails `charter check` with an exact one-line message.

tests/fixtures/malformed/NN_name.yaml are the guides (helpers they include live in
includes/); expected.json maps each to its exact problem line (or lines, for the fixtures
that show several problems reported at once). Inputs that would mean committing megabytes
or binary bytes (huge, binary, non-UTF-8, alias bombs, deep nesting...) are generated here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from charter.cli import main
from charter.errors import GuideError
from charter.guide import load_guide

MALFORMED = Path(__file__).resolve().parents[1] / "fixtures" / "malformed"
EXPECTED: dict[str, str | list[str]] = json.loads((MALFORMED / "expected.json").read_text(encoding="utf-8"))
LINE = r"^\S.*:\d+:\d+: error: "


def _problem_lines(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str]]:
    rc = main(argv)
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines, out.err
    assert "Traceback" not in out.out + out.err
    return rc, lines[:-1]  # the last line is the summary


def test_corpus_is_large_and_complete() -> None:
    files = sorted(p.name for p in MALFORMED.glob("[0-9][0-9]_*.yaml"))
    assert len(files) >= 40
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_fixture(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MALFORMED)
    monkeypatch.delenv("CHARTER_DEBUG", raising=False)
    rc, lines = _problem_lines(capsys, ["check", name])
    expected = EXPECTED[name]
    assert rc == 2
    assert lines == ([expected] if isinstance(expected, str) else expected)
    for line in lines:
        assert "\n" not in line
        assert ": error: " in line
        file, lineno, col = line.split(": error: ")[0].rsplit(":", 2)
        assert file and int(lineno) >= 1 and int(col) >= 1


def test_several_problems_are_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MALFORMED)
    with pytest.raises(GuideError) as info:
        load_guide("51_several_problems_at_once.yaml")
    assert [p.path for p in info.value.problems] == [
        "policies[0].rules[0].severity", "policies[0].rules[1].id", "policies[0].rules[1].use_cases[0]"]
    assert "3 problems found" in str(info.value)


# ----------------------------------------------------------- generated malformed inputs


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    rc, lines = _problem_lines(capsys, ["check", str(path)])
    assert rc == 2
    assert len(lines) == 1, lines
    return lines[0]


GENERATED: dict[str, tuple[bytes, str]] = {
    "empty": (b"", ":1:1: error: found an empty file, expected a guide with at least 'meta: {name: ...}'"),
    "blank": (b"  \n\n\t\n", ":1:1: error: found an empty file"),
    "binary": (b"meta:\n  name: x\x00\x01\x02", ":2:10: error: found a NUL byte (the file looks binary), expected UTF-8 YAML text"),
    "latin1": ("meta:\n  name: Caf\u00e9\n".encode("latin-1"),
               ":2:12: error: found byte 0xe9, which is not valid UTF-8, expected UTF-8 text (hint: save the file as UTF-8)"),
    "utf16": ("meta:\n  name: x\n".encode("utf-16"), ":1:1: error: found UTF-16 text, expected UTF-8"),
    "control": (b"meta:\n  name: a\x07b\n", ":2:10: error: found the control character 0x0007, expected printable text"),
    "deep": (b"meta: {name: x}\nbehavior: " + b"[" * 400 + b"]" * 400 + b"\n",
             # the 50th '[' (col 60) opens the 51st level (the root mapping is level 1)
             ":2:60: error: found YAML nested more than 50 levels deep"),
    "bomb": (
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode() for i in range(8))
        + b"meta: {name: x}\n",
        "error: found a document that expands to over 100,000 values (a YAML alias bomb?)",
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_malformed(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, expected = GENERATED[case]
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(content)
    line = _check(path, capsys)
    assert line.startswith(str(path) + ":")
    assert expected in line


def test_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("meta: {name: x}\nbehavior:\n  tone:\n    do:\n" + "      - be kind and clear\n" * 150_000)
    line = _check(path, capsys)
    assert line == (f"{path}:1:1: error: found a file of 3.7 MiB, expected at most 2 MiB for a guide "
                    "(hint: split the guide with 'include:' or move bulk examples into a suite file)")


def test_directory_given_as_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _check(tmp_path, capsys)
    assert line == (f"{tmp_path}:1:1: error: found a directory, expected a YAML file "
                    f"(hint: pass a file inside it, e.g. {tmp_path}/guide.yaml)")


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _check(tmp_path / "nope.yaml", capsys)
    assert line.startswith(f"{tmp_path / 'nope.yaml'}:1:1: error: file not found")


def test_included_file_binary_and_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01")
    (tmp_path / "guide.yaml").write_text("meta: {name: x}\ninclude: [bin.yaml]\n")
    line = _check(tmp_path / "guide.yaml", capsys)
    assert line.endswith("bin.yaml:1:1: error: found a NUL byte (the file looks binary), expected UTF-8 YAML text "
                         "(hint: check you passed the right file)")


def test_load_guide_text_size_guard() -> None:
    from charter.guide import load_guide_text

    with pytest.raises(GuideError, match=r"found 2\.4 MiB of text"):
        load_guide_text("meta: {name: x}\n#" + "x" * 2_500_000)


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta:\n  name: x\npolicies:\n  - id: p\n    name: P\n    rules:\n      - {id: p.a, kind: mustt, text: t}\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CHARTER_HOME": str(tmp_path / "h")}
    proc = subprocess.run([sys.executable, "-c", "import sys; from charter.cli import main; sys.exit(main())", "check", str(bad)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{bad}:7:25: error: policies[0].rules[0].kind: found a string ('mustt')" in proc.stdout


def test_special_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    line = _check(fifo, capsys)
    assert line == (f"{fifo}:1:1: error: found a special file (device, pipe or socket), expected a YAML file "
                    "(hint: pass a regular file)")
