"""Numbers that have a phone's or a card's shape but are something else: an amount (a currency
sign or word beside it) or a number a word names as a virtual account, a payment code, an order,
a parcel or an invoice. The PII detector (:mod:`charter.evaluate.checks._pii`) and the contacts an
answer gives (:mod:`charter.evaluate._resources`) read them alike.
"""

from __future__ import annotations

import re

from charter import _regex

__all__ = ["is_amount", "named_other_end", "naming_word"]

#: a currency sign or word right before or after a number makes it an amount, not a phone or a
#: card ("Kwota 512 345 678 zł", "Rp 812 345 678", "512 345 678 PLN")
_CURRENCY = (r"zł(?!\w)|zl\b|złot\w*|PLN\b|Rp\.?|rupiah\b|IDR\b|₫|đồng\b|VND\b|VNĐ|บาท|฿|THB\b|€|EUR\b|euro\w*|"
             r"\$|USD\b|£|GBP\b|₽|руб\w*|₺|TL\b|₹|Rs\.?|INR\b|₪|ש\"ח|ש״ח|שקל\w*|ILS\b|NIS\b")
#: the same in Chinese, Japanese and Korean, where a word runs on into the next ("金额 1 380 500 元",
#: "12 800 円", "1 250 000 원을", "₩1 250 000"; not "원격", "원스톱" after a number)
_CJK_CURRENCY_BEFORE = r"[¥￥₩]|KRW\b|JPY\b|CNY\b|RMB\b|人民币|人民幣"
_CJK_CURRENCY_AFTER = (r"[¥￥₩]|KRW\b|JPY\b|CNY\b|RMB\b|[万萬千百亿億]?(?:円|元|圆|圓|块|塊|日元|韩元|韓元)|"
                       r"[만천억]?\s*원(?![격스장인래본룸칙작활])|엔(?![\uac00-\ud7a3])|위안|달러|바트")
_AMOUNT_BEFORE = _regex.compile(rf"(?:(?<!\w)(?:{_CURRENCY})|{_CJK_CURRENCY_BEFORE})\s*$", re.IGNORECASE)
_AMOUNT_AFTER = _regex.compile(rf"\s*(?:{_CURRENCY}|{_CJK_CURRENCY_AFTER})", re.IGNORECASE)
#: the groups of thousands around a number ("250" of "1 250 000 원", "1,380" of "1,380,500 元"):
#: a currency beside the whole amount makes each group an amount
_GROUPS_BEFORE = _regex.compile(r"(?<![\d.,])\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})*[ ,.\u00a0\u202f]$")
_GROUPS_AFTER = _regex.compile(r"(?:[ ,.\u00a0\u202f]\d{3}(?!\d))+")
#: the word that names the number read last before it: a virtual account, an order, a parcel, an
#: invoice (not a phone nor a card: "rekening virtual 8808 1234 5678 9012" passes the Luhn test,
#: "Numer zamówienia: 512 345 678" has a mobile's shape), or a card or a phone ("Pesanan 1234567890,
#: kartu 4556 7375 8689 9855" is still a card)
_NAMED_OTHER = (r"virtual\s+account|akun\s+virtual|rekening\s+virtual|tài\s+khoản\s+ảo|mã\s+thanh\s+toán|rachun\w*\s+wirtualn\w*|"
                r"\bVA\b|kode\s+(?:pem)?bayar(?:an)?|kode\s+billing|"
                r"pesanan|\border\s*(?:no\b|number|#|id\b)|invoice|faktur\w*|\bresi\b|\bpaket\b|tracking|parcel|shipment|waybill|\bAWB\b|"
                r"zamówieni\w*|zamowieni\w*|przesyłk\w*|przesylk\w*|paczk\w*|list\w*\s+przewozow\w*|nadani\w*|"
                r"đơn\s+hàng|mã\s+đơn|vận\s+đơn|hóa\s+đơn|hoá\s+đơn|พัสดุ|คำสั่งซื้อ|ออเดอร์|ใบแจ้งหนี้|ใบเสร็จ|"
                # the number's own name in the other languages ("订单号", "номер заказа", "sipariş numarası",
                # "bestelnummer", "מספר הזמנה", "ऑर्डर नंबर"): not the bare "order", "pakket" or "fatura",
                # which a line to call follows as often ("Vragen over uw pakket? Bel 088 …")
                r"订单号|订单编号|訂單號|訂單編號|运单号|運單號|快递单号|发票号|發票號|주문\s*번호|송장\s*번호|운송장\s*번호|"
                r"номер\w*\s+(?:заказа|накладной)|заказ\w*\s*(?:№|#|номер)|трек-?номер\w*|"
                r"sipariş\s+(?:no\b|numara\w*)|fatura\s+(?:no\b|numara\w*)|takip\s+(?:no\b|numara\w*)|"
                r"bestelnummer\w*|ordernummer\w*|factuurnummer\w*|zendingnummer\w*|pakketnummer\w*|"
                r"מספר\s+(?:ה)?(?:הזמנה|משלוח|חשבונית)|(?:הזמנה|חשבונית)\s+(?:מס['׳]|מספר)|"
                r"ऑर्डर\s*(?:नंबर|नम्बर|आईडी|संख्या)")
_NAMED_PII = (r"\bkart[auy]\w*|\bcard\b|\bthẻ\b|บัตร|\btel\b|telefon\w*|\bphone\b|\bHP\b|\bWA\b|whatsapp|"
              r"\bkom[óo]rk\w*|\bsms\b|điện\s+thoại|\bSĐT\b|โทร|เบอร์")
_CARD_WORDS = r"\bkart[auy]\w*|\bcard\b|\bthẻ\b|บัตร"
_NAMED = _regex.compile(rf"(?P<other>{_NAMED_OTHER})|(?P<pii>{_NAMED_PII})", re.IGNORECASE)


#: words that say the number after them is a phone's, in the languages Charter's guides speak:
#: English, Polish, Dutch, German, Spanish, French, Portuguese, Indonesian, Turkish, Vietnamese,
#: Russian, Hebrew, Korean, Hindi, Thai, Chinese, Japanese, Arabic ("numer", "nomor", "number"
#: alone are none: "numer zamówienia", "nomor rekening", "number of days")
_PHONE_WORDS = (r"\btel\b|\btelf\b|telefon\w*|telepon\w*|telefoon\w*|t[ée]l[ée]phon\w*|telephon\w*|tel[ée]fono\w*|"
               r"\bphone\w*|\bmobil\w*|\bmobiel\w*|\bm[óo]vil\w*|\bcell(?:phone|ular)?\b|\bhandy\w*|"
               r"\bportable\b|\bcelular\b|\bGSM\b|\bcep\b|\bkom[óo]rk\w*|\bsms\b|\bHP\b|\bWA\b|whatsapp|\bponsel\b|"
               r"điện\s+thoại|\bSĐT\b|\bĐT\b|телефон\w*|\bтел\b|мобильн\w*|\bмоб\b|сотов\w*|טלפון|נייד|\bטל['׳]|"
               r"전화|휴대폰|핸드폰|연락처|मोबाइल|फ़ोन|फोन|โทร|เบอร์|电话|電話|手机|手機|携帯|هاتف|جوال|موبايل")
#: words that name a national identity number (those the national-id patterns are read beside,
#: and the names of the ones read without a word)
_ID_WORDS = (r"\bpesel\b|\bdow[óo]d\w*|\bBSN\b|burgerservicenummer|sofinummer|ИНН|СНИЛС|паспорт\w*|\bpassports?\b|"
             r"kimlik|\bT\.?\s?C\.?(?!\w)|\bTCKN\w*|\bNIK\b|\be-?KTP\b|kependudukan|\bCCCD\b|\bCMND\b|\bCMTND\b|"
             r"căn\s+cước|chứng\s+minh|định\s+danh|บัตรประชาชน|ประจำตัวประชาชน|บัตรปชช|ת[\"״׳']ז|ת\.ז|זהות|"
             r"주민(?:등록)?\s*번호|\bRRN\b|आधार|\baadhaa?r\b|\bPAN\b|\bSSN\b|social\s+security|national\s+insurance|"
             r"\bNINO\b|national\s+id\w*|\bID\s*card\b|identity|身份证|身份證|\bDNI\b|\bNIE\b|Emirates\s+ID")
_NAMING = _regex.compile(rf"(?P<id>{_ID_WORDS})|(?P<other>{_NAMED_OTHER})|(?P<phone>{_PHONE_WORDS})|(?P<card>{_CARD_WORDS})", re.IGNORECASE)
#: what may stand between a phone word and the number it names besides words: a country code
_COUNTRY_CODE = _regex.compile(r"\(?\+\d{1,3}\)?")
#: the last digit of a text
_LAST_DIGIT = _regex.compile(r"\d(?=\D*\Z)")


def naming_word(text: str, start: int) -> str | None:
    """What the last naming word within 50 characters before the number at ``start`` names it,
    when no other number stands between the word and it (a "+48" country code may): ``"id"`` (a
    national identity number), ``"other"`` (an order, a parcel, an invoice, a virtual account),
    ``"phone"`` or ``"card"``; None when no word names it. Only the words after the window's
    last digit (a country code's aside) are looked for: no word holds a digit, and one before
    that digit names another number (a text of many numbers reads a few characters each)."""
    a = max(0, start - 50)
    window = _COUNTRY_CODE.sub(lambda m: "+" * len(m.group(0)), text[a:start])  # codes out, positions kept
    if (d := _LAST_DIGIT.search(window)) is not None:
        a += d.end()
    last = None
    for m in _NAMING.finditer(text, a, start):
        last = m
    return None if last is None else last.lastgroup


def is_amount(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` has a currency sign or word right beside it, or
    beside the groups of thousands it is written with ("250" of "1 250 000 원" is part of an amount)."""
    if start > 0 and text[start - 1] in " ,.\u00a0\u202f" and (g := _GROUPS_BEFORE.search(text, max(0, start - 24), start)):
        start = g.start()
    if (g := _GROUPS_AFTER.match(text, end)) is not None:
        end = g.end()
    return bool(_AMOUNT_BEFORE.search(text, max(0, start - 6), start) or _AMOUNT_AFTER.match(text, end))


def named_other_end(text: str, start: int) -> int | None:
    """Where the word naming the number at ``start`` ends, when the last naming word within 50
    characters before it is a virtual account, a payment code, an order, a parcel or an invoice
    (not a card or a phone); None otherwise."""
    named = list(_NAMED.finditer(text, max(0, start - 50), start))
    return named[-1].end() if named and named[-1].group("other") is not None else None
