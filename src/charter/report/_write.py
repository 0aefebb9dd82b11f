"""Write a report's files: report.html, report.md, report.json (and card.md with a guide)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from charter.report._card import render_card
from charter.report._data import RunReport
from charter.report._guards import GuardEvalResults
from charter.report._html import build_view, markdown_of_view, write_html

if TYPE_CHECKING:
    from charter.report._redteam import RedteamResults
    from charter.report._training import TrainingCard

__all__ = ["write_report"]


def write_report(rep: RunReport, out_dir: str | Path, others: Sequence[RunReport] = (),
                 guard_eval: GuardEvalResults | None = None, redteam: RedteamResults | None = None,
                 training: Sequence[TrainingCard] = ()) -> dict[str, Path]:
    """Write ``report.html``, ``report.md``, ``report.json`` (and ``card.md`` when the guide is
    known, with a "Runtime guards" section when ``guard_eval`` is given) into ``out_dir``;
    ``redteam`` adds a red-team section to the HTML, the Markdown, the JSON and the card;
    ``training`` (read with :func:`read_training`) the card's training sections.
    Returns the paths by kind."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"html": out / "report.html", "markdown": out / "report.md", "json": out / "report.json"}
    view = build_view(rep, others)  # built once for both pages
    with paths["html"].open("w", encoding="utf-8") as f:
        write_html(rep, view, f, redteam)
    paths["markdown"].write_text(markdown_of_view(rep, view, redteam), encoding="utf-8")
    payload = rep.to_json()
    payload["compared_with"] = [o.to_json() for o in others]
    if redteam is not None:
        payload["redteam"] = redteam.model_dump(mode="json", exclude={"results"})
    paths["json"].write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    if rep.guide is not None:
        paths["card"] = out / "card.md"
        paths["card"].write_text(render_card(rep.guide, [rep, *others], guard_eval, redteam, training), encoding="utf-8")
    return paths
