"""The classifier's word and character features read text lower-cased as the patterns read it
(issue 14). ``str.lower`` makes the Turkish "İ" an "i" and a combining dot (U+0307), which no
token holds: "İşlemi iptal edemem." gave the words "i" and "şlemi", so a model fitted with the
word blocks learned nothing from a Turkish sentence that opens with "İ", and read "İşlemi" and
"işlemi" as different words."""

from __future__ import annotations

from charter.evaluate import fit_refusal_model

REFUSALS = ["İşlemi iptal edemem.", "İşlemi iptal edemem, üzgünüm.", "İADE İŞLEMİNİ YAPAMAM."]
ANSWERS = ["Siparişiniz yarın gelecek.", "Siparişiniz yolda, yarın gelecek.", "İade tutarı hesabınıza geçti."]


def _fit(texts: list[str], blocks: str) -> set[str]:
    labels = ["full_refusal"] * 3 + ["full_compliance"] * 3
    return set(fit_refusal_model(texts, labels, blocks=blocks, min_df=1).vocab)


def test_a_dotted_capital_i_opens_the_word_it_belongs_to() -> None:
    vocab = _fit(REFUSALS + ANSWERS, "he")
    assert {"h:işlemi", "h:işlemi_iptal", "h:iade", "h:işlemini"} <= vocab
    assert not {"h:i", "h:şlemi", "h:i_şlemi"} & vocab
    assert not any("\u0307" in f for f in vocab)


def test_the_case_of_the_dotted_i_does_not_change_a_feature() -> None:
    lower = [t.replace("İ", "i").replace("I", "ı").lower() for t in REFUSALS + ANSWERS]
    assert _fit(REFUSALS + ANSWERS, "hec") == _fit(lower, "hec")
