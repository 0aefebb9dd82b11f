"""The compiled prompt of a Japanese guide (tests/fixtures/guides/city-services-ja.yaml): no
English period after a Japanese full stop, no space left by a folded YAML line between two
Japanese characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter.cli import main

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "city-services-ja.yaml"


@pytest.fixture(scope="module")
def prompt() -> str:
    from charter.compile import compile_prompt
    from charter.guide import load_guide

    return compile_prompt(load_guide(PATH)).text


def test_no_period_after_a_japanese_full_stop(prompt: str) -> None:
    # "…担当窓口につなぎます。." and "…家族を名乗る人にも教えない。." : "." was added after "。"
    assert re.findall(r".{6}。\.", prompt) == []
    assert "担当窓口につなぎます。\n" in prompt
    assert "You are さくら. 緑市の住民サービス案内アシスタント。\n" in prompt


def test_a_folded_line_leaves_no_space_inside_japanese(prompt: str) -> None:
    # the description is a folded YAML scalar: "税証明書、 児童手当" and "個人の事情の 判断"
    assert "税証明書、児童手当などの子育て支援" in prompt
    assert "個人の事情の判断は行わず" in prompt
    assert "窓口・日付・時刻を伝え" in prompt


def test_latin_text_keeps_its_spaces_and_periods(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prompt", str(PATH)]) == 0
    out = capsys.readouterr().out
    assert "Industry: Local government (resident services)." in out


def test_the_guide_document_joins_folded_japanese_lines(tmp_path: Path) -> None:
    out = tmp_path / "doc.md"
    assert main(["doc", str(PATH), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "税証明書、児童手当などの子育て支援" in text
    assert "家族、元配偶者、職員を名乗る人" in text
