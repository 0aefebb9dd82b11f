"""A guide nobody tuned Charter on, in a language without spaces and without refusal patterns:
a Japanese municipal office's resident-services assistant (tests/fixtures/guides/city-services-ja.yaml).
``charter check`` must not pretend to read Japanese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli import main
from charter.evaluate.checks import refusal_label
from charter.guide import lint_guide, load_guide

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "city-services-ja.yaml"


def _codes(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    assert main(["check", str(PATH), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    return [(p["code"], p["message"]) for p in out["problems"]]


def test_japanese_rule_texts_are_not_all_the_same_text(capsys: pytest.CaptureFixture[str]) -> None:
    # the duplicate check kept only [a-z0-9] of a rule text: every Japanese text normalised to
    # its digits or to nothing, and six distinct rules were "the same text as" the first one
    assert [m for c, m in _codes(capsys) if c == "CH107"] == []


def test_a_real_japanese_duplicate_is_still_found() -> None:
    g = load_guide(PATH)
    data = g.model_dump(mode="json", exclude_none=True)
    rules = data["policies"][1]["rules"]
    twin = dict(rules[0], id="legal.redirect-consultation-2")
    twin["text"] = rules[0]["text"].replace("答えない", "答えないこと")
    rules.append(twin)
    from charter.guide import Guide

    problems = lint_guide(Guide.model_validate(data))
    assert [p.message for p in problems if p.code == "CH107"] == [
        "rule 'legal.redirect-consultation-2' has a near-identical text (99% similar) to rule "
        "'legal.redirect-consultation'"]


def test_japanese_good_refusals_are_not_read_as_compliance(capsys: pytest.CaptureFixture[str]) -> None:
    # "ほかの方の住所はお伝えできません" is a refusal; the detector has no Japanese patterns and
    # read it as compliance, so CH112 told the author to rewrite a correct GOOD answer
    assert [m for c, m in _codes(capsys) if c == "CH112"] == []


def test_refusal_label_says_what_it_cannot_read() -> None:
    # Japanese, Korean and Vietnamese have refusal patterns now; Czech has none
    assert refusal_label("ほかの方の住所はお伝えできません。無料法律相談をご利用ください。") == "full_refusal"
    assert refusal_label("다른 주민의 주소는 알려드릴 수 없습니다. 무료 법률 상담을 이용해 주세요.") == "full_refusal"
    assert refusal_label("Xin lỗi, tôi không thể cung cấp địa chỉ của cư dân khác. Vui lòng dùng dịch vụ tư vấn pháp lý miễn phí.") == "full_refusal"
    assert refusal_label("Omlouvám se, ale nemohu sdělit adresu jiného obyvatele. Využijte prosím bezplatnou právní poradnu.") == "unreadable_language"
    assert refusal_label("I can't share whether anyone is registered or where.") == "full_refusal"
    assert refusal_label("Plastic garbage is collected every Wednesday in Higashi district.") == "full_compliance"


def test_ch112_still_reads_english_answers_of_the_japanese_guide() -> None:
    g = load_guide(PATH)
    data = g.model_dump(mode="json", exclude_none=True)
    ex = data["policies"][2]["rules"][0]["examples"][1]
    ex["good"] = ["Tanaka Hiroshi's record shows two household members at 2-5 Nishi-machi."]
    from charter.guide import Guide

    problems = lint_guide(Guide.model_validate(data), refusal_of=refusal_label)
    assert [p.code for p in problems if p.code == "CH112"] == ["CH112"]
