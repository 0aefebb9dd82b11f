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


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_give_the_same_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _key(parse_located(text, "g.yaml")) == _key(_parse_slow(text, "g.yaml"))


@needs_libyaml
def test_examples_take_the_fast_path() -> None:
    text = (ROOT / "examples" / "isp-support.yaml").read_text(encoding="utf-8")
    assert _parse_fast(text, "g.yaml") is not None


@needs_libyaml
@pytest.mark.parametrize("text, where", [
    ("meta:\n  name: a\n  name: b\n", "g.yaml:3:3"),                 # duplicate key: found by the walker
    ("a: &x [1]\nb: !!python/object x\n", "g.yaml:2:4"),            # a tag: libyaml refuses nothing here
    ("a: [1, 2\n", "g.yaml:2:1"),                                   # syntax error: the slow path words it
    ("a:\n\tb: 1\n", "g.yaml:2:1"),                                 # tab: always the slow path
    ("a: " + "[" * 60 + "]" * 60 + "\n", "g.yaml:1:"),              # too deep
])
def test_problems_are_the_slow_parsers(text: str, where: str) -> None:
    got = parse_located(text, "g.yaml")
    assert _key(got) == _key(_parse_slow(text, "g.yaml"))
    assert got[1] and str(got[1][0]).startswith(where)
