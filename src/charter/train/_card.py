"""The Hugging Face model card (README.md with YAML front matter) of a trained model."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import yaml

from charter.train._data import TrainingData

__all__ = ["render_card"]


def render_card(*, kind: str, base: dict[str, Any], data: TrainingData, settings: dict[str, Any],
                guide: dict[str, Any] | None, losses: list[tuple[int, float]],
                extra: dict[str, Any] | None = None) -> str:
    """README.md text: front matter with everything recorded, then a readable summary.
    ``extra`` joins the ``charter:`` block (KTO label counts, the reward model's held-out
    evaluation) and gets its own section."""
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
    charter.update(extra or {})
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
    if extra and "labels" in extra:
        lines += _kto_lines(extra)
    if extra and "reward_eval" in extra:
        lines += _reward_lines(extra["reward_eval"])
    if kind == "reward":
        lines += ["", "## Use", "", "Judge responses with it: `charter eval GUIDE --suite S --target M --judge rm/<this folder>`; "
                  "rank preference candidates with it: `charter data prefs ... --ranker rm/<this folder>`.", ""]
    else:
        lines += ["", "## Use", "", "Evaluate it against the guide with `--target hf/<this folder>`.", ""]
    return "\n".join(lines)


def rate_text(r: dict[str, Any], unit: str = "pairs") -> str:
    """``83% [55%, 95%] (n=12)``, or ``too few pairs (n=3)`` under five."""
    if not r.get("n"):
        return f"no {unit} (n=0)"
    if r.get("note") or r["n"] < 5:
        return f"too few {unit} (n={r['n']})"
    return f"{r['rate']:.0%} [{r['low']:.0%}, {r['high']:.0%}] (n={r['n']})"


def _kto_lines(extra: dict[str, Any]) -> list[str]:
    labels = extra["labels"]
    lines = ["", "## KTO labels", "",
             f"{labels['desirable']} desirable and {labels['undesirable']} undesirable completions.", "",
             "| rule | desirable | undesirable |", "|---|---|---|"]
    lines += [f"| {rid} | {c['desirable']} | {c['undesirable']} |" for rid, c in extra["labels_by_rule"].items()]
    return lines


def _reward_lines(ev: dict[str, Any]) -> list[str]:
    t = ev["threshold"]
    sp = ev["split"]
    lines = ["", "## Reward model evaluation", "",
             f"Pairs split by prompt group (a prompt is never on both sides): {sp['train_pairs']} to train, "
             f"{sp['held_out_pairs']} held out (--eval-fraction {sp['eval_fraction']}, seed {sp['seed']}).", "",
             f"Accuracy of chosen over rejected on the {ev['pairs']} {ev['source']} pairs: "
             f"**{rate_text(ev['accuracy'])}** (Wilson 95% interval).", "",
             f"Judge threshold (`--judge rm/<this folder>`): reward ≥ {t['value']:.4f} passes; the midpoint that "
             f"best separates chosen from rejected responses of the {t['pairs']} {t['source']} pairs "
             f"({t['separation']:.0%} of those responses on the right side).", "",
             "| rule | accuracy (chosen over rejected) |", "|---|---|"]
    lines += [f"| {rid} | {rate_text(r)} |" for rid, r in ev["by_rule"].items()]
    if ev["source"] != "held-out":
        lines += ["", "No pair was held out (--eval-fraction 0): these figures are on the training pairs "
                  "and say little about new prompts."]
    return lines
