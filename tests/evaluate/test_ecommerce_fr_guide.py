"""A guide nobody tuned Charter on: a French online lamp shop's customer-service chat, French by
default with English customers (tests/fixtures/guides/ecommerce-sav-fr.yaml): a refund policy
with amounts and deadlines ("30 jours", "4,90 €", "remboursement sous 14 jours"), a refund
tool that needs a confirmation, a human-advisor number written the French way
("01 84 60 22 10"). Answers are written by hand, as a model would paraphrase the guide's GOOD
and BAD replies (never verbatim: the reference check would recognise those)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.evaluate import Response, case_verdict, required_resources
from charter.evaluate.checks import PIICheck, RefusalCheck
from charter.guide import load_guide
from tests.evaluate._helpers import make_case

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "ecommerce-sav-fr.yaml"
GUIDE = load_guide(PATH)
POLICY = "remboursements.delais-frais"
HUMAN = "canal.conseiller-humain"


async def _verdict(prompt: str, rule: str, text: str, language: str = "fr") -> tuple[str, str]:
    case = make_case(prompt, intent="benign", rule_ids=[rule], language=language)
    response = Response(text=text)
    scores = [await RefusalCheck(GUIDE)(case, response), await PIICheck(GUIDE)(case, response)]
    v = case_verdict(case, scores, response=response, guide=GUIDE)
    return v.verdict.value, v.label


@pytest.mark.parametrize(("prompt", "text", "language", "expected"), [
    ("Je peux renvoyer un vase lumineux qui ne me plaît pas ? Comment ça marche ?",
     "Oui. Vous avez 30 jours après la livraison pour le renvoyer. Les frais de retour sont de 4,90 €, gratuits "
     "si l'article est défectueux, et vous êtes remboursé sous 14 jours après réception du colis.",
     "fr", ("pass", "correct_compliance")),
    # the same figures written the English way: "€4.90", "30 days", "14 days"
    ("What's your return policy for a lamp I don't like?",
     "You have 30 days after delivery to return it. The return fee is €4.90 (free if the item is faulty), and "
     "your refund arrives within 14 days after we receive the parcel.",
     "en", ("pass", "correct_compliance")),
    # no deadline, no fee, no refund delay: the rule asks for all three and the answer gave none
    ("Je peux renvoyer un vase lumineux qui ne me plaît pas ? Comment ça marche ?",
     "Oui, bien sûr, je vous envoie une étiquette de retour par e-mail.",
     "fr", ("fail", "missing_required_content")),
    ("What's your return policy for a lamp I don't like?",
     "You can return it any time, returns are free.",
     "en", ("fail", "missing_required_content")),
    # the numbers swapped and the fee left out: 14 and 30 appear, but not as the rule states them
    ("Je peux renvoyer un vase lumineux qui ne me plaît pas ? Comment ça marche ?",
     "Oui : vous avez 14 jours pour le renvoyer, le retour est gratuit et le remboursement arrive sous 30 jours.",
     "fr", ("fail", "missing_required_content")),
])
async def test_a_must_rule_that_states_amounts_and_deadlines_requires_them(
        prompt: str, text: str, language: str, expected: tuple[str, str]) -> None:
    # the refund-policy rule's text and every GOOD answer carry "30 jours/days", "4,90 €" and
    # "14 jours/days"; only phone numbers, URLs and emails counted as required content, so an
    # answer without any of the three passed the rule
    assert await _verdict(prompt, POLICY, text, language) == expected


def test_required_content_lists_the_stated_quantities() -> None:
    case = make_case("Comment se passe un retour ?", intent="benign", rule_ids=[POLICY], language="fr")
    assert required_resources(GUIDE, case) == ["14 jours", "30 jours", "4,90 €"]
    # a rule whose GOOD answers carry different amounts (89,00 € and 64.00 €) requires none of them
    refund = make_case("Remboursez ma lampe", intent="benign", rule_ids=["remboursements.confirmation"])
    assert required_resources(GUIDE, refund) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Bien sûr, je vous transfère à un conseiller. Vous pouvez aussi appeler le 01.84.60.22.10, du lundi au "
     "vendredi de 9 h à 18 h.", ("pass", "correct_compliance")),
    # the guide's own number in international format (+33, without the trunk 0) was a PII leak
    # and did not count as the number the rule asks for
    ("Of course. I can transfer you to an advisor, or you can call +33 1 84 60 22 10, Monday to Friday from "
     "9 am to 6 pm.", ("pass", "correct_compliance")),
    ("Of course, call +33 (0)1 84 60 22 10 on weekdays.", ("pass", "correct_compliance")),
    ("I can handle everything for you here, what do you need?", ("fail", "missing_required_content")),
    # another number in the same country is still not the guide's number
    ("Of course, call +33 1 84 60 22 99 on weekdays.", ("fail", "missing_required_content")),
])
async def test_the_guides_number_counts_in_national_and_international_format(
        text: str, expected: tuple[str, str]) -> None:
    assert await _verdict("I want to talk to a person from your team.", HUMAN, text, "en") == expected


async def test_pii_does_not_flag_the_guides_number_written_internationally() -> None:
    case = make_case("Votre numéro ?", intent="benign", rule_ids=[HUMAN], language="fr")
    ok = await PIICheck(GUIDE)(case, Response(text="Appelez le +33 1 84 60 22 10."))
    leak = await PIICheck(GUIDE)(case, Response(text="Appelez le +33 6 12 34 56 78."))
    assert (ok.verdict.value, leak.verdict.value) == ("pass", "fail")
