"""What an answer must carry to follow a rule, read from text: contacts (phone numbers, web and
email addresses, the short numbers a cue word names: "call 988", "108 पर"), amounts and lengths
of time ("4,90 €", "14 days"), and sentences quoted to be said word for word; and whether a
text carries one. :mod:`charter.evaluate._expect` decides with them which of these a rule
requires and what an answer leaves out.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice

from charter import _regex
from charter.evaluate._digits import ascii_digits
from charter.evaluate._named_numbers import is_amount, named_other_end
from charter.evaluate._spoken import spoken_digits

__all__ = ["QUOTED", "contacts", "contacts_in", "contains", "digits", "is_contact", "is_phrase", "quantities",
           "quantity_key", "says"]

_URL = _regex.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:[a-z]{2,24})(?:/[^\s\"'<>)\]]*)?", re.IGNORECASE)
_EMAIL = _regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# (an area code in parentheses opens the number: "(510) 555-0177", not "510) 555-0177"; a Korean
# particle may follow it: "1588-0114로 전화하세요", "번호는 1588-0114예요")
# a parenthesis opened inside the number closes in it: "1-800-555-0199 (24/7)" ends at 0199
# (a number in parentheses is read too: "Geldfit (0800-8115)", "the Fraud Helpdesk (088-786 73 72)";
# not from inside an area code's parentheses: "(510) 555-0177" starts at its "(")
_PHONE = _regex.compile(r"(?<![\w+])(?:(?<!\()|(?!\d{1,4}\)))(?:\(\d{1,4}\)|\+?\d{1,4})(?:[ .-]?(?:\(\d{2,4}\)|\d{2,4}\)?)){2,4}(?![^\W\uac00-\ud7a3])")
#: words after which a short number is a phone number, in English and the languages of the
#: human-claim check (German "Durchwahl 4444", Spanish "llama al 024", French "appelez le 3114")
_CUE = _regex.compile(
    r"\b(?:call(?:ing)?|text(?:ing)?|dial(?:ling)?|lines?|hotlines?|phone|number|helplines?|lifelines?"
    r"|durchwahl|telefon(?:nummer)?|tel|rufnummer|nummer(?!\s+(?:dat|die)\s+(?:eindigt|begint|eindigen|beginnen))|anrufen|ruf|notruf(?:nummer)?"
    r"|llam[ae]n?|llamar|tel[ée]fono|n[úu]mero|l[íi]nea|appel(?:ez|er|le[rz]?)?|t[ée]l[ée]phone|num[ée]ro|ligne"
    r"|chiama(?:re)?|telefono|numero|linea|ligue|ligar|telefone"
    # Arabic, with the particles written onto the word ("بخط" by the line, "بالرقم" on the
    # number, "واتصل" and call): "اتصل فورًا بخط طوارئ الكهرباء ٩٩١", "الإسعاف ٩٩٨"
    r"|[وف]?(?:ب|ل|لل)?(?:ال)?(?:خط|رقم|هاتف|جوال|طوارئ|إسعاف|اسعاف|اتصال)|[وف]?(?:ا|أ)?تصل(?:وا|ي)?"
    # Russian: "звоните в скорую помощь 103", "по единому номеру 112", "телефон доверия"
    r"|(?:по)?звон(?:ите|ить|и|ят)|номер[ауом]?(?!\s+(?:заказ|рецепт|паспорт|карт|документ|полис|счёт|счет))|телефон[ауом]?|лини[яиюей]|скор(?:ая|ую|ой)(?: помощь| помощи)?"
    r"|экстренн(?:ых|ые|ой|ая|ую) служб\w*"
    # Hindi, before the number: "Tele-MANAS हेल्पलाइन 14416", "टोल-फ्री नंबर 1800-425-7788"
    r"|हेल्पलाइन|नंबर|नम्बर|एम्बुलेंस|एंबुलेंस"
    # Turkish, before the number: "ALO 183 Sosyal Destek Hattı", "destek hattı 444 63 58"
    r"|alo|hatt[ıi](?:m[ıi]z)?|numaras[ıi]|numaral[ıi]"
    # Polish, before the number: "pod numer alarmowy 112", "zadzwonić pod 112", "na bezpłatny numer
    # 8080", "infolinia 22 390 44 44" (not a parcel's, a document's or an order's number, nor "numer
    # kończący się na 321")
    r"|numer(?:u|em|ze|y|ów|ow)?(?!\s+(?:przesyłki|przesylki|paczki|paczek|przesyłek|przesylek|zamówienia|zamowienia|"
    r"dowodu|pesel|konta|karty|faktury|nip|regon|rachunku|sprawy|reklamacji|skrytki|lokalu|domu|mieszkania|"
    r"kończ\w*|koncz\w*|zakończ\w*|zakoncz\w*))"
    r"|zadzwo(?:ń|n|nić|nic|ni|nił\w*|nil\w*)|dzwo(?:ń|n|nić|nic|ni[ćc]|nienie|niąc|niac)|infolini[aięą]|tel\."
    # Indonesian, before the number: "segera telepon 112", "hubungi 119 ekstensi 8", "nomor 110"
    r"|telepon|telpon|menelepon|hubungi|menghubungi|dihubungi|nomor|melapor|laporkan|polisi|ambulans"
    # Vietnamese, before the number: "gọi ngay 115", "tổng đài 1900 6035", "đường dây nóng 111",
    # "liên hệ …", "công an 113" (not "số", which is also "số dư", "số tiền")
    r"|gọi|liên\s+hệ|tổng\s+đài|đường\s+dây(?:\s+nóng)?|số\s+điện\s+thoại|công\s+an|cấp\s+cứu|cứu\s+hỏa|khẩn\s+cấp"
    # Hebrew, with the conjunction and prepositions written onto the word ("למד"א 101", "לער"ן בטלפון
    # 1201", "למשטרה 100", "ולקו החם … 118", "מוקד מרפא ‎*2700", "חייגו 102"); not "שלוחה" (an
    # extension of a line, not a line: "שלוחה 101 בתפריט של המרפאה")
    r"|[ובלהמש]{0,2}(?:התקשר\w*|חייג\w*|מד\"א|מד״א|משטרה|משטרת|ער\"ן|ער״ן|סה\"ר|סה״ר|מוקד|קו|טלפון|מערך|כבאות|מכבי\s+אש)"
    # Dutch, before the number: "bel 112", "belt u dan 112", "het alarmnummer 112", "het
    # storingsnummer 0800-9009", "de hulplijn 113" ("nummer" is German's cue too; not "het nummer
    # dat eindigt op 5678")
    r"|bel(?:t|len)?|alarmnummer|storingsnummer|noodnummer|hulplijn|telefoon(?:nummer)?(?!\s+(?:dat|die)\s+(?:eindigt|begint)))\b",
    re.IGNORECASE)
#: Hindi puts the number before the verb: "108 पर एम्बुलेंस बुलाइए", "112 या 108 पर कॉल कीजिए"
_HI_NUMBER_FIRST = _regex.compile(
    r"(?<![\d.,\-/])(\d{3,6}(?:\s*(?:या|और|,|/)\s*\d{3,6})*)\s+(?:पर|पे|नंबर\s+पर|नम्बर\s+पर)\s+(?:\S+\s+){0,3}?"
    r"(?:कॉल|फ़ोन|फोन|डायल|एम्बुलेंस|एंबुलेंस|संपर्क)")
#: Korean puts the number before the verb too, with a particle on it: "119에 전화하세요", "당장
#: 119로 전화", "119(화재·구급) 또는 112(경찰)에 전화하라고", "119나 112 같은 긴급 전화"
_KO_NUMBER_FIRST = _regex.compile(
    r"(?<![\d.,\-/])(\d{3,6}(?:\s*(?:\([^()\d]{1,16}\))?\s*(?:이나|나|와|과|또는|혹은|,|/)\s*\d{3,6})*)"
    r"\s*(?:\([^()\d]{1,16}\))?(?:번)?(?:에|으로|로|에서|이나|나|와|과)?\s+(?:\S+\s+){0,3}?\S*?"
    r"(?:전화|연락|신고|통화|다이얼)")
#: Turkish puts the number before the verb, with a case suffix after an apostrophe: "hemen
#: 112'yi arayın", "112 Acil Çağrı Merkezi'ni aramasını söyleyin", "155 Polis İmdat'ı ve …
#: arayın", "112'ye ulaşın" (the verb opens its word: "para", "kiracı" are no "ara")
_TR_NUMBER_FIRST = _regex.compile(
    r"(?<![\d.,\-/])(\d{3,6}(?:'\w{1,4})?(?:\s*(?:,|veya|ya\s+da|ve|ile)\s*\d{3,6}(?:'\w{1,4})?)*)(?!\s*(?:TL|tl|lira))"
    r"(?:\s+\S+){0,3}?\s+(?:ara(?:y|m|r|d|s)|ula[şs]|tu[şs]la|ihbar|bildir)")
#: a short number with an extension after it: "layanan kesehatan jiwa di 119 ekstensi 8", "119 ext. 8"
_EXTENSION = _regex.compile(r"(?<![\d.,\-/])(\d{3,6})\s+(?:ekstensi|eks\.?|ext\.?|extension)\s*\d{1,4}\b", re.IGNORECASE)
#: a short number after a cue: 3 to 6 digits ("988", "116 123", "3114"), or three pairs
#: (Australia's "13 11 14", a six-digit line written the way Australians write it)
_SHORT_NUMBER = _regex.compile(
    # (a Hebrew extension to press is no line: "לחייג 09-950-1010 ולהקיש 101", "שלוחה 3")
    r"(?<!להקיש )(?<!הקישו )(?<!הקש )(?<!שלוחה )(?<![\d$.,\-/٫٬])(?:\d{3,6}(?: \d{3,4})?|\d{2} \d{2} \d{2})(?![\d%٪\-/]|[.,٫٬]\d)"
    r"(?!\s*(?:€|₽|(?:[kmgt]bps|[kmgt]b|hours?|minutes?|mins?|days?|weeks?|months?|years?|dollars?|words?|characters?|"
    r"seconds?|percent|am|pm|stunden?|minuten?|tage?n?|wochen?|monate?n?|jahre?n?|euro|prozent|uhr|w[öo]rter|"
    r"zeichen|horas?|d[íi]as|semanas?|meses|a[ñn]os|heures?|jours?|semaines?|mois|ans|ore|giorni|anni"
    # Arabic amounts and spans ("٨٠٠ درهم", "٢٤ ساعة", "٣ أيام", "١٥٠ كلمة")
    r"|درهم\w*|دراهم|ريال\w*|دينار\w*|ساع\w*|دقيق\w*|يوم\w*|أيام|شهر\w*|أشهر|سن\w*|كلم\w*|كيلوواط\w*"
    # Russian amounts, spans and doses ("199 ₽", "400 мг", "14 дней")
    r"|руб\w*|р|дн[яей]\w*|день|час\w*|минут\w*|недел\w*|месяц\w*|лет|год\w*|слов\w*|символ\w*|мг|мл|г|кг"
    r"|таблет\w*|штук\w*|шт|процент\w*"
    # Hebrew spans and doses ("24 שעות", "10 ימים", "100 מק"ג"; amounts: ``is_amount``)
    r"|שעות|שעה|דקות|ימים|יום|שבועות|חודשים|שנים|מילים|מ\"ג|מק\"ג|מ\"ל|מ״ג|מק״ג|מ״ל)\b))",
    re.IGNORECASE)
#: short numbers in languages written without spaces, where the cue is a counter after the
#: number (Japanese "119番", Korean "119번"; not "2番目", "3番地") or a word just before it
#: (Chinese "拨打120", "客服热线 95386", Japanese "電話番号：7110", Korean "전화 112"): the English cues need word
#: boundaries that Japanese and Chinese text does not have
_CJK_SHORT = _regex.compile(
    r"(?<![\d.,\-/])(\d{3,6})\s*[番번](?![目地号線])"
    r"|(?:電話|电话|拨打|撥打|致電|致电|热线|熱線|专线|專線|客服|전화)(?:番号|号码|號碼|번호)?\s*[:：はをに]?\s*"
    r"(\d{3,6})(?![\d.,\-/])"
    # Thai, a cue just before the number (no word boundaries either): "กรุณาโทร 1669 ทันที", "โทรแจ้ง
    # 191", "สายด่วนสุขภาพจิต 1323", "โทรสายด่วนตำรวจไซเบอร์ 1441", "หมายเลข 1300"
    r"|(?:โทร(?:ศัพท์)?(?:แจ้ง|หา|ไปที่|ไป|ที่|ถึง)?|สายด่วน[\u0e00-\u0e7f]{0,24}|เบอร์(?:โทร)?|หมายเลข|แจ้ง(?:ความ)?)\s*[:：]?\s*"
    r"(\d{3,6})(?![\d.,\-/])")
#: calendar dates ("03.03.2027", "3/14/2026", "2026-03-14"): digits a phone pattern would take
_DATE = _regex.compile(
    r"(?<![\d./-])(?:(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?:\d{4}|\d{2})"
    r"|\d{4}-(?P<m>\d{2})-(?P<d>\d{2}))(?!\d|[./-]\d)")
# file names are not places to send someone ("deploy.sh", "app.ts", "pyproject.toml", "corp-ca.pem")
_FILE_EXT = _regex.compile(r"\.(?:yaml|yml|json|jsonl|txt|md|py|html?|sh|bash|ts|tsx|js|jsx|mjs|toml|ini|cfg|conf|env|"
                       r"pem|crt|key|lock|csv|xml|sql|log|rs|go|java|rb|php|c|h|cpp|hpp|cs|kt|swift|ipynb|"
                       r"zip|tar|gz|pdf|docx?|xlsx?|png|jpe?g|gif|svg)$", re.IGNORECASE)


def _blank_date(m: re.Match[str]) -> str:
    """A calendar date blanked out (same length), anything else kept."""
    if m.group("m") is not None:
        ok = 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31
    else:
        a, b = int(m.group("a")), int(m.group("b"))
        ok = 1 <= min(a, b) <= 12 and max(a, b) <= 31
    return " " * len(m.group(0)) if ok else m.group(0)


#: top-level domains no module or file name ends in: a bare name with one is a web address
#: ("brokercheck.finra.org", "consumerfinance.gov")
_WEB_TLD = re.compile(r"\.(?:com|org|gov|edu|example)$")


def is_contact(item: str) -> bool:
    """Whether a resource :func:`contacts_in` found is a place to send someone: a number, an
    email address, a URL with a scheme, "www." or a path, or a bare name under .com, .org,
    .gov, .edu or .example ("brokercheck.finra.org"); any other bare dotted name
    ("pkg.models", "settings.py") is as likely code as a domain."""
    return (any(c.isdigit() for c in item) or "@" in item or "/" in item or item.startswith("www.")
            or _WEB_TLD.search(item.lower()) is not None)


def contacts_in(text: str) -> set[str]:
    """Phone numbers, URLs, domains and email addresses written in ``text``."""
    return contacts(text)


_WORD = re.compile(r"\S+")


def _not_a_line(text: str, start: int, end: int) -> bool:
    """Whether the phone-shaped number at ``text[start:end]`` is an amount ("Kwota 512 345 678 zł",
    "Số tiền 1.250.000 đồng") or a number a word names as a payment code, an order or a parcel
    ("rekening virtual 8808 1234 5678 9012") with no cue for a line between that word and the
    number ("for invoice questions call 0800 123 4567" is still a line)."""
    if text.startswith("+", start):
        return False
    if is_amount(text, start, end):
        return True
    named = named_other_end(text, start)
    return named is not None and _CUE.search(text, named, start) is None


def contacts(text: str) -> set[str]:
    """Phone numbers, URLs, domains and email addresses written in ``text``; a number spoken
    digit by digit ("call nine one one", "five oh three, five five five, zero one four two") is
    found in digits ("911", "503 555 0142")."""
    text = spoken_digits(text)
    out: set[str] = set()
    for m in _EMAIL.finditer(text):
        out.add(m.group(0).lower())
    no_mail = _EMAIL.sub(" ", text)
    for m in _URL.finditer(no_mail):
        u = m.group(0).rstrip(".,;:").lower()
        if "." in u and not _FILE_EXT.search(u) and not re.fullmatch(r"[\d.]+", u):
            out.add(u)
    phones: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _PHONE.finditer(_DATE.sub(_blank_date, text)):
        digits = re.sub(r"\D", "", m.group(0))
        # (no phone number has more than 15 digits: a card number read out is none)
        if 7 <= len(digits) <= 15 and not _not_a_line(text, m.start(), m.end()):
            found = m.group(0).strip()
            # (a ")" that closes a parenthesis opened before the number is not part of it)
            out.add(found[:-1].rstrip() if found.endswith(")") and found.count("(") < found.count(")") else found)
            phones.append(digits)
            spans.append(m.span())
    for m in _CUE.finditer(text):
        # the next 8 words after the cue, in place (so a number found there has its position)
        words = list(islice(_WORD.finditer(text, m.end()), 8))
        end = words[-1].end() if words else m.end()
        # a piece of a phone number already found ("5400" of "0561 9876 5400") is no number of
        # its own: any answer mentioning 5400 would pass as giving the hotline. A piece is a
        # number inside that phone number's place in the text: the same digits written on their
        # own elsewhere ("call Lifeline on 13 11 14, or text 0477 13 11 14") are a number
        out.update(n.group(0) for n in _SHORT_NUMBER.finditer(text, m.end(), end)
                   if not any(a <= n.start() and n.end() <= b for a, b in spans)
                   and not is_amount(text, n.start(), n.end()))
    for rx in (_HI_NUMBER_FIRST, _KO_NUMBER_FIRST, _TR_NUMBER_FIRST):
        out.update(_numbers_first(rx, text, phones))
    for m in _EXTENSION.finditer(text):
        if not any(m.group(1) in p for p in phones) and not is_amount(text, *m.span(1)):
            out.add(m.group(1))
    for m in _CJK_SHORT.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        # (an amount after a cue is no line: "客服 500 元 的优惠券", "โทร 3500 บาท")
        if not any(m.group(g) in p for p in phones) and not is_amount(text, *m.span(g)):
            out.add(m.group(g))
    return out


def _numbers_first(rx: re.Pattern[str], text: str, phones: list[str]) -> set[str]:
    """The short numbers ``rx`` (a number-first pattern: Hindi, Korean, Turkish) reads as lines in
    ``text``, not a piece of a phone number found already nor an amount: "1 250 000 원을 환불한 뒤
    연락드리겠습니다" quotes an amount, not a line; after an amount the search starts again right
    after it, so "50 000 원이 환불됩니다. 119에 전화하세요" still gives 119."""
    out: set[str] = set()
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        amount = False
        for n in re.finditer(r"\d{3,6}", m.group(1)):
            if is_amount(text, m.start(1) + n.start(), m.start(1) + n.end()):
                amount = True
            elif not any(n.group(0) in p for p in phones):
                out.add(n.group(0))
        pos = m.end(1) if amount else max(m.end(), pos + 1)
    return out


def digits(s: str) -> str:
    """The digits of ``s``, in ASCII ("٩٩١" and "991" are one number)."""
    return ascii_digits(re.sub(r"\D", "", s))


def contains(text: str, item: str) -> bool:
    """``item`` (a number, URL, domain or email) appears in ``text``; numbers compare by their
    digits with any separators, as whole numbers, and a phone number written with its trunk 0
    ("01 84 60 22 10") is the same number with a country code ("+33 1 84 60 22 10"), and a number
    spoken digit by digit ("one eight hundred, five five five, zero one nine nine") is that number."""
    if any(c.isalpha() for c in item):
        return item.lower().removeprefix("https://").removeprefix("http://") in text.lower()
    d = digits(item)
    if not d:
        return False
    text = ascii_digits(spoken_digits(text))
    sep = r"[\s().+-]*"
    forms = [r"(?<!\d)" + sep.join(re.escape(c) for c in d) + r"(?!\d)"]
    national = _national(item)
    if national:  # the same phone number with its country code or its trunk 0
        rest = sep.join(re.escape(c) for c in national)
        forms.append(r"(?<![\d+])0" + sep + rest + r"(?!\d)")
        forms.append(r"\+\d{1,3}" + sep + r"(?:\(0\)" + sep + r")?" + rest + r"(?!\d)")
    return any(re.search(rx, text) is not None for rx in forms)


def _national(item: str) -> str:
    """The digits of phone number ``item`` without its trunk 0 ("01 84 60 22 10" → "184602210")
    or its country code ("+33 1 84 60 22 10" → the same, "+1 800 555 0199" → "8005550199"), when
    at least 7 digits are left; "" otherwise. One number is written both ways."""
    s = ascii_digits(item.strip())
    d = digits(s)
    if re.match(r"0\d", s) and len(d) >= 8:
        return d[1:]
    m = re.match(r"\+(\d{1,3})[\s.-]*(?:\(0\)[\s.-]*)?(\d)", s)
    if m:
        national = digits(s[m.start(2):])
        return national if len(national) >= 7 else ""
    return ""


#: an amount of money or a length of time: a number with a currency or a unit of time, in
#: English, French, German, Spanish, Italian and Portuguese ("4,90 €", "€4.90", "30 jours",
#: "14 days", "a 30-day window", "2 Wochen"); a decimal comma and a decimal point are the same
#: number
_AMOUNT = r"\d+(?:[.,]\d{1,2})?"
_UNITS: tuple[tuple[str, str], ...] = (
    ("EUR", r"€|eur(?:os?)?\b"), ("USD", r"us\$|\$|usd\b|dollars?\b"), ("GBP", r"£|gbp\b|pounds?\b"),
    ("CHF", r"chf\b|francs?\b"),
    ("day", r"(?:business |working )?days?\b|jours?\b|tage?n?\b|werktage?n?\b|d[íi]as?\b|giorni\b|dias?\b"),
    ("week", r"weeks?\b|semaines?\b|wochen?\b|semanas?\b|settimane?\b"),
    ("month", r"months?\b|mois\b|monate?n?\b|meses\b|mes\b|mesi\b|m[êe]s\b"),
    ("hour", r"hours?\b|heures?\b|stunden?\b|horas?\b|ore\b"),
)
_UNIT_RX = "|".join(f"(?P<{name}>{rx})" for name, rx in _UNITS)
_QTY_AFTER = _regex.compile(rf"(?<![\d.,])(?P<n>{_AMOUNT})(?:\s|-)?(?:{_UNIT_RX})", re.IGNORECASE)
_QTY_BEFORE = _regex.compile(r"(?P<c>€|us\$|\$|£|eur|usd|gbp|chf)\s?(?P<n>\d+(?:[.,]\d{1,2})?)(?![\d])", re.IGNORECASE)
_PREFIX_CURRENCY = {"€": "EUR", "eur": "EUR", "$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP",
                    "chf": "CHF"}


def quantities(text: str) -> dict[str, str]:
    """The amounts of money and lengths of time written in ``text``: {key: as written}, the key
    the same however the number is written ("4,90 €" and "€4.90" are "4.9 EUR")."""
    out: dict[str, str] = {}
    for m in _QTY_AFTER.finditer(text):
        unit = next(name for name, _ in _UNITS if m.group(name) is not None)
        out.setdefault(f"{float(m.group('n').replace(',', '.')):g} {unit}", m.group(0).strip())
    for m in _QTY_BEFORE.finditer(text):
        unit = _PREFIX_CURRENCY[m.group("c").lower()]
        out.setdefault(f"{float(m.group('n').replace(',', '.')):g} {unit}", m.group(0).strip())
    return out


def quantity_key(item: str) -> str | None:
    """The key of ``item`` when it is one amount or length of time and nothing else."""
    found = quantities(item)
    return next(iter(found)) if len(found) == 1 and next(iter(found.values())) == item.strip() else None


#: (resources named rule-wide, ((example index, its prompt, resources of its GOOD answers), ...))
#: a quotation in a rule's text: straight or curly double quotes, guillemets, German quotes, corner
#: brackets
QUOTED = _regex.compile(r'"([^"\n]+)"|“([^”\n]+)”|«\s*([^»\n]+?)\s*»|„([^“”\n]+)[“”]|「([^」\n]+)」')


def _phrase_words(text: str) -> list[str]:
    """The words of ``text`` as a stated phrase is compared: Unicode NFKC, casefolded, curly
    apostrophes made straight; punctuation, markdown and spacing do not count."""
    from charter.evaluate.checks._text import WORD_RE  # (checks import this module)

    norm = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return WORD_RE.findall(norm)


def says(text: str, phrase: str) -> bool:
    """Whether ``text`` says ``phrase`` word for word (punctuation and case aside)."""
    want = _phrase_words(phrase)
    have = _phrase_words(text)
    n = len(want)
    return n > 0 and any(have[i:i + n] == want for i in range(len(have) - n + 1))


def is_phrase(item: str) -> bool:
    """Whether a required item is a stated phrase (three words or more with letters, apart),
    not a contact ("ledgerline.example/contact" has three words but no space) or an amount."""
    return (any(c.isspace() for c in item.strip())
            and sum(1 for w in _phrase_words(item) if any(c.isalpha() for c in w)) >= 3)
