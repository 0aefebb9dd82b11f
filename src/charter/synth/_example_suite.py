"""A regression suite made of the guide's own worked examples.

Every point of an example where candidate replies are judged (the end of the conversation,
and each mid-conversation comparison) becomes one :class:`~charter.suite.Case`: the turns up
to that point, the rule id, and the expected behavior *derived from the GOOD replies* (a GOOD
reply that refuses → ``refuse``; one that refuses part and helps with the rest →
``safe_complete``; one that asks a clarifying question → ``clarify``; else ``comply``; OK
replies stand in when there is no GOOD one). The candidates themselves travel in
``metadata["candidates"]`` ({verdict, text, comment, cites}), so that a team can replay them
(``charter eval --target replay/FILE``) and see that the GOOD ones pass and the BAD ones fail.
A point with only BAD replies has no expected behavior to derive and is counted, not emitted.
The intent is the example's label, made consistent with the derived behavior (``violating``
when it is to refuse, never ``violating`` when it is to comply; a violating request whose GOOD
reply refuses part of it stays ``violating``), except that a ``violating``
example of a rule that states its ``expected`` behavior, whose GOOD reply reads as a plain
answer, keeps its label and gets the rule's behavior (the detector cannot tell a clarifying
question or a redirect that names nothing from a plain answer; the guide's word decides), and a
``violating`` example of a rule that says ``redirect``, whose GOOD reply reads as a partial refusal
(a decline and a pointer), gets ``redirect``, not ``safe_complete``. The language is the one the
last user message is written in (the guide's default unless the text is confidently another
language the guide lists, or English: ``charter.synth._language``); it used to be ``en``
always, so the language check failed every German GOOD reply of a German guide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from charter.evaluate import RefusalClass, detect_refusal, without_dialogue
from charter.guide import EdgeCaseCategory, Example, Expected, Guide, Reply, ReplyVerdict
from charter.suite import Case, Intent, Message, Provenance, Suite
from charter.synth._language import language_reader

__all__ = ["ExampleSuite", "example_suite"]


@dataclass
class ExampleSuite:
    """The suite, and the judged points that could not become cases (with why)."""

    suite: Suite
    unscored: list[tuple[str, str]] = field(default_factory=list)


def expected_from(reply: str, prompt: str | None = None) -> Expected:
    """The behavior a reply shows, as the expected outcome of a case it is GOOD for; ``prompt``,
    the request it answers, when known (an introduction answers "who are you?"). A story's
    characters' lines are read as the story, not as the reply refusing or asking (the fiction
    guide's GOOD scene with a guard's "I can't let you do that," made its case expect a
    clarification, and the scene then failed it)."""
    result = detect_refusal(without_dialogue(reply), prompt=prompt)
    if result.label == RefusalClass.full_refusal:
        return Expected.refuse
    if result.label == RefusalClass.partial_refusal:
        return Expected.safe_complete
    if result.clarifying:
        return Expected.clarify
    return Expected.comply


def _messages(ex: Example, at: int | None) -> list[Message]:
    turns = ex.turns()[:at] if at is not None else ex.turns()
    return [Message(role=t.role, content=t.content, name=t.attrs.get("name")) for t in turns]


def _points(ex: Example) -> list[tuple[int | None, list[Reply]]]:
    order: dict[int | None, list[Reply]] = {}
    for r in ex.candidates():
        order.setdefault(r.at, []).append(r)
    return sorted(order.items(), key=lambda kv: len(ex.turns()) if kv[0] is None else kv[0])


def example_suite(guide: Guide, *, rule_ids: Iterable[str] | None = None, name: str = "examples") -> ExampleSuite:
    """One case per judged point of the examples of ``rule_ids`` (default: every rule)."""
    wanted = set(rule_ids) if rule_ids is not None else None
    read_language = language_reader(guide)
    # prompt-injection edge cases: an example whose instruction is planted in tool output is an
    # injection case, as the offline synthesiser makes it (``metadata.injection_mode``), not a
    # request to refuse: its GOOD answer does the user's own task
    injection_edges = {e.id for e in guide.edge_cases if e.category == EdgeCaseCategory.prompt_injection}
    cases: list[Case] = []
    unscored: list[tuple[str, str]] = []
    for rule in guide.iter_rules():
        if wanted is not None and rule.id not in wanted:
            continue
        for k, ex in enumerate(rule.examples, 1):
            points = _points(ex)
            for at, replies in points:
                cid = f"{rule.id}.ex{k}" + (f".t{at}" if at is not None and len(points) > 1 else "")
                model = [r for r in replies if r.verdict == ReplyVerdict.good] or \
                        [r for r in replies if r.verdict == ReplyVerdict.ok]
                if not model:
                    unscored.append((cid, "no GOOD or OK reply to derive the expected behavior from"))
                    continue
                msgs = _messages(ex, at)
                request = next((m.content for m in reversed(msgs) if m.role == "user"), None)
                expected = expected_from(model[0].text, request)
                intent = Intent(ex.label.value)
                if (rule.expected not in (None, Expected.clarify) and at is None and expected == Expected.clarify
                        and (intent == Intent.violating or rule.expected == Expected.comply)):
                    # nor does a question at its end make it a clarification when the rule says
                    # what the request gets: a story beat hands the turn back ("What do you do?"),
                    # and the fiction guide's GOOD scene for a bomb-recipe request made its case
                    # expect a clarifying question, which the BAD recipe then failed only for
                    # asking none
                    expected = rule.expected
                elif (intent == Intent.violating and rule.expected is not None and at is None
                        and expected == Expected.comply):
                    # a GOOD reply read as a plain answer does not make a violating request one
                    # to comply with when the rule says what it gets ("Shall I charge your Visa
                    # for $214.30? Reply yes to pay" made a charge request a look-alike expecting
                    # compliance, and a BAD "Done, I've charged your card" a fine answer to it);
                    # a reply read as a refusal or a partial one keeps its own, finer reading
                    expected = rule.expected
                elif (intent == Intent.violating and rule.expected == Expected.redirect and at is None
                        and expected == Expected.safe_complete):
                    # a redirect is a decline and a pointer, which the detector reads as a partial
                    # refusal: the rule's word decides ("I can't read results over the phone.
                    # They're in your portal" made a redirect rule's case expect a safe completion,
                    # which no check can verify without a judge)
                    expected = rule.expected
                elif expected in (Expected.refuse, Expected.redirect):
                    intent = Intent.violating
                elif intent == Intent.violating and expected == Expected.comply:
                    intent = Intent.benign_lookalike
                if not msgs or (msgs[-1].role == "assistant" and not msgs[-1].content):
                    unscored.append((cid, "no turn to answer"))
                    continue
                user = [m.content for m in msgs if m.role == "user"]
                planted = (rule.id in injection_edges and intent == Intent.violating and at is None
                           and ex.planted_in_data())
                cases.append(Case(
                    id=cid, messages=msgs, expected=expected, intent=intent, rule_ids=[rule.id],
                    language=read_language(user[-1] if user else ""),
                    provenance=Provenance(generator="guide-example", source=f"example:{rule.id}[{k - 1}]",
                                          confidence=1.0),
                    metadata={"note": ex.note, **({"injection_mode": "harmful-instruction"} if planted else {}),
                              "candidates": [
                        r.model_dump(mode="json", include={"verdict", "text", "comment", "cites"}) for r in replies]},
                ))
    suite = Suite(name=name, cases=cases, guide=f"{guide.meta.name}@{guide.meta.version}",
                  guide_hash=guide.fingerprint(), config={"generator": "guide-example"})
    return ExampleSuite(suite, unscored)
