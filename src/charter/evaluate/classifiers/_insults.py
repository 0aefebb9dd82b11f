"""Insults and strong profanity in German, French, Spanish, Italian and Portuguese: the word
lists the ``profanity`` check reads sentences with when its English model cannot.

The lists hold words that are offensive in any context an assistant's answer could put them in
(directed insults, obscenities, "shut up" phrases); mild or ambiguous words are left out on
purpose: "stupido" ("non esiste una domanda stupida" is kind), "con" (Spanish and Italian for
"with"), "burro" (a donkey), "bordel" (a mess). A word is not counted when a negation comes
just before it ("Sie sind kein Idiot", "no eres idiota") or when it stands in quotes, as an
answer that reports what a user wrote does ("Sie haben „Arschloch“ geschrieben").
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["INSULT_LANGUAGES", "find_insults"]

_WORDS: dict[str, tuple[str, ...]] = {
    "de": ("arschloch", "arschlöcher", "vollidiot", "vollidioten", "idiot", "idioten", "trottel",
           "blödmann", "dummkopf", "schwachkopf", "wichser", "penner", "missgeburt", "hurensohn", "fotze", "schlampe",
           "spast", "spasti", "scheiße", "scheisse", "scheiß", "scheiss", "verpiss dich", "verpissen sie sich",
           "halt die fresse", "halt die klappe", "halten sie die klappe", "fick dich", "leck mich"),
    "fr": ("connard", "connards", "connasse", "putain", "merde", "salope", "enculé", "enculés", "abruti", "abrutie",
           "abrutis", "crétin", "crétine", "crétins", "imbécile", "imbéciles", "débile", "débiles", "ta gueule",
           "fermez-la", "ferme-la", "va te faire foutre", "allez vous faire foutre", "pute", "casse-toi", "nique",
           "pauvre con", "espèce de con", "sale con"),
    "es": ("idiota", "idiotas", "imbécil", "imbéciles", "gilipollas", "pendejo", "pendeja", "cabrón", "cabrona",
           "puta", "mierda", "joder", "coño", "tarado", "tarada", "carajo", "hijo de puta", "huevón", "boludo",
           "pelotudo", "vete a la mierda", "cállate la boca", "estúpido de mierda"),
    "it": ("stronzo", "stronza", "stronzi", "cretino", "cretina", "cretini", "vaffanculo", "cazzo", "merda",
           "coglione", "coglioni", "deficiente", "deficienti", "imbecille", "imbecilli", "idiota", "idioti",
           "porca puttana", "puttana", "minchia", "fottiti", "testa di cazzo", "stai zitto", "chiudi il becco"),
    "pt": ("idiota", "idiotas", "imbecil", "imbecis", "porra", "caralho", "merda", "puta", "babaca", "otário",
           "otária", "cretino", "cretina", "filho da puta", "vai se foder", "foda-se", "desgraçado", "desgraçada",
           "cala a boca"),
}
#: the languages with a word list
INSULT_LANGUAGES = frozenset(_WORDS)

_NEGATION = re.compile(
    r"\b(?:nicht|kein|keine|keinen|keiner|nie|niemals|pas|jamais|ni|no|nunca|non|mai|não|nem)\b"
    r"(?:\s+\w+){0,2}\s+$", re.IGNORECASE)
_QUOTES = "\"'„“”‚‘’«»‹›「」"


@cache
def _pattern(languages: frozenset[str]) -> re.Pattern[str] | None:
    words = sorted({w for lang in languages for w in _WORDS.get(lang, ())}, key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return bool(before) and before[-1] in _QUOTES and bool(after) and after[0] in _QUOTES


def find_insults(text: str, languages: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each insult or strong profanity of ``languages``' word lists in
    ``text`` that is neither negated ("kein Idiot") nor quoted."""
    pattern = _pattern(frozenset(languages) & INSULT_LANGUAGES)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if _NEGATION.search(text[max(0, m.start() - 40):m.start()]) or _quoted(text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), m.group(0)))
    return out
