"""Guide → artifacts that need no model: the system prompt, the guide document and the
labelling instructions for human raters."""

from typing import TYPE_CHECKING

from charter._lazy import lazy_exports as _lazy_exports
from charter.compile._prompt import (
    CANARY_PREFIX,
    CompiledPrompt,
    DroppedRule,
    Variant,
    compile_prompt,
    estimate_tokens,
    make_canary,
)

# the guide document and the raters' instructions load on first use (`charter doc`), not with
# every compiled prompt
__getattr__, __dir__ = _lazy_exports(__name__, {
    "render_guide_html": "charter.compile._doc",
    "render_guide_markdown": "charter.compile._doc",
    "render_rater_html": "charter.compile._raters",
    "render_rater_markdown": "charter.compile._raters",
    "rule_anchor": "charter.compile._raters",
}, globals())

if TYPE_CHECKING:  # pragma: no cover
    from charter.compile._doc import render_guide_html, render_guide_markdown
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
