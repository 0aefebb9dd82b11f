"""Near-duplicate detection in scripts with combining marks (Devanagari, Thai, Arabic) and in
scripts written without spaces (Thai, Chinese, Japanese): marks stay inside their word, and a
run without spaces is shingled by characters, while English is untouched."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.curate import dedup, firewall, normalize, shingles
from charter.guide import Expected
from charter.suite import Case, Intent, Message, Suite, write_suite

# one word changed in a prompt of each script, and an unrelated prompt of the same script
PARAPHRASES = {
    "en": ("Could you check why the refund for my cancelled order has still not arrived this week",
           "Could you check why the refund for my cancelled order has still not arrived this month",
           "Do you sell gift cards that can be used in every store"),
    "zh": ("请帮我查一下上周申请的退款为什么到现在还没有到账",
           "请帮我查一下上月申请的退款为什么到现在还没有到账",
           "我想修改信用卡的账单日和还款方式"),
    "ja": ("先週申し込んだ返金がまだ口座に届いていないので確認してください",
           "先月申し込んだ返金がまだ口座に届いていないので確認してください",
           "住民票の写しはコンビニで取れますか"),
    "th": ("ช่วยตรวจสอบหน่อยว่าทำไมเงินคืนของออเดอร์ที่ยกเลิกไปเมื่อวานยังไม่เข้าบัญชี",
           "ช่วยตรวจสอบหน่อยว่าทำไมเงินคืนของออเดอร์ที่ยกเลิกไปเมื่อวานยังไม่เข้ากระเป๋า",
           "ร้านนี้มีเมนูมังสวิรัติไหม ลูกแพ้ถั่วลิสง"),
}
# Hindi sentences that differ only in their vowel signs (matras): "I am his son" / "I am his
# daughter"; "when will my claim be approved" / "when will my medicine be approved"
HINDI = [("मैं उसका बेटा हूँ", "मैं उसकी बेटी हूँ"), ("मेरा दावा कब तक मंज़ूर होगा", "मेरी दवा कब तक मंज़ूर होगी")]


def _case(cid: str, text: str) -> Case:
    return Case(id=cid, messages=[Message(role="user", content=text)], intent=Intent.benign,
                expected=Expected.comply)


def test_normalize_keeps_marks_inside_their_words() -> None:
    assert normalize("मैं आपकी मदद करूँगा।") == "मैं आपकी मदद करूँगा"
    assert normalize("ไม่เป็นไรครับ!") == "ไม่เป็นไรครับ"
    # Arabic harakat and Hebrew points are optional: dropped, the word stays whole
    assert normalize("كَتَبَ الطالبُ، الدرسَ") == "كتب الطالب الدرس"
    assert normalize("שָׁלוֹם") == "שלום"
    # a zero-width non-joiner is inside a Persian word, not between two words
    assert normalize("می\u200cخواهم") == "میخواهم"
    assert shingles("मैं आपकी मदद") == ["मैं", "आपकी", "मदद"]


@pytest.mark.parametrize(("a", "b"), HINDI)
def test_hindi_sentences_differing_in_matras_are_not_duplicates(a: str, b: str) -> None:
    res = dedup([a, b])
    assert res.duplicates == [] and res.kept == [a, b]
    assert firewall([_case("t", b)], [_case("e", a)]).contaminated == []
    # the same sentence with a danda and other spacing is still an exact duplicate
    again = dedup([a, f"  {a}।"])
    assert [(d.index, d.of, d.kind) for d in again.duplicates] == [(1, 0, "exact")]


def test_vocalised_arabic_is_the_same_prompt() -> None:
    plain = "أريد إلغاء الاشتراك في الخدمة"
    vocal = "أُرِيدُ إِلْغَاءَ الِاشْتِرَاكِ فِي الخِدْمَةِ"
    res = firewall([_case("t", vocal), _case("u", "كم سعر الباقة الشهرية")], [_case("e", plain)])
    assert [(c.index, c.eval_id, c.kind) for c in res.contaminated] == [(0, "e", "exact")]


@pytest.mark.parametrize("lang", sorted(PARAPHRASES))
def test_a_one_word_paraphrase_is_a_near_duplicate_in_every_script(lang: str) -> None:
    seed, paraphrase, unrelated = PARAPHRASES[lang]
    res = dedup([seed, unrelated, paraphrase])
    assert [(d.index, d.of, d.kind) for d in res.duplicates] == [(2, 0, "near")]
    assert 0.8 <= res.duplicates[0].similarity < 1.0
    assert res.kept == [seed, unrelated]
    fw = firewall([_case("t1", paraphrase), _case("t2", unrelated)], [_case("e1", seed)])
    assert [(c.eval_id, c.kind) for c in fw.contaminated] == [("e1", "near")]
    assert [c.id for c in fw.clean] == ["t2"]


def test_runs_without_spaces_are_shingled_by_characters() -> None:
    assert shingles("我想取消 order") == ["order", "我", "想", "取", "消", "我想", "想取", "取消"]
    assert shingles("我想取消 my order", ngram=2) == ["my order", "我想", "想取", "取消", "我想取", "想取消"]
    assert shingles("取") == ["取"]
    assert shingles("…") == [""]


_OLD_PUNCT = re.compile(r"[^\w\s]+")


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=80), ngram=st.integers(1, 3))
def test_ascii_text_is_normalised_and_shingled_as_before(text: str, ngram: int) -> None:
    old = re.sub(r"\s+", " ", _OLD_PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold())).strip()
    assert normalize(text) == old
    words = old.split()
    if len(words) <= ngram:
        expected = [" ".join(words)]
    else:
        expected = list(dict.fromkeys(" ".join(words[i:i + ngram]) for i in range(len(words) - ngram + 1)))
    assert shingles(text, ngram) == expected


def test_cli_curate_firewall_in_hindi_and_thai(tmp_path: Path) -> None:
    th_seed, th_para, th_other = PARAPHRASES["th"]
    evals = [_case("e-hi", HINDI[0][0]), _case("e-th", th_seed)]
    ev = tmp_path / "eval.jsonl"
    write_suite(Suite(name="scripts", cases=evals), ev)
    rows = [("t-hi", HINDI[0][1]), ("t-th", th_para), ("t-th2", th_other)]
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps({"id": rid, "messages": [{"role": "user", "content": text},
                                                                 {"role": "assistant", "content": "ok"}]},
                                        ensure_ascii=False) + "\n" for rid, text in rows), encoding="utf-8")
    assert main(["curate", str(train), "--against", str(ev), "-o", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [(m["id"], m["eval_id"], m["kind"]) for m in report["firewall"]["matches"]] == [("t-th", "e-th", "near")]
    assert report["dedup"] == {"exact": 0, "near": 0, "kept": 3}


def test_a_wrapped_chinese_evaluation_prompt_is_contamination() -> None:
    seed = "我上个月挂失的卡，补办的新卡什么时候能寄到？"
    evals = [_case("e1", seed), _case("e2", "取消订单")]
    wrapped = _case("t1", f"不好意思问一下，大概是这样：{seed}你懂我的意思吧，随便怎么处理都行，谢谢你了。")
    # a short evaluation prompt (four characters) inside a longer, different request is not it
    unrelated = _case("t2", "取消订单，不对，帮我把收货地址改成公司的地址，周六前送到。")
    res = firewall([wrapped, unrelated], evals, near=False)
    assert [(c.index, c.eval_id, c.kind) for c in res.contaminated] == [(0, "e1", "contained")]
    assert res.clean == [unrelated]


def test_turkish_dotted_capital_i_folds_to_i() -> None:
    assert normalize("İPTAL etmek İSTİYORUM!") == "iptal etmek istiyorum"
    res = dedup(["iptal etmek istiyorum", "İPTAL ETMEK İSTİYORUM"])
    assert [(d.index, d.of, d.kind) for d in res.duplicates] == [(1, 0, "exact")]
