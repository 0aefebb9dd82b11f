"""Options and helpers shared by several verbs (store path, model options, output)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from charter.errors import ConfigError

STORE_OPTION = typer.Option(
    None, "--store", envvar="CHARTER_STORE",
    help="Run store (SQLite). Default: $CHARTER_HOME/runs.db (~/.charter/runs.db).",
)


def charter_home() -> Path:
    return Path(os.environ.get("CHARTER_HOME") or Path.home() / ".charter")


def parse_options(pairs: list[str] | None, *, flag: str = "--option") -> dict[str, Any]:
    """``["base_url=http://x", "parallel=4"]`` → dict; numbers and booleans are converted."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(f"{flag} '{pair}' is not key=value", hint=f"e.g. {flag} base_url=http://127.0.0.1:8000/v1")
        out[key.strip()] = _coerce(value.strip())
    return out


def _coerce(v: str) -> Any:
    if v.lower() in ("true", "false"):
        return v.lower() == "true"
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


def parse_rule_limits(pairs: list[str] | None, flag: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for pair in pairs or []:
        rid, sep, value = pair.rpartition("=")
        try:
            out[rid] = float(value)
        except ValueError:
            rid = ""
        if not sep or not rid or not 0 <= out.get(rid, -1) <= 1:
            raise ConfigError(f"{flag} '{pair}' must be RULE_ID=RATE with RATE in [0, 1]",
                              hint=f"e.g. {flag} privacy.no-pii=0.05")
    return out


# ---- options every verb spells the same way (one definition, one meaning) -------------

JUDGE_OPTION = typer.Option(
    None, "--judge", "-j", envvar="CHARTER_JUDGE",
    help="LLM judge, provider/model; 'none' (or leave it out) for checks and classifiers only.",
)
CONCURRENCY_OPTION = typer.Option(
    None, "--concurrency", help="Requests in flight at once (default: the provider's).",
)
NO_JUDGE = ("", "none", "off")


def judge_name(value: str | None) -> str | None:
    """The judge model named by ``--judge``, or None for 'none' / nothing."""
    if value is None or value.strip().lower() in NO_JUDGE:
        return None
    return value.strip()
