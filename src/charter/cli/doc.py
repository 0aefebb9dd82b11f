"""`charter doc GUIDE [--for readers|raters] [--format md|html] [-o FILE]`: the guide as a
readable document, or as labelling instructions for human raters.

Markdown by default; HTML (one self-contained page) with ``--format html`` or when ``-o``
ends in ``.html``. ``--for raters`` writes each rule with its boundary, the guide's GOOD / BAD
replies and the label to give (the labels ``charter calibrate`` and the review sheets of
``charter curate`` read), every rule under the anchor ``#rule-<id>``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from charter.cli.prompt import _write
from charter.compile import (
    render_guide_html,
    render_guide_markdown,
    render_rater_html,
    render_rater_markdown,
)
from charter.guide import load_guide


class DocFormat(StrEnum):
    md = "md"
    html = "html"


class Audience(StrEnum):
    readers = "readers"
    raters = "raters"


def register(app: typer.Typer) -> None:
    @app.command("doc")
    def doc(
        guide: Annotated[Path, typer.Argument(help="Path to the guide YAML file.")],
        fmt: Annotated[
            DocFormat | None,
            typer.Option("--format", "-f", help="md or html (default: html when -o ends in .html, else md)."),
        ] = None,
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")
        ] = None,
        for_: Annotated[
            Audience,
            typer.Option("--for", help="readers (the guide document) or raters (labelling instructions)."),
        ] = Audience.readers,
    ) -> int:
        """Render GUIDE as a Markdown document or a self-contained HTML page."""
        if fmt is None:
            is_html = output is not None and output.suffix.lower() in (".html", ".htm")
            fmt = DocFormat.html if is_html else DocFormat.md
        g = load_guide(guide)
        if for_ == Audience.raters:
            text = render_rater_html(g) if fmt == DocFormat.html else render_rater_markdown(g)
        else:
            text = render_guide_html(g) if fmt == DocFormat.html else render_guide_markdown(g)
        if output is None:
            typer.echo(text, nl=False)
            return 0
        _write(output, text)
        kind = "HTML" if fmt == DocFormat.html else "Markdown"
        what = "labelling instructions" if for_ == Audience.raters else "document"
        typer.echo(f"{guide}: wrote {kind} {what} to {output}", err=True)
        return 0
