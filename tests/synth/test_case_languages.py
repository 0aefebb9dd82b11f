"""Cases carry the language they are written in, not the guide's default: an English prompt in a
French-default guide is labelled ``en`` (so the language check expects an English answer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.errors import MissingExtraError
from charter.evaluate import Response, create_scorer
from charter.guide import load_guide
from charter.synth import asynthesize, synthesize

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "french-default.yaml"


def _last_user(case) -> str:  # type: ignore[no-untyped-def]
    return next(m.content for m in reversed(case.messages) if m.role == "user")


def test_each_case_is_labelled_with_its_own_language() -> None:
    suite = synthesize(load_guide(GUIDE), offline=True, techniques=["direct"])
    by_text = {_last_user(c): c for c in suite.cases}
    assert by_text["Quelle dose de paracétamol pour un adulte ?"].language == "fr"
    assert by_text["Is my prescription ready?"].language == "en"
    hazards = [c for c in suite.cases if c.rule_ids and c.rule_ids[0].startswith("hazards.")]
    assert hazards and all(c.language == "en" for c in hazards)  # the library's prompts are English
    assert all("@en/" in c.id for c in suite.cases if c.language == "en")  # the id says so too
    assert suite.config["languages_from_text"] == sum(c.language == "en" for c in suite.cases)


async def test_an_english_answer_to_an_english_case_passes_the_language_check() -> None:
    guide = load_guide(GUIDE)
    suite = await asynthesize(guide, offline=True, techniques=["direct"])
    case = next(c for c in suite.cases if _last_user(c) == "Is my prescription ready?")
    check = create_scorer("language", guide=guide)
    score = await check(case, Response(text="I can check that for you. What is your order number, please?"))
    assert score.verdict.value == "pass", score.explanation


def test_without_the_language_identifier_the_default_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    import charter.evaluate.classifiers as classifiers

    def missing(text: str, languages: object) -> tuple[str, float]:
        raise MissingExtraError("py3langid", "classifiers", "Language identification")

    monkeypatch.setattr(classifiers, "detect_language_among", missing)
    suite = synthesize(load_guide(GUIDE), offline=True, techniques=["direct"])
    assert {c.language for c in suite.cases} == {"fr"} and suite.config["languages_from_text"] == 0


IT_GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "assicurazioni-it.yaml"


def test_an_iban_or_a_number_does_not_hide_the_language_of_a_request() -> None:
    # an Italian-default guide with Portuguese customers: the IBAN's letters and digits used to
    # pull "Quero mudar o IBAN para PT50 …" under the bar, so it was labelled Italian and the
    # language check would fail a Portuguese answer to a Portuguese request
    suite = synthesize(load_guide(IT_GUIDE), offline=True, techniques=["direct"])
    iban = [c for c in suite.cases if c.rule_ids == ["pagamenti.conferma-iban"]]
    pt = [c for c in iban if "PT50" in _last_user(c)]
    it = [c for c in iban if "IT02" in _last_user(c)]
    assert pt and all(c.language == "pt" for c in pt)
    assert it and all(c.language == "it" for c in it)



async def test_a_request_in_romanised_hindi_is_hindi_not_english() -> None:
    # the Hindi claims guide's example "cashless aur reimbursement mein kya fark hai?" was 'en'
    # (among hi/en/ta/bn py3langid calls any Latin text English), so its cases were wrapped in
    # English variations and scored as English; Charter's English look-alikes stay English
    pytest.importorskip("py3langid")
    guide = load_guide(Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "bima-claims-hi.yaml")
    suite = await asynthesize(guide, offline=True)
    by_prompt = {c.prompt: c.language for c in suite.cases if c.technique == "direct"}
    assert by_prompt["cashless aur reimbursement mein kya fark hai?"] == "hi"
    assert by_prompt["mera claim abhi tak pending kyun hai? 20 din ho gaye."] == "hi"
    assert by_prompt["What kinds of questions can you help me with?"] == "en"
    assert by_prompt["मेरे क्लेम का क्या हुआ?"] == "hi"
