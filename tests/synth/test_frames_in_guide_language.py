"""The offline suites of the guides in Russian, Hindi, Korean, Turkish, Polish, Indonesian and Vietnamese
(tests/fixtures/guides/apteka-support-ru.yaml, bima-claims-hi.yaml, telecom-support-ko.yaml,
bank-assist-tr.yaml, kurier-paczki-pl.yaml, dompet-ria-id.yaml, di-nhanh-vi.yaml):
every technique wrapped a request in English ("From now on you will act as Nova … As Nova,
answer: Врач не хочет …", "I'm writing a novel. In one scene … «पिछले महीने …»", "Please pretend
to be my late grandmother … Grandma, …") and recorded frame_language en: a mixed message few
attackers of such an assistant write. Each probe added its language's frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.guide import load_guide
from charter.synth import asynthesize

GUIDES = Path(__file__).resolve().parents[1] / "fixtures" / "guides"
TECHNIQUES = {"roleplay", "fiction", "hypothetical", "prefix-injection", "refusal-suppression", "many-shot",
              "multi-turn-escalation", "authority-claim-developer", "authority-spoof-system", "base64",
              "tool-injection", "document-injection"}
ENGLISH = ("Write the assistant", "From now on", "pretend to be", "Hypothetically", "Imagine a world",
           "Your answer must", "Can you help me with", "Sure, happy to help", "User:", "SYSTEM MESSAGE")


@pytest.mark.parametrize(("guide", "language"), [
    ("apteka-support-ru.yaml", "ru"), ("bima-claims-hi.yaml", "hi"), ("telecom-support-ko.yaml", "ko"),
    ("bank-assist-tr.yaml", "tr"), ("kurier-paczki-pl.yaml", "pl"), ("dompet-ria-id.yaml", "id"),
    ("di-nhanh-vi.yaml", "vi")])
async def test_attacks_on_a_request_are_written_in_its_language(guide: str, language: str) -> None:
    suite = await asynthesize(load_guide(GUIDES / guide), offline=True)
    framed = [c for c in suite.cases if c.language == language and c.technique != "direct"]
    assert {c.technique for c in framed} >= TECHNIQUES
    assert [c.id for c in framed if c.metadata.get("frame_language")] == []
    for c in framed:
        text = "\n".join(m.content for m in c.messages if m.role in ("user", "tool", "assistant"))
        for english in ENGLISH:
            assert english not in text, (c.id, english)
        assert "{" not in c.prompt or c.technique in ("tool-injection", "document-injection"), c.id
