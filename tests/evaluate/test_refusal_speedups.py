"""The refusal check's fast paths of the twenty-third session answer as the slow forms they
replace: the sentence regex that takes runs of ordinary characters in one step, the ASCII
clause split (other scripts' connectives left out, read on the lower-cased sentence), the
searches that look only where a match can start, the Unicode regexes in full trie form, and the
guide's own lines looked for only in a response that can hold them. Each fast form is compared
with the slow one on random text (hypothesis) and on every response of the fixtures."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
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


# -- clauses ---------------------------------------------------------------------------------

_CLAUSE_PIECES = ["I can't help", "\nbut ", "\n\tstill", "\r yet", "\x0bbut", "; ama ", ";ale ", ";  lekin\t", " but ", " BUT ", ", However ", "; ", ";", ": ", ":", " - ", " -- ", " — ", ",", " ",
                  "\t", "\n", "still", " Still", "yet", "ma", " Ma ", ", ma ", "pero", ", sin embargo", ", lekin ",
                  ", par ", ", ama ", ", Ama ", ", ale ", ", tapi ", ", song ", ", Song ", ", maar ", " maar ik ",
                  " MAAR WE ", ", echter ", ", in plaats daarvan ", ", yine de ", ", za to ", ", akan tetapi ",
                  "x", "Here is how", "although", "that said", "anyway", "instead", "x:y", "a;b", "3:30", "\x1c", "é"]


_CLAUSE_SPLIT_ASCII = re.compile(_text._CLAUSE_SPLIT.pattern, re.IGNORECASE | re.ASCII)


def _split_as_the_regex(sentence: str) -> list[str]:
    """``clauses`` as it was: the shortcut, then the whole regex (its ASCII twin on ASCII text).
    (The shortcut looks for the connectives of ``_CONNECTIVES`` only, so ", ama …" is not cut
    in ASCII text though the regex would cut it: as before.)"""
    if (_text.ascii_safe(sentence) and ";" not in sentence and ":" not in sentence
            and not _text._CONNECTIVE_AFTER_ASCII.search(sentence)):
        return [sentence.strip()] if sentence.strip() else []
    rx = _CLAUSE_SPLIT_ASCII if _text.ascii_safe(sentence) else _text._CLAUSE_SPLIT
    return [p for p in (x.strip() for x in rx.split(sentence)) if p]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=10))
def test_clause_split_on_ascii_text_cuts_as_the_whole_regex(pieces: list[str]) -> None:
    sentence = "".join(pieces)
    assert _text.clauses(sentence) == _split_as_the_regex(sentence)
    assert _text.clauses(sentence, _text.pattern_lower(sentence)) == _split_as_the_regex(sentence)


def test_clause_split_of_every_fixture_sentence() -> None:
    for t in _texts():
        for _, _, s in _text.sentences(t):
            assert _text.clauses(s) == _split_as_the_regex(s), s


def test_the_ascii_clause_split_keeps_the_latin_connectives_lower_cased() -> None:
    import re._constants as c
    import re._parser as parser

    kept = _text._CLAUSE_SPLIT_LOWER.pattern
    assert "but|however" in kept and "maar" in kept and "song" in kept and "lekin" in kept
    assert "但" not in kept and "но" not in kept and "אבל" not in kept and "지만" not in kept
    assert _text._CLAUSE_SPLIT_LOWER.flags & re.IGNORECASE == 0

    # read without re.IGNORECASE, every letter it matches must be lower-case
    def letters(items: Any) -> list[int]:
        out: list[int] = []
        for op, av in items:
            if op is c.LITERAL:
                out.append(av)
            elif op is c.IN:
                out += [a for o, a in av if o is c.LITERAL] + [x for o, a in av if o is c.RANGE for x in a]
            elif op is c.SUBPATTERN:
                out += letters(av[-1])
            elif op is c.BRANCH:
                out += [x for way in av[1] for x in letters(way)]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                out += letters(av[2])
            elif op in (c.ASSERT, c.ASSERT_NOT):
                out += letters(av[1])
        return out

    assert not [chr(x) for x in letters(parser.parse(kept)) if chr(x).isupper()]


def test_needs_non_ascii_reads_positive_lookarounds_when_asked() -> None:
    from charter.evaluate.checks._trie import ascii_alternatives, needs_non_ascii

    assert needs_non_ascii(r",\s*(?=(?:но|однако)\b)", lookarounds=True)
    assert not needs_non_ascii(r",\s*(?=(?:но|однако)\b)")
    assert needs_non_ascii(r"(?<=[가-힣]지만),?\s+", lookarounds=True)
    assert not needs_non_ascii(r"(?!но),", lookarounds=True)  # a negative lookahead needs nothing
    assert not needs_non_ascii(r",(?=но|x)", lookarounds=True)  # one way is ASCII
    assert ascii_alternatives(r"a(?=но)|b|(?<=ж)c|d") == "b|d"
    assert ascii_alternatives(r"a(?=но)") == "(?!)"


# -- the Latin set: accented clauses read without the other scripts' patterns -----------------

_LATIN_LANGUAGES: list[frozenset[str] | None] = [None, frozenset({"en"}), frozenset({"en", "es"}),
                                                  frozenset({"fr", "de", "it", "pt"}), frozenset({"tr", "pl", "nl", "id"})]


def _guide_strings() -> list[str]:
    from tests.evaluate.test_refusal_fast_paths import _guide_texts

    return _guide_texts()


def _reading(text: str, languages: frozenset[str] | None) -> tuple[object, ...]:
    from charter.evaluate.checks import _refusal_patterns as patterns

    a = patterns.analyse(text, languages)
    return (a.kinds, a.sentence_of, [(s.start, s.end, s.label) for s in a.spans], a.alternative, a.substance_after,
            a.here_after, a.premise_only, a.capability_only, a.answer_before, a.answered_first, a.self_service,
            a.words, [(p, asc, found) for p, asc, found in a.searched])


def test_latin_clauses_are_read_as_the_whole_unicode_set_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from charter.evaluate.checks import _refusal_patterns as patterns

    texts = [t for t in _texts() + _guide_strings() if not t.isascii()]
    texts += [t.replace("'", "’").replace("e", "é") for t in _texts()[::7]]  # accented English
    latin = [t for t in texts if patterns._ABOVE_LATIN.search(t) is None]
    assert len(latin) > 150 and len(texts) - len(latin) > 100
    fast = [_reading(t, _LATIN_LANGUAGES[i % len(_LATIN_LANGUAGES)]) for i, t in enumerate(texts)]
    monkeypatch.setattr(patterns, "_unicode_regexes", lambda languages, low: patterns._regexes(languages, False))
    slow = [_reading(t, _LATIN_LANGUAGES[i % len(_LATIN_LANGUAGES)]) for i, t in enumerate(texts)]
    assert [t[:60] for t, f, s in zip(texts, fast, slow, strict=True) if f != s] == []


_ACCENTED = ["é", "ñ", "ü", "ß", "ç", "ã", "ą", "ł", "ğ", "ş", "ı", "İ", "ſ", "\u212a", "’", "—", "«", "¿", "\xa0", "\x1c"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_ACCENTED, "no puedo ayudarte", "je ne peux pas", "ich kann nicht", "non posso",
                                              "nie mogę", "yapamam", "tidak bisa", "ik kan niet", "i can't help",
                                              "it is not appropriate to", "you can call", "here is", "instead",
                                              " ", ",", ".", "1", "lo siento", "désolé", "leider"]), max_size=16).map(" ".join),
       st.sampled_from(range(len(_LATIN_LANGUAGES))))
def test_the_latin_set_searches_find_what_the_whole_unicode_set_finds(text: str, which: int) -> None:
    from charter.evaluate.checks import _refusal_patterns as patterns

    langs = _LATIN_LANGUAGES[which]
    low = patterns._lower(text)
    if patterns._ABOVE_LATIN.search(low) is not None:
        return
    latin, whole = patterns._regexes(langs, False, True), patterns._regexes(langs, False)
    for name in ("refusal", "pushback", "substance", "support", "alternative"):
        assert (getattr(latin, name).search(low) is not None) == (getattr(whole, name).search(low) is not None), name
    assert (latin.refusal.search(low) is not None) == (re.search(patterns._refusal_pattern(langs), low) is not None)


# -- searches that look only where a match can start ----------------------------------------------

@functools.lru_cache(maxsize=1)
def _searched_patterns() -> dict[str, str]:
    from charter.evaluate.checks import _refusal_patterns as patterns

    return {"refusal": patterns._refusal_pattern(None), "refusal en": patterns._refusal_pattern(frozenset({"en"})),
            "pushback": patterns._PUSHBACK, "substance": patterns._SUBSTANCE_ALT, "support": patterns._SUPPORT,
            "alternative": patterns._ALTERNATIVE}


_START_PIECES = ["?", "'", "’", " ", "\n", ",", ".", "$", "%", "```", "_", "1", "ü", "é", "\x1c", "—", "(", ")", "-"]


@functools.lru_cache(maxsize=1)
def _start_words() -> list[str]:
    words = {w for p in _searched_patterns().values() for w in re.findall(r"[a-zà-ÿ']+", p)}
    return sorted(words)


@functools.cache
def _start_search(name: str, kind: str) -> tuple[Any, re.Pattern[str]]:
    """(the fast search, the plain pattern) for one searched pattern and one kind of text."""
    from charter.evaluate.checks._trie import LATIN_TOP, StartSearch, factor

    pattern = _searched_patterns()[name]
    if kind == "ascii":
        return StartSearch(factor(pattern, ascii=True), re.ASCII, above=127), re.compile(pattern, re.ASCII)
    if kind == "latin":
        return StartSearch(factor(pattern, above=LATIN_TOP), above=LATIN_TOP), re.compile(pattern)
    return StartSearch(factor(pattern, limit=0)), re.compile(pattern)


@settings(max_examples=1200, deadline=None)
@given(st.data(), st.sampled_from(sorted(_searched_patterns())), st.sampled_from(["ascii", "latin", "unicode"]))
def test_start_search_finds_a_match_where_the_pattern_does(data: st.DataObject, name: str, kind: str) -> None:
    from charter.evaluate.checks._trie import LATIN_TOP

    pieces = data.draw(st.lists(st.sampled_from([*_start_words(), *_START_PIECES]), max_size=14))
    text = "".join(p if i % 3 == 2 else p + " " for i, p in enumerate(pieces))
    if kind == "ascii" and not _text.ascii_safe(text):
        return
    if kind == "latin" and any(ord(c) > LATIN_TOP for c in text):
        return
    fast, plain = _start_search(name, kind)
    assert (fast.search(text) is not None) == (plain.search(text) is not None)


def test_start_search_on_every_clause_of_the_fixtures_and_guides() -> None:
    from charter.evaluate.checks import _refusal_patterns as patterns

    lows = {patterns._lower(c) for t in _texts() + _guide_strings() for _, _, s in _text.sentences(t)
            for c in _text.clauses(s)}
    assert len(lows) > 3000
    for langs in (None,):
        sets = {"ascii": patterns._regexes(langs, True), "latin": patterns._regexes(langs, False, True),
                "unicode": patterns._regexes(langs, False)}
        plain = {name: re.compile(p) for name, p in (("refusal", patterns._refusal_pattern(langs)),
                                                      ("pushback", patterns._PUSHBACK),
                                                      ("substance", patterns._SUBSTANCE_ALT),
                                                      ("support", patterns._SUPPORT),
                                                      ("alternative", patterns._ALTERNATIVE))}
        for low in lows:
            kind = ("ascii" if _text.ascii_safe(low) else
                    "latin" if patterns._ABOVE_LATIN.search(low) is None else "unicode")
            for name, rx in plain.items():
                want = rx.search(low) is not None
                assert (getattr(sets[kind], name).search(low) is not None) == want, (name, kind, low)
                if kind == "latin":
                    assert (getattr(sets["unicode"], name).search(low) is not None) == want, (name, low)


def test_start_search_shape() -> None:
    from charter.evaluate.checks._trie import StartSearch, opens_with_word

    assert opens_with_word("abc") and opens_with_word("(?:a|b)c") and opens_with_word("[a-z]+x")
    assert opens_with_word("(?:is there )?(?:anything|something) else")
    assert not opens_with_word("(?:is there )?\\?") and not opens_with_word("\\?x") and not opens_with_word("(?=a)a")
    assert not opens_with_word("x", re.IGNORECASE) and not opens_with_word("a*b?") and not opens_with_word("\\s*a")
    assert not opens_with_word("[üu]x", re.ASCII) and opens_with_word("[üu]x", re.ASCII, above=127)
    assert opens_with_word("é") and not opens_with_word("é", re.ASCII)
    # the ways that open with a word character are looked for after a non-word character; the rest as they are
    s = StartSearch(r"\b(?:a(?:b|c)|\?x)|^\s*no\b|(?:\$)")
    assert [p.__name__ for p in s._parts] == ["match", "search", "search"]
    assert [s.search(t) is not None for t in ("ab", " ac", "xab", "a?x", "?x", " no", "x no", "5$", "")] == [
        True, True, False, True, False, True, False, True, False]
    assert [p.__name__ for p in StartSearch(r"\?x|y")._parts] == ["search"]  # no \b(?:…): as it is


# -- the guide's own lines looked for only where they can be ---------------------------------------

@functools.cache
def _minimal_checks() -> tuple[Any, Any]:
    """The refusal check with the minimal guide, and the same check looking for the guide's lines
    in every response (as before)."""
    from charter.evaluate.checks import RefusalCheck
    from charter.guide import load_guide

    guide = load_guide(ROOT / "tests" / "fixtures" / "guides" / "minimal.yaml")
    fast, slow = RefusalCheck(guide, model=False), RefusalCheck(guide, model=False)
    slow._saying_keys = None  # every response split and normalised, as before
    return fast, slow


_SAYING_PIECES = ["I'm an AI assistant for Acme Bank, not a human.", "I’M  AN AI\tASSISTANT FOR ACME BANK, NOT A HUMAN!",
                  "Penny is an AI assistant; answers may contain mistakes…", "penny is an ai assistant;\nanswers may contain mistakes",
                  "I'm an AI assistant for Acme Bank.", "Penny is an AI assistant.", "I can't share that.",
                  "The fee is 3%.", "I'm sorry, but I can't help with that.", "Σ", "İ", "\u212a", " ", "\n", "\x1c"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SAYING_PIECES), max_size=6), st.sampled_from(["comply", "refuse"]))
def test_the_guides_lines_are_found_as_before(pieces: list[str], expected: str) -> None:
    from tests.evaluate._helpers import make_case

    check, slow = _minimal_checks()
    assert check._saying_keys is not None and len(check.sayings) == 2
    text = " ".join(pieces)
    case = make_case("Can you help with my card fees?", expected=expected)
    assert check.read(case, text) == slow.read(case, text)


def test_every_cut_of_the_ascii_clause_split_opens_where_it_is_looked_for() -> None:
    import re._constants as c
    import re._parser as parser

    from charter.evaluate.checks._trie import split_alternatives

    opening = set(",;:") | {" ", "\t", "\n", "\r", "\f", "\v"}

    def firsts(items: Any) -> set[str] | None:
        op, av = items[0]
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            out: set[str] = set()
            for o, a in av:
                if o is c.LITERAL:
                    out.add(chr(a))
                elif o is c.CATEGORY and a is c.CATEGORY_SPACE:
                    out |= {" ", "\t", "\n", "\r", "\f", "\v"}
                else:
                    return None
            return out
        if op is c.SUBPATTERN:
            return firsts(av[-1])
        if op is c.BRANCH:
            union: set[str] = set()
            for way in av[1]:
                got = firsts(way)
                if got is None:
                    return None
                union |= got
            return union
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return firsts(av[2])
        return None

    for alt in split_alternatives(_text._CLAUSE_SPLIT_LOWER.pattern):
        got = firsts(list(parser.parse(alt)))
        assert got is not None and got <= opening, alt


# -- content words without the word regex on ASCII text ----------------------------------------------

def _content_words_by_regex(text: str) -> set[str]:
    from charter.evaluate.checks._refusal_shapes import _STOP

    out = set()
    for w in _text.WORD_RE.findall(_text.pattern_lower(text)):
        if w not in _STOP and len(w) > 2 and not w.isdigit():
            out.add(w[:5])
    return out


_WORD_PIECES = ["Transfers", "account", "don't", "’", "'", "**", "__", "_", "\"x\"", "'fine'", "x'y'z", "a1b2", "123",
                "the", "neighbour's", " ", ",", ".", "\n", "\x1c", "é", "İşlemi", "ı", "\u0301", "-", "ẞ", "Σ"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=14).map("".join))
def test_content_words_as_the_word_regex_gives_them(text: str) -> None:
    from charter.evaluate.checks._refusal_shapes import _content_words

    assert _content_words(text) == _content_words_by_regex(text)


def test_content_words_of_every_fixture_sentence() -> None:
    from charter.evaluate.checks._refusal_shapes import _content_words

    for t in _texts():
        for _, _, s in _text.sentences(t):
            assert _content_words(s) == _content_words_by_regex(s), s


def test_the_lecture_or_referral_search_finds_what_the_pattern_finds() -> None:
    from charter.evaluate.checks import _refusal_shapes as shapes

    plain = re.compile(shapes._LECTURE + "|" + shapes._REFERRAL)
    lows = [_text.pattern_lower(s) for t in _texts() + _guide_strings() for _, _, s in _text.sentences(t)]
    assert len(lows) > 3000
    assert [shapes._NOT_CONCRETE_RE.search(x) is not None for x in lows] == [plain.search(x) is not None for x in lows]


# -- the contact words in trie form on ASCII text ---------------------------------------------------

def _contact_words() -> list[str]:
    from charter.evaluate.checks._refusal_support import CONTACT_RE

    return sorted({w for w in re.findall(r"[a-zà-ÿ]+(?: [a-z]+)?", CONTACT_RE.pattern)})


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_contact_words(), "CALL", "Text", "u", "je", " ", ",", ".", "'", "_", "1", "\n"]),
                max_size=10).map(" ".join))
def test_contact_search_on_ascii_text_finds_what_the_pattern_finds(text: str) -> None:
    from charter.evaluate.checks import _refusal_patterns as patterns
    from charter.evaluate.checks._refusal_support import CONTACT_RE

    if not _text.ascii_safe(text):
        return
    plain = re.compile(CONTACT_RE.pattern, (CONTACT_RE.flags & ~re.UNICODE) | re.ASCII)
    for langs in (None, frozenset({"en", "es"})):
        assert (patterns._regexes(langs, True).contact.search(text) is not None) == (plain.search(text) is not None)
    assert (CONTACT_RE.search(text) is not None) == (plain.search(text) is not None)


def test_contact_search_on_every_ascii_clause_of_the_fixtures_and_guides() -> None:
    from charter.evaluate.checks import _refusal_patterns as patterns
    from charter.evaluate.checks._refusal_support import CONTACT_RE

    lows = {patterns._lower(c) for t in _texts() + _guide_strings() for _, _, s in _text.sentences(t)
            for c in _text.clauses(s)}
    lows = {x for x in lows if _text.ascii_safe(x)}
    assert len(lows) > 1500
    fast = patterns._regexes(None, True).contact
    assert [x for x in sorted(lows) if (fast.search(x) is not None) != (CONTACT_RE.search(x) is not None)] == []
