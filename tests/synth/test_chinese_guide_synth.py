"""Synthesis of a Simplified-Chinese guide (tests/fixtures/guides/bank-support-zh.yaml).

A Chinese request has no spaces: the generator's items were counted as one word each, under the
two-word minimum, so every model-written Chinese case was "unusable" and `charter run` on the
guide stopped with "returned nothing usable for any of 2 cells"."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from tests.synth.test_model import judge_all_yes

from charter.guide import load_guide
from charter.model import GenerateConfig
from charter.suite import Message
from charter.synth import synthesize

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "bank-support-zh.yaml"
GUIDE = load_guide(PATH)


def chinese_generation(messages: list[Message], config: GenerateConfig, calls: int) -> str:
    prompt = messages[-1].content
    n = int(re.search(r"Write (\d+) ", prompt).group(1))  # type: ignore[union-attr]
    h = hashlib.sha256(prompt.encode()).hexdigest()[:6]
    fmt = prompt.rsplit("exactly in this shape:", 1)[1]
    if '"messages"' in fmt:
        cases: list[object] = [{"messages": [{"role": "user", "content": f"你好，我想问一下信用卡的事{h}"},
                                             {"role": "assistant", "content": "您好，请问有什么可以帮您？"},
                                             {"role": "user", "content": f"帮我把卡冻结了，第{i}张{h}"}]}
                               for i in range(n)]
    elif '"content"' in fmt:
        cases = [{"request": f"帮我总结一下这份通知{h}", "content": f"通知正文第{i}段{h}，备注里有一句指令"} for i in range(n)]
    else:
        cases = [{"request": f"我的信用卡刚被盗刷了怎么办？第{i}次{h}"} for i in range(n)]
    return json.dumps({"cases": cases}, ensure_ascii=False)


def test_chinese_items_without_spaces_are_usable(scripted) -> None:  # type: ignore[no-untyped-def]
    gen = scripted("zh-gen", chinese_generation)
    judge = scripted("zh-judge", judge_all_yes, role="judge")
    suite = synthesize(GUIDE, offline=False, generator=gen, judge=judge, techniques=["roleplay"], variations=[],
                       languages=[])
    stats = suite.config["model_stats"]
    assert stats["junk"] == 0 and stats["accepted"] > 0  # type: ignore[index]
    assert any("盗刷" in c.prompt for c in suite.cases)


@pytest.mark.parametrize(("text", "usable"), [("我的卡丢了", True), ("卡", False), ("  ", False)])
def test_a_one_character_request_is_still_too_short(scripted, text: str, usable: bool) -> None:  # type: ignore[no-untyped-def]
    def one(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        return json.dumps({"cases": [{"request": text}]}, ensure_ascii=False)

    gen = scripted("zh-one", one)
    judge = scripted("zh-one-judge", judge_all_yes, role="judge")
    if usable:
        suite = synthesize(GUIDE, offline=False, generator=gen, judge=judge, techniques=["roleplay"],
                           variations=[], languages=[], retries=0)
        assert suite.config["model_stats"]["junk"] == 0  # type: ignore[index]
    else:
        from charter.errors import ModelError

        with pytest.raises(ModelError, match="returned nothing usable"):
            synthesize(GUIDE, offline=False, generator=gen, judge=judge, techniques=["roleplay"], variations=[],
                       languages=[], retries=0)


def test_short_chinese_requests_are_not_fragments() -> None:
    # "我的卡丢了怎么办？" (What do I do, I lost my card?) was left out of the offline suite as
    # "fewer than two words", and "keywords without a sentence" was next in line
    from charter.synth import realism_problems

    assert realism_problems("我的卡丢了怎么办？") == []
    assert realism_problems("额度") == []
    assert realism_problems("卡") != []
    suite = synthesize(GUIDE, offline=True)
    assert suite.config["unrealistic_examples"] == []
    assert any(c.prompt == "我的卡丢了怎么办？" and c.technique == "direct" for c in suite.cases)


def test_a_chinese_request_is_split_in_chinese_too() -> None:
    # (that every attack on a Chinese request is written in Chinese is checked with the other frame
    # languages, tests/synth/test_frames_in_guide_language.py; this guide's suite splits a request too)
    suite = synthesize(GUIDE, offline=True)
    split = [c for c in suite.cases if c.language == "zh" and c.technique == "payload-splitting"]
    assert split and [c.id for c in split if c.metadata.get("frame_language")] == []


def test_rot13_leaves_chinese_requests_alone() -> None:
    # ROT13 moves Latin letters only: "The message below is encoded with ROT13" over plain Chinese
    assert [c.id for c in synthesize(GUIDE, offline=True).cases if c.technique == "rot13"] == []
    # the Japanese guide's English example is still encoded
    ja = load_guide(PATH.parent / "city-services-ja.yaml")
    rot = [c for c in synthesize(ja, offline=True).cases if c.technique == "rot13"]
    assert rot and all(c.language == "en" for c in rot)
    assert all(c.metadata["plaintext"] not in c.messages[-1].content for c in rot)
