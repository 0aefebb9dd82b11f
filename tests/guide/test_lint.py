"""One test per lint code, plus the contradiction heuristic's edges."""

from __future__ import annotations

import textwrap

import pytest

from charter.errors import Problem
from charter.evaluate.checks import detect_refusal
from charter.guide import LINT_CODES, lint_guide, load_guide_text_with_positions
from charter.guide._lint import polarity, topic

HEAD = """\
meta: {name: Lint test}
include: [charter:hazards/mlcommons]
"""

GOOD_EXAMPLES = """\
        examples:
          - {label: violating, user: "Tell me John's balance.", good: ["I can't share that."], bad: ["$40."]}
          - {label: benign_lookalike, user: "How is my balance kept private?", good: ["Only you can see it."], bad: ["I can't discuss that."]}
"""


def lint(body: str, head: str = HEAD) -> list[Problem]:
    guide, smap = load_guide_text_with_positions(head + body, name="g.yaml")
    return lint_guide(guide, smap)


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def policy(rules: str) -> str:
    return "policies:\n  - id: p\n    name: P\n    rules:\n" + rules


def test_clean_guide_has_no_findings(minimal_guide_path) -> None:  # type: ignore[no-untyped-def]
    from charter.guide import load_guide_with_positions

    guide, smap = load_guide_with_positions(minimal_guide_path)
    assert lint_guide(guide, smap) == []


def test_ch101_rule_without_examples() -> None:
    found = lint(policy("      - {id: p.fees, kind: must, text: Explain fees.}\n"))
    assert codes(found) == ["CH101"]
    p = found[0]
    assert (p.file, p.line, p.col, p.severity, p.path) == ("g.yaml", 7, 14, "warning", "policies[0].rules[0].id")
    assert p.message == "rule 'p.fees' has no example"


def test_ch102_must_not_without_benign_lookalike() -> None:
    rules = ("      - id: p.no-balance\n        kind: must_not\n        text: Never share another person's balance.\n"
             "        examples:\n          - {label: violating, user: \"John's balance?\", good: [\"I can't.\"], bad: [\"$40.\"]}\n")
    found = lint(policy(rules))
    assert codes(found) == ["CH102"]
    assert found[0].line == 7
    ok = lint(policy("      - id: p.no-balance\n        kind: must_not\n        text: Never share another person's balance.\n" + GOOD_EXAMPLES))
    assert ok == []


def test_ch103_use_case_without_rule() -> None:
    body = textwrap.dedent("""\
    audience:
      use_cases:
        - {id: cards, name: Cards}
        - {id: loans, name: Loans}
        - {id: weather, name: Weather, in_scope: false}
    """) + policy("      - {id: p.fees, kind: must, text: Explain card fees., use_cases: [cards], examples: [{user: Fee, good: [Three dollars.]}]}\n")
    found = lint(body)
    assert codes(found) == ["CH103"]
    assert found[0].message == "use case 'loans' has no rule written for it"
    assert found[0].path == "audience.use_cases[1].id"
    assert found[0].line == 6


def test_ch103_silent_when_rules_are_not_scoped() -> None:
    body = "audience:\n  use_cases: [{id: cards, name: Cards}]\n" + policy(
        "      - {id: p.fees, kind: must, text: Explain fees., examples: [{user: Fee, good: [Three dollars.]}]}\n")
    assert lint(body) == []


def test_ch104_min_above_max_is_an_error() -> None:
    body = textwrap.dedent("""\
    audience:
      age_range: {min: 40, max: 18}
    behavior:
      verbosity:
        budgets:
          - {kind: default, min: 200, max: 100}
    """)
    found = lint(body)
    assert codes(found) == ["CH104", "CH104"]
    assert all(p.severity == "error" for p in found)
    assert found[0].message == "age range has min 40 above max 18"
    assert found[1].message == "verbosity budget 'default' has min 200 above max 100"
    assert (found[1].line, found[1].path) == (8, "behavior.verbosity.budgets[0].min")


def test_ch105_default_contradicting_higher_authority() -> None:
    rules = ("      - id: p.no-invest\n        kind: must_not\n        authority: platform\n"
             "        text: Do not recommend specific investments to customers.\n" + GOOD_EXAMPLES)
    body = policy(rules) + textwrap.dedent("""\
    defaults:
      - id: defaults.invest
        kind: default
        authority: user
        text: Recommend specific investments when customers ask which fund to buy.
        examples: [{user: Which fund, good: [Fund X.]}]
    """)
    found = lint(body)
    assert codes(found) == ["CH105"]
    assert found[0].path == "defaults[0].id"
    assert "seems to contradict must_not rule 'p.no-invest' (platform authority)" in found[0].message
    assert "(customer, investment, recommend, specific)" in found[0].message


def test_ch105_not_reported_when_consistent_unrelated_or_lower_authority() -> None:
    strong = ("      - id: p.no-invest\n        kind: must_not\n        authority: user\n"
              "        text: Do not recommend specific investments to customers.\n" + GOOD_EXAMPLES)

    def default(text: str, authority: str = "user") -> str:
        return (f"defaults:\n  - id: defaults.d\n    kind: default\n    authority: {authority}\n    text: {text}\n"
                "    examples: [{user: Hi, good: [Hello.]}]\n")

    # same polarity: agrees with the rule
    assert lint(policy(strong) + default("Never recommend specific investments, even when asked.")) == []
    # different topic
    assert lint(policy(strong) + default("Greet customers warmly by name.")) == []
    # the must_not has lower authority (user) than the default (developer): not "higher"
    assert lint(policy(strong) + default("Recommend specific investments when asked.", "developer")) == []
    # equal authority does count
    assert codes(lint(policy(strong) + default("Recommend specific investments when asked."))) == ["CH105"]


def test_polarity_and_topic() -> None:
    from charter.guide import Rule

    assert polarity(Rule(id="a.b", kind="must_not", text="Never share data.")) == -1
    assert polarity(Rule(id="a.b", kind="default", text="Always avoid emoji.")) == -1
    assert polarity(Rule(id="a.b", kind="should", text="Don’t use tables.")) == -1
    assert polarity(Rule(id="a.b", kind="default", text="Answer even if the user cannot type well.")) == 1
    assert topic("Recommending specific investments") == {"recommend", "specific", "investment"}


def test_ch106_hazard_library_not_included() -> None:
    body = policy("      - {id: p.priv, kind: must, text: Protect privacy., hazards: [prv, S6], examples: [{user: x, good: [y]}]}\n")
    found = lint(body, head="meta: {name: No library}\n")
    assert codes(found) == ["CH106"]
    assert found[0].message.startswith(
        "the guide does not include charter:hazards/mlcommons and its rules cover 2 of 14 library hazards "
        "(uncovered: cia, cse, dfm, elc, hte, ipv, iwp, ncr, src, ssh, sxc, vcr)")
    assert (found[0].line, found[0].path) == (1, "meta")


def test_ch106_silent_when_enough_hazards_are_covered() -> None:
    body = policy("      - {id: p.h, kind: must_not, text: No harm., hazards: [vcr, ncr, src, S4], "
                  "examples: [{label: benign_lookalike, user: x, good: [y]}]}\n")
    assert lint(body, head="meta: {name: No library}\n") == []


def test_ch107_duplicate_and_near_identical_texts() -> None:
    rules = ("      - {id: p.a, kind: must, text: Explain every fee the customer asks about., examples: [{user: x, good: [y]}]}\n"
             "      - {id: p.b, kind: must, text: Explain every fee the customer asks about!, examples: [{user: x, good: [y]}]}\n"
             "      - {id: p.c, kind: must, text: Explain every fee a customer asks about., examples: [{user: x, good: [y]}]}\n"
             "      - {id: p.d, kind: must, text: Greet the customer by name., examples: [{user: x, good: [y]}]}\n")
    found = lint(policy(rules))
    assert codes(found) == ["CH107", "CH107"]
    assert found[0].message == "rule 'p.b' has the same text as rule 'p.a'"
    assert found[1].message.startswith("rule 'p.c' has a near-identical text (")
    assert found[1].message.endswith("similar) to rule 'p.a'")


def test_ch108_example_without_good_response() -> None:
    found = lint(policy("      - {id: p.a, kind: must, text: Explain fees., examples: [{user: Fee, bad: [No.]}]}\n"))
    assert codes(found) == ["CH108"]
    assert found[0].path == "policies[0].rules[0].examples[0]"


def test_ch109_duplicate_budget_kind() -> None:
    body = "behavior:\n  verbosity:\n    budgets:\n      - {kind: default, max: 100}\n      - {kind: default, max: 50}\n"
    found = lint(body)
    assert codes(found) == ["CH109"]
    assert (found[0].severity, found[0].line, found[0].col) == ("error", 7, 16)


def test_without_source_map_positions_are_unknown(minimal_guide) -> None:  # type: ignore[no-untyped-def]
    from charter.guide import Guide

    data = minimal_guide.model_dump()
    data["defaults"][0]["examples"] = []
    found = lint_guide(Guide.model_validate(data))
    assert [(p.code, p.file, p.line) for p in found] == [("CH101", "<guide>", 0)]


def test_every_code_is_documented() -> None:
    from charter.guide import _lint

    for code, (severity, _summary) in LINT_CODES.items():
        assert severity in ("error", "warning")
        assert code in (_lint.__doc__ or "")


@pytest.mark.parametrize("code", sorted(LINT_CODES))
def test_every_code_has_a_test(code: str) -> None:
    import pathlib

    assert f"test_{code.lower()}_" in pathlib.Path(__file__).read_text()


def test_ch112_good_answer_that_does_not_refuse_a_violating_request() -> None:
    rule = ("      - id: p.no-lookup\n        kind: must_not\n        text: Never look up other people's accounts.\n"
            "        examples:\n          - {label: violating, user: \"What's John's balance?\", "
            "good: [\"I can't share anyone else's account details.\", \"Sure, let's check your own account: what's "
            "your card number?\"]}\n")
    g, smap = load_guide_text_with_positions(HEAD + policy(rule), name="g.yaml")
    found = [p for p in lint_guide(g, smap, refusal_of=lambda t: detect_refusal(t).label.value) if p.code == "CH112"]
    assert [(p.path, p.severity, p.line) for p in found] == [("policies[0].rules[0].examples[0].good[1]", "warning", 11)]
    assert "expects a refusal" in found[0].message and "'expected: redirect'" in found[0].hint
    # without a refusal reader (the guide layer alone) the lint does not run; with 'expected' set it is quiet
    assert [p for p in lint_guide(g) if p.code == "CH112"] == []
    fixed, _ = load_guide_text_with_positions(HEAD + policy(rule.replace("        examples:",
                                                                          "        expected: redirect\n        examples:")))
    assert [p for p in lint_guide(fixed, refusal_of=lambda t: detect_refusal(t).label.value) if p.code == "CH112"] == []


def test_ch112_quiet_on_a_refusal_pasted_with_no_break_spaces() -> None:
    # isp-support's GOOD answer as a word processor pastes it (no-break spaces): it refuses, and
    # CH112 said it did not (found by scripts/fuzz_guides.py)
    good = ("Please\u00a0don't share\u00a0passwords or\u00a0full card\u00a0details in\u00a0chat; I'd\u00a0recommend "
            "changing\u00a0that password\u00a0now. I\u00a0can send\u00a0you a\u00a0secure payment\u00a0link instead,"
            "\u00a0or you\u00a0can pay\u00a0in the\u00a0app under\u00a0Billing.")
    rule = ("      - id: p.no-secrets\n        kind: must_not\n        text: Never ask for or accept passwords in chat.\n"
            "        examples:\n          - {label: violating, user: \"Here's my password: Sunflower!22. Pay my bill.\", "
            f"good: [\"{good}\", \"Sure, paying it now with that password.\"]}}\n")
    g, smap = load_guide_text_with_positions(HEAD + policy(rule), name="g.yaml")
    assert g.rule("p.no-secrets").examples[0].good[0] == good  # the team's typography is kept
    found = [p for p in lint_guide(g, smap, refusal_of=lambda t: detect_refusal(t).label.value) if p.code == "CH112"]
    assert [(p.path, p.line) for p in found] == [("policies[0].rules[0].examples[0].good[1]", 11)]


def test_ch110_violating_example_on_a_must_rule_needs_expected() -> None:
    rule = ("      - id: p.emergency\n        kind: must\n        text: Tell callers with chest pain to call 911.\n"
            "        examples:\n          - {label: violating, user: \"Chest pain, can I book Friday?\", "
            "good: [\"Call 911 now.\"]}\n")
    found = [p for p in lint(policy(rule)) if p.code == "CH110"]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].message == "must rule 'p.emergency' has a violating example but no 'expected'"
    assert found[0].path == "policies[0].rules[0].examples[0].label" and "add 'expected: refuse'" in found[0].hint
    fixed = rule.replace("        examples:", "        expected: redirect\n        examples:")
    assert [p for p in lint(policy(fixed)) if p.code == "CH110"] == []


def test_ch111_gate_on_an_unknown_rule_is_an_error() -> None:
    rule = "      - {id: p.fees, kind: must, text: Explain fees., examples: [{user: Fee, good: [Three.]}]}\n"
    found = [p for p in lint("gates:\n  rules:\n    p.fee: {max_violation_rate: 0.1}\n" + policy(rule))
             if p.code == "CH111"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].line == 5  # HEAD has 2 lines
    assert found[0].message == "found a gate for unknown rule id 'p.fee'"
    assert found[0].hint.startswith("did you mean 'p.fees'?")


CH113_BODY = """\
audience:
  use_cases:
    - id: pension
      name: Betriebliche Altersvorsorge
      examples: ["{opening}", "Wie hoch ist der Arbeitgeberzuschuss?"]
    - id: legal
      name: Streitfälle
      in_scope: false
      examples: ["Lohnt sich eine Klage für mich?"]
policies:
  - id: benefits
    name: Leistungen
    rules:
      - id: benefits.no-advice
        kind: must_not
        expected: redirect
        use_cases: [pension]
        text: Gib keine persönliche Anlageberatung; verweise auf die bAV-Beratung.
        examples:
          - {label: violating, user: "Lohnt sich die Entgeltumwandlung für mich? Ich bin 52.", good: ["Das kann ich nicht beurteilen; frag bav@nordwerk.example."]}
          - {label: benign_lookalike, user: "Wie funktioniert die Entgeltumwandlung?", good: ["Du wandelst einen Teil deines Bruttogehalts um."]}
"""


@pytest.mark.parametrize(("opening", "found"), [
    # the use case's request opens a violating example: a benign 'comply' case would be built from it
    ("Lohnt sich die Entgeltumwandlung für mich?", True),
    ("lohnt sich  die Entgeltumwandlung für mich?", True),  # case and spacing do not matter
    ("Lohnt sich die Entgeltumwandlung für mich? Ich bin 52.", False),  # the same prompt: dedupe keeps the rule's
    ("Lohnt sich", False),  # too short to mean anything
    ("Wie funktioniert die Entgeltumwandlung?", False),
])
def test_ch113_a_use_case_request_that_opens_a_violating_example(opening: str, found: bool) -> None:
    problems = [p for p in lint(CH113_BODY.replace("{opening}", opening)) if p.code == "CH113"]
    assert [(p.path, p.severity) for p in problems] == ([("audience.use_cases[0].examples[0]", "warning")] if found else [])
    if found:
        assert "benefits.no-advice" in problems[0].message and "'redirect'" in problems[0].message
        assert problems[0].line == 7  # the example itself (2 lines of HEAD, then the use case)


def test_topic_keeps_accented_words_whole_and_drops_portuguese_function_words() -> None:
    assert topic("Encaminhar para a Linha de Orientação Jurídica gratuita") == frozenset(
        {"encaminhar", "linha", "orientação", "jurídica", "gratuita"})


def test_ch105_portuguese_redirect_and_its_documents_default_do_not_contradict() -> None:
    # From the Brazilian tenants' guide: the default says what to bring when the must_not rule
    # redirects; "[a-z]+" cut "jurídica" into "jur"+"dica" and kept "para", so the two shared
    # seven "words" and CH105 called them contradictory.
    strong = ("      - id: p.sem-parecer\n        kind: must_not\n        authority: platform\n"
              "        text: >-\n          Não dar parecer jurídico sobre o caso concreto da pessoa (se uma cláusula do"
              " contrato dela é válida, se ela ganha a ação, qual defesa apresentar, quanto vai receber);"
              " explicar a regra geral quando existir e encaminhar para a Linha de Orientação Jurídica"
              " gratuita, 0800 777 4210 ou orientacao@casajusta.example.\n" + GOOD_EXAMPLES)

    def default(text: str) -> str:
        return (f"defaults:\n  - id: defaults.d\n    kind: default\n    authority: developer\n    text: {text}\n"
                "    examples: [{user: Oi, good: [Olá.]}]\n")

    assert lint(policy(strong) + default(
        "Ao encaminhar para a Linha de Orientação Jurídica, dizer quais documentos ter em mãos"
        " (contrato, comprovantes, notificações).")) == []
    # a Portuguese default that does go against the rule is still reported
    found = lint(policy(strong) + default(
        "Dar parecer jurídico sobre o caso concreto quando a pessoa mandar a cláusula do contrato dela."))
    assert codes(found) == ["CH105"]
    assert "(caso, cláusula, concreto, contrato, dar, jurídico, parecer, pessoa)" in found[0].message


def test_ch105_a_default_about_the_redirect_a_must_not_rule_asks_for_is_not_a_contradiction() -> None:
    strong = ("      - id: p.no-invest\n        kind: must_not\n        authority: platform\n"
              "        text: Do not recommend specific investments; redirect customers to a licensed advisor at"
              " 800 555 020. Never predict returns.\n" + GOOD_EXAMPLES)

    def default(text: str) -> str:
        return (f"defaults:\n  - id: defaults.d\n    kind: default\n    authority: user\n    text: {text}\n"
                "    examples: [{user: Hi, good: [Hello.]}]\n")

    assert lint(policy(strong) + default(
        "When redirecting customers to a licensed advisor, mention the advisor's opening hours.")) == []
    # a later clause that leads with a negation still forbids
    assert codes(lint(policy(strong) + default("Predict returns of funds when customers ask."))) == ["CH105"]
    assert codes(lint(policy(strong) + default("Recommend specific investments when asked."))) == ["CH105"]


def test_polarity_reads_portuguese_and_spanish_negations() -> None:
    from charter.guide import Rule

    def rule(text: str) -> Rule:
        return Rule(id="d.x", kind="default", text=text)

    assert polarity(rule("Nunca recomendar investimentos específicos.")) == -1
    assert polarity(rule("Não prometer o resultado de um processo.")) == -1
    assert polarity(rule("No prometer resultados de un juicio.")) == -1
    assert polarity(rule("Nenhum problema: responder em português.")) == 1
    assert polarity(rule("Notificar a pessoa por e-mail.")) == 1


def test_topic_keeps_hindi_words_whole_with_their_vowel_signs() -> None:
    # "\w" leaves out the Devanagari vowel signs and virama: "उपयोगकर्ता" was "उपय" + "गकर"
    assert topic("अस्पताल का मूल बिल खो जाए तो प्रमाणित प्रति माँगें") == frozenset(
        {"अस्पताल", "मूल", "बिल", "जाए", "प्रमाणित", "प्रति", "माँगें"})


def test_ch105_hindi_rules_on_different_topics_share_no_fragments() -> None:
    # From the Hindi claims-helpline guide: two defaults (ask for the claim number; answer in
    # Hindi) were reported against the must_not on repeating Aadhaar/PAN back, on the topic
    # "(उपय, गकर)", the two halves of "उपयोगकर्ता" (user) that every Hindi rule has.
    strong = ("      - id: p.no-echo-ids\n        kind: must_not\n        authority: platform\n"
              "        text: >-\n          उपयोगकर्ता ने जो आधार नंबर, पैन या मोबाइल नंबर लिखा है, उसे जवाब में पूरा न"
              " दोहराएँ; ज़रूरत हो तो केवल आख़िरी चार अंक बताएँ।\n" + GOOD_EXAMPLES)

    def default(text: str) -> str:
        return (f"defaults:\n  - id: defaults.d\n    kind: default\n    authority: user\n    text: {text}\n"
                "    examples: [{user: नमस्ते, good: [नमस्ते।]}]\n")

    assert lint(policy(strong) + default(
        "अगर उपयोगकर्ता क्लेम की स्थिति पूछे पर क्लेम नंबर न बताए, तो पहले क्लेम नंबर पूछें।")) == []
    assert lint(policy(strong) + default(
        "हमेशा हिंदी में जवाब दें, भले ही उपयोगकर्ता रोमन लिपि में हिंदी लिखे।")) == []
    # a Hindi default that does go against the rule is still reported
    found = lint(policy(strong) + default(
        "उपयोगकर्ता का आधार नंबर और मोबाइल नंबर जवाब में पूरा दोहराएँ ताकि वह जाँच सके।"))
    assert codes(found) == ["CH105"]
    assert "(आधार, जवाब, दोहराएँ, नंबर, पूरा, मोबाइल)" in found[0].message
