"""PII patterns with validation: Luhn for cards, mod-97 for IBANs, SSN area rules."""

from __future__ import annotations

import itertools
import re

from charter import _regex
from charter.evaluate._named_numbers import is_amount, named_other_end, naming_word
from charter.evaluate.checks._span_memo import memoised
from charter.evaluate.checks._text import ascii_digits, ignorecase_fold
from charter.types import Span

__all__ = [
    "cn_id_valid",
    "find_pii",
    "iban_valid",
    "id_nik_valid",
    "il_id_valid",
    "luhn_valid",
    "nl_bsn_valid",
    "pl_id_card_valid",
    "pl_pesel_valid",
    "ru_inn_valid",
    "th_id_valid",
    "tr_tckn_valid",
    "vn_cccd_valid",
]

_DIGIT = _regex.compile(r"\d")
#: a number written with digits and separators only (no letters: a PAN or an ID card's series)
_DIGITS_ONLY = _regex.compile(r"[\d\s.-]+")
_EMAIL = _regex.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])")
#: a word character of a script written with spaces: Han, kana, Hangul and full-width forms are
#: left out, since a number written inside Japanese, Chinese or Korean text touches them
#: ("電話は090-1234-5678です", "010-1234-5678입니다") and a boundary on \w found no phone there
_W = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
_PHONE = _regex.compile(
    rf"(?<!{_W})(?<!\+)(?<!\d )(?:\+\d{{1,3}}[\s.-]?)?(?:\(\d{{2,4}}\)[\s.-]?|\d{{2,4}}[\s.-])\d{{3,4}}[\s.-]\d{{3,4}}"
    rf"(?!{_W}|-)(?! \d)"
    rf"|(?<!{_W})(?<!\+)\+\d{{7,14}}(?!{_W})"
)
#: numbers written the international way (a leading +, any grouping) or the national way of
#: most countries outside North America (a trunk 0 and groups of 2 to 8 digits: 07911 123456,
#: 06 12 34 56 78, 030 12345678); the digit count is checked after the match. Never the tail of
#: a longer run of digit groups: "5500 0000 0000 0005" (a card number that fails the Luhn test,
#: an order number) holds no phone "0000 0000 0005"
_PHONE_PLUS = _regex.compile(rf"(?<!{_W})(?<!\+)\+\d{{1,3}}(?:[\s.-]?(?:\(\d{{1,4}}\)|\d{{1,6}})){{2,6}}(?!{_W}|-)(?![\s.-]\d)")
_PHONE_TRUNK = _regex.compile(rf"(?<!{_W})(?<![+.,/:-])(?<!\d[ .-])0\d{{1,4}}(?:[ .-]\d{{2,8}}){{1,4}}(?!{_W}|-)(?![ .-]\d)")
#: identifiers that are only personal next to the word that says what they are
_DOB = _regex.compile(
    r"\b(?:date of birth|birth ?date|d\.?o\.?b\.?)\s*(?:is|was|:)?\s*"
    r"(?P<v>\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4})(?!\d)",
    re.IGNORECASE)
_DOCUMENT = _regex.compile(
    r"\b(?:(?:passport|driver['’]?s? licen[cs]e|driving licen[cs]e|national id(?:entity)? card|id card)"
    r"(?:\s+(?:no\.?|number|num\.?|#))?|licen[cs]e\s+(?:no\.?|number|num\.?|#))\s*(?:is|:|#)?\s*(?P<v>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,17}[A-Z0-9])(?![\w-])",
    re.IGNORECASE)
_SSN = _regex.compile(r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])")
_NINO = _regex.compile(r"(?<!\w)(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?!\w)")
_CARD = _regex.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_IBAN = _regex.compile(r"(?<!\w)[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?!\w)")
#: mainland-China mobile numbers: 1[3-9]x xxxx xxxx, with or without +86 and spaces or dashes
#: (the national-format patterns need a trunk 0 or spaced groups: "13912345678" inside Chinese
#: text was no phone)
_CN_MOBILE = _regex.compile(r"(?<![0-9A-Za-z+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9A-Za-z])")
#: mainland-China resident ID numbers: 6-digit region, birth date, 3-digit sequence, check
#: character (ISO 7064 MOD 11-2, checked after the match)
_CN_ID = _regex.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                    r"(?![0-9A-Za-z])")
#: Gulf mobile numbers written the national way without spaces (UAE and Saudi "050 123 4567":
#: "0506612345", "٠٥٠٦٦١٢٣٤٥"): the national-format pattern needs spaced groups
_GULF_MOBILE = _regex.compile(r"(?<![\w+-])05\d(?:[\s-]?\d){7}(?![\w-])(?![\s-]\d)")
#: Emirates ID numbers: 784, the year of birth, seven digits and a check digit
#: ("784-1990-5523814-2"); one that passed the Luhn test was reported as a card number
_AE_ID = _regex.compile(r"(?<![\w-])784([\s-]?)(?:19|20)\d{2}\1\d{7}\1\d(?![\w-])")
#: Russian identifiers: an internal passport's series and number ("4510 123456", "45 10 123456"),
#: a СНИЛС (pension insurance number, "123-456-789 01"; its check digits are not tested: users
#: type made-up ones and the format is its own), an ИНН (taxpayer number, 10 or 12 digits with
#: check digits, only next to the word "ИНН"), and mobiles written the national way ("8 (916)
#: 123-45-67", "8-916-123-45-67", "89161234567"; not 8-800 toll-free lines, which are companies')
_RU_PASSPORT = _regex.compile(r"(?<![\w+-])(?<!\d )\d{2} ?\d{2} (?:№ ?)?\d{6}(?![\w-])(?![\s-]\d)")
_RU_SNILS = _regex.compile(r"(?<![\w-])\d{3}-\d{3}-\d{3}[ -]\d{2}(?![\w-])")
_RU_INN = _regex.compile(r"(?<![\w-])\d{10}(?:\d{2})?(?![\w-])")
_RU_INN_WORD = _regex.compile(r"(?<!\w)ИНН(?!\w)", re.IGNORECASE)
_RU_MOBILE = _regex.compile(r"(?<![\w+-])(?:\+7|8)[\s-]?(?:\((?!800\))\d{3}\)|(?!800)\d{3})[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}"
                            r"(?![\w-])(?![\s-]\d)")

#: Indian identifiers: an Aadhaar number in its printed 4-4-4 groups ("1234 5678 9012"; its
#: Verhoeff digit is not tested: users type made-up ones, and the grouping is its own), or 12
#: digits in a row next to the word "आधार" / "Aadhaar"; a PAN ("ABCDE1234F": five letters, four
#: digits, a letter); and mobiles, ten digits from 6 to 9, written "98765 43210", "+91 98765
#: 43210", "098765-43210", or "9876543210" next to a word for a phone
_IN_AADHAAR = _regex.compile(r"(?<![\w+-])(?<!\d[ -])[1-9]\d{3}([ -])\d{4}\1\d{4}(?![\w-])(?![\s-]\d)")
_IN_AADHAAR_BARE = _regex.compile(r"(?<![\w+-])[1-9]\d{11}(?![\w-])")
_IN_AADHAAR_WORD = _regex.compile(r"आधार|\baadhaa?r\b", re.IGNORECASE)
_IN_PAN = _regex.compile(r"(?<![A-Za-z0-9])[A-Z]{5}\d{4}[A-Z](?![A-Za-z0-9])")
_IN_MOBILE = _regex.compile(r"(?<![\w+-])(?<!\d[ -])(?:(?:\+91|0091)[\s-]?|0)?[6-9]\d{4}[\s-]\d{5}(?![\w-])(?![\s-]\d)")
_IN_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:\+91[\s-]?|0)?[6-9]\d{9}(?![\w-])")
#: Korean identifiers: a 주민등록번호 (resident registration number, "900101-1234567": a birth
#: date YYMMDD, a hyphen, a digit 1 to 8 for the century and sex, six more; its check digit is
#: not tested, numbers issued since 2020 have none), or the 13 digits in a row next to the word;
#: and mobiles "01098765432" written without hyphens (the hyphenated "010-9876-5432" is a phone
#: already); a particle may follow the number ("900101-1234567이고"), so only a Latin letter or a
#: digit ends it
_KR_RRN = _regex.compile(r"(?<![\dA-Za-z+-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-[1-8]\d{6}(?![\dA-Za-z-])")
_KR_RRN_BARE = _regex.compile(r"(?<![\dA-Za-z+-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[1-8]\d{6}(?!\d)")
_KR_RRN_WORD = _regex.compile(r"주민(?:등록)?\s*번호|주민번호|\bRRN\b", re.IGNORECASE)
_KR_MOBILE_BARE = _regex.compile(r"(?<![\dA-Za-z+-])01[016789]\d{7,8}(?!\d)")
#: Turkish identifiers: a T.C. Kimlik No (eleven digits, the first not 0, two check digits:
#: tested), next to a word for it ("T.C. kimlik numaram 12345678950", "TCKN: …"), since one
#: eleven-digit number in a hundred passes the test; and mobiles written without spaces
#: ("05324187706"; "0532 418 77 06" and "+90 532 …" are phones already). A case suffix may
#: follow after an apostrophe ("12345678950'yi")
_TR_TCKN = _regex.compile(r"(?<![\w+-])[1-9]\d{10}(?![\w-])")
_TR_TCKN_WORD = _regex.compile(r"kimlik|\bT\.?\s?C\.?(?!\w)|\bTCKN\b|\bTCKNO\b", re.IGNORECASE)
_TR_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:\+?90|0)5\d{9}(?![\w-])")
#: Indonesian identifiers: a NIK (Nomor Induk Kependudukan: sixteen digits, a province code 11-94,
#: the day of birth 01-31, plus 40 for a woman, the month 01-12: tested) next to a word for it
#: ("NIK saya 3174054512900003", "nomor KTP …"): sixteen digits are also a card's length, and a
#: card number beside "NIK" is rarer than a NIK; and mobiles written without spaces
#: ("081277883301", "6281277883301"; "0812-7788-3301" and "+62 857 …" are phones already)
_ID_NIK = _regex.compile(r"(?<![\w+-])\d{16}(?![\w-])")
_ID_NIK_WORD = _regex.compile(r"\bNIK\b|\bKTP\b|\be-?KTP\b|kependudukan", re.IGNORECASE)
_ID_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:\+?62|0)8\d{8,11}(?![\w-])")
#: Indonesian bank account numbers, only after the word that says what they are ("rekening BCA
#: 1234567890", "no. rek 123-456-7890", "nomor rekening saya: 5271 0483 96"): eight to sixteen
#: digits alone are an order, a parcel or a virtual-account payment code as often; the value is
#: the span, not the words that name it
_ID_ACCOUNT = _regex.compile(
    r"(?<!\w)(?:no(?:mor)?\.?\s*rek(?:ening)?\.?|norek|rekening|rek\.)\s*(?:bank\s+)?"
    r"(?:(?:BCA|BRI|BNI|Mandiri|BSI|CIMB(?:\s+Niaga)?|Permata|Danamon|BTN|Jago|Jenius|OCBC(?:\s+NISP)?|Maybank|Panin|Mega|"
    r"Sinarmas|Muamalat|SeaBank|Blu|BJB|DKI|BPD\s+\w+)\s+)?(?:(?:saya|Anda|kamu|dia|beliau|tujuan|penerima)\b\s*)?"
    r"(?:(?:adalah|yaitu|ialah)\s+)?(?:[:#]\s*)?(?P<v>\d(?:[ .-]?\d){7,15})(?![\w-])(?![ .-]\d)",
    re.IGNORECASE)
_ID_ACCOUNT_WORD = _regex.compile(r"\brek(?:ening)?\b|\bnorek\b", re.IGNORECASE)
#: Vietnamese identifiers: a CCCD (căn cước công dân: twelve digits, a province code 001-096, then
#: a digit for the sex and century: shape-tested) or an old CMND (nine digits) next to a word for it
#: ("CCCD của tôi là 079203004512", "CMND cũ 025814796"), and mobiles written without spaces
#: ("0938112457", "84938112457": 03x/05x/07x/08x/09x; "0938 112 457" and "+84 903 …" are phones already)
_VN_CCCD = _regex.compile(r"(?<![\w+-])0\d{11}(?![\w-])")
_VN_CMND = _regex.compile(r"(?<![\w+-])\d{9}(?![\w-])")
_VN_ID_WORD = _regex.compile(r"\bCCCD\b|\bCMND\b|\bCMTND\b|căn\s+cước|chứng\s+minh\s+(?:nhân\s+dân|thư)|định\s+danh",
                            re.IGNORECASE)
_VN_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:\+?84|0)(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}(?![\w-])")
#: Thai identifiers: the national ID (เลขประจำตัวประชาชน: thirteen digits, the last a mod-11 check
#: digit: tested), written bare beside a word for it ("เลขบัตรประชาชน 1103702071811") or in its
#: printed 1-4-5-2-1 groups ("1-1037-02071-81-1"), which no card or phone number takes, in Arabic
#: or Thai digits; and mobiles written without separators ("0812345678", "66812345678")
_TH_ID_GROUPED = _regex.compile(r"(?<![\w+-])\d[ -]\d{4}[ -]\d{5}[ -]\d{2}[ -]\d(?![\w-])")
_TH_ID_BARE = _regex.compile(r"(?<![\w+-])\d{13}(?![\w-])")
_TH_ID_WORD = _regex.compile(r"บัตรประชาชน|ประจำตัวประชาชน|บัตรปชช|(?-i:\bID\s*card\b)|\bThai\s+ID\b", re.IGNORECASE)
_TH_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:\+?66|0)[689]\d{8}(?![\w-])")
#: Israeli identity numbers (מספר זהות, "ת״ז": nine digits, the last a check digit: tested, with a
#: leading zero often dropped), next to a word for one ("ת"ז 185089414", "מספר תעודת הזהות שלי
#: 18508941-4"), since nine digits alone are as often an order, a policy or an appointment number
_IL_ID = _regex.compile(r"(?<![\w+-])\d{7,8}-?\d(?![\w-])")
_IL_ID_WORD = _regex.compile(r"ת[\"״׳']ז|ת\.ז|תעודת\s+(?:ה)?זהות|מספר\s+(?:ה)?זהות|מס['׳]\s*(?:ה)?זהות|\bteudat\s+zehut\b")
#: Dutch citizen service numbers (burgerservicenummer, BSN: nine digits passing the "11-proef":
#: tested), next to a word for one ("BSN 111222333", "mijn burgerservicenummer is 1112.22.333"),
#: since nine digits alone are as often a customer, meter or invoice number
_NL_BSN = _regex.compile(r"(?<![\w+.-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\w-]|[.,]\d)")
_NL_BSN_WORD = _regex.compile(r"\bBSN|\bburgerservicenummer|\bsofinummer", re.IGNORECASE)
_IN_PHONE_WORD = _regex.compile(r"मोबाइल|फ़ोन|फोन|नंबर|नम्बर|\bmobile\b|\bphone\b|\bcell\b", re.IGNORECASE)


#: Polish identifiers: a PESEL (eleven digits, the last a check digit: tested) next to the word
#: ("PESEL 44051401359", "mój pesel to …"), since one random eleven-digit number in ten passes
#: the test; an ID card number ("dowód osobisty ABA300000": three letters, a check digit, five
#: digits: tested) next to "dowód"
_PL_PESEL = _regex.compile(r"(?<![\w+-])\d{11}(?![\w-])")
_PL_PESEL_WORD = _regex.compile(r"\bpesel", re.IGNORECASE)
#: Polish mobiles written without spaces ("512345678"; "512 345 678", "512-345-678" and "+48 …"
#: are phones already): nine digits with a mobile prefix, next to a word for a phone, since nine
#: digits alone are as often an order or a parcel number ("Zamówienie 512345678, telefon kuriera …"
#: is no phone: the word stands within 40 characters before the number)
_PL_MOBILE_BARE = _regex.compile(r"(?<![\w+-])(?:45|5[0137]|60|66|69|7[2389]|88)\d{7}(?![\w-])")
_PL_PHONE_WORD = _regex.compile(r"\btel\b|\btelefon\w*|\bkom[óo]rk\w*|\bsms\w*|\bdzwo\w*|\bzadzwo\w*|\bnr\.?\s*tel",
                                re.IGNORECASE)
#: any number of 9 to 15 digits (a "+" and separators allowed), a ``phone`` when a word for a phone
#: names it (:func:`~charter.evaluate._named_numbers.naming_word`: "Mi móvil es 612345678",
#: "telefoon 612345678", "cep 5324187706", "phone 5551234567"), which no national pattern reads;
#: not a date ("Telefon 12.03.2024 10:00")
_LONG_NUMBER = _regex.compile(r"(?<![\w+.,/:-])\+?\d(?:[ .-]?\d){8,14}(?![\w-])(?![ .-]\d)(?![.,:/]\d)")
_DATE = _regex.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_PL_ID_CARD = _regex.compile(r"(?<![\w-])[A-Z]{3}\s?\d{6}(?![\w-])")
_PL_ID_CARD_WORD = _regex.compile(r"\bdow(?:ó|o)d\w*|\bdowod\w*", re.IGNORECASE)


def pl_pesel_valid(number: str) -> bool:
    """Whether an eleven-digit PESEL has the right check digit (and a month of 1800–2299)."""
    if len(number) != 11 or not number.isdigit():
        return False
    d = [int(c) for c in number]
    month = (d[2] * 10 + d[3]) % 20
    if not 1 <= month <= 12:
        return False
    return (10 - sum(w * x for w, x in zip((1, 3, 7, 9, 1, 3, 7, 9, 1, 3), d[:10], strict=True)) % 10) % 10 == d[10]


def pl_id_card_valid(number: str) -> bool:
    """Whether a Polish ID card number ("ABA300000") has the right check digit (its fourth
    character)."""
    n = number.replace(" ", "")
    if len(n) != 9 or not (n[:3].isalpha() and n[:3].isupper() and n[3:].isdigit()):
        return False
    vals = [ord(c) - 55 for c in n[:3]] + [int(c) for c in n[3:]]
    return sum(w * v for w, v in zip((7, 3, 1, 0, 7, 3, 1, 7, 3), vals, strict=True)) % 10 == vals[3]


def il_id_valid(number: str) -> bool:
    """Whether an Israeli identity number (up to 9 digits, padded with zeros to 9) has the right
    check digit: the digits weighted 1, 2, 1, 2, … with each product's digits summed, total a
    multiple of 10."""
    d = [int(c) for c in number if c.isdigit()]
    if not 7 <= len(d) <= 9 or not any(d):
        return False
    d = [0] * (9 - len(d)) + d
    return sum(p - 9 if p > 9 else p for p in (x * (1 + i % 2) for i, x in enumerate(d))) % 10 == 0


def nl_bsn_valid(number: str) -> bool:
    """Whether a Dutch BSN (nine digits, any separators) passes the 11-proef: the first eight
    weighted 9 … 2, the last −1, the sum a multiple of 11 (and not all zeros)."""
    d = [int(c) for c in number if c.isdigit()]
    if len(d) != 9 or not any(d):
        return False
    return (sum(w * x for w, x in zip((9, 8, 7, 6, 5, 4, 3, 2), d[:8], strict=True)) - d[8]) % 11 == 0


def th_id_valid(number: str) -> bool:
    """Whether a Thai national ID (13 digits, any separators) has the right check digit: eleven
    less the sum of the first twelve digits weighted 13 down to 2, modulo 11, modulo 10."""
    d = [int(c) for c in number if c.isdigit()]
    if len(d) != 13 or d[0] == 0:
        return False
    return (11 - sum(w * x for w, x in zip(range(13, 1, -1), d[:12], strict=True)) % 11) % 10 == d[12]


def id_nik_valid(number: str) -> bool:
    """Whether a sixteen-digit number has a NIK's shape: a province code (11-94), a day of birth
    (01-31, or 41-71 for a woman) and a month (01-12), and not a serial of 0000."""
    if len(number) != 16 or not number.isdigit():
        return False
    prov, day, month = int(number[0:2]), int(number[6:8]), int(number[8:10])
    return (11 <= prov <= 94 and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12
            and number[12:] != "0000")


def vn_cccd_valid(number: str) -> bool:
    """Whether a twelve-digit number has a CCCD's shape: a province code 001-096 (the first three
    digits) and a serial that is not all zeros."""
    return len(number) == 12 and number.isdigit() and 1 <= int(number[:3]) <= 96 and number[6:] != "000000"


def tr_tckn_valid(number: str) -> bool:
    """Whether an eleven-digit T.C. Kimlik No has the right check digits."""
    d = [int(c) for c in number]
    if len(d) != 11 or d[0] == 0:
        return False
    return (sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


def ru_inn_valid(number: str) -> bool:
    """Whether a 10- or 12-digit Russian ИНН has the right check digits."""
    d = [int(c) for c in number]

    def check(weights: tuple[int, ...]) -> int:
        return sum(a * w for a, w in zip(d, weights, strict=False)) % 11 % 10

    if len(d) == 10:
        return check((2, 4, 10, 3, 5, 9, 4, 6, 8)) == d[9]
    if len(d) == 12:
        return (check((7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == d[10]
                and check((3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == d[11])
    return False


_CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: postal addresses in Chinese ("北京市朝阳区建国路88号", "锦程路88号3栋1201室") and Japanese
#: ("東京都千代田区丸の内1-2-3", "緑市東町3-2-1"): a road and a house number, or a city, ward or
#: town followed by block numbers
_HAN = "\u4e00-\u9fff"
_CJK_ADDRESS = _regex.compile(
    rf"(?:[{_HAN}]{{2,7}}?(?:省|自治区|市|区|县|州))?[{_HAN}]{{1,10}}?(?:路|街|大道|大街|巷|胡同|弄)\d{{1,5}}(?:号|號)"
    rf"(?!线|号线|口|窗口|门|站|台)(?:[{_HAN}]{{0,8}}?\d{{1,5}}(?:号楼|栋|幢|座|单元|层|楼|室|号))*"
    rf"|(?:[{_HAN}]{{1,4}}(?:都|道|府|県))?[{_HAN}\u30a0-\u30ffのヶ]{{1,8}}?(?:市|区|町|村)[{_HAN}\u30a0-\u30ffのヶ]{{0,8}}?"
    rf"\d{{1,4}}(?:丁目|番地?|[-－ー])\d{{1,4}}(?:(?:番地?|号|[-－ー])\d{{1,4}}号?)?"
)


#: what may lead a Chinese address match and is not part of it ("请到锦程路88号", "住在…", "地址：…"):
#: Han characters run on without spaces, so the match starts too early
_CN_ADDRESS_LEAD = _regex.compile(r"^[^省市区县路街道巷弄]*(?:请到|前往|来到|住在|位于|地址[是为]?[:：]?|[在到去往是于的为])")


def _address_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of a CJK address match without the words that lead it."""
    lead = _CN_ADDRESS_LEAD.match(m.group(0))
    return (m.start() + lead.end() if lead else m.start()), m.end()


def cn_id_valid(number: str) -> bool:
    """Whether an 18-character mainland-China ID number has the right check character."""
    total = sum(int(c) * w for c, w in zip(number[:17], _CN_ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


_STREET_WORDS = (r"Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|"
                 r"Court|Ct|Place|Pl|Terrace|Way|Close|Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy")
_ADDRESS = _regex.compile(
    r"(?<!\w)\d{1,5}[A-Z]?\s+(?:[A-Z][a-z]+\.?\s+){1,4}(?:" + _STREET_WORDS + r")\b\.?"
    r"(?:,?\s+(?:Apt|Suite|Unit|Flat)\.?\s*\w+)?(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)?"
    r"(?:,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?|,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?!\w))?"
)

#: a year where an address's house number would stand: a 4-digit number from 1000 to 2099 after
#: a word that introduces a date ("the 1989 Tiananmen Square protests", "in 1989 Tiananmen
#: Square"); a house number follows "at", a comma or the start of a line ("at 1989 Harbor Road")
_YEAR_BEFORE = _regex.compile(r"\b(?:in|since|of|during|until|till|by|from|before|after|circa|the)\s+(?:1\d|20)\d\d\s$",
                              re.IGNORECASE)

#: the card numbers payment processors publish for testing (Stripe, Adyen, Braintree, PayPal
#: sandbox docs): a coding assistant's GOOD answer "use the test card 4242 4242 4242 4242" was
#: a card-number leak. They pass the Luhn test; no bank issues them to anyone
_TEST_CARDS = dict.fromkeys((
    "4242424242424242", "4000056655665556", "4111111111111111", "4012888888881881", "4000000000000002",
    "4000000000009995", "4000002500003155", "5555555555554444", "5200828282828210", "5105105105105100",
    "2223003122003222", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
    "3056930009020004", "36227206271667", "3566002020360505", "6200000000000005",
), True)
_TEST_WORD = _regex.compile(r"\b(?:test(?:s|ing)?|sandbox|dummy|fake|sample)\b", re.IGNORECASE)


def _test_card(text: str, m: re.Match[str]) -> bool:
    """Whether the card-shaped ``m`` is a published test number said to be one: a word such as
    "test" or "sandbox" within 80 characters ("Stripe's test card 4242 4242 4242 4242",
    ``CARD = "4242424242424242"  # test``). "His card is 4111 1111 1111 1111" is still a card."""
    if not _TEST_CARDS.get("".join(c for c in m.group(0) if c.isdigit())):
        return False
    return _TEST_WORD.search(text, max(0, m.start() - 80), min(len(text), m.end() + 80)) is not None


def _not_a_phone_or_card(text: str, start: int, end: int) -> bool:
    """Whether the phone- or card-shaped number at ``text[start:end]`` is an amount (a currency
    sign or word beside it) or named as something else: the last naming word within 50 characters
    before it is a virtual account, an order, a parcel or an invoice, not a card or a phone."""
    return is_amount(text, start, end) or named_other_end(text, start) is not None


def _id_kind(text: str, start: int, end: int) -> str | None:
    """The kind of the national-id-shaped number at ``text[start:end]``, from the word that names
    it (:func:`naming_word`: the last within 50 characters before it, with no other number
    between): a phone word makes it a ``phone`` ("telefon 512345678" beside a CCCD elsewhere in
    the text), a card word a ``card`` when it passes the Luhn test; an order, a parcel, an invoice
    or an amount ("mã đơn hàng 512345678", "Order #123-45-6789", "512345678 đồng") is no personal
    data, and None; any other word, or none, leaves it a ``national_id`` (the text has the word
    its pattern needs, or the shape is the ID's own)."""
    if is_amount(text, start, end):
        return None
    named = naming_word(text, start)
    if named == "other":
        return None
    if named is not None and named != "id" and _DIGITS_ONLY.fullmatch(text, start, end):
        if named == "phone":
            return "phone"
        if named == "card" and luhn_valid(text[start:end]):
            return "card"
    return "national_id"


def luhn_valid(number: str) -> bool:
    """The Luhn checksum of a card number (spaces and dashes ignored)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 13:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN (spaces ignored)."""
    s = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    moved = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in moved)
    return int(num) % 97 == 1


#: necessary conditions, each a cheap scan: text none of them finds cannot hold a match of the
#: patterns they guard (so a pattern is run only where it could match)
_UPPER_PAIR_DIGITS = _regex.compile(r"[A-Z][A-Z]\s?\d\d")  # IBAN ([A-Z]{2}\d{2}) and NINO
_PHONE_CORE = _regex.compile(r"\d{3}[\s.-]\d{3}|\+\d{7}")  # phone: \d{3,4}[\s.-]\d{3,4}, or +\d{7,14}
_ADDRESS_HEAD = _regex.compile(r"\d[A-Z]?\s+[A-Z][a-z]")  # address: \d{1,5}[A-Z]?\s+[A-Z][a-z]+ ...
_PLUS_DIGIT = _regex.compile(r"\+\d")  # international phone: \+\d{1,3} ...
_DIGIT_PAIRS = _regex.compile(r"\d\d[\s.-]\d\d")  # national phone: 0\d{1,4}[ .-]\d{2,8} ...
#: the words ``_NL_BSN_WORD`` needs, folded
_BSN_WORDS = ("bsn", "burgerservicenummer", "sofinummer")
#: the words ``_DOB`` and ``_DOCUMENT`` need
_DOCUMENT_WORDS = ("birth", "dob", "d.o.b", "passport", "licen", "id card", "identity card")
_STREET = _regex.compile(_STREET_WORDS)  # ... and one of the street words

#: ASCII as ``_PHONE_CORE`` sees it: a digit → ``0``, a separator (``[\s.-]``) → a space, the
#: plus sign kept, anything else → ``x``. On ASCII text ``_PHONE_CORE`` finds something exactly
#: when the skeleton holds ``000 000`` or ``+0000000``, and the digits are its zeros: one
#: byte-wise pass instead of a regex tried at every character (ten times as fast on prose)
_PHONE_SKELETON = bytes(
    ord("0") if re.fullmatch(r"\d", chr(b)) else ord(" ") if re.fullmatch(r"[\s.-]", chr(b))
    else b if b == ord("+") else ord("x") for b in range(128)) + b"x" * 128
#: ASCII as ``_UPPER_PAIR_DIGITS``, ``_ADDRESS_HEAD`` and ``_IN_PAN`` see it: a digit → ``0``, a
#: capital → ``A``, a small letter → ``a``, ``\s`` → a space, anything else → ``x``. On ASCII
#: text ``_UPPER_PAIR_DIGITS`` finds something exactly when it holds ``AA00`` or ``AA 00``,
#: ``_ADDRESS_HEAD`` when ``_HEAD_CASE`` finds something in it, and ``_IN_PAN`` can match only
#: where it holds ``AAAAA0000A``: byte searches led by a literal, not a regex tried at every
#: character of the text (capitals and digits are common, their pairs are not)
_CASE_SKELETON = bytes(
    ord("0") if re.fullmatch(r"\d", chr(b)) else ord("A") if re.fullmatch(r"[A-Z]", chr(b))
    else ord("a") if re.fullmatch(r"[a-z]", chr(b)) else ord(" ") if re.fullmatch(r"\s", chr(b))
    else ord("x") for b in range(128)) + b"x" * 128
_HEAD_CASE = re.compile(rb"0A? +Aa")


def _skeleton(text: str) -> bytes | None:
    """``text`` as ``_PHONE_SKELETON`` sees it, when ASCII (None otherwise)."""
    return text.encode("ascii").translate(_PHONE_SKELETON) if text.isascii() else None


def _digits_and_phone_core(text: str, sk: bytes | None = None) -> tuple[int, int, int, int]:
    """(how many ``\\d`` characters ``text`` has, where ``_PHONE_CORE``, ``_PLUS_DIGIT`` and
    ``_DIGIT_PAIRS`` first find something in it, -1 where they find nothing); ``sk`` is
    :func:`_skeleton` of ``text``. A pattern whose every match holds one of them cannot match
    far before the first, so its scan starts there rather than at the text's start."""
    if sk is None and text.isascii():
        sk = _skeleton(text)
    if sk is not None:
        core, plus7 = sk.find(b"000 000"), sk.find(b"+0000000")
        return (sk.count(b"0"), core if plus7 < 0 else plus7 if core < 0 else min(core, plus7), sk.find(b"+0"),
                sk.find(b"00 00"))
    return len(_DIGIT.findall(text)), _first(_PHONE_CORE, text), _first(_PLUS_DIGIT, text), _first(_DIGIT_PAIRS, text)


def _first(rx: re.Pattern[str], text: str) -> int:
    """Where ``rx`` first matches in ``text``; -1 where it does not."""
    m = rx.search(text)
    return -1 if m is None else m.start()


#: in ``_PHONE_SKELETON``'s bytes: digits in a row, and a number (digits with at most one
#: separator, ``[\s.-]``, between two of them)
_RUN_SKELETON = re.compile(rb"00*")  # led by a literal: found as a byte search is, not tried at every byte
_NUMBER_SKELETON = re.compile(rb"0(?: ?0)*")
#: in ``_PHONE_SKELETON``'s bytes: k digits of one number (for k = 9 to 15); the first is at or
#: before the first digit of any match of a pattern that needs k digits in one number, so that
#: pattern's scan starts there (less the characters its match may have before its first digit)
_WINDOWS = {k: re.compile(rb"0(?: ?0){%d}" % (k - 1)) for k in range(9, 16)}
_DIGIT_RUN = _regex.compile(r"\d+")
_NUMBER = _regex.compile(r"\d(?:[\s.-]?\d)*")


def _longest_numbers(text: str, sk: bytes | None = None) -> tuple[int, int]:
    """(how many ``\\d`` characters ``text`` has in a row at most, how many one number has at
    most, a number being digits with at most one ``[\\s.-]`` between two of them). A pattern that
    needs ``\\d{k}`` (the bare national numbers: ten digits in a row for a mobile, eleven for a
    PESEL), or k digits so separated ("123-45-6789", "98765 43210"), cannot match text whose
    longest is shorter, so it is not run (most answers hold only prices, dates and counts:
    runs of one to four digits, numbers of up to five or six)."""
    if sk is None and text.isascii():
        sk = _skeleton(text)
    if sk is not None:
        return (max(map(len, _RUN_SKELETON.findall(sk)), default=0),
                max((n.count(b"0") for n in _NUMBER_SKELETON.findall(sk)), default=0))
    return (max(map(len, _DIGIT_RUN.findall(text)), default=0),
            max((sum(map(str.isdecimal, n)) for n in _NUMBER.findall(text)), default=0))


def _has_document_word(low: str) -> bool:
    """Whether ``low`` (a text's :func:`ignorecase_fold`) holds a word ``_DOB`` or ``_DOCUMENT``
    needs, compared as ``re.IGNORECASE`` compares letters (the dotless i and the long s too)."""
    return any(map(low.__contains__, _DOCUMENT_WORDS))


#: the characters an e-mail's local part is made of (``_EMAIL``'s ``[A-Za-z0-9._%+-]``)
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")


def _email_start(text: str) -> int:
    """Where the run of local-part characters before the first ``@`` of ``text`` starts: no
    ``_EMAIL`` match starts before it (a match's local part runs up to its ``@``, and the first
    ``@`` has a character outside the class before that run), so its scan starts there."""
    i = text.index("@")
    while i > 0 and text[i - 1] in _LOCAL_CHARS:
        i -= 1
    return i


#: what every ``_CJK_ADDRESS`` match holds: its road word (路 街 道 巷 胡 弄) or its city, ward or
#: town (市 区 町 村)
_CJK_ADDRESS_CHARS = "路街道巷胡弄市区町村"


def _counting(number: str) -> bool:
    """Whether a national-format match is a count, not a number to call: groups of one width
    that go up by one ("01 02 03 04 05")."""
    groups = re.split(r"[ .-]", number)
    return len({len(g) for g in groups}) == 1 and all(int(b) - int(a) == 1 for a, b in itertools.pairwise(groups))


def find_pii(text: str) -> list[Span]:
    """Every PII item found in ``text``, as labelled spans (label = kind), in text order.
    (Read from the exchange's memo where the proxy opened one: :mod:`charter.evaluate.checks._span_memo`.)"""
    return memoised("pii", text, _find_pii)


def _find_pii(text: str) -> list[Span]:
    return _find(text, prefilter=True)


def _find(text: str, *, prefilter: bool) -> list[Span]:
    """:func:`find_pii`; ``prefilter=False`` runs every pattern on every text (the reference
    the pre-filters are tested against: they may skip only patterns that cannot match)."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    # the patterns read ASCII digits; Eastern Arabic ("٠٥٠٦٦١٢٣٤٥") and the other scripts'
    # digits are the same numbers, one character for one, so the spans are the original's
    original, text = text, ascii_digits(text)

    def add(m: re.Match[str], kind: str) -> None:
        a, b = m.start(), m.end()
        if any(a < y and x < b for x, y in taken):
            return
        if kind in ("phone", "card") and not text.startswith("+", a) and _not_a_phone_or_card(text, a, b):
            taken.append((a, b))  # an amount, an order or a virtual account: no shorter number in it either
            return
        taken.append((a, b))
        spans.append(Span(start=a, end=b, text=original[a:b], label=kind))

    def add_id(m: re.Match[str]) -> None:
        """A national-id-shaped number: its kind follows the word that names it (:func:`_id_kind`)."""
        a, b = m.start(), m.end()
        if any(a < y and x < b for x, y in taken):
            return
        kind = _id_kind(text, a, b)
        taken.append((a, b))
        if kind is not None:
            spans.append(Span(start=a, end=b, text=original[a:b], label=kind))

    def add_value(m: re.Match[str], kind: str) -> None:  # the value, not the words that name it
        a, b = m.span("v")
        if any(a < y and x < b for x, y in taken):
            return
        taken.append((a, b))
        spans.append(Span(start=a, end=b, text=original[a:b], label=kind))

    if "@" in text:
        for m in _EMAIL.finditer(text, _email_start(text) if prefilter else 0):
            add(m, "email")
    sk = _skeleton(text) if prefilter else None  # ASCII text read byte-wise (None otherwise)
    if not (b"0" in sk if sk is not None else _DIGIT.search(text)):
        return spans  # every other kind has a digit in it
    # the digits (``\d``: any script's) in the text bound what can match: a card has 13 or
    # more, a phone number 9 or more (counted with ``str.isdigit``, true of every ``\d``), an
    # SSN 9 with dashes; and a phone pattern's scan starts near the first place it can match
    digits, core_at, plus_at, pairs_at = _digits_and_phone_core(text, sk) if prefilter else (99, 0, 0, 0)
    phone_core, plus, pairs = core_at >= 0, plus_at >= 0, pairs_at >= 0
    # each block below runs only where the text has as many digits in a row as its patterns
    # need (``run >= k``: the longest ``\d{k}`` in them), or as many in one number (``number
    # >= k``: digits joined by single separators), before any word is looked for; neither
    # exceeds the digits, and text with fewer than four reaches no block that reads them
    run, number = _longest_numbers(text, sk) if prefilter and digits >= 4 else (digits, digits)
    cs = text.encode("ascii").translate(_CASE_SKELETON) if sk is not None else None
    pair = not prefilter or (b"AA00" in cs or b"AA 00" in cs if cs is not None else bool(_UPPER_PAIR_DIGITS.search(text)))
    folded: list[str] = []
    windows: dict[int, int] = {}

    def at(k: int, before: int = 0) -> int:
        """Where to start the scan of a pattern whose match holds k digits of one number (digits
        joined by single ``[\\s.-]``), with at most ``before`` characters before the first."""
        if sk is None:
            return 0
        if k not in windows:
            w = _WINDOWS[k].search(sk)
            windows[k] = len(sk) if w is None else w.start()
        return max(0, windows[k] - before)

    def fold() -> str:  # the text as ``re.IGNORECASE`` compares it, for the word pre-filters (once)
        if not folded:
            folded.append(ignorecase_fold(text))
        return folded[0]
    if pair:
        for m in _IBAN.finditer(text):
            if iban_valid(m.group(0)):
                add(m, "iban")
    if digits >= 4:  # every pattern below needs four digits or more (most answers have fewer: prices, dates)
        if digits >= 17 and run >= 17:
            # before the cards: an 18-digit ID number can pass the Luhn test
            for m in _CN_ID.finditer(text):
                if cn_id_valid(m.group(0)):
                    add_id(m)
        if digits >= 15 and run >= 7 and number >= 15 and "784" in text:
            # before the cards: an Emirates ID's check digit is a Luhn digit
            for m in _AE_ID.finditer(text, at(15)):
                add_id(m)
        if digits >= 9 and run >= 9 and _VN_ID_WORD.search(text):
            # before the ИНН-shaped numbers, the cards and the phones: twelve digits beside "CCCD" are a CCCD
            for m in _VN_CCCD.finditer(text):
                if vn_cccd_valid(m.group(0)):
                    add_id(m)
            for m in _VN_CMND.finditer(text):
                add_id(m)
        if digits >= 10 and run >= 10 and ("0" in text or "84" in text):
            for m in _VN_MOBILE_BARE.finditer(text):
                add(m, "phone")
        if digits >= 10 and run >= 10 and (not prefilter or not text.isascii() or "inn" in text.lower()):
            # before the cards and phones: a 12-digit ИНН may pass the Luhn test
            if _RU_INN_WORD.search(text):
                for m in _RU_INN.finditer(text):
                    if ru_inn_valid(m.group(0)):
                        add_id(m)
        if digits >= 11 and run >= 11 and _PL_PESEL_WORD.search(text):
            # before the Turkish IDs and the phones
            for m in _PL_PESEL.finditer(text):
                if pl_pesel_valid(m.group(0)):
                    add_id(m)
        if digits >= 6 and run >= 6 and _PL_ID_CARD_WORD.search(text):
            for m in _PL_ID_CARD.finditer(text):
                if pl_id_card_valid(m.group(0)):
                    add_id(m)
        if (digits >= 9 and number >= 9 and (not prefilter or any(map(fold().__contains__, _BSN_WORDS)))
                and _NL_BSN_WORD.search(text)):
            # before the Israeli IDs and the phones: nine digits beside "BSN" are a BSN
            for m in _NL_BSN.finditer(text):
                if nl_bsn_valid(m.group(0)):
                    add_id(m)
        if digits >= 8 and run >= 7 and _IL_ID_WORD.search(text):
            # before the phones: "ת"ז 052391846" has a mobile's shape
            for m in _IL_ID.finditer(text):
                if il_id_valid(m.group(0)):
                    add_id(m)
        if digits >= 13 and run >= 5 and number >= 13:
            # before the cards and phones: thirteen digits may pass the Luhn test
            for m in _TH_ID_GROUPED.finditer(text, at(13)):
                if th_id_valid(m.group(0)):
                    add_id(m)
            if run >= 13 and _TH_ID_WORD.search(text):
                for m in _TH_ID_BARE.finditer(text):
                    if th_id_valid(m.group(0)):
                        add_id(m)
        if digits >= 10 and run >= 10 and ("6" in text or "8" in text or "9" in text or not text.isascii()):
            for m in _TH_MOBILE_BARE.finditer(text):
                add(m, "phone")
        if digits >= 16 and run >= 16 and _ID_NIK_WORD.search(text):
            # before the cards: sixteen digits beside "NIK" are a NIK
            for m in _ID_NIK.finditer(text):
                if id_nik_valid(m.group(0)):
                    add_id(m)
        if digits >= 8 and number >= 8 and (not prefilter or "rek" in fold()) and _ID_ACCOUNT_WORD.search(text):
            # before the cards and phones: "no. rek 123-456-7890" is an account, not a phone
            for m in _ID_ACCOUNT.finditer(text):
                add_value(m, "bank_account")
        if digits >= 9 and run >= 9 and _PL_PHONE_WORD.search(text):
            for m in _PL_MOBILE_BARE.finditer(text):
                if _PL_PHONE_WORD.search(text, max(0, m.start() - 40), m.start()):
                    add(m, "phone")
        if digits >= 10 and run >= 10 and "8" in text:
            for m in _ID_MOBILE_BARE.finditer(text):
                add(m, "phone")
        if digits >= 11 and run >= 11 and _TR_TCKN_WORD.search(text):
            # before the phones and the ИНН-shaped numbers
            for m in _TR_TCKN.finditer(text):
                if tr_tckn_valid(m.group(0)):
                    add_id(m)
        if digits >= 11 and run >= 11 and "5" in text:
            for m in _TR_MOBILE_BARE.finditer(text):
                add(m, "phone")
        if digits >= 13 and run >= 7 and number >= 13:
            # before the phones: "900101-1234567" is no phone number
            for m in _KR_RRN.finditer(text, at(13)):
                add_id(m)
            if run >= 13 and _KR_RRN_WORD.search(text):
                for m in _KR_RRN_BARE.finditer(text):
                    add_id(m)
        if digits >= 10 and run >= 10:
            for m in _KR_MOBILE_BARE.finditer(text):
                add(m, "phone")
        if digits >= 12 and run >= 4 and number >= 12:
            # before the cards and phones: "1234 5678 9012" is no phone number
            for m in _IN_AADHAAR.finditer(text, at(12)):
                add_id(m)
            if run >= 12 and _IN_AADHAAR_WORD.search(text):
                for m in _IN_AADHAAR_BARE.finditer(text):
                    add_id(m)
        if digits >= 4 and run >= 4 and (cs is None or b"AAAAA0000A" in cs):
            for m in _IN_PAN.finditer(text):
                add_id(m)
        if digits >= 10 and run >= 5 and number >= 10:
            for m in _IN_MOBILE.finditer(text, at(10, 1)):
                add(m, "phone")
            if run >= 10 and _IN_PHONE_WORD.search(text):
                for m in _IN_MOBILE_BARE.finditer(text):
                    add(m, "phone")
        if digits >= 11 and number >= 11 and "-" in text:
            for m in _RU_SNILS.finditer(text, at(11)):
                add_id(m)
        if digits >= 11 and run >= 3 and ("7" in text or "8" in text):
            # a match starts with "+7" or "8"
            starts = [i for i in (text.find("+7"), text.find("8")) if i >= 0] if prefilter else [0]
            for m in _RU_MOBILE.finditer(text, min(starts, default=len(text))):
                add(m, "phone")
        if digits >= 13 and number >= 13:
            for m in _CARD.finditer(text, at(13)):
                if _test_card(text, m):
                    taken.append(m.span())  # a processor's published test number: no card, nor a phone
                elif luhn_valid(m.group(0)):
                    add(m, "card")
        if not prefilter or (digits >= 9 and run >= 4 and number >= 9 and "-" in text):
            for m in _SSN.finditer(text, at(9)):
                add_id(m)
        if pair:
            for m in _NINO.finditer(text):
                add_id(m)
        if digits >= 9 and phone_core:
            # a match holds a ``_PHONE_CORE`` match at most 13 characters after its start
            for m in _PHONE.finditer(text, max(0, core_at - 13)):
                if sum(map(str.isdigit, m.group(0))) >= 9:
                    add(m, "phone")
        if digits >= 9 and plus:
            for m in _PHONE_PLUS.finditer(text, plus_at):  # a match starts with "+\\d"
                if 9 <= sum(map(str.isdigit, m.group(0))) <= 15:
                    add(m, "phone")
        if digits >= 10 and number >= 10 and pairs and "0" in text:
            # a match holds a ``_DIGIT_PAIRS`` match at most 3 characters after its start
            for m in _PHONE_TRUNK.finditer(text, max(0, pairs_at - 3)):
                if 10 <= sum(map(str.isdigit, m.group(0))) <= 12 and not _counting(m.group(0)):
                    add(m, "phone")
        if digits >= 11 and run >= 4 and number >= 11:
            for m in _CN_MOBILE.finditer(text, at(11, 1)):
                add(m, "phone")
        if digits >= 10 and number >= 10 and "05" in text:
            for m in _GULF_MOBILE.finditer(text, at(10)):
                add(m, "phone")
        if digits >= 9 and number >= 9:
            for m in _LONG_NUMBER.finditer(text, at(9, 1)):
                a, b = m.span()
                if (not any(a < y and x < b for x, y in taken) and not _DATE.search(m.group(0))
                        and naming_word(text, a) == "phone" and not is_amount(text, a, b)):
                    add(m, "phone")
        if digits >= 10 and run >= 6:
            # after the phones: "+44 7911 123456" holds a passport's shape
            for m in _RU_PASSPORT.finditer(text, at(10)):
                add_id(m)
    if not prefilter or _has_document_word(fold()):
        for rx, kind in ((_DOB, "date_of_birth"), (_DOCUMENT, "document_number")):
            for m in rx.finditer(text):
                add_value(m, kind)
    if not prefilter or (_STREET.search(text) and (_HEAD_CASE.search(cs) if cs is not None else _ADDRESS_HEAD.search(text))):
        for m in _ADDRESS.finditer(text):
            if not _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start() + 5):
                add(m, "address")
    if not prefilter or (sk is None and any(c in text for c in _CJK_ADDRESS_CHARS)):
        for m in _CJK_ADDRESS.finditer(text):
            a, b = _address_span(m)
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                spans.append(Span(start=a, end=b, text=original[a:b], label="address"))
    return sorted(spans, key=lambda s: s.start)
