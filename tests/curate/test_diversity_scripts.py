"""`charter curate`'s diversity figures in scripts written without spaces: a Thai, Japanese or
Chinese prompt was one "word" (its white-space tokens), so distinct-n read 1.0 and the mean
length 1-2 words for any such dataset. Words are counted as the verbosity check counts them
(:func:`charter.evaluate.checks._text.word_count`); text with spaces between its words gives
the figures it gave before, to the byte."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from charter.cli import main
from charter.curate import diversity
from charter.curate._dedup import normalize
from charter.evaluate.checks._text import word_count
from charter.guide import Expected
from charter.suite import Case, Intent, Message, Suite, write_suite


def _old_diversity(texts: list[str]) -> dict[str, float | int]:
    """The figures as they were computed before: white-space tokens of the normalised text."""
    def distinct(n: int) -> float:
        total, seen = 0, set()
        for t in texts:
            w = normalize(t).split()
            grams = [tuple(w[i:i + n]) for i in range(len(w) - n + 1)]
            total += len(grams)
            seen.update(grams)
        return round(len(seen) / total, 4) if total else 0.0
    lengths = [len(normalize(t).split()) for t in texts]
    return {"rows": len(texts), "distinct_1": distinct(1), "distinct_2": distinct(2), "distinct_3": distinct(3),
            "mean_words": round(sum(lengths) / len(lengths), 2) if lengths else 0.0}


def test_chinese_prompts_are_counted_in_characters() -> None:
    # before: 2 "words" (one per prompt), distinct-1 1.0, mean 1 word
    div = diversity(["我的信用卡被盗刷了。", "我的信用卡丢了！"])
    # 9 + 7 characters; 10 distinct (我 的 信 用 卡 被 盗 刷 了 丢); bigrams 8 + 6, 10 distinct; trigrams 7 + 5, 9
    assert div == {"rows": 2, "distinct_1": 0.625, "distinct_2": round(10 / 14, 4), "distinct_3": round(9 / 12, 4),
                   "mean_words": 8.0}


def test_thai_prompts_are_counted_as_the_verbosity_check_counts_them() -> None:
    texts = ["ขอเงินคืนค่าอาหารที่ยังไม่ได้รับ", "ขอเงินคืนค่าส่ง", "ไรเดอร์ยังไม่มาเลยค่ะ ช่วยเช็กให้หน่อย"]
    div = diversity(texts)
    assert _old_diversity(texts)["mean_words"] == pytest.approx(4 / 3, abs=0.01)
    assert div["mean_words"] == round(sum(word_count(t) for t in texts) / 3, 2) == 7.0
    # the first Thai word of both requests ("ขอเงินคืน…" cut into the same 4-character words) repeats
    assert div["distinct_1"] < 1.0 and _old_diversity(texts)["distinct_1"] == 1.0


def test_japanese_and_mixed_text() -> None:
    texts = ["注文をキャンセルしたい", "注文 12345 をキャンセル"]
    div = diversity(texts)
    assert div["mean_words"] == round((word_count(texts[0]) + word_count(texts[1])) / 2, 2) == 10.0
    # the number stays one word among the characters
    assert div["rows"] == 2 and 0 < div["distinct_1"] < 1


@pytest.mark.parametrize("texts", [
    ["How much is the overdraft fee?", "How much is the card fee?", "Can I raise my transfer limit?"],
    ["a b c", "a b d", "", "   ", "a"],
    ["Où est ma carte ? Ça fait 3 jours.", "Meine Überweisung über 1.250 € ist nicht angekommen.",
     "İstanbul şubesi açık mı?", "Мой перевод не дошёл", "मेरा रिफंड कब आएगा?", "환불은 언제 되나요?"],
])
def test_text_with_spaces_gives_the_same_figures_as_before(texts: list[str]) -> None:
    assert json.dumps(diversity(texts)) == json.dumps(_old_diversity(texts))


def test_ascii_figures_are_byte_identical_on_a_random_dataset() -> None:
    rng = random.Random(7)
    words = "account balance card fee transfer loan savings branch statement overdraft it's can't".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randrange(0, 20))) + rng.choice(["", "?", "!!", " ..."])
             for _ in range(300)]
    assert json.dumps(diversity(texts)) == json.dumps(_old_diversity(texts))


def test_cli_curate_reports_thai_diversity_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = ["ขอเงินคืนค่าอาหารที่ยังไม่ได้รับ", "ขอเงินคืนค่าส่ง", "ไรเดอร์ยังไม่มาเลยค่ะ ช่วยเช็กให้หน่อย"]
    cases = [Case(id=f"c{i}", messages=[Message(role="user", content=t)], intent=Intent.benign,
                  expected=Expected.comply, language="th")
             for i, t in enumerate(texts)]
    suite = write_suite(Suite(name="th", cases=cases), tmp_path / "th.jsonl")
    assert main(["curate", str(suite), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["diversity"]["mean_words"] == 7.0
    expected = diversity(texts)
    assert {k: report["diversity"][k] for k in expected} == expected
    assert f"{expected['distinct_1']:.2f} / {expected['distinct_2']:.2f}" in capsys.readouterr().out
