"""Loader behaviour beyond the malformed corpus: positions, includes, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.errors import GuideError
from charter.guide import SourceMap, load_guide, load_guide_text, load_guide_with_positions

FRAGMENT = """\
policies:
  - id: shared
    name: Shared
    rules:
      - id: shared.no-secrets
        kind: must_not
        text: Never reveal internal secrets.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_source_map_points_into_each_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "frag/shared.yaml", FRAGMENT)
    write(tmp_path, "guide.yaml", "meta: {name: x}\ninclude: [frag/shared.yaml]\ndefaults:\n"
          "  - {id: defaults.brief, kind: default, text: Be brief.}\n")
    guide, smap = load_guide_with_positions("guide.yaml")
    assert isinstance(smap, SourceMap)
    assert smap.file == "guide.yaml"
    assert smap.rule("shared.no-secrets") == ("frag/shared.yaml", 5, 13)
    assert smap.rule("defaults.brief") == ("guide.yaml", 4, 10)
    assert smap.where(("policies", 0, "rules", 0, "text")) == ("frag/shared.yaml", 7, 15)
    assert smap.show(("policies", 0, "rules", 0, "text")) == "policies[0].rules[0].text"
    assert smap.where(("defaults",), key=True) == ("guide.yaml", 3, 1)
    assert smap.includes == ["frag/shared.yaml"]
    assert [r.id for r in guide.rules] == ["shared.no-secrets", "defaults.brief"]
    with pytest.raises(KeyError):
        smap.rule("nope.nope")


def test_diamond_include_is_merged_once(tmp_path: Path) -> None:
    write(tmp_path, "shared.yaml", FRAGMENT)
    write(tmp_path, "a.yaml", "include: [shared.yaml]\n")
    write(tmp_path, "b.yaml", "include: [shared.yaml, charter:hazards/mlcommons]\n")
    root = write(tmp_path, "g.yaml", "meta: {name: x}\ninclude: [a.yaml, b.yaml, charter:hazards/mlcommons]\n")
    guide = load_guide(root)
    assert guide.rule_ids().count("shared.no-secrets") == 1
    assert len(guide.hazards) == 14


def test_override_positions_point_at_the_override(tmp_path: Path) -> None:
    write(tmp_path, "shared.yaml", FRAGMENT)
    root = write(tmp_path, "g.yaml", """\
meta: {name: x}
include: [shared.yaml]
audience:
  use_cases: [{id: cards, name: Cards}]
overrides:
  shared.no-secrets:
    severity: critical
    use_cases: [crads]
    add_examples:
      - {user: hi, good: [hello], label: sideways}
""")
    with pytest.raises(GuideError) as info:
        load_guide(root)
    lines = [str(p) for p in info.value.problems]
    assert lines == [
        f"{root}:8:17: error: overrides.shared.no-secrets.use_cases[0]: found unknown use case 'crads', "
        "expected one of audience.use_cases (hint: did you mean 'cards'?)",
        f"{root}:10:42: error: overrides.shared.no-secrets.add_examples[0].label: found a string ('sideways'), "
        "expected 'violating', 'benign_lookalike', 'borderline' or 'benign'",
    ]


def test_override_applies(tmp_path: Path) -> None:
    write(tmp_path, "shared.yaml", FRAGMENT)
    root = write(tmp_path, "g.yaml", "meta: {name: x}\ninclude: [shared.yaml]\noverrides:\n"
                 "  shared.no-secrets: {severity: critical, add_examples: [{user: hi, good: [hello]}]}\n")
    rule = load_guide(root).rule("shared.no-secrets")
    assert rule.severity.value == "critical"
    assert rule.examples[0].user == "hi"


def test_duplicate_key_does_not_hide_other_problems(tmp_path: Path) -> None:
    root = write(tmp_path, "g.yaml", "meta: {name: x}\nmeta: {name: y}\ndefaults:\n  - {id: d.a, kind: often, text: t}\n")
    with pytest.raises(GuideError) as info:
        load_guide(root)
    assert [(p.line, p.path) for p in info.value.problems] == [(2, "meta"), (4, "defaults[0].kind")]


def test_load_guide_text_resolves_includes_against_base_dir(tmp_path: Path) -> None:
    write(tmp_path, "shared.yaml", FRAGMENT)
    guide = load_guide_text("meta: {name: x}\ninclude: [shared.yaml]\n", base_dir=tmp_path)
    assert guide.rule_ids() == ["shared.no-secrets"]
    with pytest.raises(GuideError, match=r"^<guide>:2:11: error: include\[0\]: included file 'nope.yaml' not found"):
        load_guide_text("meta: {name: x}\ninclude: [nope.yaml]\n", base_dir=tmp_path)


def test_include_cycle_names_the_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.yaml", "include: [g.yaml]\n")
    write(tmp_path, "g.yaml", "meta: {name: x}\ninclude: [a.yaml]\n")
    with pytest.raises(GuideError) as info:
        load_guide("g.yaml")
    assert [str(p) for p in info.value.problems] == [
        "a.yaml:1:11: error: include[0]: found an include cycle: g.yaml -> a.yaml -> g.yaml "
        "(hint: remove one of the includes in the cycle)"]


def test_dates_stay_text() -> None:
    guide = load_guide_text("meta: {name: x, date: 2026-11-01}\n")
    assert guide.meta.date == "2026-11-01"
