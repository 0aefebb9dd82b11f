"""One expected outcome per prompt: normalise, deduplicate and resolve label conflicts.

Two cases *ask the same thing* when their conversations match after normalisation (case,
whitespace, trailing punctuation). Within a suite the very same prompt is kept once (a
casing variant stays: it tests something). When such cases expect different behaviors the
guide decides: a case taken from the guide's own example for
its rule beats one built from a template; then a rule of the guide itself beats one of the
built-in library; then the more specific rule (scoped to use cases) beats a general one;
then the higher label confidence wins. When the best candidates still disagree the prompt
is dropped and counted, never kept with two answers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from charter.guide import Guide, library_rule_ids
from charter.suite import Case

__all__ = ["DedupeStats", "dedupe_cases", "drop_broken_pairs", "prompt_key"]

_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s.!?…。！？]+$")


def prompt_key(case: Case, *, fold: bool = True) -> str:
    """The normalised conversation of ``case``: what "the same prompt" means in a suite
    (Unicode NFKC, whitespace collapsed, trailing punctuation dropped and, with ``fold``,
    letter case folded)."""
    parts = []
    for m in case.messages:
        text = unicodedata.normalize("NFKC", m.content)
        text = _TRAIL.sub("", _SPACE.sub(" ", text.casefold() if fold else text).strip())
        parts.append(f"{m.role}\x1f{text}")
    return "\x1e".join(parts)


def _exact_once(cases: Sequence[Case], idx: list[int], keep: set[int]) -> int:
    """Keep one of each exact (unfolded) prompt among ``idx`` (the most confident source, then
    the first); the number removed."""
    seen: set[str] = set()
    for i in sorted(idx, key=lambda j: (-(cases[j].provenance.confidence or 0.0), j)):
        k = prompt_key(cases[i], fold=False)
        if k not in seen:
            seen.add(k)
            keep.add(i)
    return len(idx) - len(seen)


@dataclass
class DedupeStats:
    """What deduplication did: repeated prompts removed, conflicts resolved or dropped."""

    duplicates: int = 0
    conflicts_resolved: int = 0
    conflicts_dropped: int = 0
    unpaired: int = 0
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"duplicates": self.duplicates, "conflicts_resolved": self.conflicts_resolved,
                "conflicts_dropped": self.conflicts_dropped, "unpaired": self.unpaired,
                "conflict_examples": self.examples}


def _is_own_example(case: Case) -> bool:
    src = case.provenance.source or ""
    return src.startswith("example:") and any(src.startswith(f"example:{r}[") for r in case.rule_ids)


def _rank(case: Case, guide: Guide, library: frozenset[str]) -> tuple[int, int, int, float]:
    """Higher is stronger evidence for the case's label."""
    own_example = int(_is_own_example(case))
    own_rule = int(bool(case.rule_ids) and not any(r in library for r in case.rule_ids))
    specific = 0
    for rid in case.rule_ids:
        try:
            specific = max(specific, int(bool(guide.rule(rid).use_cases)))
        except KeyError:
            continue
    return own_example, own_rule, specific, case.provenance.confidence or 0.0


def dedupe_cases(cases: Sequence[Case], guide: Guide) -> tuple[list[Case], DedupeStats]:
    """``cases`` with one case per prompt, in first-seen order (see module docs)."""
    library = library_rule_ids()
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        groups.setdefault(prompt_key(c), []).append(i)
    stats = DedupeStats()
    keep: set[int] = set()
    for idx in groups.values():
        if len(idx) == 1:
            keep.add(idx[0])
            continue
        outcomes = {cases[i].expected for i in idx}
        if len(outcomes) == 1:
            # a casing variant is a test of its own; only the very same prompt is a repeat
            stats.duplicates += _exact_once(cases, idx, keep)
            continue
        ranks = {i: _rank(cases[i], guide, library) for i in idx}
        best = max(ranks.values())
        top = [i for i in idx if ranks[i] == best]
        label = f"{cases[idx[0]].messages[-1].content[:60]!r}: " + ", ".join(
            sorted({f"{cases[i].rule_ids[0] if cases[i].rule_ids else '-'}→{cases[i].expected.value}" for i in idx}))
        if len({cases[i].expected for i in top}) == 1:
            winner = cases[top[0]].expected
            stats.conflicts_resolved += 1
            stats.duplicates += _exact_once(cases, [i for i in idx if cases[i].expected == winner], keep)
            if len(stats.examples) < 10:
                stats.examples.append(f"kept {cases[top[0]].expected.value}: {label}")
        else:
            stats.conflicts_dropped += 1
            if len(stats.examples) < 10:
                stats.examples.append(f"dropped: {label}")
    kept, stats.unpaired = drop_broken_pairs([c for i, c in enumerate(cases) if i in keep])
    return kept, stats


def drop_broken_pairs(cases: Sequence[Case]) -> tuple[list[Case], int]:
    """Cases without the half-pairs left when a pair's other case was removed (a violating
    case without its look-alike measures nothing the pair promised); and how many went."""
    roles: dict[str, set[str]] = {}
    for c in cases:
        pair = c.metadata.get("pair")
        if isinstance(pair, str):
            roles.setdefault(pair, set()).add(str(c.metadata.get("pair_role")))
    broken = {p for p, r in roles.items() if len(r) < 2}
    kept = [c for c in cases if c.metadata.get("pair") not in broken]
    return kept, len(cases) - len(kept)
