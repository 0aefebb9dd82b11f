"""Language fields take ISO 639-1 codes; a language name is an error that gives the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from charter.cli import main
from charter.guide import Disclosure, Languages, load_guide_text

GUIDE = """\
meta: {name: t}
audience:
  languages:
    supported: [English, es, pt-BR]
    unsupported: [FR, zho]
    default: Español
disclosure:
  languages_evaluated: [english-US, Klingon]
"""


def test_check_reports_each_name_at_its_line_with_the_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out.splitlines()
    expected = "expected an ISO 639-1 code such as 'en' or 'pt-BR'"
    assert out[:6] == [
        f"{path}:4:17: error: audience.languages.supported[0]: found language 'English', {expected} "
        "(hint: write 'en' (English))",
        f"{path}:5:19: error: audience.languages.unsupported[0]: found language 'FR', {expected} "
        "(hint: write 'fr' (French))",
        f"{path}:5:23: error: audience.languages.unsupported[1]: found language 'zho', {expected} "
        "(hint: write 'zh' (Chinese))",
        f"{path}:6:14: error: audience.languages.default: found language 'Español', {expected} "
        "(hint: write 'es' (Spanish))",
        f"{path}:8:25: error: disclosure.languages_evaluated[0]: found language 'english-US', {expected} "
        "(hint: write 'en' (English))",
        f"{path}:8:37: error: disclosure.languages_evaluated[1]: found language 'Klingon', {expected} "
        "(hint: use a two-letter ISO 639-1 code, e.g. en, es, fr, de, zh)",
    ]


def test_codes_with_subtags_load() -> None:
    guide = load_guide_text("meta: {name: t}\naudience:\n  languages: {supported: [en, pt-BR, zh-Hant], "
                            "unsupported: [vi], default: en}\n", name="g.yaml")
    assert guide.audience.languages.supported == ["en", "pt-BR", "zh-Hant"]


@pytest.mark.parametrize(("value", "code"), [
    ("Spanish", "es"), ("spanish", "es"), ("Deutsch", "de"), ("Portugese", "pt"), ("Mandarin", "zh"),
    ("eng", "en"), ("EN", "en"), ("iw", "he"), ("Norwegian Bokmal", "nb"),
])
def test_names_and_other_codes_suggest_the_iso_code(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        Languages(supported=[value])
    assert f"found language '{value}'" in str(info.value) and f"hint: write '{code}'" in str(info.value)


def test_unknown_two_letter_codes_are_errors_too() -> None:
    with pytest.raises(ValidationError, match="found language 'xx'"):
        Disclosure(languages_evaluated=["xx"])
    with pytest.raises(ValidationError, match="found language 'e'"):
        Languages(default="e")
