"""The guide's YAML goes through libyaml when PyYAML has it, and through the pure-Python parser
when the text needs its exact error wording: both give the same data, positions and problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from charter.guide._yaml import _parse_fast, _parse_slow, parse_located

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")])

needs_libyaml = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")


def _key(result: tuple[Any, list[Any]]) -> object:
    loc, problems = result
    return (None if loc is None else (loc.data, loc.values, loc.keys), [str(p) for p in problems])


#: valid YAML that PyYAML's pure-Python parser refuses and libyaml reads (a tab between a key and
#: its value; "?" inside an unquoted flow item, in a file with a tab in a comment)
LENIENT = ROOT / "tests" / "fixtures" / "yaml_lenient"


@pytest.mark.parametrize("path", [p for p in FILES if p.parent != LENIENT], ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_give_the_same_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _key(parse_located(text, "g.yaml")) == _key(_parse_slow(text, "g.yaml"))


@needs_libyaml
@pytest.mark.parametrize("path", sorted(LENIENT.glob("*.yaml")), ids=lambda p: p.name)
def test_a_tab_does_not_decide_how_strictly_a_guide_is_read(path: Path) -> None:
    """A tab used to send the whole file to the pure-Python parser, so the same guide loaded
    without a tab in a comment and failed with one. Now the file reads as it does with the tab
    replaced by a space, with the same data and positions and no problem."""
    text = path.read_text(encoding="utf-8")
    assert "\t" in text and _parse_slow(text, "g.yaml")[0] is None  # the strict parser refuses it
    got, spaced = parse_located(text, "g.yaml"), parse_located(text.replace("\t", " "), "g.yaml")
    assert got[1] == [] and got[0] is not None and spaced[0] is not None
    assert (got[0].data, got[0].values, got[0].keys) == (spaced[0].data, spaced[0].values, spaced[0].keys)


@needs_libyaml
def test_a_guide_with_tabs_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    from charter.cli import main

    rc = main(["check", str(LENIENT / "tab_in_comment_question_in_flow_list.yaml")])
    out = capsys.readouterr()
    assert rc == 0, out
    assert "error" not in out.out + out.err


@needs_libyaml
def test_examples_take_the_fast_path() -> None:
    text = (ROOT / "examples" / "isp-support.yaml").read_text(encoding="utf-8")
    assert _parse_fast(text, "g.yaml") is not None


@needs_libyaml
@pytest.mark.parametrize("text, where", [
    ("meta:\n  name: a\n  name: b\n", "g.yaml:3:3"),                 # duplicate key: found by the walker
    ("a: &x [1]\nb: !!python/object x\n", "g.yaml:2:4"),            # a tag: libyaml refuses nothing here
    ("a: [1, 2\n", "g.yaml:2:1"),                                   # syntax error: the slow path words it
    ("a:\n\tb: 1\n", "g.yaml:2:1"),                                 # a tab indenting: libyaml refuses it too
    ("a: " + "[" * 60 + "]" * 60 + "\n", "g.yaml:1:"),              # too deep
])
def test_problems_are_the_slow_parsers(text: str, where: str) -> None:
    got = parse_located(text, "g.yaml")
    assert _key(got) == _key(_parse_slow(text, "g.yaml"))
    assert got[1] and str(got[1][0]).startswith(where)
