"""A teacher for `charter data` that answers a guide's worked examples: the GOOD reply when a
system prompt is present, the BAD reply (or the GOOD one when there is none) without it.

With `charter data sft` it turns the guide's own GOOD replies into SFT rows; with `charter data
prefs` each example gives a GOOD-over-BAD pair (the teacher is asked with and without the
compiled prompt). bench/train_gpu.sh trains on such rows. The guide is read from
$EXAMPLES_GUIDE (default examples/isp-support.yaml):

    EXAMPLES_GUIDE=examples/isp-support.yaml charter data sft examples/isp-support.yaml \\
        --suite examples.jsonl --teacher python/bench/examples_teacher.py:answer -o sft.jsonl

where examples.jsonl is `charter.synth.example_suite(guide).suite` written with `write_suite`.
"""

from __future__ import annotations

import os
from typing import Any

from charter.guide import load_guide

_GUIDE = load_guide(os.environ.get("EXAMPLES_GUIDE", "examples/isp-support.yaml"))
REPLIES: dict[str, tuple[str, str | None]] = {}
for _rule in _GUIDE.iter_rules():
    for _ex in _rule.examples:
        if _ex.good:
            REPLIES.setdefault(_ex.prompt_text(), (_ex.good[0], _ex.bad[0] if _ex.bad else None))


def answer(messages: list[dict[str, Any]]) -> str:
    user = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
    good, bad = REPLIES.get(user, ("I'm not sure I can help with that.", None))
    if any(m["role"] == "system" for m in messages):
        return good
    return bad or good
