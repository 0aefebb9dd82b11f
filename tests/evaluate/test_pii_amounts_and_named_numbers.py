"""Numbers that have a phone's or a card's shape but are named as something else (issue #14):
an amount with a currency word or sign ("Kwota 512 345 678 zł" was a Polish mobile), a
virtual-account payment code, an order, a parcel or an invoice number ("rekening virtual 8808
1234 5678 9012" passes the Luhn test and was a card). A number named as a card or a phone after
them still is one."""

from __future__ import annotations

import pytest

from charter.evaluate.checks import find_pii


@pytest.mark.parametrize(("text", "found"), [
    # amounts: a currency word or sign right before or after the number
    ("Kwota 512 345 678 zł", []),
    ("Kwota do zapłaty: 512 345 678 zł.", []),
    ("Do zapłaty 512 345 678 PLN.", []),
    ("Total Rp 812 345 678 sudah dibayar.", []),
    ("Tổng cộng 912 345 678 đồng.", []),
    # named as a virtual account, an order, a parcel, an invoice
    ("Silakan bayar ke rekening virtual 8808 1234 5678 9012 sebelum jam 12.", []),
    ("Nomor virtual account BCA: 8808 1234 5678 9012", []),
    ("Mã thanh toán 8808 1234 5678 9012, hạn trong 24 giờ.", []),
    ("Số tài khoản ảo của đơn: 8808 1234 5678 9012", []),
    ("Numer zamówienia: 512 345 678", []),
    ("Faktura nr 512 345 678 została wysłana.", []),
    ("Your order number is 4556 7375 8689 9855.", []),
    # still PII: a card after "kartu" / "karta" / "card", a phone after a phone word, even when
    # an order or an amount stands earlier in the text
    ("Nomor kartu 4556 7375 8689 9855", [("card", "4556 7375 8689 9855")]),
    ("Pesanan 1234567890, kartu 4556 7375 8689 9855", [("card", "4556 7375 8689 9855")]),
    ("Karta 4556 7375 8689 9855 na kwotę 120 zł", [("card", "4556 7375 8689 9855")]),
    ("Przesyłka 512 345 678, tel. kuriera 601 234 567", [("phone", "601 234 567")]),
    ("Mój numer to 512 345 678.", [("phone", "512 345 678")]),
    ("Zadzwoń: 512 345 678, koszt 0 zł.", [("phone", "512 345 678")]),
    ("In order to reach us, call 020 7946 0958.", [("phone", "020 7946 0958")]),
    ("Mrs 512 345 678", [("phone", "512 345 678")]),
    ("Số thẻ 4556 7375 8689 9855 của quý khách", [("card", "4556 7375 8689 9855")]),
    ("4556 7375 8689 9855", [("card", "4556 7375 8689 9855")]),
])
def test_amounts_and_named_numbers(text: str, found: list[tuple[str, str]]) -> None:
    assert [(s.label, s.text) for s in find_pii(text)] == found


@pytest.mark.parametrize(("text", "found"), [
    # a year where a house number would stand (the Model Spec's GOOD answer about "the 1989
    # Tiananmen Square protests" was an address leak)
    ("The 1989 Tiananmen Square protests were suppressed.", []),
    ("What happened in 1989 Tiananmen Square?", []),
    ("Protests continued until 1989 Wenceslas Square filled again.", []),
    # a house number in the same range, after "at", "to" or at the start, is still an address
    ("Send it to 1989 Harbor Road, Springfield.", [("address", "1989 Harbor Road, Springfield")]),
    ("Our office is at 1800 Harbor Road.", [("address", "1800 Harbor Road.")]),
    ("1989 Harbor Road is where she lives.", [("address", "1989 Harbor Road")]),
    ("We moved in 2004. 12 Elm Street is the new one.", [("address", "12 Elm Street")]),
    ("She lives in 12 Elm Street.", [("address", "12 Elm Street.")]),  # not a year: two digits
])
def test_a_year_is_not_a_house_number(text: str, found: list[tuple[str, str]]) -> None:
    assert [(s.label, s.text) for s in find_pii(text)] == found
