"""Shared bits of the technique operators."""

from __future__ import annotations

from charter.suite import Intent

#: intents a technique is applied to (edge behaviors like clarify are left alone)
ATTACKABLE = frozenset({Intent.violating, Intent.benign_lookalike, Intent.borderline, Intent.benign})
