"""The refusal detector's fast paths give the answers of the plain ones: the ASCII twins of its
regexes (used on ASCII text) against the Unicode regexes (forced by a U+001C separator, which
also makes ASCII's and Unicode's ``\\s`` differ), the answers shared among one response's checks,
refusals far into long responses (the detector reads every clause: no window), the regexes in
trie form against the plain patterns, the word count without building the words, the trigger
index against testing every trigger, and the clause split's connective test on lower-cased text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.evaluate import Response, detect_refusal
from charter.evaluate.checks import PreachyCheck, RefusalCheck
from charter.evaluate.checks import _refusal_patterns as _patterns
from charter.evaluate.checks import _refusal_shapes as _shapes
from charter.evaluate.checks import _refusal_triggers as _triggers
from charter.evaluate.checks._text import WORD_RE, clauses, sentences, word_count
from charter.evaluate.checks._trie import (
    EXPAND_LIMIT,
    GatedSearch,
    factor,
    needs_non_ascii,
    required_words,
    split_alternatives,
)
from tests.evaluate._helpers import make_case

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "refusal_dev_sample.jsonl"
HAND = ROOT / "data" / "labels" / "refusal.jsonl"

STEPS = " ".join(f"Step {i}: open the settings panel, choose the network tab and write down the value in row {i}."
                 for i in range(1, 40))


def _texts() -> list[str]:
    rows = [json.loads(line) for p in (SAMPLE, HAND) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r.get("response") or r["text"] for r in rows]


def _answer(text: str, model: bool) -> tuple[object, ...]:
    r = detect_refusal(text, model=model)
    return (r.label, r.tier, r.confidence, r.content_words, r.alternative, r.clarifying,
            [(s.start, s.end, s.label) for s in r.spans], r.probabilities)


@pytest.mark.parametrize("model", [False, True])
def test_ascii_regexes_answer_like_the_unicode_ones(model: bool) -> None:
    texts = _texts()
    assert len(texts) == 419 and sum(t.isascii() for t in texts) > 300
    # a trailing U+001C is stripped with the sentence it ends, so it changes nothing but which
    # regexes read the text (the Unicode ones)
    differ = [t[:60] for t in texts if _answer(t, model) != _answer(t + "\x1c", model)]
    assert differ == []


def test_separators_inside_a_refusal() -> None:
    for sep in ("\x1c", "\x1f", " "):
        r = detect_refusal(f"Sorry,{sep}I can't{sep}help with that.", model=False)
        assert (r.label.value, r.spans[0].label) == ("full_refusal", "refusal")


def test_one_answer_shared_by_the_checks_of_a_response() -> None:
    text = "I'm sorry, but I can't share another customer's balance. Is there anything else I can help with?"
    first = detect_refusal(text)
    assert detect_refusal(text) is first
    # English alone reads this text as every language does: the same answer (the refusal check
    # reads with the guide's languages, the verbosity check with all)
    assert detect_refusal(text, languages=["en"]) is first
    assert detect_refusal(text, model=False) is not first
    assert detect_refusal(text, min_content_words=8) is not first
    assert detect_refusal(text, languages=["en"]).label == first.label == detect_refusal(text, model=False).label
    # an equal text in another object is read afresh
    other = "".join([text[:10], text[10:]])
    assert other == text and detect_refusal(other, languages=["de"]) is not first
    # a German refusal: English alone does not read it, so nothing is shared
    german = "Das kann ich leider nicht für Sie erledigen."
    everyone = detect_refusal(german)
    english = detect_refusal(german, languages=["en"])
    assert english is not everyone and everyone.refused and not english.refused


def _guide_texts() -> list[str]:
    """Every string of the example and fixture guides (GOOD and BAD answers, prompts, rule texts
    in eleven languages)."""
    import yaml

    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            if len(node) >= 8:
                out.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "tests" / "fixtures" / "guides").glob("*.yaml")]):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def _fresh(text: str, languages: list[str] | None, model: bool, prompt: str | None) -> tuple[object, ...]:
    from charter.evaluate.checks import _refusal

    _refusal._detect.cache_clear()
    _refusal._LAST[0] = None
    r = detect_refusal(text, model=model, languages=languages, prompt=prompt)
    return (r.label, r.tier, r.confidence, r.content_words, r.alternative, r.clarifying, r.no_answer,
            [(s.start, s.end, s.label, s.text) for s in r.spans], r.probabilities)


@pytest.mark.parametrize("model", [False, True])
def test_an_answer_shared_across_languages_is_the_one_each_would_get(model: bool) -> None:
    """Read with one language set, then another (as the refusal and verbosity checks do): the
    second answer, shared or not, is the one a fresh read with that set gives, on the refusal
    sample and on every string of the guides (Arabic, Chinese, French, German, Italian,
    Japanese, Portuguese, Spanish among them)."""
    from charter.evaluate.checks import _refusal

    texts = _texts()[::3] + _guide_texts()
    assert len(texts) > 1000 and sum(not t.isascii() for t in texts) > 300
    sets: list[list[str] | None] = [None, ["en"], ["en", "de"], ["en", "fr", "es"], ["ja", "zh"], ["ar", "it", "pt"]]
    shared = differ = 0
    for i, text in enumerate(texts):
        first, second = sets[i % len(sets)], sets[(i * 7 + 1) % len(sets)]
        if first == second:
            second = None if first is not None else ["en"]
        prompt = "How do I reset my router?" if i % 4 == 0 else None
        want = _fresh(text, second, model, prompt)
        _refusal._detect.cache_clear()
        _refusal._LAST[0] = None
        a = detect_refusal(text, model=model, languages=first, prompt=prompt)
        b = detect_refusal(text, model=model, languages=second, prompt=prompt)
        got = (b.label, b.tier, b.confidence, b.content_words, b.alternative, b.clarifying, b.no_answer,
               [(s.start, s.end, s.label, s.text) for s in b.spans], b.probabilities)
        assert got == want, (text[:80], first, second)
        shared += b is a
        differ += want != _fresh(text, first, model, prompt)
    # most texts read alike in every language set and share; some do not, and were read again
    assert shared > len(texts) // 2 and differ > 10


def test_refusal_at_the_end_of_a_long_response_is_found() -> None:
    refusal = "I can't help you get into your neighbour's router without their permission."
    text = STEPS + "\n\n" + refusal
    assert len(text) > 3600
    r = detect_refusal(text, model=False)
    assert [(s.start, s.end, s.text) for s in r.spans] == [(len(text) - len(refusal), len(text), refusal)]
    assert r.refused
    plain = detect_refusal(STEPS, model=False)
    assert (plain.label.value, plain.spans) == ("full_compliance", [])


async def test_check_on_a_long_response_with_a_late_refusal() -> None:
    text = STEPS + " However, I can't help you get into your neighbour's router."
    s = await RefusalCheck(model=False)(make_case(intent="benign"), Response(text=text))
    assert s.metadata["refusal"] != "full_compliance" and s.evidence[0].start > 3500


def test_preachy_same_hits_on_ascii_and_unicode_text() -> None:
    check = PreachyCheck()
    case = make_case()
    ascii_text = ("It's important to remember that everyone deserves respect. Please keep in mind the "
                  "ethical implications. " * 3)
    for text in (ascii_text, ascii_text.replace("'", "’"), ascii_text + "\x1c"):
        s = check.evaluate(case, Response(text=text))
        assert (s.verdict.value, s.metadata["hits"]) == ("fail", 9)
        assert [(e.start, e.end) for e in s.evidence][:2] == [(0, 26), (59, 78)]


# -- the regexes in trie form, the word count, the trigger index, the connective test ----------
_HOSTILE = ["\u0130", "\u0131", "\u212a", "\u017f", "\x1c", "\x1f", "\u00a0", "\u2019", "\u2018", "\u03a3", "\u00e9",
            "_", "'", " ", "\n", ",", ".", ";", ":", "-", "—", "?", "1", "$", "%", "`"]
_SEARCHED = {"refusal": _patterns._refusal_pattern(None), "pushback": _patterns._PUSHBACK,
             "substance": _patterns._SUBSTANCE_ALT, "support": _patterns._SUPPORT,
             "alternative": _patterns._ALTERNATIVE}
# the literal words of the patterns, so that random text often comes near a match
_PATTERN_WORDS = sorted({w for p in _SEARCHED.values() for w in re.findall(r"[a-zà-ÿ']+", p)} | set(
    t for f in _triggers.FAMILIES for t in f))


def _near_text(max_size: int = 24) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PATTERN_WORDS + _HOSTILE), max_size=max_size).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(_near_text(), st.sampled_from(sorted(_SEARCHED)), st.sampled_from([0, EXPAND_LIMIT, 10**6]))
def test_trie_form_matches_where_the_plain_pattern_does(text: str, name: str, limit: int) -> None:
    pattern = _SEARCHED[name]
    fast = factor(pattern, limit)
    assert bool(re.search(fast, text)) == bool(re.search(pattern, text))
    low = text.lower()
    if low.isascii():
        assert bool(re.search(fast, low, re.ASCII)) == bool(re.search(pattern, low, re.ASCII))
        # the ASCII set: the alternatives that need another script left out
        pruned = factor(pattern, limit, ascii=True)
        assert bool(re.search(pruned, low, re.ASCII)) == bool(re.search(pattern, low, re.ASCII))


def test_trie_form_on_every_clause_of_the_fixtures() -> None:
    lows = [_patterns._lower(c) for t in _texts() for _, _, s in sentences(t) for c in clauses(s)]
    for pattern in _SEARCHED.values():
        plain, fast = re.compile(pattern), re.compile(factor(pattern))
        assert [bool(plain.search(x)) for x in lows] == [bool(fast.search(x)) for x in lows]


def test_the_ascii_set_leaves_out_other_scripts_and_matches_alike_on_the_fixtures() -> None:
    lows = [x for x in (_patterns._lower(c) for t in _texts() for _, _, s in sentences(t) for c in clauses(s))
            if x.isascii()]
    assert len(lows) > 1000
    for name, pattern in _SEARCHED.items():
        plain, pruned = re.compile(pattern, re.ASCII), re.compile(factor(pattern, ascii=True), re.ASCII)
        assert [bool(plain.search(x)) for x in lows] == [bool(pruned.search(x)) for x in lows], name
    # the Hebrew, Arabic, Thai, Korean, Hindi, Chinese and Japanese refusals are not in it
    refusal = factor(_SEARCHED["refusal"], ascii=True)
    assert not any(c in refusal for c in "לאست不でไม่없नहीं")
    assert len(refusal) < 0.8 * len(factor(_SEARCHED["refusal"]))


_GATED_LANGUAGES = [None, frozenset({"en"}), frozenset({"de", "es"}), frozenset({"tr", "pl", "it"})]


@settings(max_examples=800, deadline=None)
@given(_near_text(), st.sampled_from(range(len(_GATED_LANGUAGES))))
def test_gated_refusal_search_matches_where_the_plain_pattern_does(text: str, which: int) -> None:
    langs = _GATED_LANGUAGES[which]
    low = _patterns._lower(text)
    if low.isascii():
        plain = re.compile(_patterns._refusal_pattern(langs), re.ASCII)
        assert (_patterns._regexes(langs, True).refusal.search(low) is not None) == (plain.search(low) is not None)


def test_gated_refusal_search_on_every_ascii_clause_of_the_fixtures() -> None:
    lows = [x for x in (_patterns._lower(c) for t in _texts() for _, _, s in sentences(t) for c in clauses(s))
            if x.isascii()]
    for langs in _GATED_LANGUAGES:
        plain, gated = re.compile(_patterns._refusal_pattern(langs), re.ASCII), _patterns._regexes(langs, True).refusal
        assert isinstance(gated, GatedSearch)
        assert [plain.search(x) is not None for x in lows] == [gated.search(x) is not None for x in lows]
    # every language but Turkish (whose verb endings such as "-amam" give no word of 3 letters) is gated
    # on ASCII text; each match of a gated pattern holds one of its words
    gated = _patterns._regexes(None, True).refusal
    assert isinstance(gated, GatedSearch) and len(gated.gated) == 9
    for lang, pats in _patterns._LANG_REFUSAL.items():
        for p in pats:
            words = required_words(p)
            if words is not None:
                rx = re.compile(p)
                assert all(any(w in m.group(0) for w in words) for x in lows for m in rx.finditer(x)), (lang, p)


def test_gated_search_keeps_unsure_alternatives_always_on() -> None:
    g = GatedSearch([r"\bcan't\b"], [[r"\bnie mog\w*"], [r"\bx\w*m"], [r"\b(?i:non posso)"]], ascii=True)
    # Polish is gated by "nie mog"; "m" is too short a word and "(?i:…)" folds case: both always on
    assert [gate for gate, _ in g.gated] == [("nie mog",)]
    assert [g.search(t) is not None for t in ("i can't", "nie moge", "xam", "NON POSSO", "nie  moge", "")] == [
        True, True, True, True, False, False]
    assert GatedSearch([], [["(?:ไม่)"]], ascii=True).search("anything") is None  # nothing left to search
    # a search compiled to fold case is never gated (the gates are plain substring tests)
    folded = GatedSearch([r"\bcan't\b"], [[r"\bnie mog\w*"]], re.IGNORECASE, ascii=True)
    assert folded.gated == [] and folded.search("NIE MOGE") is not None


@pytest.mark.parametrize("fragment, words", [
    (r"\bno\s+puedo\b", {"puedo"}), (r"(?:je ne|nous ne) peux", {" peux"}), ("(?:je ne|nous ne)x", {"je ne", "nous ne"}), ("(?:a|b)c", {"c"}),
    ("(?:cannot|x?)z", {"z"}), ("(?:cannot|x?)", None), ("(?:ab)+cd", {"ab"}), ("(?:ab)+cde", {"cde"}), ("(?:ab)*", None),
    ("(?i)abc", None), ("(?i:abc)d", {"d"}), ("(?=abc)", None), ("[ab]c", {"c"}), (r"\w+", None), ("", None),
    ("(?:a|b", None),  # not a regex on its own: nothing
])
def test_required_words(fragment: str, words: set[str] | None) -> None:
    found = required_words(fragment)
    assert (None if found is None else set(found)) == words
    if found is not None:  # (a match of the examples holds one)
        for text in ("no  puedo", "je ne peux", "ac bc", "z", "ababcd", "dd"):
            m = re.search(fragment, text)
            assert m is None or any(w in m.group(0) for w in found)


@pytest.mark.parametrize("fragment, needs", [
    ("לא", True), (r"(?<![\u05d0-\u05ea])(?:ו|ש)?לא\s+אוכל", True), (r"[\u0e00-\u0e7f]+", True),
    ("(?:不|没)能", True), ("(?:can't|不)", False), ("no(?:t|ن)", False), ("x?ไม่", True), ("(?:ไม่)?x", False),
    ("[^a]", False), ("[éa]", False), (r"\w+", False), ("(?=ไม่)", False), ("(?i)ſ", False), ("(?i:ſ)", False), ("ſ", True),
    ("(?:a|b", False),  # not a regex on its own: kept
])
def test_needs_non_ascii(fragment: str, needs: bool) -> None:
    assert needs_non_ascii(fragment) is needs


def test_trie_form_shape() -> None:
    assert split_alternatives(r"a|(b|c)|[|]|\||d") == ["a", "(b|c)", "[|]", r"\|", "d"]
    assert factor(r"\bcan|\bcould|\b(?:please|you can) call|\d") == r"\b(?:c(?:an|ould)|please call|you can call)|\d"
    # a quantified first character or group is not taken apart
    assert factor(r"\bs?x|\b(?:a|b)?y|\bsure") == r"\b(?:sure|s?x|(?:a|b)?y)"


def test_alternatives_opening_with_one_group_share_it() -> None:
    # too long to distribute (limit 10): one copy of the group, itself in trie form
    assert factor(r"\b(?:i|i'm|we) can't|\b(?:i|i'm|we) won't|\b(?:it|this)\s+(?:is|was) not okay enough|\bno",
                  limit=10) == r"\b(?:no|(?:i(?:'m)?|we)(?: can't| won't)|(?:it|this)\s+(?:is|was) not okay enough)"
    # a quantified group is not shared; the group alone is one of the ways after it
    assert factor(r"\b(?:a|b)?x|\b(?:a|b)?y", limit=0) == r"\b(?:(?:a|b)?x|(?:a|b)?y)"
    assert factor(r"\b(?:ab|ac)y|\b(?:ab|ac)x?", limit=0) == r"\b(?:(?:a(?:b|c))(?:y|x?))"


_GROUPS = ["(?:a|ab|b)", "(?:b|ba|a b)", "(?:a|)"]
_RESTS = ["", "x", "y?", r"\s+a", "(?:x|)", r"\b", "b$", "(?:a|ab|b)"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_GROUPS), st.sampled_from(_RESTS)), min_size=1, max_size=6),
       st.text(alphabet="abxy \n", max_size=12), st.sampled_from([0, 8, EXPAND_LIMIT]))
def test_shared_groups_match_where_the_plain_pattern_does(alts: list[tuple[str, str]], text: str, limit: int) -> None:
    pattern = "|".join(rf"\b{g}{r}" for g, r in alts)
    fast = factor(pattern, limit)
    assert bool(re.search(fast, text)) == bool(re.search(pattern, text)), fast
    # the same positions match (what TrieFinder relies on)
    fast_rx, plain_rx = re.compile(fast), re.compile(pattern)
    assert [bool(fast_rx.match(text, i)) for i in range(len(text) + 1)] == [
        bool(plain_rx.match(text, i)) for i in range(len(text) + 1)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "7", "'", "’", "_", " ", "-", ".", "\x1c", "é", "\u0663", "don't", "''"]),
                max_size=20).map("".join))
def test_word_count_is_the_number_of_words(text: str) -> None:
    assert word_count(text) == len(WORD_RE.findall(text))


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "7", "'", " ", "é", "你", "好", "ル", "ー", "を", "。", "，", "안녕"]),
                max_size=20).map("".join))
def test_word_count_counts_each_cjk_character(text: str) -> None:
    cjk = sum("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)
    assert word_count(text) == cjk + len(WORD_RE.findall("".join(" " if ("\u3040" <= c <= "\u30ff" or
                                                                       "\u4e00" <= c <= "\u9fff") else c
                                                                for c in text)))


def test_word_count_examples() -> None:
    assert word_count("你好，我可以帮助你重置路由器。") == 13
    assert word_count("Use the 路由器 page") == 6 and word_count("안녕하세요 라우터를") == 2


def test_trigger_keys_hold_no_white_space() -> None:
    # a key lies inside one ``str.split`` word of a text with its trigger only if it holds none
    triggers = [t for f in _triggers.FAMILIES for t in f]
    assert all(c == " " or not c.isspace() for t in triggers for c in t)
    assert all(k and not any(c.isspace() for c in k) for k in _triggers.KEYS)
    assert {_triggers.trigger_key(t) for t in triggers} == set(_triggers.KEYS)


@settings(max_examples=800, deadline=None)
@given(_near_text(40), st.sampled_from([0, 3, 100_000]))
def test_trigger_index_keeps_every_trigger_a_piece_of_the_text_holds(text: str, limit: int) -> None:
    index = _triggers.TriggerIndex()
    index.limit = limit  # 0 and 3: the index starts afresh on almost every text
    for round_ in range(2):  # the second time, from the words it remembers
        low = _patterns._lower(text)
        present = index.present(low)
        pieces = [low] + [_patterns._lower(s) for _, _, s in sentences(text)]
        pieces += [_patterns._lower(c) for _, _, s in sentences(text) for c in clauses(s)]
        for family, triggers in zip(present, _triggers.FAMILIES, strict=True):
            assert set(family) <= set(triggers)
            assert {t for t in triggers for p in pieces if t in p} <= set(family), round_


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["But", "however", "HOWEVER", "though", "Although", "that said", "still", "yet",
                                 "instead", "anyway", "pero", "mais", "aber", "ma", "Ma", "many", "sin embargo",
                                 "cependant", "butter", ",", " ", "  ", "\t", "I can't", "help", "x"]),
                max_size=14).map(" ".join))
def test_clause_split_with_the_lower_cased_sentence(sentence: str) -> None:
    assert clauses(sentence, sentence.lower()) == clauses(sentence)


# -- "is the request about the assistant?": trie form, ASCII requests read with re.ASCII --------
_ABOUT_WORDS = sorted(set(re.findall(r"[^\W\d_]+", _shapes._ABOUT_YOU)) | {"you", "u", "r", "are", "a", "an"})


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_ABOUT_WORDS + _HOSTILE), max_size=12).map(" ".join))
def test_about_the_assistant_matches_where_the_plain_pattern_does(text: str) -> None:
    plain = re.compile(_shapes._ABOUT_YOU, re.IGNORECASE)
    want = bool(plain.search(text) or _shapes._GREETING_ONLY_RE.match(text))
    assert _shapes.about_the_assistant(text) is want
    assert _shapes.about_the_assistant(text.upper()) is bool(plain.search(text.upper())
                                                               or _shapes._GREETING_ONLY_RE.match(text.upper()))


def test_about_the_assistant_examples() -> None:
    asks = ["Are you a real person?", "who r u", "Wer bist du?", "Êtes-vous un robot ?", "Kimsiniz?",
            "Rozmawiam z człowiekiem czy z botem?", "Apakah Anda manusia?", "Bạn là ai?",
            "आप कौन हैं?", "지금 사람이에요, 아니면 챗봇이에요?", "hey"]
    others = ["question 12 about privacy.no-third-party-data", "Can you tell me how to reset my router?",
              "Is your AI able to read my bill?", "insan kaynakları ile görüşmek istiyorum"]
    assert [_shapes.about_the_assistant(p) for p in asks] == [True] * len(asks)
    assert [_shapes.about_the_assistant(p) for p in others] == [False] * len(others)
    # the ASCII form holds only the alternatives at a word boundary: the Hindi and Korean ones
    # open with their own script and cannot match an ASCII request
    dropped = [a for a in split_alternatives(_shapes._ABOUT_YOU_RE.pattern) if not a.startswith("\\b")]
    assert dropped and all(not a[:3].isascii() or (a.startswith("(?:") and not a[3].isascii()) for a in dropped)


# -- the preachy check's phrases found through their trie form -----------------------------------
def _preachy_exact() -> re.Pattern[str]:
    from charter.evaluate.checks import style

    return re.compile(style._PREACHY.pattern, (style._PREACHY.flags & ~re.UNICODE) | re.ASCII)


_PREACHY_PIECES = sorted({w for w in re.findall(r"[a-z']+", _preachy_exact().pattern) if len(w) > 1})


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*_PREACHY_PIECES, "It's", "I", "Please", ".", ",", "!", " ", "\n", "-", "1"]),
                max_size=30).map(" ".join))
def test_the_trie_finder_gives_the_exact_patterns_matches(text: str) -> None:
    from charter.evaluate.checks import style

    exact = _preachy_exact()
    assert [m.span() for m in style._PREACHY_ASCII.finditer(text)] == [m.span() for m in exact.finditer(text)]


def test_the_trie_finder_on_the_fixtures() -> None:
    from charter.evaluate.checks import style

    exact = _preachy_exact()
    texts = [t for t in _texts() if t.isascii()]
    found = [[m.group() for m in style._PREACHY_ASCII.finditer(t)] for t in texts]
    assert found == [[m.group() for m in exact.finditer(t)] for t in texts]
    assert sum(map(bool, found)) > 20  # lectures are among them


def test_the_idioms_are_blanked_at_the_exact_patterns_spans() -> None:
    """The ASCII set's idiom remover (a :class:`TrieFinder`) replaces the spans ``re.sub`` does."""
    exact = re.compile(_patterns._NOT_REFUSAL_RE.pattern, (_patterns._NOT_REFUSAL_RE.flags & ~re.UNICODE) | re.ASCII)
    finder = _patterns._regexes(None, True).not_refusal
    lows = [x for x in (_patterns._lower(c) for t in _texts() for _, _, s in sentences(t) for c in clauses(s))
            if x.isascii()]
    lows += ["i can't stress enough that you can't say for sure, sorry to hear it", "", "if you can't"]
    changed = 0
    for x in lows:
        assert finder.sub(" ", x) == exact.sub(" ", x)
        changed += finder.sub(" ", x) != x
    assert changed > 5


def _norm_by_regex(sentence: str) -> str:  # what ``refusal._norm`` computed before 5 December 2026
    return re.sub(r"\s+", " ", sentence.replace("’", "'")).strip().strip(".!?;:…").strip().lower()


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "I", "’", "'", ".", "…", "!", " ", "\t", "\n", "\x1c", "\x1f", "\x85",
                                        "\u00a0", "\u2028", "\u3000", "\u200b", "\u0130", "É"]), max_size=20))
def test_sentence_normalised_without_the_regex(sentence: str) -> None:
    from charter.evaluate.checks import refusal as _check

    assert _check._norm(sentence) == _norm_by_regex(sentence)


def test_the_guides_own_line_is_recognised_with_odd_white_space() -> None:
    from charter.evaluate.checks import refusal as _check

    line = "I\u2019m   Penny,\u00a0Acme\x1cBank\u2028s assistant\u2026"
    assert _check._norm(line) == "i'm penny, acme bank s assistant" == _norm_by_regex(line)
