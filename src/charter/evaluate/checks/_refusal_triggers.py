"""The refusal detector's trigger words: cheap substring tests before its refusal and
pushback regexes (the text is lower-cased), and the index that finds which of them a text can
contain from its words, so that a sentence is tested for a handful of triggers, not all 72."""

from __future__ import annotations

import bisect
import itertools

__all__ = ["ALL_PRESENT", "FAMILIES", "KEYS", "PUSHBACK_ANY", "PUSHBACK_ONLY", "PUSHBACK_ONLY_TRIGGERS",
           "PUSHBACK_TRIGGERS", "REFUSAL", "REFUSAL_TRIGGERS", "TRIGGER_INDEX", "Present", "TriggerIndex", "trigger_key"]

REFUSAL_TRIGGERS = ("n't", "not", "unable", "declin", "refus", "against", "violat", "outside", "beyond",
                    "afraid", "pass", "rather", "prefer", "no ", "no.", "no!", "nicht", "ablehn", "pas ",
                    "pas.", "non ", "não", "n'est", "guidelines", "polic", "turn ", "within", "lo siento",
                    "uncomfortable", "irresponsib", "inappropriate", "unethical", "wrong", "reckless", "unsafe",
                    "negligent", "refrain", "skip", "sit ", "count me", "count us", "off the table", "nope", "keine",
                    "never", "can only", "private", "confidential", "secret",
                    "fuera de lo", "ce que je", "oltre ci", "fora do que", "außerhalb", "rifiut", "esula",
                    "al di fuori", "recus", "nunca",
                    # Chinese and Japanese (their patterns: _refusal_patterns._LANG_REFUSAL)
                    "不", "无法", "没法", "没办法", "恕", "超出", "超过", "拒绝", "婉拒", "无权",
                    "でき", "かね", "出来", "お断り", "控え", "おりません", "いません", "範囲外", "対象外", "立場に",
                    "権限",
                    # Arabic
                    "ستطيع", "تمكن", "قدر", "يمكنني", "يمكنّني", "يمكننا", "يمكن لي", "يسعني", "يسعنا", "بإمكاني",
                    "بامكاني", "سمح لي", "يحق لي", "باستطاعتي", "بوسعي", "صلاحي", "أملك", "املك", "نملك", "لست",
                    "يتعذر", "يتعذّر", "عتذر", "رفض", "لا ", "لن ", "خارج", "يتجاوز", "تتجاوز",
                    # Russian
                    "не ", "нет ", "нельзя", "запрещ", "отказ", "вынужден", "отклон", "за рамк", "за предел", "вне ",
                    # Hindi
                    "नहीं", "असमर्थ", "इनकार", "इंकार", "मना",
                    # Hindi in Latin letters
                    "nahi", "nahee", "asamarth", "inkar", "inkaar",
                    # Korean
                    "없", "어렵", "어려", "곤란", "불가", "않", "못", "거절", "삼가", "벗어", "넘어", "밖",
                    "안 돼", "안 되", "안 됩", "안돼", "안되", "안됩", "아니",
                    # Turkish
                    "amam", "emem", "amay", "emey", "mıyor", "miyor", "mümkün", "mumkun", "imkâns", "imkans",
                    "yetki", "reddet", "redded", "amaz", "emez",
                    # Polish
                    "nie mog", "nie moż", "nie moz", "nie mó", "nie jeste", "nie mam", "nie wolno", "nie będ", "nie bed",
                    "odmówi", "odmowi", "odmawiam", "poza ", "mocy", "nie udziel", "nie udost", "nie ujawn", "nie poda",
                    "nie przekaz", "nie pomag", "nie pisz", "nie dorad", "nie zdradz", "nie tworz", "nie przygot",
                    "nie wykon", "nie realiz", "nie polec", "nie rekom", "nie wyda", "nie sprzeda", "my nie", "ja nie",
                    "nie da ", "nie są", "nie sa ", "nie zostan", "nie mogą", "nie moga",
                    # Indonesian
                    "tidak", "tak ", "nggak", "gak ", "enggak", "ndak", "menolak", "tolak", "wewenang",
                    # Vietnamese (NFC: ``charter.types.nfc``)
                    "không", "chẳng", "từ chối", "ngoài phạm vi", "ngoài thẩm quyền", "ngoài quyền hạn", "ngoài khả năng",
                    # Thai
                    "ไม่", "ปฏิเสธ", "ขอบเขต",
                    # Hebrew
                    "לא", "אינני", "איני", "איננו", "אינה", "אינו", "אין", "לסרב", "מסרב", "מחוץ", "מעבר ל",
                    # Dutch
                    "niet", "geen", "weiger", "buiten")
PUSHBACK_TRIGGERS = ("appropriate", "ethical", "safe", "accept", "okay", " ok", "right", "fair", "accurate",
                     "correct", "respectful", "responsible", "legal", "possible", "advisable", "productive",
                     "helpful", "healthy", "good idea", "point out", "challenge", "clarify", "disagree",
                     "question", "premise", "statement", "assumption", "idea", "notion", "claim", "suggestion",
                     "request", "phrase", "no reason", "no evidence", "no basis", "no scientific",
                     "no justification", "no valid", "advise", "caution", "urge", "recommend", "encourage",
                     "please", "refrain", "support", "condone", "promote", "should not", "shouldn't",
                     "have a", "fictional", "be used", "be misused", "be exploited", "be weaponi", "enable",
                     "facilitat", "hurt", "harm", "endanger",
                     # a refusal stated as a fact ("… are restricted / sealed / not publicly available")
                     "private", "confidential", "restricted", "sealed", "classified", "privileged", "personal",
                     "sensitive", "publicly",
                     "never", "protected", " only")

#: the pushback triggers that contain no refusal trigger: in a text without a refusal trigger,
#: these are the only pushback triggers that can occur
PUSHBACK_ONLY_TRIGGERS = tuple(t for t in PUSHBACK_TRIGGERS if not any(r in t for r in REFUSAL_TRIGGERS))
#: trigger families, by index: refusal, pushback-only, pushback
FAMILIES = (REFUSAL_TRIGGERS, PUSHBACK_ONLY_TRIGGERS, PUSHBACK_TRIGGERS)
REFUSAL, PUSHBACK_ONLY, PUSHBACK_ANY = 0, 1, 2
Present = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def trigger_key(trigger: str) -> str:
    """The longest piece of ``trigger`` without a space: it lies inside one word of any text
    that contains the trigger (a trigger holds no white space but the plain space: tested)."""
    return max(trigger.split(" "), key=len)


KEYS = tuple(sorted({trigger_key(t) for f in FAMILIES for t in f}))


def _by_key(family: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for t in family:  # one pass, in the family's order
        k = trigger_key(t)
        out[k] = (*out.get(k, ()), t)
    return out


#: per family, key → the family's triggers with that key (in the family's order)
_BY_KEY: tuple[dict[str, tuple[str, ...]], ...] = tuple(_by_key(f) for f in FAMILIES)


def keys_in(words: list[str]) -> list[list[str]]:
    """Per word, the keys it holds. All words at once: each key is looked for in the words
    joined by spaces (a key has none, so each place it is found lies inside one word), one
    scan per key instead of one per key and word."""
    joined = " ".join(words)
    starts = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
    out: list[list[str]] = [[] for _ in words]
    for k in KEYS:
        i = joined.find(k)
        while i >= 0:
            w = bisect.bisect_right(starts, i) - 1
            out[w].append(k)
            # on to the next word: a word holds a key or not
            i = joined.find(k, starts[w + 1]) if w + 1 < len(starts) else -1
    return out


class TriggerIndex:
    """Which triggers a text can contain, found from its words.

    A trigger's key (:func:`trigger_key`) has no white space, so in a text that contains the
    trigger the key lies inside one white-space-separated word (``str.split``). The triggers
    whose key is in none of the text's words cannot occur in it, nor in any sentence or clause
    of it (a piece of a text lower-cased holds no trigger the text lower-cased lacks): those are
    left out of the substring tests. Each word is tested against the keys once, then remembered
    (until :attr:`limit` words are known, when it starts afresh): words repeat from response
    to response."""

    limit = 100_000

    def __init__(self) -> None:
        # replaced whole, never emptied, so a reader holds a consistent state; a word joins
        # ``seen`` only after ``keyed`` and ``keys_of`` have it
        self._state: tuple[set[str], set[str], dict[str, tuple[str, ...]]] = (set(), set(), {})
        self._by_keys: dict[frozenset[str], Present] = {}

    def reset(self) -> None:
        """Forget every word (what a new process starts with)."""
        self._state = (set(), set(), {})
        self._by_keys = {}

    def present(self, low: str) -> Present:
        """Per family, the triggers that may occur in the lower-cased ``low`` (a superset of
        those that do: each still needs its substring test)."""
        words = low.split()
        seen, keyed, keys_of = self._state
        if not seen.issuperset(words):
            if len(seen) > self.limit:
                seen, keyed, keys_of = self._state = (set(), set(), {})
                self._by_keys = {}
            new = sorted(set(words).difference(seen))
            for word, ks in zip(new, keys_in(new), strict=True):
                if ks:
                    keys_of[word] = tuple(ks)
                    keyed.add(word)
            seen.update(new)
        keys = frozenset(k for word in keyed.intersection(words) for k in keys_of[word])
        got = self._by_keys.get(keys)
        if got is None:
            if len(self._by_keys) > self.limit // 10:
                self._by_keys = {}
            r, po, pb = (tuple(t for k in sorted(keys) for t in by_key.get(k, ())) for by_key in _BY_KEY)
            got = self._by_keys[keys] = (r, po, pb)
        return got


TRIGGER_INDEX = TriggerIndex()
#: every trigger: what a clause is tested against when the text's are not known
ALL_PRESENT: Present = (REFUSAL_TRIGGERS, PUSHBACK_ONLY_TRIGGERS, PUSHBACK_TRIGGERS)
