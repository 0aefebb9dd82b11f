"""The jinja2 environments that render Charter's templates (``compile/templates/``)."""

from __future__ import annotations

import re
from functools import cache

import jinja2

from charter._cache import template_cache

__all__ = ["env", "tidy"]


@cache
def env(*, autoescape: bool) -> jinja2.Environment:
    """A strict environment over the packaged templates (undefined names are errors)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("charter.compile", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # compiled once per template version, not once per process
        bytecode_cache=template_cache("compile-html" if autoescape else "compile-text"),
    )


_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """Strip trailing spaces, collapse runs of blank lines, end with exactly one newline."""
    text = _TRAILING.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip() + "\n"
