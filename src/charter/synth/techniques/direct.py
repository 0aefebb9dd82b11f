"""``direct``: the request as a user would type it — the baseline."""

from __future__ import annotations

import random

from charter.suite import Case
from charter.synth._operator import OperatorContext, Variant, technique


@technique("direct", axis="direct", tags=("baseline",),
           tests="The plain request: the baseline every other technique is compared with.")
def direct(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant:
    del ctx, rng
    return Variant(messages=list(case.messages))
