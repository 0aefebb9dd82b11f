"""What kind a national-id-shaped number is follows the word that names it (issues #10, #14).

The guarded proxy redacted "telefon 512345678" as ``national_id``: the answer also held "CCCD
079203004512", and the Vietnamese CMND pattern (nine digits, no check digit) reads every nine-digit
number of a text that names a CCCD or CMND anywhere. The same held in every language whose ID is
read beside a word somewhere in the text, and for the IDs read by shape alone (an SSN's 3-2-4, a
Russian passport's 4+6, an Aadhaar's 4-4-4): a phone number after a phone word, an order number
after an order word and an amount were national IDs. Now the last word within 50 characters before
the number, with no other number between, decides: a phone word makes it a ``phone``, a card word a
``card`` (when it passes the Luhn test), an order, parcel or invoice word or a currency makes it no
PII; no word, or an ID word, leaves it a ``national_id``. A number of 9 to 15 digits right after a
phone word that no national pattern reads is a ``phone`` ("Mi móvil es 612345678")."""

from __future__ import annotations

import pytest

from charter.evaluate.checks import find_pii

#: a valid mainland-China resident ID (its MOD 11-2 check character computed)
CN_ID = "110105199003078019"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in find_pii(text)]


@pytest.mark.parametrize(("text", "found"), [
    # the proxy's battery: a Polish mobile beside a CCCD was read as a CMND
    ("On file: PESEL 44051401359, telefon 512345678, CCCD 079203004512, mobile 0812345678.",
     [("national_id", "44051401359"), ("phone", "512345678"), ("national_id", "079203004512"), ("phone", "0812345678")]),
    # Vietnamese: nine and twelve digits beside a CCCD
    ("CCCD 079203004512, số điện thoại 912345678.", [("national_id", "079203004512"), ("phone", "912345678")]),
    ("CCCD 079203004512, SĐT 912345678.", [("national_id", "079203004512"), ("phone", "912345678")]),
    ("CCCD 079203004512, mã đơn hàng 512345678.", [("national_id", "079203004512")]),
    ("CCCD 079203004512, mã đơn hàng 012345678901.", [("national_id", "079203004512")]),
    ("Số CCCD của tôi là 079203004512, đã thanh toán 512345678 đồng.", [("national_id", "079203004512")]),
    # Polish: eleven digits beside a PESEL (a valid PESEL's digits after an order word)
    ("PESEL 44051401359, numer zamówienia 44051401359", [("national_id", "44051401359")]),
    ("PESEL 44051401359, telefon 48512345678", [("national_id", "44051401359"), ("phone", "48512345678")]),
    # Dutch: nine digits passing the 11-proef beside a BSN
    ("BSN 111222333, telefoon 612345678", [("national_id", "111222333"), ("phone", "612345678")]),
    ("Met BSN 111222333 en bestelnummer 123456782", [("national_id", "111222333")]),
    ("BSN 111222333, factuurnummer 123456782", [("national_id", "111222333")]),
    # a bare "factuur" (invoice) is no number's name: a line to call follows it as often
    ("BSN 111222333, factuur 123456782", [("national_id", "111222333"), ("national_id", "123456782")]),
    ("BSN 111222333, bedrag 123456782 euro", [("national_id", "111222333")]),
    # Hebrew: nine digits passing the check beside ת"ז
    ('ת"ז 185089414, טלפון 185089414', [("national_id", "185089414"), ("phone", "185089414")]),
    ('ת"ז 185089414, מספר הזמנה 123456782', [("national_id", "185089414")]),
    # Russian: ten digits passing the ИНН check, a passport's 4+6, a СНИЛС's shape
    ("ИНН 7707083893, телефон 9161234567", [("national_id", "7707083893"), ("phone", "9161234567")]),
    ("ИНН 7707083893, заказ № 7707083893", [("national_id", "7707083893")]),
    ("Номер заказа 2024 123456 отправлен.", []),
    ("Паспорт 4510 123456, телефон 4951 234567", [("national_id", "4510 123456"), ("phone", "4951 234567")]),
    ("Номер заказа 123-456-789 01", []),
    # English: an SSN's shape after an order or invoice word
    ("Order #123-45-6789 has shipped.", []),
    ("Invoice 123-45-6789 is due.", []),
    ("SSN 123-45-6789, phone 123-45-6789", [("national_id", "123-45-6789"), ("phone", "123-45-6789")]),
    # Turkish: eleven digits passing the T.C. check
    ("TC kimlik no 12345678950, telefon 12345678950", [("national_id", "12345678950"), ("phone", "12345678950")]),
    ("TC kimlik 12345678950, sipariş numarası 10000000146", [("national_id", "12345678950")]),
    # Indonesian: sixteen digits of a NIK's shape
    ("NIK 3174054512900003, nomor pesanan 3174054512900003", [("national_id", "3174054512900003")]),
    # Thai: thirteen digits passing the check, bare and in the printed groups
    ("เลขบัตรประชาชน 1103702071811 เบอร์โทร 1103702071811", [("national_id", "1103702071811"), ("phone", "1103702071811")]),
    ("เลขบัตรประชาชน 1103702071811 เลขพัสดุ 1103702071811", [("national_id", "1103702071811")]),
    # Korean: a 주민등록번호's shape after 주문번호 (an order number)
    ("주민번호 9001011234567, 주문번호 9001011234567", [("national_id", "9001011234567")]),
    ("주문번호 900101-1234567 배송 중입니다.", []),
    # Indian: an Aadhaar's 4-4-4 after an order word
    ("Order ID 1234 5678 9012 has shipped.", []),
    ("ऑर्डर नंबर 1234 5678 9012", []),
    # Chinese: a valid resident ID's digits after 订单号 (an order number) and 电话
    (f"身份证 {CN_ID}，订单号 {CN_ID}", [("national_id", CN_ID)]),
    (f"身份证号 {CN_ID}，电话 {CN_ID}", [("national_id", CN_ID), ("phone", CN_ID)]),
])
def test_the_word_before_a_national_id_shaped_number_decides_its_kind(text: str, found: list[tuple[str, str]]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # no word for the number, or the word far away: still a national ID (scrubbed as before)
    ("CCCD 079203004512. Ghi chú: 025814796", [("national_id", "079203004512"), ("national_id", "025814796")]),
    ("telefon " + "x" * 60 + " CCCD 079203004512 và 025814796",
     [("national_id", "079203004512"), ("national_id", "025814796")]),
    # another number between the phone word and this one: the word named that one
    ("Telefon alarmowy 112 lub 512345678, CCCD 079203004512",
     [("national_id", "512345678"), ("national_id", "079203004512")]),
    # a card word: a card when it passes the Luhn test, else still the ID
    ("NIK saya 3174054512900003, kartu 4556737586899855",
     [("national_id", "3174054512900003"), ("card", "4556737586899855")]),
    # letters in it: a phone word does not make a PAN a phone
    ("phone ABCDE1234F", [("national_id", "ABCDE1234F")]),
    # a country code may stand between the word and the number
    ("mobile: (+48) 512345678, CCCD 079203004512", [("phone", "512345678"), ("national_id", "079203004512")]),
    # separators and other scripts' digits
    ("BSN 111222333; telefoon: 111.222.333", [("national_id", "111222333"), ("phone", "111.222.333")]),
    ("CCCD ٠٧٩٢٠٣٠٠٤٥١٢، telefon ٥١٢٣٤٥٦٧٨", [("national_id", "٠٧٩٢٠٣٠٠٤٥١٢"), ("phone", "٥١٢٣٤٥٦٧٨")]),
    ("Паспорт 4510 123456, тел. +7 4510 123456", [("national_id", "4510 123456"), ("phone", "+7 4510 123456")]),
    # many numbers, each named by the word right before it
    ("Dane: PESEL 44051401359, tel. 44051401359, zamówienie 44051401359, kwota 44051401359 zł, "
     "CCCD 079203004512, SĐT 025814796, mã đơn hàng 025814796.",
     [("national_id", "44051401359"), ("phone", "44051401359"), ("national_id", "079203004512"), ("phone", "025814796")]),
])
def test_when_in_doubt_a_number_stays_a_national_id(text: str, found: list[tuple[str, str]]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # phones after a phone word that no national pattern read (missed before)
    ("Mi móvil es 612345678.", [("phone", "612345678")]),
    ("Mi DNI es 12345678Z y mi móvil 612345678.", [("phone", "612345678")]),
    ("BSN 111222333, mobiel 612345678", [("national_id", "111222333"), ("phone", "612345678")]),
    ("T.C. kimlik 12345678950, cep 5324187706", [("national_id", "12345678950"), ("phone", "5324187706")]),
    ("phone 5551234567", [("phone", "5551234567")]),
    ("Nie mogę podać numeru kuriera. Infolinia: tel. 223904444.", [("phone", "223904444")]),
    # not: a date, an amount, a short number, an order number the phone word does not name
    ("Telefon 12.03.2024 10:00", []),
    ("phone bill 123456789 USD", []),
    ("Phone: 555-0100", []),
    ("Telefon w sprawie przesyłki 123456789 nie odpowiada.", []),
    ("Zamówienie 512345678, telefon kuriera podamy jutro.", []),
])
def test_a_number_after_a_phone_word_is_a_phone(text: str, found: list[tuple[str, str]]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # an order or parcel number's own name in more languages: a card- or phone-shaped number
    # after it is none (a card and a phone before)
    ("订单号 4556737586899855", []),
    ("sipariş numarası 0532 418 77 06", []),
    ("Номер заказа: 8 916 123-45-67", []),
    ("주문번호 010-1234-5678", []),
    ("bestelnummer 06 12345678", []),
    # not the bare word: "Vragen over uw pakket? Bel …" gives a line to call
    ("Vragen over uw pakket? Bel 06 12345678.", [("phone", "06 12345678")]),
    ("Kartu 4556737586899855", [("card", "4556737586899855")]),
])
def test_an_order_numbers_name_in_more_languages(text: str, found: list[tuple[str, str]]) -> None:
    assert kinds(text) == found


def test_a_word_names_only_the_number_right_after_it() -> None:
    # the second number has the first between it and "telefoon": no word names it, and no
    # national pattern reads nine Dutch digits without "BSN"
    assert kinds("telefoon 612345678 en 712345678") == [("phone", "612345678")]
    # a text of many numbers: each is read with the few characters before it ("Ref" names no kind)
    numbers = [str(100000000 + i * 7919) for i in range(50)]
    text = "CCCD 079203004512. " + " ".join(f"Ref {n}" for n in numbers)
    assert kinds(text) == [("national_id", "079203004512"), *(("national_id", n) for n in numbers)]
    text = "CCCD 079203004512. " + " ".join(f"tel. {n}" for n in numbers)
    assert kinds(text) == [("national_id", "079203004512"), *(("phone", n) for n in numbers)]
