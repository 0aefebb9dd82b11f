"""Splits stratified by rule and grouped by ``group``: paraphrases of one seed never straddle.

Rows are gathered into groups (``group_by``; a row without a group is its own group). Each
group gets one stratum (its most common ``stratify_by`` value). Within each stratum, groups
are shuffled with ``seed`` and each goes to the split that is furthest below its target
share, so every rule is spread across splits in the asked ratios as far as whole groups allow.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from charter.errors import ConfigError

__all__ = ["parse_ratios", "split"]

T = TypeVar("T")


def parse_ratios(spec: str) -> dict[str, float]:
    """``"train=0.8,dev=0.1,test=0.1"`` → ``{"train": 0.8, ...}`` (must sum to 1)."""
    out: dict[str, float] = {}
    for part in spec.split(","):
        name, sep, value = part.strip().partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise ConfigError(f"--split '{spec}': '{part}' is not NAME=FRACTION",
                              hint="e.g. --split train=0.8,dev=0.1,test=0.1")
    _check(out)
    return out


def _check(ratios: Mapping[str, float]) -> None:
    if not ratios:
        raise ConfigError("no splits given", hint="e.g. --split train=0.8,dev=0.1,test=0.1")
    if any(v < 0 for v in ratios.values()) or abs(sum(ratios.values()) - 1.0) > 1e-6:
        raise ConfigError(f"split fractions {dict(ratios)} must be ≥ 0 and sum to 1",
                          hint="e.g. --split train=0.8,dev=0.1,test=0.1")


def _get(row: Any, key: str) -> str:
    if hasattr(row, "attr") and key != "group":
        return str(row.attr(key))
    if key == "group" and hasattr(row, "group"):
        return str(row.group)
    if key == "rule":
        ids = getattr(row, "rule_ids", None)
        if ids is None and isinstance(row, dict):
            ids = row.get("rule_ids")
        return str(ids[0]) if ids else ""
    if isinstance(row, dict):
        return str(row.get(key) or "")
    v = getattr(row, key, None)
    return "" if v is None else str(getattr(v, "value", v))


def split(rows: Sequence[T], ratios: Mapping[str, float], *, seed: int = 0, stratify_by: str | None = "rule",
          group_by: str | None = "group") -> dict[str, list[T]]:
    """Assign every row to exactly one split; all rows of a group land in the same split."""
    _check(ratios)
    names = list(ratios)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        g = _get(r, group_by) if group_by else ""
        groups[g or f"\x00row{i}"].append(i)
    strata: dict[str, list[str]] = defaultdict(list)
    for g, idx in groups.items():
        key = Counter(_get(rows[i], stratify_by) for i in idx).most_common(1)[0][0] if stratify_by else ""
        strata[key].append(g)
    rng = random.Random(seed)
    out: dict[str, list[int]] = {n: [] for n in names}
    for key in sorted(strata):
        gs = sorted(strata[key])
        rng.shuffle(gs)
        got = dict.fromkeys(names, 0)
        total = 0
        for g in gs:
            size = len(groups[g])
            total += size
            target = max(names, key=lambda n: (ratios[n] * total - got[n], ratios[n]))
            got[target] += size
            out[target].extend(groups[g])
    return {n: [rows[i] for i in sorted(idx)] for n, idx in out.items()}
