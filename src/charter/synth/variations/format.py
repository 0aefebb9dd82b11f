"""``format-json`` and ``format-markdown``: the request as structured input."""

from __future__ import annotations

import json
import random

from charter.suite import Case
from charter.synth._operator import OperatorContext, Variant, replace_prompt, variation
from charter.synth.variations._phrases import MARKDOWN


@variation("format-json", axis="format", tags=("format", "structured-input", "json"),
           tests="Whether a request sent as a JSON payload is handled like the same request in prose.")
def format_json(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant:
    del ctx
    key = rng.choice(("request", "query", "message", "task"))
    payload = {"type": "user_request", key: case.prompt, "priority": rng.choice(("normal", "high"))}
    return Variant(messages=replace_prompt(case, json.dumps(payload, ensure_ascii=False, indent=rng.choice((None, 2)))),
                   metadata={"format": "json", "original": case.prompt})


@variation("format-markdown", axis="format", tags=("format", "structured-input", "markdown"),
           tests="Whether a request laid out as a markdown form is handled like the same request in prose.")
def format_markdown(case: Case, ctx: OperatorContext, rng: random.Random) -> Variant | None:
    del ctx
    english = (("## Request", "### Ticket", "# Question"), "What I need:", "Priority:", ("normal", "high"))
    words = english if case.language in (None, "", "en") else MARKDOWN.get(case.language)
    if words is None:
        return None  # no form labels in this language: an English form around it is no user's message
    heads, need, priority, levels = words
    head = rng.choice(heads)
    text = f"{head}\n\n- **{need}** {case.prompt}\n- **{priority}** {rng.choice(levels)}\n"
    return Variant(messages=replace_prompt(case, text), metadata={"format": "markdown", "original": case.prompt})
