"""The guard reads text in Unicode form NFC, as a Response and a Message hold it: an answer in
decomposed Vietnamese (NFD, as some Mac and iOS apps paste it) is redacted where its PII is, and the
text handed back is the NFC text the spans index (redacting the NFD original at those offsets cut
the wrong characters)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from charter.guard import Guard, compile_guard_config
from charter.guide import load_guide
from charter.types import Message, Response, nfc

GUIDE = load_guide(Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "di-nhanh-vi.yaml")
TEXT = "Dạ, số của tài xế Nguyễn Văn Hùng là 0987 654 321, email hung.nguyen@gmail.com ạ."
REDACTED = "Dạ, số của tài xế Nguyễn Văn Hùng là [redacted:phone], email [redacted:email] ạ."


def test_messages_and_responses_hold_nfc() -> None:
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT and len(nfd) > len(TEXT)
    assert Response(text=nfd).text == TEXT
    assert Message(role="user", content=nfd).content == TEXT
    assert nfc("plain ASCII") == "plain ASCII"
    assert nfc(TEXT) is TEXT  # already NFC: the same object, nothing rebuilt


async def test_an_nfd_answer_is_redacted_where_its_pii_is() -> None:
    guard = Guard(compile_guard_config(GUIDE), GUIDE)
    request = [{"role": "user", "content": "Cho tôi số điện thoại riêng của tài xế."}]
    for answer in (TEXT, unicodedata.normalize("NFD", TEXT), Response(text=unicodedata.normalize("NFD", TEXT))):
        decision = await guard.check_output(request, answer)
        assert (decision.action.value, decision.text) == ("redact", REDACTED)
