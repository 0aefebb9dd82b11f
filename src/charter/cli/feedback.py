"""`charter feedback list` · `charter feedback export --as suite|kto|sft|review -o FILE [--guide G]`.

Feedback comes from ``POST /v1/feedback`` on ``charter serve`` (or
:func:`charter.guard.record_feedback`). ``suite``: thumbs-down exchanges as regression cases,
rule ids proposed by the guide-trained classifier, only at ``--min-confidence`` or above;
``review``: the rest, as a CSV sheet; ``sft``: corrections as chat rows; ``kto``: every
rating as a TRL prompt/completion/label row. Rows carry the exchange id and rule ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from charter.cli._common import STORE_OPTION
from charter.errors import ConfigError
from charter.guard import export_feedback, iter_feedback
from charter.guide import load_guide
from charter.store import RunStore

_KINDS = ("suite", "kto", "sft", "review")


def register(app: typer.Typer) -> None:
    @app.command("feedback")
    def feedback(
        action: str = typer.Argument("list", help="list or export."),
        as_: str = typer.Option("suite", "--as", help="export: suite, kto, sft or review."),
        output: Path | None = typer.Option(None, "-o", "--output", help="export: the file to write."),
        guide: Path | None = typer.Option(None, "--guide", "-g", help="export suite/review: the guide."),
        min_confidence: float = typer.Option(0.7, "--min-confidence", min=0.0, max=1.0),
        fmt: str = typer.Option("table", "--format", "-f", help="list: table or json."),
        store: Path | None = STORE_OPTION,
    ) -> int:
        """List stored feedback, or export it as a suite, KTO or SFT rows, or a review sheet."""
        if action not in ("list", "export"):
            raise ConfigError(f"unknown feedback action '{action}'", hint="use `charter feedback list` or `export`")
        with RunStore(store) as st:
            if action == "list":
                items = list(iter_feedback(st))
                if fmt == "json":
                    typer.echo(json.dumps([f.model_dump(mode="json") for f in items], indent=2, ensure_ascii=False))
                    return 0
                if not items:
                    typer.echo("no feedback yet (POST /v1/feedback to `charter serve`)", err=True)
                for f in items:
                    note = (f.comment or f.correction or "").replace("\n", " ")[:60]
                    typer.echo(f"{f.exchange_id}  {f.rating:<4}  {','.join(f.rule_ids) or '-':<30}  {note}")
                return 0
            if as_ not in _KINDS:
                raise ConfigError(f"--as '{as_}' is not one of: {', '.join(_KINDS)}", hint="e.g. --as kto")
            if output is None:
                raise ConfigError("`charter feedback export` needs -o FILE", hint="e.g. -o feedback.kto.jsonl")
            g = load_guide(guide) if guide is not None else None
            n = export_feedback(st, as_, output, guide=g, min_confidence=min_confidence)  # type: ignore[arg-type]
        typer.echo(f"{n} rows ({as_}) -> {output}", err=True)
        return 0
