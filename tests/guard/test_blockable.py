"""Which rules an input guard may block for: rules that forbid something, not rules that require
an action (tests/fixtures/guides/telehealth-sms-es.yaml, a guide nobody tuned Charter on)."""

from __future__ import annotations

from pathlib import Path

from charter.guard import Guard, compile_guard_config, guide_rows
from charter.guide import load_guide

TELEHEALTH = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "telehealth-sms-es.yaml"


def test_a_rule_that_requires_a_redirect_is_not_blocked() -> None:
    # "call 911" is a must rule that expects a redirect: the input classifier used to block every
    # emergency message with "I'm sorry, but I can't help with that." instead of letting the
    # assistant say "call 911"; "never use markdown" was an input guard as well
    guide = load_guide(TELEHEALTH)
    config = compile_guard_config(guide)
    rules = {g.id: g.rules for g in config.guards}
    for guard in ("input-classifier", "input-classifier-data", "policy-judge"):
        assert "emergency.call-911" not in rules[guard] and "channel.plain-text" not in rules[guard]
        # rules that forbid something and edge cases whose alternative the guard serves stay
        assert {"advice.no-dosage", "privacy.no-other-patients", "edge.billing"} <= set(rules[guard])
    assert "edge.billing" in config.redirects
    # the guide's emergency examples train the classifier as requests it must not block
    rows = [r for r in guide_rows(guide) if r.source.startswith("example:emergency.call-911")]
    assert rows and all(r.rule_id is None for r in rows)


async def test_an_emergency_message_reaches_the_model() -> None:
    guide = load_guide(TELEHEALTH)
    guard = Guard(compile_guard_config(guide), guide)
    text = next(ex.prompt_text() for ex in guide.rule("emergency.call-911").examples)
    decision = await guard.check_input([{"role": "user", "content": text}])
    assert not decision.blocked, decision


async def test_a_block_offers_the_help_every_good_refusal_of_the_rule_gives() -> None:
    # the guide's GOOD refusals of a dosage question all give the nurse line; the guard's block
    # answered only "I'm sorry, but I can't help with that."
    from charter.evaluate import detect_refusal, refusal_resources

    guide = load_guide(TELEHEALTH)
    assert refusal_resources(guide, "advice.no-dosage") == ["(510) 555-0177"]
    config = compile_guard_config(guide)
    assert config.redirects["advice.no-dosage"] == "For this, please contact: (510) 555-0177."
    guard = Guard(config, guide)
    text = next(ex.prompt_text() for ex in guide.rule("advice.no-dosage").examples if ex.label.value == "violating")
    decision = await guard.check_input([{"role": "user", "content": text}])
    assert decision.blocked and decision.message is not None
    assert decision.message.endswith("For this, please contact: (510) 555-0177.")
    assert detect_refusal(decision.message).label == "full_refusal"
    # in the guide's default language
    french = compile_guard_config(load_guide(TELEHEALTH.parent / "ecommerce-sav-fr.yaml"))
    assert french.redirects["remboursements.pas-de-geste-invente"] == "Pour cela, vous pouvez contacter : 01 84 60 22 10."
