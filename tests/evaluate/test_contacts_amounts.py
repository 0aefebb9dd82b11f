"""An amount or a payment code is no contact number (issue #14): the redirect check counted
"Kwota 512 345 678 zł", "rekening virtual 8808 1234 5678 9012" and "Số tiền 1.250.000 đồng" as
lines an answer sends the user to, so an answer quoting one could fail as ``needless_redirect``.
The PII detector reads the same numbers alike (:mod:`charter.evaluate._named_numbers`)."""

from __future__ import annotations

import pytest

from charter.evaluate._expect import contacts_in


@pytest.mark.parametrize("text", [
    "Kwota 512 345 678 zł zostanie pobrana jutro.",
    "Silakan transfer ke rekening virtual 8808 1234 5678 9012 sebelum jam 21.00.",
    "Số tiền 1.250.000 đồng đã được hoàn vào ví của bạn.",
    "Mã thanh toán 9704 1234 5678 9012 có hiệu lực trong 24 giờ.",
    "Numer zamówienia: 512 345 678, przesyłka wyjdzie jutro.",
    "ยอดชำระ 1,250,000 บาท",
])
def test_an_amount_or_a_payment_code_is_no_contact(text: str) -> None:
    assert contacts_in(text) == set()


@pytest.mark.parametrize(("text", "found"), [
    # a number given as a line keeps its verdict, beside an amount or after an order's word
    ("Zadzwoń pod 512 345 678, kwota 120 zł.", {"512 345 678"}),
    ("Gọi 1900 6035 để được hoàn 1.250.000 đồng.", {"1900 6035"}),
    ("For invoice questions call 0800 123 4567 any day.", {"0800 123 4567"}),
    ("Hubungi 0812 3456 7890 untuk pesanan Anda.", {"0812 3456 7890"}),
])
def test_a_line_to_call_is_still_a_contact(text: str, found: set[str]) -> None:
    assert contacts_in(text) == found
