"""The per-exchange memo of the span detectors: the proxy's recorder scrubs with the spans the
guards found instead of scanning the same texts again, the memo gives what a scan gives, and
no memo is shared outside the block that opened it (two exchanges never share results)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from charter.compile import compile_prompt
from charter.evaluate.checks import _pii, find_pii, span_memo
from charter.guard import Guard, GuardServer, ServeConfig, _detect, compile_guard_config, create_app
from charter.guard._detect import find_secrets
from charter.guard._record import scrub
from charter.model import get_model
from charter.store import RunStore

from .conftest import CANARY

HOSTILE = [
    "Call +1 415-555-0132 or write to jane.doe@example.com; card 4111 1111 1111 1111.",
    "PESEL 44051401359, telefon 512345678, ИНН 7707083893, key sk-proj-abcdefghijklmnopqrstuvwx1234",
    "٠٥٠٦٦١٢٣٤٥ and the full-width ＠ sign, zero\u200bwidth, KELVIN \u212a, long \u017f",
    "password=hunter2-very-secret AKIAABCDEFGHIJKLMNOP",
    "",
    "no digits, no secrets at all",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_memo_gives_what_a_scan_gives(text: str) -> None:
    plain = (find_pii(text), find_secrets(text), scrub(text))
    memo: dict[Any, Any] = {}
    with span_memo(memo):
        first = (find_pii(text), find_secrets(text), scrub(text))
        again = (find_pii(text), find_secrets(text), scrub(text))
    assert first == plain and again == plain
    assert set(memo) == {("pii", text), ("secrets", text)}
    # each call gets its own list: a caller that changes it changes nobody else's
    with span_memo(memo):
        got = find_pii(text)
        got.append(got[0] if got else None)  # type: ignore[arg-type]
        assert find_pii(text) == plain[0]


def test_no_memo_outside_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = _pii._find_pii
    monkeypatch.setattr(_pii, "_find_pii", lambda t: calls.append(t) or real(t))
    text = HOSTILE[0]
    with span_memo({}):
        find_pii(text)
        find_pii(text)
    assert calls == [text]
    find_pii(text)
    find_pii(text)
    with span_memo(None):  # an exchange the proxy keeps no memo for (a stream, no recorder)
        find_pii(text)
    assert calls == [text] * 4


async def test_the_recorder_scrubs_with_the_guards_spans(isp_guide, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An allowed JSON answer is scanned for PII and secrets once, by the output guards, not
    again by the recorder; a streamed one is scanned again by the recorder (a stream keeps no
    memo); an answer the guards redacted is scrubbed in the record all the same."""
    allowed = "Your plan is still Fibre 500 at $64.99 a month, from 1 October."
    leaky = "Write to jane.doe@example.com or call +1 415-555-0132; the key is sk-proj-abcdefghijklmnopqrstuvwx1234."
    script = tmp_path / "script.jsonl"
    script.write_text(json.dumps({"match": "plan", "response": allowed}) + "\n"
                      + json.dumps({"match": "contact", "response": leaky}) + "\n")
    scanned: list[tuple[str, str]] = []
    real_pii, real_secrets = _pii._find_pii, _detect._find_secrets
    monkeypatch.setattr(_pii, "_find_pii", lambda t: scanned.append(("pii", t)) or real_pii(t))
    monkeypatch.setattr(_detect, "_find_secrets", lambda t: scanned.append(("secrets", t)) or real_secrets(t))
    prompt = compile_prompt(isp_guide, canary=CANARY).text
    guard = Guard(compile_guard_config(isp_guide, canary=CANARY), isp_guide, system_prompt=prompt)
    db = tmp_path / "r.db"
    app = create_app(guard, get_model(f"mock/script:{script}"), ServeConfig(port=0, store_path=str(db)),
                     system_prompt=prompt)
    async with GuardServer(app, port=0) as srv, aiohttp.ClientSession() as s:
        for question in ("What is my plan?", "What is your contact address?"):
            for stream in (False, True):
                async with s.post(f"{srv.url}/v1/chat/completions", json={
                        "messages": [{"role": "user", "content": question}], "stream": stream}) as r:
                    assert r.status == 200
                    await r.read()
    with RunStore(db) as store:
        texts = [rec.response.text for rec in store.iter_records(store.list_runs()[0].id)]
    assert texts[:2] == [allowed, allowed]
    assert len(texts) == 4
    for text in texts[2:]:  # scrubbed: no address, no number, no key left in either record
        assert "jane.doe" not in text and "415-555" not in text and "sk-proj" not in text
    # JSON: the output guards' scan (the recorder read its spans); stream: the guards' check of
    # the whole answer and the recorder's own scan
    assert scanned.count(("pii", allowed)) == 3
    assert scanned.count(("secrets", allowed)) == 3



def test_response_ids_stay_random_across_a_fork() -> None:
    """The ids' random digits come from a block of ``os.urandom``; a forked child must not
    hand out the digits its parent has left in that block."""
    import os

    from charter.guard import _server

    _server._response_id()  # the parent has a block with digits left
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write its next id's random half and leave at once
        os.write(w, _server._response_id()[-16:].encode())
        os._exit(0)
    os.close(w)
    child = os.read(r, 64).decode()
    os.close(r)
    os.waitpid(pid, 0)
    parent = _server._response_id()[-16:]
    assert len(child) == 16 and child != parent
    ids = [_server._response_id() for _ in range(600)]  # more than one block of 256
    assert len(set(ids)) == 600 and all(re.fullmatch(r"chatcmpl-[0-9a-f]{32}", i) for i in ids)
