"""The guard config: which scorer watches which rules, on input or output, with a threshold
and an action. YAML on disk (readable, editable, versioned with the guide's fingerprint),
a frozen pydantic model in memory; loading reports problems as ``file:line``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from charter.errors import ConfigError

__all__ = ["FORMAT", "Action", "GuardConfig", "GuardSpec", "GuideRef", "SettledBy", "Stage", "load_guard_config",
           "save_guard_config"]

FORMAT = "charter-guard/1"

Stage = Literal["input", "output", "both"]
InputRole = Literal["user", "tool", "system", "developer"]


def _user_only() -> list[InputRole]:
    return ["user"]


class Action(StrEnum):
    """What a triggered guard does."""

    allow = "allow"
    block = "block"
    redact = "redact"
    flag = "flag"


#: precedence when several guards trigger on one message
ACTION_ORDER = {Action.block: 3, Action.redact: 2, Action.flag: 1, Action.allow: 0}


#: scorers whose evidence spans say what to cut
_SPAN_SCORERS = frozenset({"pii", "secrets", "leakage", "injection", "blocklist"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GuideRef(_Frozen):
    """The guide a config was compiled from (a config for another fingerprint is stale)."""

    name: str
    version: str = ""
    fingerprint: str
    path: str | None = Field(default=None, description="The guide file, relative to this config.")


class SettledBy(_Frozen):
    """A cascade: another guard on the same messages runs first and settles what it is sure
    of; this guard runs only on a message whose score from that guard is in ``[low, high)``."""

    guard: str = Field(description="The id of the guard that runs first (e.g. input-classifier).")
    low: float = Field(default=0.0, ge=0.0, le=1.0, description="Below: settled as allowed, this guard is skipped.")
    high: float = Field(default=1.0, ge=0.0, le=1.0,
                        description="At or above: settled by that guard (give it threshold: high), this one skipped.")

    @model_validator(mode="after")
    def _ordered(self) -> SettledBy:
        if self.low > self.high:
            raise ValueError(f"settled_by: low ({self.low}) must not be above high ({self.high})")
        return self


class GuardSpec(_Frozen):
    """One guard: a registered scorer (``scorer``, built with ``options``) watching ``rules``
    on ``stage``; it triggers when its risk reaches ``threshold`` and then does ``action``."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    scorer: str = Field(min_length=1, description="Name in the scorer registry, e.g. pii, prompt_classifier.")
    stage: Stage
    rules: list[str] = Field(default_factory=list, description="Rule ids this guard enforces.")
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    action: Action = Action.block
    options: dict[str, Any] = Field(default_factory=dict)
    message: str | None = Field(default=None, description="Answer on block (default: the config's refusal).")
    roles: list[InputRole] = Field(default_factory=_user_only,
                                   description="On input: the roles of the new messages it reads.")
    enabled: bool = True
    settled_by: SettledBy | None = Field(default=None, description="Run only where another guard is unsure.")

    @model_validator(mode="after")
    def _redact_needs_spans(self) -> GuardSpec:
        if self.action == Action.redact and self.scorer not in _SPAN_SCORERS:
            raise ValueError(f"action 'redact' needs a scorer that marks spans ({', '.join(sorted(_SPAN_SCORERS))}), not '{self.scorer}'")
        return self


class GuardConfig(_Frozen):
    """Every guard of one deployment, plus how blocks are answered."""

    format: Literal["charter-guard/1"] = "charter-guard/1"
    guide: GuideRef
    refusal: str = Field(min_length=1, description="The answer to a blocked request.")
    canary: str | None = Field(default=None, description="Planted in the system prompt; never leaves the proxy.")
    stream_check_every: int = Field(default=16, ge=1, description="Output guards run every N streamed tokens.")
    redirects: dict[str, str] = Field(default_factory=dict, description="Rule id → what to offer instead on block.")
    guards: list[GuardSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> GuardConfig:
        seen: set[str] = set()
        for g in self.guards:
            if g.id in seen:
                raise ValueError(f"two guards share the id '{g.id}'")
            seen.add(g.id)
        stages = {g.id: g.stage for g in self.guards}
        for g in self.guards:
            ref = g.settled_by.guard if g.settled_by else None
            if ref is None:
                continue
            if ref == g.id or ref not in stages:
                raise ValueError(f"guard '{g.id}': settled_by names '{ref}', which is not another guard of this config")
            if ref in {h.id for h in self.guards if h.settled_by}:
                raise ValueError(f"guard '{g.id}': settled_by names '{ref}', which is itself settled by another guard")
            if stages[ref] != g.stage:
                raise ValueError(f"guard '{g.id}': settled_by names '{ref}', which runs on another stage "
                                 f"({stages[ref]}, not {g.stage})")
        return self

    def by_rule(self) -> dict[str, list[GuardSpec]]:
        """Rule id → the guards that watch it (the per-rule view)."""
        out: dict[str, list[GuardSpec]] = {}
        for g in self.guards:
            for r in g.rules:
                out.setdefault(r, []).append(g)
        return out

    def for_stage(self, stage: Literal["input", "output"]) -> list[GuardSpec]:
        return [g for g in self.guards if g.enabled and g.stage in (stage, "both")]


_HEADER = (
    "# Charter guard config: per guard, the scorer that watches some rules, on input, output or\n"
    "# both, its threshold (0..1) and action (allow | block | redact | flag). Edit freely;\n"
    "# `charter guard GUIDE` writes it again from the guide. guide.fingerprint versions it.\n"
)


def save_guard_config(config: GuardConfig, path: str | Path) -> None:
    """Write ``config`` as commented YAML."""
    data = config.model_dump(mode="json", exclude_none=True)
    text = _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write {p}: {e.strerror or e}", hint="check the path and its permissions") from None


def _positions(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value
            out[(*path, key)] = k.start_mark.line + 1
            _positions(v, (*path, key), out)
            out[(*path, key)] = k.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _positions(v, (*path, i), out)


def _line_of(loc: tuple[Any, ...], pos: dict[tuple[Any, ...], int]) -> int:
    path = tuple(loc)
    while path and path not in pos:
        path = path[:-1]
    return pos.get(path, 1)


def load_guard_config(path: str | Path) -> GuardConfig:
    """Read a guard config; a problem raises ConfigError naming ``file:line`` and the field."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read guard config {p}: {e.strerror or e}",
                          hint="write one with `charter guard GUIDE -o guard.yaml`") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else 1
        raise ConfigError(f"{p}:{line}: invalid YAML: {e.problem}", hint="fix the YAML syntax") from None
    if not isinstance(data, dict) or node is None:
        raise ConfigError(f"{p}:1: a guard config is a mapping with 'guide' and 'guards'",
                          hint="write one with `charter guard GUIDE -o guard.yaml`")
    pos: dict[tuple[Any, ...], int] = {}
    _positions(node, (), pos)
    try:
        return GuardConfig.model_validate(data)
    except ValidationError as e:
        lines = []
        for err in e.errors():
            loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
            where = ".".join(str(x) for x in loc) or "(top level)"
            lines.append(f"{p}:{_line_of(loc, pos)}: {where}: {err['msg']}")
        raise ConfigError("invalid guard config:\n" + "\n".join(lines),
                          hint="compare with `charter guard GUIDE` output; actions are allow, block, redact, flag; "
                               "stages are input, output, both") from None
