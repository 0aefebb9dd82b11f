"""The compiled prompt of a Russian guide (tests/fixtures/guides/apteka-support-ru.yaml)."""

from __future__ import annotations

from pathlib import Path

from charter.compile import compile_prompt
from charter.guide import language_name, load_guide

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "apteka-support-ru.yaml"


def test_unsupported_languages_are_named_not_coded() -> None:
    # the prompt told the model "You do not support kk, uz": a table of 33 names knew no Kazakh
    # or Uzbek, so the codes were written as they were
    text = compile_prompt(load_guide(PATH)).text
    assert "You do not support Kazakh, Uzbek: say so briefly in Russian" in text
    assert "kk, uz" not in text


def test_language_name_takes_any_iso_code_and_keeps_what_it_does_not_know() -> None:
    assert [language_name(c) for c in ("kk", "UZ", "ru", "pt-BR", "xx")] == ["Kazakh", "Uzbek", "Russian", "pt-BR", "xx"]
