"""Guide → artifacts that need no model: the system prompt and the guide document."""

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
]
