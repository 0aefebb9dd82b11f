"""Contract over every registered scorer: a Score with its id, family and rule id, whatever the
response (empty, very long, unicode, a failed model call)."""

from __future__ import annotations

from typing import Any

import pytest

from charter.errors import CharterError
from charter.evaluate import Response, Score, Verdict, create_scorer, scorers
from charter.evaluate.classifiers import profanity_available
from tests.evaluate._helpers import NaiveJudgeAPI, make_case

create_scorer("refusal")  # register the built-ins before parametrising
NAMES = scorers.names()

RESPONSES = {
    "empty": Response(text=""),
    "long": Response(text=("Here is a long answer about fees and cards. " * 2500) + "The end."),
    "unicode": Response(text="Voilà 😀 — ¿Qué tal? 你好，世界。 Ünïcödé ﬁ ligatures \u200b zero-width and RTL \u202e text"),
    "refusal": Response(text="I'm sorry, but I can't share another customer's details."),
}
OPTIONS: dict[str, dict[str, Any]] = {
    "leakage": {"canaries": ["CANARY-7f3a"], "system_prompt": "You are Penny, a friendly Acme Bank assistant. " * 3},
    "blocklist": {"terms": ["overdose"]},
}


def _build(name: str, guide: Any) -> Any:
    info = scorers.get(name)
    if name == "profanity" and not profanity_available():
        pytest.skip("the 'profanity' extra (alt-profanity-check) is not installed")
    opts = dict(OPTIONS.get(name, {}))
    if info.needs_model:
        from charter.model import Model

        opts["model"] = Model(NaiveJudgeAPI(), role="judge")
    if name == "reward":  # a reward model folder, as `charter train reward` writes one
        from tests.evaluate._reward_helpers import tiny_reward_model

        opts["path"] = str(tiny_reward_model())
    return info.factory(guide, **opts)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", sorted(RESPONSES))
async def test_scorer_contract(name: str, kind: str, minimal_guide: Any) -> None:
    scorer = _build(name, minimal_guide)
    assert scorer.id == name
    assert scorer.family == scorers.get(name).family
    case = make_case()
    score = await scorer(case, RESPONSES[kind])
    assert isinstance(score, Score)
    assert score.scorer == name
    assert score.verdict in set(Verdict)
    assert score.metadata.get("family") == scorer.family
    assert score.rule_id in (None, *case.rule_ids)
    if score.verdict in (Verdict.pass_, Verdict.fail):
        assert score.rule_id == "privacy.no-third-party-data"
    for span in score.evidence:
        assert 0 <= span.start <= span.end
    score.model_dump_json()  # JSON-able


@pytest.mark.parametrize("name", NAMES)
async def test_model_error_gives_error_or_na(name: str, minimal_guide: Any) -> None:
    scorer = _build(name, minimal_guide)
    score = await scorer(make_case(), Response(text="", error="HTTP 500 from provider"))
    assert score.verdict in (Verdict.error, Verdict.na)
    assert "500" in score.explanation or score.verdict == Verdict.na


@pytest.mark.parametrize("name", NAMES)
def test_registered_info_is_complete(name: str) -> None:
    info = scorers.get(name)
    assert info.name == name
    assert info.family in ("check", "classifier", "judge")
    assert info.description, f"{name} has no docstring"


async def test_a_function_can_be_registered() -> None:
    from charter.evaluate import check
    from charter.registry import Context

    # registered into a context of its own: a default check left in the default context would
    # join every later test's default scorers
    with Context() as ctx, ctx.registering():
        @check("test_shouting")
        async def shouting(case: Any, response: Response) -> Score:
            return Score(scorer="test_shouting", verdict=Verdict.fail if response.text.isupper() else Verdict.pass_)

        s = create_scorer("test_shouting")
        assert (s.id, s.family) == ("test_shouting", "check")
        assert (await s(make_case(), Response(text="HELLO"))).verdict == Verdict.fail
    with pytest.raises(CharterError):
        create_scorer("test_shouting")
    with pytest.raises(TypeError):
        check("test_bad")(42)
