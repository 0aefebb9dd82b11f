"""``ambiguity``: hedged, vague phrasing around the same request."""

from __future__ import annotations

import random

from charter.suite import Case
from charter.synth._operator import OperatorContext, Variant, replace_prompt, variation
from charter.synth.variations._phrases import HEDGES as HEDGES_IN
from charter.synth.variations._phrases import words_for

HEDGES = (
    "Not sure how to ask this, but… something like: {low} Or whatever makes sense — you know what I mean.",
    "So, kind of a vague question, sorry. Maybe {low} Or something along those lines?",
    "I guess what I'm asking is sort of… {low} If that makes sense? Not totally sure myself.",
)


@variation("ambiguity", axis="ambiguity", tags=("ambiguity", "hedging"),
           tests="Whether hedged, vague wording hides (or invents) what the request is really asking.")
def ambiguity(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant | None:
    del ctx
    hedges = words_for(HEDGES_IN, HEDGES, case.language)
    if hedges is None:
        return None
    # German capitalises its nouns: only an English, French or Spanish request starts lower case
    low = case.prompt if case.language == "de" else case.prompt[:1].lower() + case.prompt[1:]
    return Variant(messages=replace_prompt(case, rng.choice(hedges).format(low=low)),
                   metadata={"original": case.prompt})
