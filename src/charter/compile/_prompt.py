"""Guide → system prompt.

The prompt is rendered from ``templates/prompt.md.j2`` and is deterministic: the same guide
and options always give the same text, byte for byte. Rules appear grouped by authority
(platform, developer, user, guideline) and, inside a group, by severity (critical first),
then the guide's own rules before rules included from Charter's library, then in guide order; defaults and edge cases follow in their own sections.

Under a token ``budget`` the compiler keeps the highest-priority content: it first condenses
the lowest-priority rules (drops their boundary and examples, ``full`` variant only), then
drops whole rules, lowest authority and severity first (library rules before the guide's
own at equal severity), and reports each dropped rule with its reason. Token counts are estimates (:func:`estimate_tokens`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.compile._prompt_view import _Item, render_prompt, rule_items
from charter.errors import ConfigError
from charter.guide import AuthorityLevel, Guide, Rule, Severity

__all__ = [
    "CANARY_PREFIX",
    "CompiledPrompt",
    "DroppedRule",
    "Variant",
    "compile_prompt",
    "estimate_tokens",
    "make_canary",
]

Variant = Literal["full", "compact"]
VARIANTS: tuple[str, ...] = ("full", "compact")
CANARY_PREFIX = "CHARTER-CANARY-"


class DroppedRule(BaseModel):
    """A rule left out of a prompt because it did not fit in the token budget."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    authority: AuthorityLevel
    severity: Severity
    reason: str


class CompiledPrompt(BaseModel):
    """A compiled system prompt and what went into it."""

    model_config = ConfigDict(frozen=True)

    text: str
    variant: Variant
    rule_ids: list[str] = Field(description="Ids of the rules in the prompt, in prompt order.")
    dropped: list[DroppedRule] = Field(default_factory=list, description="Rules left out under the budget.")
    condensed: list[str] = Field(
        default_factory=list, description="Rules kept without boundary and examples under the budget."
    )
    tokens: int = Field(description="Estimated tokens of `text` (see estimate_tokens).")
    budget: int | None = None
    canary: str | None = None
    annotated: bool = False

    @property
    def critical_dropped(self) -> list[str]:
        """Critical rules the budget left out (worth a warning)."""
        return [d.rule_id for d in self.dropped if d.severity == Severity.critical]
    guide: str = Field(default="", description="Name and version of the guide.")
    fingerprint: str = Field(default="", description="Fingerprint of the guide it was compiled from.")


def estimate_tokens(text: str) -> int:
    """Estimated token count: ``ceil(len(text) / 4)``.

    Deterministic and dependency-free. Four characters per token is the usual average for
    English with BPE tokenizers (GPT-4 / Llama 3 families); code and non-Latin scripts run
    higher, so leave headroom when a real context limit matters.
    """
    return math.ceil(len(text) / 4)


def make_canary(seed: int | str) -> str:
    """A canary string for leak detection: ``CHARTER-CANARY-`` + 12 hex digits from ``seed``.

    The same seed always gives the same canary.
    """
    digest = hashlib.sha256(f"charter-canary:{seed}".encode()).hexdigest()
    return CANARY_PREFIX + digest[:12]


# ------------------------------------------------------------------------- compile


def compile_prompt(
    guide: Guide,
    *,
    variant: Variant = "full",
    budget: int | None = None,
    annotate: bool = False,
    canary: str | None = None,
) -> CompiledPrompt:
    """Compile ``guide`` into a system prompt.

    ``variant``: ``"full"`` (rules with boundaries and one allowed/disallowed example each,
    audience and use cases in detail) or ``"compact"`` (rule texts only). ``budget``: the
    most tokens the prompt may take (estimated with :func:`estimate_tokens`); the
    lowest-priority rules are condensed, then dropped, and listed in ``condensed`` /
    ``dropped``. ``annotate``: mark each rule with ``<!-- rule: <id> -->``. ``canary``: a
    string planted in a confidentiality line, for system-prompt leak detection (see
    :func:`make_canary`).

    Raises :class:`~charter.errors.ConfigError` for an unknown variant, a budget below 1,
    or a budget too small for the prompt even without any rule.
    """
    if variant not in VARIANTS:
        raise ConfigError(f"unknown prompt variant '{variant}'", hint="use 'full' or 'compact'")
    if budget is not None and budget < 1:
        raise ConfigError(f"prompt budget must be a positive number of tokens, got {budget}")
    if canary is not None and not canary.strip():
        raise ConfigError("the canary string is empty", hint="pass a non-empty string, e.g. make_canary(0)")
    items = rule_items(guide)
    detailed_all = {it.rule.id for it in items} if variant == "full" else set()

    def render(kept: Sequence[_Item], detailed: set[str]) -> str:
        return render_prompt(guide, kept, variant=variant, detailed_ids=detailed, annotate=annotate, canary=canary)

    text = render(items, detailed_all)
    condensed: list[str] = []
    dropped: list[DroppedRule] = []
    if budget is not None and estimate_tokens(text) > budget:
        text, condensed, gone = _fit(items, detailed_all, render, budget)
        dropped = [
            DroppedRule(
                rule_id=it.rule.id,
                authority=it.rule.authority,
                severity=it.rule.severity,
                reason=(
                    f"did not fit in the {budget}-token budget; lowest priority "
                    f"(authority {it.rule.authority.value}, severity {it.rule.severity.value})"
                ),
            )
            for it in gone
        ]
    kept_ids = {it.rule.id for it in items} - {d.rule_id for d in dropped}
    ordered = _prompt_order(items)
    return CompiledPrompt(
        text=text,
        variant=variant,
        rule_ids=[it.rule.id for it in ordered if it.rule.id in kept_ids],
        dropped=dropped,
        condensed=condensed,
        tokens=estimate_tokens(text),
        budget=budget,
        canary=canary,
        annotated=annotate,
        guide=f"{guide.meta.name} {guide.meta.version}",
        fingerprint=guide.fingerprint(),
    )


def _fit(
    items: list[_Item], detailed_all: set[str], render: Callable[[Sequence[_Item], set[str]], str], budget: int
) -> tuple[str, list[str], list[_Item]]:
    """Fit the prompt in ``budget``: condense, then drop, the lowest-priority rules.

    Returns the text, the ids of condensed rules and the dropped items, lowest priority first.
    Both steps take the smallest number of rules that makes the prompt fit.
    """
    by_priority = sorted(items, key=lambda it: it.priority)
    n = len(by_priority)

    def lowest(k: int) -> list[_Item]:
        return list(reversed(by_priority[n - k:])) if k else []

    def ids(its: Sequence[_Item]) -> set[str]:
        return {it.rule.id for it in its}

    if detailed_all:  # full variant: first drop boundaries and examples
        k = _smallest_fitting(n, lambda k: render(items, detailed_all - ids(lowest(k))), budget)
        if k is not None:
            condensed = [it.rule.id for it in lowest(k) if _has_detail(it.rule)]
            return render(items, detailed_all - ids(lowest(k))), condensed, []

    def kept(k: int) -> list[_Item]:
        gone = ids(lowest(k))
        return [it for it in items if it.rule.id not in gone]

    k = _smallest_fitting(n, lambda k: render(kept(k), set()), budget)
    if k is None:
        floor = estimate_tokens(render([], set()))
        raise ConfigError(
            f"a budget of {budget} tokens is too small: the prompt needs {floor} tokens before any rule is added",
            hint=f"raise the budget above {floor} tokens, or shorten the guide's behavior and disclosure sections",
        )
    gone = lowest(k)
    condensed = [it.rule.id for it in reversed(by_priority) if it not in gone and _has_detail(it.rule)] if detailed_all else []
    return render(kept(k), set()), condensed, gone


def _has_detail(rule: Rule) -> bool:
    return bool(rule.boundary.allowed or rule.boundary.disallowed or rule.examples)


def _smallest_fitting(n: int, render_k: Callable[[int], str], budget: int) -> int | None:
    """Smallest k in 0..n whose rendering fits ``budget`` (length falls as k grows), or None."""
    if estimate_tokens(render_k(n)) > budget:
        return None
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if estimate_tokens(render_k(mid)) <= budget:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _prompt_order(items: Sequence[_Item]) -> list[_Item]:
    """Items in the order the template prints them."""
    ordered = sorted(items, key=lambda it: it.priority)
    policy = [it for level in AuthorityLevel for it in ordered if it.section == "policy" and it.rule.authority == level]
    return policy + [it for it in ordered if it.section == "default"] + [it for it in ordered if it.section == "edge"]
