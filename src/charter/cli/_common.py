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


def rate_cell(rate: float | int | None, n: float | int | None) -> str:
    """A rate for a CLI table: "42% (n=38)", "too few cases (n=3)" or "—"."""
    from charter.evaluate import Rate

    if rate is None or not n:
        return "—"
    r = Rate.of(round(float(rate) * int(n)), int(n))
    return f"{rate:.0%} (n={int(n)})" if r.conclusive else f"too few cases (n={int(n)})"
