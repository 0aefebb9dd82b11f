"""The Hugging Face model card (README.md with YAML front matter) of a trained model."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import yaml

from charter.train._data import TrainingData

__all__ = ["render_card"]


def render_card(*, kind: str, base: dict[str, Any], data: TrainingData, settings: dict[str, Any],
                guide: dict[str, Any] | None, losses: list[tuple[int, float]]) -> str:
    """README.md text: front matter with everything recorded, then a readable summary."""
    coverage = data.rule_coverage()
    charter: dict[str, Any] = {
        "guide": guide,
        "method": kind,
        "base_model": base,
        "data": [asdict(f) for f in data.files],
        "firewall": {"against": data.against, "dropped": len(data.dropped),
                     "dropped_rows": [asdict(d) for d in data.dropped]},
        "rows": len(data.rows),
        "rule_coverage": coverage,
        "rows_without_rule_ids": data.rows_without_rules,
        "training": settings,
        "loss": {"first": losses[0][1] if losses else None, "last": losses[-1][1] if losses else None,
                 "steps_logged": len(losses)},
    }
    front: dict[str, Any] = {
        "library_name": "transformers",
        "pipeline_tag": "text-generation",
        "tags": ["charter", "trl", kind, "behavior-guide"],
        "charter": charter,
    }
    if base.get("name", "").startswith("hf/"):
        front["base_model"] = base["name"][3:]
    g = guide or {}
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip(), "---", "",
             f"# {kind.upper()} of {base.get('name')}", "",
             f"Trained by Charter (`charter train {kind}`) with TRL on data built from the behavior guide "
             f"**{g.get('name') or 'not given'}** (sha256 `{g.get('sha256') or 'unknown'}`).", "",
             "## Data", ""]
    for f in data.files:
        lines.append(f"- `{f.path}`: {f.rows} rows, sha256 `{f.sha256}`")
    if data.against:
        lines.append(f"- contamination firewall against {', '.join(f'`{a}`' for a in data.against)}: "
                     f"{len(data.dropped)} rows refused")
    lines += [f"- trained on {len(data.rows)} rows", "", "## Rule coverage", "",
              "| rule | rows |", "|---|---|"]
    lines += [f"| {rid} | {n} |" for rid, n in coverage.items()] or ["| (none recorded) | 0 |"]
    lines += ["", "## Training", ""]
    lines += [f"- {k}: {v}" for k, v in settings.items()]
    if losses:
        lines += [f"- loss: {losses[0][1]:.4f} (step {losses[0][0]}) → {losses[-1][1]:.4f} (step {losses[-1][0]})"]
    lines += ["", "## Use", "", "Evaluate it against the guide with `--target hf/<this folder>`.", ""]
    return "\n".join(lines)
