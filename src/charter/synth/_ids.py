"""Stable, readable case ids: ``rule/intent/technique[+variation][@lang]/hash``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from charter.suite import Case

__all__ = ["case_id", "slug", "uniquify"]


def slug(text: str, max_len: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:max_len].rstrip("-") or "x"


def _head(case: Case) -> str:
    if case.rule_ids:
        return case.rule_ids[0]
    if case.use_case:
        return f"use-case.{case.use_case}"
    return "general"


def case_id(case: Case, *, base_language: str = "en", hash_len: int = 4) -> str:
    """The readable id of ``case``, e.g. ``privacy.no-third-party-data/violating/roleplay/3f2a``.

    The hash covers the messages and the expected behavior, so the same input planned the
    same way always gets the same id."""
    how = case.technique
    if case.variation != "none":
        how += f"+{case.variation}"
    if case.language != base_language:
        how += f"@{case.language}"
    h = hashlib.sha256(f"{case.content_hash()}|{case.expected.value}|{case.intent.value}".encode()).hexdigest()
    return f"{_head(case)}/{case.intent.value}/{how}/{h[:hash_len]}"


def uniquify(cases: Iterable[Case]) -> list[Case]:
    """Give every case a distinct id, in order: a clash gets a longer hash, then a counter."""
    out: list[Case] = []
    seen: set[str] = set()
    for c in cases:
        cid = c.id
        if cid in seen:
            prefix, _, h = cid.rpartition("/")
            longer = hashlib.sha256(f"{cid}|{c.content_hash()}|{len(out)}".encode()).hexdigest()[:8]
            cid = f"{prefix}/{h}{longer[len(h):]}" if len(h) < 8 else f"{prefix}/{h}"
            n = 2
            base = cid
            while cid in seen:
                cid = f"{base}-{n}"
                n += 1
            c = c.model_copy(update={"id": cid})
        seen.add(cid)
        out.append(c)
    return out
