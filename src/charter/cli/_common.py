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


def _check_concurrency(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 4096:
        raise typer.BadParameter(f"--concurrency {value} is out of range: it must be an integer from 1 to 4096")
    return value


def concurrency_option(default: int | None, help: str = "Requests in flight at once.") -> Any:
    """``--concurrency``, range-checked by the parser (exit 2 with the range), for every verb."""
    return typer.Option(default, "--concurrency", callback=_check_concurrency, help=help)


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


# -- option validation at the edge ---------------------------------------------------------
def allowed_range(field: Any) -> str:
    """'an integer from 1 to 4096', 'a number > 0', ... from a pydantic field's bounds."""
    lo = hi = None
    lo_open = hi_open = False
    for m in field.metadata:
        for attr, is_lo, is_open in (("ge", True, False), ("gt", True, True), ("le", False, False), ("lt", False, True)):
            v = getattr(m, attr, None)
            if v is not None:
                if is_lo:
                    lo, lo_open = v, is_open
                else:
                    hi, hi_open = v, is_open
    kind = "an integer" if field.annotation in (int, int | None) else "a number"
    if lo is not None and hi is not None and not lo_open and not hi_open:
        return f"{kind} from {lo:g} to {hi:g}"
    parts = []
    if lo is not None:
        parts.append(f"{'>' if lo_open else '≥'} {lo:g}")
    if hi is not None:
        parts.append(f"{'<' if hi_open else '≤'} {hi:g}")
    return f"{kind} {' and '.join(parts)}" if parts else kind


def build_config(cls: type[Any], flags: dict[str, str], **values: Any) -> Any:
    """``cls(**values)`` (a pydantic config), with an out-of-range value reported as a
    ConfigError (exit 2) that names the flag and its allowed range instead of a traceback.
    ``flags`` maps field names to the CLI flags that set them."""
    from pydantic import ValidationError

    try:
        return cls(**values)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        flag = flags.get(name, f"--{name.replace('_', '-')}")
        field = cls.model_fields.get(name)
        allowed = allowed_range(field) if field is not None else err["msg"]
        raise ConfigError(f"{flag} {values.get(name)!r} is out of range: it must be {allowed}",
                          hint=f"pass {flag} with a value that is {allowed}") from None


def check_rate(value: float | None, flag: str) -> float | None:
    """A rate option (0-1); ConfigError naming the flag when out of range."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise ConfigError(f"{flag} {value:g} is out of range: it must be a number from 0 to 1",
                          hint=f"e.g. {flag} 0.05 for 5%")
    return value


#: CLI flags of the RunnerConfig / GenerateConfig fields, for error messages
RUN_FLAGS = {"concurrency": "--concurrency", "max_cost": "--max-cost", "max_tokens": "--max-tokens",
             "epochs": "--epochs", "timeout": "--timeout", "max_retries": "--max-retries"}
GENERATE_FLAGS = {"max_tokens": "--max-response-tokens", "temperature": "--temperature"}


def check_count(value: int | None, flag: str) -> int | None:
    """A count option (≥ 0); ConfigError naming the flag when negative."""
    if value is not None and value < 0:
        raise ConfigError(f"{flag} {value} is out of range: it must be an integer ≥ 0", hint=f"e.g. {flag} 20")
    return value


def rate_cell(rate: float | int | None, n: float | int | None) -> str:
    """A rate for a CLI table: "42% (n=38)", "too few cases (n=3)" or "—"."""
    from charter.evaluate import Rate

    if rate is None or not n:
        return "—"
    r = Rate.of(round(float(rate) * int(n)), int(n))
    return f"{rate:.0%} (n={int(n)})" if r.conclusive else f"too few cases (n={int(n)})"


# ---- options every verb spells the same way (one definition, one meaning) -------------

JUDGE_OPTION = typer.Option(
    None, "--judge", "-j", envvar="CHARTER_JUDGE",
    help="LLM judge, provider/model, or a reward model, rm/<dir> from `charter train reward`; "
         "'none' (or leave it out) for checks and classifiers only.",
)
CONCURRENCY_OPTION = concurrency_option(None, "Requests in flight at once (default: the provider's).")
NO_JUDGE = ("", "none", "off")


def judge_name(value: str | None) -> str | None:
    """The judge model named by ``--judge``, or None for 'none' / nothing."""
    if value is None or value.strip().lower() in NO_JUDGE:
        return None
    return value.strip()


def make_judge(name: str | None, options: list[str] | None = None) -> Any:
    """What ``--judge`` names: None, a reward model's judge scorer for ``rm/<dir>`` (exit 2 when
    the folder holds none, 3 without the train extra), else a judge :class:`charter.model.Model`
    (close it with :func:`close_judge`)."""
    judge = judge_name(name)
    if judge is None:  # before the imports: the judges' modules are not needed
        return None
    from charter.evaluate import REWARD_PREFIX, create_scorer
    from charter.model import ModelRole, get_model

    if judge.startswith(REWARD_PREFIX):
        if options:
            raise ConfigError("--judge-option applies to judge models, not to a reward model (rm/)",
                              hint="drop --judge-option")
        return create_scorer("reward", path=judge[len(REWARD_PREFIX):])
    return get_model(judge, role=ModelRole.judge, **parse_options(options or [], flag="--judge-option"))


async def close_judge(judge: Any) -> None:
    """Close a judge model made by :func:`make_judge` (a reward-model judge needs nothing)."""
    from charter.model import Model

    if isinstance(judge, Model):
        await judge.aclose()
