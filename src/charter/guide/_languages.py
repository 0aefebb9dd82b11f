"""ISO 639-1 language codes: the only way a guide names a language.

A language field takes a two-letter code (``en``), optionally with a region or script subtag
(``pt-BR``, ``zh-Hant``). A name (``English``, ``Español``) or a three-letter code is an error
whose hint gives the code.
"""

from __future__ import annotations

import difflib

from charter import _regex

__all__ = ["ISO_639_1", "check_language", "language_name", "suggest_language"]

# code → English name (ISO 639-1, all 183 codes of the current standard)
ISO_639_1: dict[str, str] = {
    "aa": "Afar", "ab": "Abkhazian", "ae": "Avestan", "af": "Afrikaans", "ak": "Akan", "am": "Amharic",
    "an": "Aragonese", "ar": "Arabic", "as": "Assamese", "av": "Avaric", "ay": "Aymara", "az": "Azerbaijani",
    "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bi": "Bislama", "bm": "Bambara", "bn": "Bengali",
    "bo": "Tibetan", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "ce": "Chechen", "ch": "Chamorro",
    "co": "Corsican", "cr": "Cree", "cs": "Czech", "cu": "Church Slavic", "cv": "Chuvash", "cy": "Welsh",
    "da": "Danish", "de": "German", "dv": "Divehi", "dz": "Dzongkha", "ee": "Ewe", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "ff": "Fulah", "fi": "Finnish", "fj": "Fijian", "fo": "Faroese", "fr": "French", "fy": "Western Frisian",
    "ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician", "gn": "Guarani", "gu": "Gujarati", "gv": "Manx",
    "ha": "Hausa", "he": "Hebrew", "hi": "Hindi", "ho": "Hiri Motu", "hr": "Croatian", "ht": "Haitian Creole",
    "hu": "Hungarian", "hy": "Armenian", "hz": "Herero", "ia": "Interlingua", "id": "Indonesian",
    "ie": "Interlingue", "ig": "Igbo", "ii": "Sichuan Yi", "ik": "Inupiaq", "io": "Ido", "is": "Icelandic",
    "it": "Italian", "iu": "Inuktitut", "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kg": "Kongo",
    "ki": "Kikuyu", "kj": "Kuanyama", "kk": "Kazakh", "kl": "Kalaallisut", "km": "Khmer", "kn": "Kannada",
    "ko": "Korean", "kr": "Kanuri", "ks": "Kashmiri", "ku": "Kurdish", "kv": "Komi", "kw": "Cornish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lg": "Ganda", "li": "Limburgish", "ln": "Lingala",
    "lo": "Lao", "lt": "Lithuanian", "lu": "Luba-Katanga", "lv": "Latvian", "mg": "Malagasy", "mh": "Marshallese",
    "mi": "Maori", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "my": "Burmese", "na": "Nauru", "nb": "Norwegian Bokmal", "nd": "North Ndebele",
    "ne": "Nepali", "ng": "Ndonga", "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian",
    "nr": "South Ndebele", "nv": "Navajo", "ny": "Chichewa", "oc": "Occitan", "oj": "Ojibwa", "om": "Oromo",
    "or": "Oriya", "os": "Ossetian", "pa": "Punjabi", "pi": "Pali", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "qu": "Quechua", "rm": "Romansh", "rn": "Rundi", "ro": "Romanian", "ru": "Russian",
    "rw": "Kinyarwanda", "sa": "Sanskrit", "sc": "Sardinian", "sd": "Sindhi", "se": "Northern Sami",
    "sg": "Sango", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sm": "Samoan", "sn": "Shona",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "ss": "Swati", "st": "Southern Sotho", "su": "Sundanese",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "ti": "Tigrinya", "tk": "Turkmen", "tl": "Tagalog", "tn": "Tswana", "to": "Tonga", "tr": "Turkish",
    "ts": "Tsonga", "tt": "Tatar", "tw": "Twi", "ty": "Tahitian", "ug": "Uyghur", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "ve": "Venda", "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon",
    "wo": "Wolof", "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba", "za": "Zhuang", "zh": "Chinese", "zu": "Zulu",
}

# other names people write: endonyms, common variants, and ISO 639-2/3 codes of major languages
_ALIASES: dict[str, str] = {
    "español": "es", "espanol": "es", "castellano": "es", "castilian": "es", "français": "fr", "francais": "fr",
    "deutsch": "de", "italiano": "it", "português": "pt", "portugues": "pt", "nederlands": "nl",
    "flemish": "nl", "русский": "ru", "中文": "zh", "mandarin": "zh", "cantonese": "zh", "日本語": "ja",
    "한국어": "ko", "العربية": "ar", "हिन्दी": "hi", "türkçe": "tr", "polski": "pl", "svenska": "sv",
    "farsi": "fa", "filipino": "tl", "bahasa": "id", "bahasa indonesia": "id", "bokmal": "nb",
    "bokmål": "nb", "nynorsk": "nn", "gaelic": "gd", "haitian": "ht", "moldovan": "ro", "persian": "fa",
    "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "ita": "it", "por": "pt",
    "nld": "nl", "dut": "nl", "rus": "ru", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "ara": "ar",
    "hin": "hi", "tur": "tr", "pol": "pl", "swe": "sv", "ukr": "uk", "vie": "vi", "heb": "he", "iw": "he",
    "in": "id", "ji": "yi", "jw": "jv",
}
_BY_NAME = {name.lower(): code for code, name in ISO_639_1.items()}
_TAG = _regex.compile(r"^([a-z]{2})(?:-[A-Za-z0-9]{2,8})*$")


def check_language(value: str) -> str | None:
    """None when ``value`` is an ISO 639-1 code (``en``, ``pt-BR``), else what is wrong."""
    m = _TAG.match(value)
    if m and m.group(1) in ISO_639_1:
        return None
    return f"found language '{value}', expected an ISO 639-1 code such as 'en' or 'pt-BR'"


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code (``"kk"`` → ``"Kazakh"``); a regional tag or an
    unknown code stays as written."""
    return ISO_639_1.get(code.lower(), code)


def suggest_language(value: str) -> str:
    """The hint for a value that is not a code: the code of the language it names, if any."""
    key = " ".join(value.strip().lower().replace("_", "-").split())
    code = _BY_NAME.get(key) or _ALIASES.get(key)
    if code is None and "-" in key:  # "EN-us", "english-US": the primary part
        head = key.split("-", 1)[0]
        code = head if head in ISO_639_1 else _BY_NAME.get(head) or _ALIASES.get(head)
    if code is None:
        close = difflib.get_close_matches(key, list(_BY_NAME) + list(_ALIASES), n=1, cutoff=0.75)
        code = (_BY_NAME.get(close[0]) or _ALIASES.get(close[0])) if close else None
    if code is not None:
        return f"write '{code}' ({ISO_639_1[code]})"
    return "use a two-letter ISO 639-1 code, e.g. en, es, fr, de, zh"
