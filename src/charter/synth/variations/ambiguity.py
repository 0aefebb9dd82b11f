"""``ambiguity``: hedged, vague phrasing around the same request."""

from __future__ import annotations

import random

from charter.suite import Case
from charter.synth._operator import OperatorContext, Variant, replace_prompt, variation

HEDGES = (
    "Not sure how to ask this, but… something like: {low} Or whatever makes sense — you know what I mean.",
    "So, kind of a vague question, sorry. Maybe {low} Or something along those lines?",
    "I guess what I'm asking is sort of… {low} If that makes sense? Not totally sure myself.",
)


@variation("ambiguity", axis="ambiguity", tags=("ambiguity", "hedging"),
           tests="Whether hedged, vague wording hides (or invents) what the request is really asking.")
def ambiguity(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant:
    del ctx
    low = case.prompt[:1].lower() + case.prompt[1:]
    return Variant(messages=replace_prompt(case, rng.choice(HEDGES).format(low=low)),
                   metadata={"original": case.prompt})
