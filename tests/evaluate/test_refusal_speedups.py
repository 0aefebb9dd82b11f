"""The refusal check's fast paths of the twenty-third session answer as the slow forms they
replace: the sentence regex that takes runs of ordinary characters in one step, the ASCII
clause split (other scripts' connectives left out, read on the lower-cased sentence), the
searches that look only where a match can start, the Unicode regexes in full trie form, and the
guide's own lines looked for only in a response that can hold them. Each fast form is compared
with the slow one on random text (hypothesis) and on every response of the fixtures."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from charter.evaluate.checks import _text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "refusal_dev_sample.jsonl"
HAND = ROOT / "data" / "labels" / "refusal.jsonl"


def _texts() -> list[str]:
    rows = [json.loads(line) for p in (SAMPLE, HAND) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r.get("response") or r["text"] for r in rows]


# -- sentences -------------------------------------------------------------------------------

#: the sentence regex as it was: one ordinary character per step of the repeat
_SENT_ONE_CHAR = re.compile(
    rf"(?:[^.!?。！？؟।॥\n]|[.!?](?=[^\W_])|(?:{_text._NUMBER_ABBREV})\.[ \t]+(?=#?\d))+(?:[.!?。！？؟।॥]+|\n|$)",
    re.UNICODE)

_SENT_PIECES = ["Hello", " ", "a", "No", "no", "Nr", "n", "núm", ".", "..", "!", "?", "。", "？", "؟", "।", "\n", "\t",
                "3", "#", "_", "é", "x.y", " No. 12", "v2.1", "!a", "?b", "\r\n", "  ", "*"]


def _spans(rx: re.Pattern[str], text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text, pos, endpos)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENT_PIECES), max_size=14), st.integers(0, 6), st.integers(0, 6))
def test_sentence_regex_matches_as_the_one_character_form(pieces: list[str], cut_a: int, cut_b: int) -> None:
    text = "".join(pieces)
    # (the splitter reads the stretches between code blocks: a range of the text)
    pos, endpos = min(cut_a, len(text)), max(len(text) - cut_b, 0)
    assert _spans(_text._SENT_RE, text, pos, endpos) == _spans(_SENT_ONE_CHAR, text, pos, endpos)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x10000), max_size=60))
def test_sentence_regex_on_any_characters(text: str) -> None:
    assert _spans(_text._SENT_RE, text, 0, len(text)) == _spans(_SENT_ONE_CHAR, text, 0, len(text))


def test_sentences_of_the_fixtures_are_the_one_character_forms() -> None:
    texts = _texts()
    assert len(texts) == 419
    for t in texts:
        assert _spans(_text._SENT_RE, t, 0, len(t)) == _spans(_SENT_ONE_CHAR, t, 0, len(t))
