"""Small text helpers shared by the checks: sentences, clauses, words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from charter import _regex
from charter.evaluate._digits import ascii_digits
from charter.evaluate.checks._trie import ascii_alternatives_cached, trie
from charter.guide import Guide

__all__ = [
    "SEPARATORS",
    "WORD_RE",
    "ascii_digits",
    "ascii_safe",
    "ascii_twin",
    "clauses",
    "contact_clauses",
    "dialogue_spans",
    "guide_published_texts",
    "guide_sayable_texts",
    "ignorecase_fold",
    "lower_words",
    "pattern_lower",
    "sentences",
    "unspaced_words",
    "without_code",
    "without_dialogue",
    "word_count",
]


#: the combining marks (Arabic harakat, Indic vowel signs, Latin accents): Python's ``\w``
#: leaves them out, so "فورًا" (tanwin) was two words and the Arabic guide's GOOD answers counted
#: 494 words for 476
_MARK = _regex.MARKS
#: a word: letters and digits of any script with the combining marks written on them, continued
#: over an apostrophe between two of them ("don't")
WORD_RE = _regex.compile(rf"[^\W_](?:[^\W_]|{_MARK})*(?:['’][^\W_](?:[^\W_]|{_MARK})*)*", re.UNICODE)
#: white space to Unicode ``\s`` but not to ASCII's: text with one is read by the Unicode regexes
SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


def ascii_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` compiled with ``re.ASCII``. On :func:`ascii_safe` text it matches exactly where
    ``rx`` does (``\\w``, ``\\b``, ``\\d``, ``\\s`` and case folding differ only on other
    characters), and up to twice as fast for long alternations."""
    return _regex.compile(rx.pattern, (rx.flags & ~re.UNICODE) | re.ASCII)


def ascii_safe(text: str) -> bool:
    """Whether :func:`ascii_twin` regexes read ``text`` exactly like the Unicode ones: ASCII,
    without the separators U+001C–U+001F (white space to Unicode ``\\s``, not to ASCII's)."""
    return text.isascii() and not any(map(text.__contains__, SEPARATORS))


#: a sentence ends at . ! ? (or their CJK forms, the Arabic question mark, the Devanagari danda
#: "।") and a line break; a period, ! or ? followed by
#: a letter or digit is inside a token ("deploy.sh", "3.11.7", "example.com"), not an end; nor is
#: the period of an abbreviation of "number" before one ("refund No. 12345", "Rückerstattung Nr.
#: 12345", "reembolso núm. 12345", "rimborso n. 12345": the number names the thing, in the
#: sentence; only after a word: a "No." that opens a sentence answers, "No. 3 failed" is two)
_NUMBER_ABBREV = "|".join(f"(?<=[^\\W_] {a})" for a in ("No", "no", "NO", "Nos", "nos", "Nr", "nr", "NR", "Nrs", "nrs", "Núm", "núm",
                                                   "Num", "num", "Nro", "nro", "N", "n"))
#: (a run of ordinary characters is one step of the repeat, not one step per character: the
#: matches are those of the one-character form, ``tests/evaluate/test_refusal_speedups.py``, at
#: a third of the time. The repeat stops only where the end can match, a terminator, a line break
#: or the end, so nothing is given back and the runs cannot backtrack)
_SENT_RE = _regex.compile(rf"(?:[^.!?。！？؟।॥\n]+|[.!?](?=[^\W_])|(?:{_NUMBER_ABBREV})\.[ \t]+(?=#?\d))+(?:[.!?。！？؟।॥]+|\n|$)",
                          re.UNICODE)
# a clause boundary inside a sentence: ", but", "; ", ", however,", " — ", ", though"...
_CLAUSE_SPLIT = _regex.compile(
    r"(?:[,;:]\s*|\s+[—–-]\s+|\s+)(?=(?:but|however|though|although|that said|still|yet|"
    r"instead|anyway|pero|mais|aber|ma|sin embargo|cependant)\b)"
    r"|;\s+|:\s+(?=\S)|\s+[—–]\s+"
    # Chinese and Japanese: "…，但/不过/可是 …", a full-width semicolon, "…ませんが、…" / "…けど、…"
    r"|[，,]\s*(?=(?:但是|但|不过|可是|然而|只是))|；\s*|(?<=[がど])、"
    # Arabic: "…، لكن / ولكن / غير أن / إلا أن …", the Arabic semicolon
    r"|[،,]\s*(?=(?:لكن|ولكن|لكنني|ولكنني|غير أن|إلا أن|بدلًا|بدلا))|؛\s*"
    # Russian: "…, но / однако / зато / хотя …"
    r"|,\s*(?=(?:но|однако|зато|хотя|вместо этого)\b)"
    # Hindi: "…, लेकिन / पर / मगर / परंतु / बल्कि …"
    r"|[,;]\s*(?=(?:लेकिन|पर|मगर|परंतु|परन्तु|किंतु|किन्तु|बल्कि|हालाँकि|हालांकि)\s)"
    # the same in Latin letters ("Hinglish"): "…, lekin / par / magar …"
    r"|[,;]\s*(?=(?:lekin|par|magar|parantu|balki|halanki|haalaanki)\s)"
    # Korean: "…지만, …", "…, 하지만 / 그러나 / 다만 / 대신 …"
    r"|(?<=[가-힣]지만),?\s+|[,;]\s*(?=(?:하지만|그러나|그렇지만|다만|대신|그래도)\s)"
    # Turkish: "…, ama / fakat / ancak / yine de / bunun yerine …"
    r"|[,;]\s*(?=(?:ama|fakat|ancak|lakin|yine\s+de|bunun\s+yerine)\s)"
    # Polish: "…, ale / lecz / jednak / natomiast / za to / mimo to / zamiast tego …"
    r"|[,;]\s*(?=(?:ale|lecz|jednak|natomiast|za\s+to|mimo\s+to|zamiast\s+tego)\s)"
    # Indonesian: "…, tetapi / tapi / namun / akan tetapi / sebagai gantinya …"
    r"|[,;]\s*(?=(?:tetapi|tapi|namun|akan\s+tetapi|sebagai\s+gantinya|meskipun\s+begitu)\s)"
    # Vietnamese: "…, nhưng / tuy nhiên / song / thay vào đó …" ("nhưng" also without a comma:
    # "em không thể đổi số nhưng em có thể …"; "những", the plural marker, is another word)
    r"|[,;]\s*(?=(?:tuy\s+nhiên|song|thế\s+nhưng|tuy\s+vậy|dù\s+vậy|thay\s+vào\s+đó)\s)|(?:[,;]\s*|\s+)(?=nhưng\s)"
    # Thai writes no spaces between words: a space between two Thai letters ends a phrase or a
    # sentence ("ขออภัยค่ะ มะลิช่วยเรื่องนี้ไม่ได้ค่ะ หากอาหารมีปัญหาจริง …"; "ขอโทษค่ะ แต่…"); not the space
    # written after "ๆ", which repeats the word before it ("มะลิทำเป็นข้อๆ ไม่ได้ค่ะ" is one phrase)
    r"|(?<=[\u0e00-\u0e45\u0e47-\u0e7f])\s+(?=[\u0e00-\u0e7f])"
    # Hebrew: "…, אבל / אך / עם זאת / במקום זאת …" ("אבל" also without a comma: "לא אוכל למסור אבל …")
    r"|[,;]\s*(?=(?:אך|עם\s+זאת|יחד\s+עם\s+זאת|במקום\s+זאת|במקום\s+זה)\s)|(?:[,;]\s*|\s+)(?=ו?אבל\s)"
    # Dutch: "…, maar / echter / in plaats daarvan …" ("maar" without a comma before a subject: "dat
    # kan ik niet doen maar ik kan wel …"; not "vraag het maar", where it softens the verb)
    r"|[,;]\s*(?=(?:maar|echter|daarentegen|in\s+plaats\s+daarvan)\s)|\s+(?=maar\s+(?:ik|wij|we|u|dat|daar)\s)",
    re.IGNORECASE,
)


#: ASCII bytes as :data:`WORD_RE` sees them: a letter or digit → ``a``, the apostrophe kept,
#: anything else → a space
_SKELETON = bytes(ord("a") if chr(b).isalnum() else b if b == ord("'") else ord(" ") for b in range(128)) + b" " * 128


def ignorecase_fold(text: str) -> str:
    """``text`` folded so that a regex under ``re.IGNORECASE`` can match an ASCII word only
    where the folded text contains it (a superset test for keyword pre-filters): lower-cased
    when ASCII, else ``str.casefold`` plus the two letters it leaves apart (``ı``, and ``İ``'s
    combining dot)."""
    return text.lower() if text.isascii() else text.casefold().replace("\u0131", "i").replace("\u0307", "")


#: Han ideographs, hiragana and katakana: scripts written without spaces between words
CJK_RE = _regex.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


#: a run of Thai letters, vowel signs and tone marks (not Thai digits): Thai puts no spaces
#: between words either, and its words are a few characters long
THAI_RE = _regex.compile(r"[\u0e01-\u0e4f]+")
#: Thai characters per word: 3.9 in 167 words of hand-segmented Thai customer-service replies
#: (particles such as "ค่ะ" included), so a run of Thai counts one word per 4 characters
THAI_CHARS_PER_WORD = 4


def word_count(text: str) -> int:
    """How many :data:`WORD_RE` words ``text`` has, each Han, hiragana or katakana character
    counted as a word (those scripts put no spaces between words; word counters for them count
    characters), and a run of Thai one word per :data:`THAI_CHARS_PER_WORD` characters (at
    least one: a space-separated Thai phrase was one word, so a 40-word Thai answer counted 4).
    On ASCII text without building them: a word is a run of letters and digits,
    continued over an apostrophe between two of them ("don't"), so the words are the runs left
    once those apostrophes are filled in."""
    if not text.isascii():
        thai = 0
        if THAI_RE.search(text):
            thai = sum(max(1, round(len(run) / THAI_CHARS_PER_WORD)) for run in THAI_RE.findall(text))
            text = THAI_RE.sub(" ", text)
        cjk = len(CJK_RE.findall(text))
        return len(WORD_RE.findall(CJK_RE.sub(" ", text) if cjk else text)) + cjk + thai
    b = text.encode("ascii").translate(_SKELETON)
    if b"'" in b:
        # two passes fill every "a'a": a pass skips only the joins right after one it filled
        # ("a'a'a"), and those are no longer next to each other
        b = b.replace(b"a'a", b"aaa").replace(b"a'a", b"aaa")
        return (b[:1] == b"a") + b.count(b" a") + b.count(b"'a")
    return (b[:1] == b"a") + b.count(b" a")


def unspaced_words(token: str) -> list[str]:
    """A white-space token cut into the words :func:`word_count` counts in it when it holds Han,
    hiragana, katakana or Thai: each Han, hiragana or katakana character a word, a run of Thai
    cut into ``max(1, round(len / THAI_CHARS_PER_WORD))`` nearly equal pieces (Thai has no word
    boundaries to cut at: the pieces stand in for its words, and the same run cuts the same way),
    and what lies between them (Latin letters, digits) one word each. A token without those
    scripts is returned as it is, one word."""
    if token.isascii() or not (CJK_RE.search(token) or THAI_RE.search(token)):
        return [token]
    out: list[str] = []
    pos = 0
    for m in _UNSPACED_RE.finditer(token):
        if m.start() > pos:
            out.append(token[pos:m.start()])
        run = m.group(0)
        if THAI_RE.fullmatch(run):
            n = max(1, round(len(run) / THAI_CHARS_PER_WORD))
            out.extend(run[round(i * len(run) / n):round((i + 1) * len(run) / n)] for i in range(n))
        else:
            out.append(run)
        pos = m.end()
    if pos < len(token):
        out.append(token[pos:])
    return out


#: a Han, hiragana or katakana character, or a run of Thai (:func:`unspaced_words`)
_UNSPACED_RE = _regex.compile(rf"{CJK_RE.pattern}|{THAI_RE.pattern}")


#: ASCII bytes for :func:`lower_words`: letters lower-cased, digits and the apostrophe kept,
#: anything else → a space
_LOWER_SKELETON = bytes(b if chr(b).isdigit() or b == ord("'") else ord(chr(b).lower()) if chr(b).isalpha()
                        else ord(" ") for b in range(128)) + b" " * 128
#: an apostrophe that joins no two words' characters (after :data:`_LOWER_SKELETON`): one not
#: followed by a letter or digit, or not preceded by one (led by the apostrophe itself, so the
#: regex engine jumps from apostrophe to apostrophe)
_LOOSE_APOSTROPHE = _regex.compile(r"'(?:(?![a-z0-9])|(?<![a-z0-9]'))")


def lower_words(text: str) -> list[str]:
    """The words of ``text`` (:data:`WORD_RE`), lower-cased. On ASCII text without the regex:
    a word is a run of letters and digits, continued over an apostrophe between two of them, so
    the words are what is left between spaces once every other character, and every apostrophe
    that joins nothing, is a space (ASCII case does not move a word boundary)."""
    if not text.isascii():
        return [w.lower() for w in WORD_RE.findall(text)]
    s = text.encode("ascii").translate(_LOWER_SKELETON).decode("ascii")
    if "'" in s:
        s = _LOOSE_APOSTROPHE.sub(" ", s)
    return s.split()


_CODE_RE = _regex.compile(r"```.*?(?:```|$)", re.S)
#: a fenced code block: ``` or ~~~ at the start of a line, to the closing fence or the end
_FENCED_RE = _regex.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.M | re.S)


def without_code(text: str, placeholder: str = "") -> str:
    """``text`` with each fenced code block (``` or ~~~ fences) replaced by ``placeholder``: what
    the assistant says around the code, not what the code, a log or a config file it quotes says
    ("ERROR: I'm sorry, but I cannot process this request (HTTP 403)" in a quoted API response is
    no refusal of the assistant's; 60 lines of Python are not 485 words of prose)."""
    if "```" not in text and "~~~" not in text:
        return text
    return _FENCED_RE.sub(placeholder, text)


#: the sentences of the last few texts split, by the text *object* (held, so its id stays its
#: own): one response is split by up to ten readers in a row (the refusal reading's shapes and
#: patterns, the profanity check, the clarifying-question test), each of them once per response
_RECENT_SPLITS: dict[int, tuple[str, tuple[tuple[int, int, str], ...]]] = {}
_RECENT_MAX = 8


def sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, sentence) spans; code blocks count as one sentence each.

    The spans of the last few text objects are kept (:data:`_RECENT_MAX`): a new response, a
    new string even if equal to an earlier one, is split afresh; the same string object read
    by several checks is split once."""
    hit = _RECENT_SPLITS.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if "```" in text:
        out: list[tuple[int, int, str]] = []
        pos = 0
        for m in _CODE_RE.finditer(text):
            out += _plain_sentences(text, pos, m.start())
            out.append((m.start(), m.end(), m.group(0)))
            pos = m.end()
        out += _plain_sentences(text, pos, len(text))
        got = tuple(out)
    else:
        got = tuple(_plain_sentences(text, 0, len(text)))
    if len(_RECENT_SPLITS) >= _RECENT_MAX:
        _RECENT_SPLITS.clear()
    _RECENT_SPLITS[id(text)] = (text, got)
    return got


def _plain_sentences(text: str, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    for m in _SENT_RE.finditer(text, a, b):
        s = m.group(0)
        if s.strip():
            lead = len(s) - len(s.lstrip())
            yield m.start() + lead, m.end(), s.strip()


#: ``_CLAUSE_SPLIT`` for an :func:`ascii_safe` sentence, read lower-cased: the alternatives that
#: can match ASCII text (other scripts' connectives, needed by their lookaheads too, left out),
#: compiled with ``re.ASCII`` and without ``re.IGNORECASE`` (their letters are lower-case, and
#: lower-casing ASCII moves no character). Where ``_CLAUSE_SPLIT`` tries 24 alternatives, some
#: of them case-folded, at every position, this tries 10: 42 -> 20 us a split sentence. The same
#: cuts: ``tests/evaluate/test_refusal_speedups.py``
_CLAUSE_SPLIT_LOWER = _regex.compile(ascii_alternatives_cached(_CLAUSE_SPLIT.pattern), re.ASCII)
#: where a cut of ``_CLAUSE_SPLIT_LOWER`` starts: each of its alternatives opens with a comma, a
#: semicolon, a colon or white space (tested), so it is looked for only there, the engine skipping
#: to the next such character in C (its one character, then a lookbehind back over it, any
#: character, a line break too, to test the cut there); ``_CLAUSE_SPLIT_LOWER.match`` at that
#: place gives the cut. 12 -> 5 µs a split sentence
_CLAUSE_CUT_AT = _regex.compile(rf"[,;:\s](?<=(?=(?:{_CLAUSE_SPLIT_LOWER.pattern}))[\s\S])", re.ASCII)
_CONNECTIVES = ("but", "however", "though", "although", "that said", "still", "yet", "instead", "anyway", "pero",
                "mais", "aber", "ma", "sin embargo", "cependant",
                # Hindi in Latin letters (after a comma or semicolon only: ``_CLAUSE_SPLIT``)
                "lekin", "par", "magar", "parantu", "balki", "halanki", "haalaanki",
                # Indonesian (after a comma or semicolon only)
                "tetapi", "tapi", "namun", "sebagai gantinya", "meskipun begitu",
                # Dutch ("maar" also without a comma, before a subject)
                "maar", "echter", "daarentegen", "in plaats daarvan")
#: where ``_CLAUSE_SPLIT`` can split a sentence without semicolons, colons or dashes: before a
#: connective that follows white space or a comma
_CONNECTIVE_AFTER_ASCII = _regex.compile(r"[\s,](?:" + "|".join(_CONNECTIVES) + r")\b", re.IGNORECASE | re.ASCII)
#: the same for the sentence lower-cased (ASCII case folding is lower-casing), in trie form
_CONNECTIVE_AFTER_LOWER = _regex.compile(r"[\s,](?:" + trie(list(_CONNECTIVES)) + r")\b", re.ASCII)


def clauses(sentence: str, low: str | None = None) -> list[str]:
    """A sentence split at contrast connectives and semicolons ("I can't, but here is …").
    ``low``: ``sentence.lower()``, when the caller has it."""
    safe = ascii_safe(sentence)
    if safe and ";" not in sentence and ":" not in sentence and not (
            _CONNECTIVE_AFTER_ASCII.search(sentence) if low is None else _CONNECTIVE_AFTER_LOWER.search(low)):
        # ASCII, no semicolon or colon (and so no em or en dash): ``_CLAUSE_SPLIT`` can only
        # split before a connective that follows white space or a comma, and there is none
        whole = sentence.strip()
        return [whole] if whole else []
    if not safe:
        return [p for p in (x.strip() for x in _CLAUSE_SPLIT.split(sentence)) if p]
    # (no alternative matches an empty string: the pieces between the matches are the split's)
    parts: list[str] = []
    cut, low = 0, sentence.lower()
    # (the cuts of ``_CLAUSE_SPLIT_LOWER.finditer(low)``, each found where it can start)
    while (at := _CLAUSE_CUT_AT.search(low, cut)) is not None and (
            m := _CLAUSE_SPLIT_LOWER.match(low, at.start())) is not None:
        parts.append(sentence[cut:m.start()].strip())
        cut = m.end()
    parts.append(sentence[cut:].strip())
    return [p for p in parts if p]


#: a contact a guide tells the assistant to give: an email address, a URL, or a phone number (7
#: digits or more, with spaces, dots, dashes or brackets between them)
_CONTACT = _regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|\bwww\.\S+|\+?\d(?:[\d\s().-]{5,}\d)")
_CLAUSE_START = _regex.compile(r"[.!?;:。；：](?=\s|$)")
_CLAUSE_STOP = _regex.compile(r"[!?;。；]|\.(?=\s|$)")
_DATE = _regex.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")
_LAST_WORDS = _regex.compile(r"(?:\S+\s+){0,5}\S+\s*$")


def contact_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that give a contact: from the previous sentence or clause boundary
    (a colon too, then with up to six words before it, the contact's name) to the end of the
    sentence. "…oferecer a Linha de Orientação Jurídica gratuita: 0800 777 4210 (segunda a sexta,
    9h às 18h) ou orientacao@casajusta.example." gives "Linha de Orientação Jurídica gratuita:
    0800 777 4210 (segunda a sexta, 9h às 18h) ou orientacao@casajusta.example"."""
    out: list[str] = []
    for m in _CONTACT.finditer(text):
        found = m.group(0)
        if ("@" not in found and "/" not in found and not found.startswith("www.")
                and (sum(c.isdigit() for c in found) < 7 or _DATE.fullmatch(found.strip()))):
            continue  # a short number or a date ("15.03.2026"), not a contact
        starts = [b.end() for b in _CLAUSE_START.finditer(text, 0, m.start())]
        a = starts[-1] if starts else 0
        if a > 0 and text[a - 1] in ":：":
            named = _LAST_WORDS.search(text, 0, a - 1)  # the contact's name: six words at most
            a = named.start() if named else a
        stop = _CLAUSE_STOP.search(text, m.end())
        b = stop.start() if stop else len(text)
        clause = text[a:b].strip()
        if clause and clause not in out:
            out.append(clause)
    return out


def _published_own(guide: Guide) -> list[str]:
    """Everything the guide publishes but the texts it tells the assistant to say."""
    m, a, b, d = guide.meta, guide.audience, guide.behavior, guide.disclosure
    out = [m.name, m.description, *m.owners, a.industry, *a.user_goals]
    out += [u.description for u in a.use_cases]
    out += [x.text for x in b.principles] + [b.persona.name, b.persona.description, b.tone.description]
    out += [*b.tone.do, *b.formatting.notes, b.verbosity.description]
    out += [t.description for t in b.tools]
    out += [guide.authority.description, guide.authority.conflicts, *(u.treatment for u in guide.authority.untrusted)]
    for rule in guide.iter_rules(include_disabled=True):
        out += [rule.text, rule.rationale, *rule.boundary.allowed]
    for e in guide.edge_cases:
        out += [e.response, e.alternative]
    out += [d.intended_use, *d.out_of_scope_uses, *d.limitations, d.ai_disclosure, d.feedback_channel]
    return [t for t in out if t]


def guide_sayable_texts(guide: Guide) -> list[str]:
    """What the guide tells the assistant to say, word for word: the persona's identity line,
    the AI disclosure, the feedback channel, every GOOD answer of every example, and the clauses
    of its other texts that give a contact (:func:`contact_clauses`: "offer the legal-aid line:
    0800 777 4210 (Monday to Friday, 9 to 6) or help@example.org" tells it to say that line)."""
    p = guide.behavior.persona
    d = guide.disclosure
    out = [p.identity, d.ai_disclosure, d.feedback_channel]
    for rule in guide.iter_rules(include_disabled=True):
        for ex in rule.examples:
            out += ex.good
    out += [c for t in _published_own(guide) for c in contact_clauses(t)]
    return [t for t in out if t]


def guide_published_texts(guide: Guide) -> list[str]:
    """Everything the guide itself publishes: its meta, audience and use-case descriptions,
    behavior (principles, persona, tone, formatting notes, tools), authority, rule texts,
    rationales and allowed boundaries, edge cases' responses, disclosure, and what it tells the
    assistant to say (:func:`guide_sayable_texts`). BAD answers and users' example requests are
    not in it."""
    return _published_own(guide) + guide_sayable_texts(guide)


# A character's line in a story: a span in double quotes ("…" or “…”), in a response that
# tags at least one such span as speech ("…," said the guard / the innkeeper lied, "…" / she
# whispers: "…"). Interactive-fiction guides ask for villains who threaten, guards who say "I
# can't let you do that" and innkeepers who say they are human; those are the characters' words,
# not the assistant's refusal, lecture or claim.
_QUOTED = _regex.compile(r"\"([^\"\n]{1,600})\"|“([^”\n]{1,600})”")
_SPEECH_VERBS = (
    r"(?:say|said|says|ask|asks|asked|repl(?:y|ies|ied)|answer(?:s|ed)?|whisper(?:s|ed)?|mutter(?:s|ed)?|"
    r"murmur(?:s|ed)?|shout(?:s|ed)?|yell(?:s|ed)?|cr(?:y|ies|ied)|call(?:s|ed)|snarl(?:s|ed)?|growl(?:s|ed)?|"
    r"hiss(?:es|ed)?|snap(?:s|ped)?|bark(?:s|ed)?|spit(?:s)?|spat|lie[sd]|lying|add(?:s|ed)?|continu(?:es|ed)|"
    r"goes on|went on|insist(?:s|ed)?|admit(?:s|ted)?|warn(?:s|ed)?|demand(?:s|ed)?|sigh(?:s|ed)?|laugh(?:s|ed)?|"
    r"breathe[sd]?|purr(?:s|ed)?|drawl(?:s|ed)?|tell(?:s)?|told|expla(?:ins|ined)|repeat(?:s|ed)?|promis(?:es|ed)|"
    r"chuckl(?:es|ed)|sneer(?:s|ed)?|roar(?:s|ed)?|scream(?:s|ed)?|whimper(?:s|ed)?|gasp(?:s|ed)?)")
_SPEAKER = r"(?:(?i:he|she|they|you|we|i|it|(?:the|a|an|his|her|their|your|my|our)\s+[\w'’-]+(?:\s+[\w'’-]+)?)|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
#: after the closing quote: `, said the guard` / ` the innkeeper lied` / ` she says quietly`
_TAG_AFTER = _regex.compile(
    rf"\s*,?\s*(?:{_SPEAKER}\s+(?:\w+ly\s+)?{_SPEECH_VERBS}|{_SPEECH_VERBS}\s+{_SPEAKER})\b")
#: before the opening quote: `she whispers, ` / `Varga says quietly: ` / `You tell him, `
_TAG_BEFORE = _regex.compile(rf"\b{_SPEECH_VERBS}(?:\s+[\w'’-]+){{0,3}}\s*[,:]\s*$", re.IGNORECASE)


def dialogue_spans(text: str, *, request: bool = False) -> list[tuple[int, int]]:
    """The (start, end) spans of the characters' lines in ``text``: every double-quoted span,
    when at least one of them is tagged as speech; none otherwise (a reply quoting a phrase, or
    a refusal wrapped whole in quotes, is the assistant's own text). ``request``: ``text`` is a
    user's move in a story ("I narrow my eyes at the innkeeper. \"Are you even human?\""),
    where a quoted line needs no tag, only words of the user's own outside the quotes."""
    if '"' not in text and "“" not in text:
        return []
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    if request and spans:
        outside = "".join(text[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)],
                                                     strict=True))
        return spans if WORD_RE.search(outside) else []
    for start, end in spans:
        if _TAG_AFTER.match(text, end) or _TAG_BEFORE.search(text[max(0, start - 60):start]):
            return spans
    return []


def without_dialogue(text: str, *, request: bool = False) -> str:
    """``text`` with the characters' lines (:func:`dialogue_spans`) blanked out, character for
    character, so offsets into it are offsets into ``text``: what the narrator, not a
    character, says."""
    spans = dialogue_spans(text, request=request)
    if not spans:
        return text
    out = list(text)
    for start, end in spans:
        out[start:end] = " " * (end - start)
    return "".join(out)


#: white space the patterns' literal spaces should match, read as a space: no-break and narrow
#: spaces (what word processors put in "I can't\u00a0help", and some models write), the other
#: Unicode spaces, tabs, Word's soft return (U+000B) and the line and paragraph separators
_ODD_SPACE = _regex.compile("[\t\x0b\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
#: marks that are invisible and hold no letter, dropped: zero-width space, soft hyphen, direction
#: marks, embeddings and isolates, word joiner, BOM; and a zero-width (non-)joiner next to white
#: space, which joins nothing (inside a Persian or Hindi word it does, and stays). A GOOD answer
#: pasted with them read as compliance ("I \u200bcan't share your password"), and CH112 told its
#: author that it did not refuse
_INVISIBLE = _regex.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
                            "|[\u200c\u200d](?=\\s)|(?<=\\s)[\u200c\u200d]")
#: any of the two above (one search in the usual text, which has none)
_ODD = _regex.compile("[\t\x0b\x85\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u2066-\u2069\u3000\ufeff\u00ad]")


#: quote marks around one word ("I “can’t” help", "I 'won't' do that"): scare quotes or emphasis,
#: dropped, so the word reads as if unquoted (a quoted phrase of several words stays quoted)
#: (the quote mark first, so the search skips to the next quote mark; what stands before the
#: opening one is checked in :func:`_unquote`)
_ONE_WORD_QUOTED = _regex.compile(r"['\"“”](\w+(?:'\w+)*)['\"“”](?![\w'])")


def _unquote(m: re.Match[str]) -> str:
    """The word of a :data:`_ONE_WORD_QUOTED` match, when its quote marks pair (single with
    single, double with double) and the opening one does not follow a letter ("rock'n'roll"):
    else the match as it stands."""
    s, i = m.string, m.start()
    if (i and (s[i - 1].isalnum() or s[i - 1] in "_'")) or (s[i] == "'") != (s[m.end() - 1] == "'"):
        return m.group(0)
    return m.group(1)


def pattern_lower(text: str) -> str:
    """``text`` lower-cased with curly single quotes made straight and Markdown's bold markers
    dropped ("I **cannot** provide …"): what every pattern reads. ``str.lower`` turns the Turkish
    "İ" into "i" and a combining dot, which is dropped ("BUNU YAPMAM MÜMKÜN DEĞİL" reads as
    "… değil"). Unicode spaces, tabs and soft returns read as a space and invisible marks are
    dropped (:data:`_ODD_SPACE`, :data:`_INVISIBLE`), and so are the quote marks around a single
    word (:data:`_ONE_WORD_QUOTED`: "I “can’t” help" reads as "i can't help"); nothing takes
    offsets from this text."""
    low = text.lower()
    if (not low.isascii() or "\t" in low or "\x0b" in low) and _ODD.search(low):
        low = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", low))
    low = low.replace("’", "'").replace("‘", "'")
    if "\u0307" in low:
        low = low.replace("\u0307", "")
    if '"' in low or "“" in low or "'" in low:
        low = _ONE_WORD_QUOTED.sub(_unquote, low)
    return low.replace("**", "").replace("__", "") if ("**" in low or "__" in low) else low
