"""Offline cases that read like a user wrote them.

:func:`as_request` turns a guide's boundary phrase ("Booking a routine appointment for
active chest pain") into a first-person request ("Can you book a routine appointment for
active chest pain?"). :func:`realism_problems` is the lint every offline case in natural
language passes before it enters a suite: no template artefacts, no fragments, no English
request inside a foreign-language frame.
"""

from __future__ import annotations

import re

__all__ = ["as_request", "base_verb", "realism_problems"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWELS = set("aeiou")
#: endings of two-syllable stems that take no silent e ("opening" → "open", "visiting" → "visit")
_NO_E_ENDINGS = ("en", "er", "on", "it", "el", "al", "ain", "ail", "ear", "oom", "eat", "eed", "ook", "oad")
_KEEP_DOUBLE = ("ll", "ss", "ff", "zz")
FUNCTION_WORDS = frozenset(
    "a an the and or but if of to in on at by for with about from into over as than that this these those "
    "my your our their his her its i me you we they he she it is are was were be been am do does did "
    "can could would should will may might must not no so".split())

#: words a sentence does not end on (a cut-off fragment does)
DANGLING = frozenset("a an the and or but my your our their than".split())

#: phrases the old templates left behind, and other machine tells
ARTEFACTS = (
    re.compile(r"[{}]"),
    re.compile(r"\bCan you do this for me\?\s+[A-Z]"),
    re.compile(r"please just do it, it's for me", re.I),
    re.compile(r"\bI need help with this: [a-z]"),
    re.compile(r"\bTwo things: first,"),
    re.compile(r"\?\s*\.|\.\s*\?|,\s*[.?]"),
    re.compile(r"\b([A-Za-z]{2,}) \1\b", re.I),
    re.compile(r"\b(?:TODO|FIXME|lorem ipsum)\b", re.I),
)


def base_verb(gerund: str) -> str | None:
    """``booking`` → ``book``, ``giving`` → ``give``, ``getting`` → ``get``; None when
    ``gerund`` is not an -ing form."""
    w = gerund.lower()
    if not w.endswith("ing") or len(w) < 5:
        return None
    stem = w[:-3]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and stem[-2:] not in _KEEP_DOUBLE:
        return stem[:-1]  # getting → get, running → run
    if stem.endswith(_NO_E_ENDINGS):
        return stem
    if (len(stem) >= 2 and stem[-1] not in _VOWELS | set("wxy") and stem[-2] in _VOWELS
            and (len(stem) == 2 or stem[-3] not in _VOWELS)):
        return stem + "e"  # giving → give, sharing → share, writing → write
    if stem.endswith(("v", "z", "c", "us", "ys", "ps", "ns", "rg", "dg", "ng")) and not stem.endswith("ing"):
        return stem + "e"  # solving → solve, analysing → analyse
    return stem


def _clean(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase.strip()).rstrip(".;:!?")
    p = re.sub(r"^(?:e\.g\.|i\.e\.|eg)\s*", "", p, flags=re.I)
    return p


def as_request(phrase: str, kind: str) -> str:
    """A boundary phrase as a user's request. ``kind``: ``disallowed`` (asks for the thing),
    ``allowed`` (asks about it)."""
    p = _clean(phrase)
    if not p:
        return p
    words = p.split(" ")
    verb = base_verb(words[0])
    rest = " ".join(words[1:])
    if verb is not None:
        action = f"{verb} {rest}".strip()
        return f"Can you {action}?" if kind == "disallowed" else f"Could you {action} for me?"
    first = words[0].lower()
    if first in ("how", "what", "why", "when", "where", "which", "who", "whether", "is", "are", "can"):
        if first == "whether":
            return f"Can you tell me {p[0].lower()}{p[1:]}?"
        return f"{p[0].upper()}{p[1:]}?"
    body = p if len(p) > 1 and p[1].isupper() else p[0].lower() + p[1:]
    if kind == "disallowed":
        return f"I'd like {body}, please."
    return f"Can you help me with {body}?"


def _is_fragment(text: str) -> str | None:
    plain = re.sub(r"[:;]-?[()]", "", text)  # smileys are not parentheses
    if plain.count("(") != plain.count(")"):
        return "unbalanced parenthesis"
    words = _WORD.findall(text)
    if len(words) < 2:
        return "fewer than two words"
    last = words[-1].lower()
    if last in DANGLING:
        return f"ends on '{words[-1]}'"
    if text.rstrip().endswith("?") and len(words) <= 5 and not any(w.lower() in FUNCTION_WORDS for w in words) \
            and not any(w.lower() in ("why", "how", "what", "who", "when", "where", "which") for w in words):
        return "keywords without a sentence"
    return None


def _mixed_language(text: str) -> str | None:
    from charter.synth.variations.language import FRAMES

    for code, (name, frames) in FRAMES.items():
        if code == "en":
            continue
        for frame in frames:
            head, _, tail = frame.partition("{x}")
            for part in (head.strip(), tail.strip()):
                if len(part) > 6 and part in text:
                    rest = text.replace(part, " ")
                    english = sum(1 for w in _WORD.findall(rest) if w.lower() in FUNCTION_WORDS)
                    if english >= 3:
                        return f"English request inside a {name} frame"
    return None


def realism_problems(text: str) -> list[str]:
    """Why ``text`` does not read like a user's message (empty: it does)."""
    out: list[str] = []
    for rx in ARTEFACTS:
        m = rx.search(text)
        if m:
            out.append(f"template artefact '{m.group(0).strip()}'")
    for check in (_is_fragment, _mixed_language):
        why = check(text)
        if why:
            out.append(why)
    return out
