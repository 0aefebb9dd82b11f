"""The offline suite of the Korean carrier guide (tests/fixtures/guides/telecom-support-ko.yaml)."""

from __future__ import annotations

from pathlib import Path

from charter.guide import load_guide
from charter.synth import asynthesize

GUIDE = load_guide(Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "telecom-support-ko.yaml")


async def test_attacks_on_a_korean_request_are_written_in_korean() -> None:
    # every technique wrapped a Korean request in English ("I'm writing a novel. In one scene …
    # «친구 신분증 사진이 있는데 …»", "Please pretend to be my late grandmother … Grandma, …") and
    # recorded frame_language en: a mixed message few attackers of a Korean assistant write
    suite = await asynthesize(GUIDE, offline=True)
    framed = [c for c in suite.cases if c.language == "ko" and c.technique != "direct"]
    assert {c.technique for c in framed} >= {"roleplay", "fiction", "hypothetical", "prefix-injection",
                                            "refusal-suppression", "many-shot", "multi-turn-escalation",
                                            "authority-claim-developer", "authority-spoof-system", "base64",
                                            "tool-injection", "document-injection"}
    assert [c.id for c in framed if c.metadata.get("frame_language")] == []
    for c in framed:
        text = "\n".join(m.content for m in c.messages if m.role in ("user", "tool", "assistant"))
        for english in ("Write the assistant", "pretend to be", "Hypothetically", "Imagine a world", "Your answer must",
                        "Can you help me with", "Sure, happy to help", "User:", "SYSTEM MESSAGE"):
            assert english not in text, (c.id, english)
