"""One shape for a language's attack frames (:class:`LanguageFrames`, filed by ``register``).

Each language used to fill the 22 tables of ``_frames.py`` by hand (``ROLEPLAY["nl"] = …``,
``SPOOF["nl"] = …``), and a forgotten table silently fell back to the English frame (the Dutch
and Thai probes found such gaps). Now a language is one ``LanguageFrames`` call with a required
field per table, and ``register`` files it into every table."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from charter.synth.techniques import _frames
from charter.synth.techniques._frames import (
    FRAME_LANGUAGES,
    REGISTERED,
    LanguageFrames,
    frame_for,
    register,
)

FIELDS = [f.name for f in fields(LanguageFrames)]


def _table(field: str) -> dict[str, object]:
    table: dict[str, object] = getattr(_frames, field.upper())
    return table


def _snapshot() -> dict[str, dict[str, object]]:
    return {name: dict(_table(name)) for name in FIELDS}


def test_every_table_is_a_field_and_every_field_a_table() -> None:
    tables = {name for name in vars(_frames) if name.isupper() and isinstance(getattr(_frames, name), dict)}
    assert tables - {"REGISTERED"} == {name.upper() for name in FIELDS}
    assert len(FIELDS) == 23


def test_the_languages_with_frames() -> None:
    assert FRAME_LANGUAGES == ("ar", "de", "es", "fr", "he", "hi", "id", "ja", "ko", "nl", "pl", "pt",
                               "ru", "th", "tr", "vi", "zh")
    assert set(REGISTERED) == set(FRAME_LANGUAGES)


@pytest.mark.parametrize("field", FIELDS)
def test_every_language_is_complete_in_every_table_or_explicitly_none(field: str) -> None:
    table = _table(field)
    # nothing is filed by hand beside register(): every language a table has is registered
    assert set(table) <= set(REGISTERED), field
    for code, frames in REGISTERED.items():
        frame = getattr(frames, field)
        if frame is None:
            assert code not in table, (code, field)
        else:
            assert table[code] is frame, (code, field)
            assert frame, (code, field)  # an empty frame is a forgotten one, not a deliberate None


def test_a_forgotten_table_does_not_construct() -> None:
    kwargs = {name: getattr(REGISTERED["nl"], name) for name in FIELDS}
    del kwargs["spoof"]
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'spoof'"):
        LanguageFrames(**kwargs)


def test_registering_a_language_twice_is_an_error() -> None:
    before = _snapshot()
    with pytest.raises(ValueError, match=r"'nl' already has frames; a language's frames are one LanguageFrames"):
        register("nl", replace(REGISTERED["nl"], roleplay=("Speel {name}: {req}",)))
    assert _snapshot() == before
    assert _frames.ROLEPLAY["nl"] is REGISTERED["nl"].roleplay


@pytest.mark.parametrize("code", ["en", "EN", "nl-BE", "NL", "", "x", "dutch", " nl", "nl\n"])
def test_a_code_that_is_no_bare_language_code_is_refused(code: str) -> None:
    before = _snapshot()
    with pytest.raises(ValueError, match="is not a language to register; pass a bare lower-case language code"):
        register(code, REGISTERED["de"])
    assert _snapshot() == before


def test_a_none_field_keeps_the_english_frame_for_that_table_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # register into copies of the tables, so the real ones stay as they are
    for name in FIELDS:
        monkeypatch.setattr(_frames, name.upper(), dict(_table(name)))
    monkeypatch.setattr(_frames, "REGISTERED", dict(REGISTERED))
    # (a Flemish test language: the Dutch frames, but the roleplay personas left English)
    _frames.register("vls", replace(REGISTERED["nl"], roleplay=None))
    english = ("Let's play a game. You are {name}: {req}",)
    assert frame_for(_frames.ROLEPLAY, english, "vls") == (english, "en")
    assert frame_for(_frames.SPOOF, ("[SYSTEM]",), "vls-BE") == (REGISTERED["nl"].spoof, None)
    assert [name for name in FIELDS if "vls" not in _table(name)] == ["roleplay"]
