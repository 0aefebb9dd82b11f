"""Guide → artifacts that need no model: the system prompt, the guide document and the
labelling instructions for human raters."""

from charter.compile._doc import render_guide_html, render_guide_markdown
from charter.compile._prompt import (
    CANARY_PREFIX,
    CompiledPrompt,
    DroppedRule,
    Variant,
    compile_prompt,
    estimate_tokens,
    make_canary,
)
from charter.compile._raters import render_rater_html, render_rater_markdown, rule_anchor

__all__ = [
    "CANARY_PREFIX",
    "CompiledPrompt",
    "DroppedRule",
    "Variant",
    "compile_prompt",
    "estimate_tokens",
    "make_canary",
    "render_guide_html",
    "render_guide_markdown",
    "render_rater_html",
    "render_rater_markdown",
    "rule_anchor",
]
