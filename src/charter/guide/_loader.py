"""YAML → :class:`Guide`, with ``file:line:col`` problems a person can act on.

Loading runs in stages, each collecting every problem it can before giving up:

1. read and parse each file (``_yaml``), following ``include:`` (relative paths and the
   built-in library ``charter:...``), refusing cycles;
2. merge fragments into the root (lists append; only the root sets meta/audience/behavior/...),
   then apply ``overrides:`` to included rules;
3. validate with pydantic, turning each error into a Problem at the offending line;
4. cross-check references: duplicate ids (both places), unknown use cases and hazards.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from charter.errors import GuideError, Problem
from charter.guide._schema import Guide
from charter.guide._yaml import Located, Path_, format_path, parse_located, read_text

__all__ = ["LIBRARY_PREFIX", "library_fragments", "load_guide", "load_guide_text"]

LIBRARY_PREFIX = "charter:"
LIST_SECTIONS = ("hazards", "policies", "defaults", "edge_cases")
FRAGMENT_KEYS = {*LIST_SECTIONS, "include", "overrides"}
ROOT_ONLY = {"meta", "audience", "behavior", "authority", "disclosure"}
MAX_INCLUDE_DEPTH = 16


def library_fragments() -> list[str]:
    """Names of the built-in guide fragments, as used in ``include:``."""
    root = resources.files("charter.guide") / "library"
    out: list[str] = []
    for d in sorted(root.iterdir(), key=lambda p: p.name):
        if d.is_dir():
            for f in sorted(d.iterdir(), key=lambda p: p.name):
                if f.name.endswith(".yaml"):
                    out.append(f"{LIBRARY_PREFIX}{d.name}/{f.name[:-5]}")
    return out


@dataclass
class _Source:
    """Where a merged value came from: the file's Located map and its path there."""

    loc: Located
    path: Path_


class _Merged:
    """The merged document plus, for each merged path, the source it came from."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.origin: dict[Path_, _Source] = {}
        self.root: Located | None = None

    def add_origin(self, merged_prefix: Path_, loc: Located, src_prefix: Path_) -> None:
        self.origin[merged_prefix] = _Source(loc, src_prefix)

    def where(self, path: Path_, *, key: bool = False) -> tuple[str, int, int]:
        p = tuple(path)
        while True:
            if p in self.origin:
                src = self.origin[p]
                rest = tuple(path)[len(p):]
                line, col = src.loc.pos((*src.path, *rest), key=key)
                return src.loc.file, line, col
            if not p:
                assert self.root is not None
                line, col = self.root.pos(tuple(path), key=key)
                return self.root.file, line, col
            p = p[:-1]


def _display(path: Path, cwd: Path | None = None) -> str:
    try:
        return str(path.resolve().relative_to((cwd or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def _resolve_include(spec: str, base: Path) -> tuple[Path | None, str]:
    if spec.startswith(LIBRARY_PREFIX):
        name = spec[len(LIBRARY_PREFIX):]
        res = resources.files("charter.guide") / "library" / f"{name}.yaml"
        return (Path(str(res)) if res.is_file() else None), spec
    p = (base.parent / spec) if not Path(spec).is_absolute() else Path(spec)
    return p, _display(p)


def load_guide(path: str | Path) -> Guide:
    """Load, merge, validate and cross-check a guide.

    Raises :class:`GuideError` holding every problem found (``file:line:col`` each).
    """
    p = Path(path)
    merged, problems = _collect(p, _display(p))
    return _finish(merged, problems)


def load_guide_text(text: str, *, name: str = "<guide>", base_dir: str | Path = ".") -> Guide:
    """Load a guide from YAML text (includes resolve against ``base_dir``)."""
    loc, problems = parse_located(text, name)
    if loc is None:
        raise GuideError(problems)
    merged = _Merged()
    more = _merge_file(merged, loc, Path(base_dir) / "__text__.yaml", [], is_root=True)
    return _finish(merged, problems + more)


def _finish(merged: _Merged | None, problems: list[Problem]) -> Guide:
    if merged is None or any(p.severity == "error" for p in problems):
        raise GuideError(problems)
    problems += _apply_overrides(merged)
    try:
        guide = Guide.model_validate(merged.data)
    except ValidationError as e:
        problems += _validation_problems(e, merged)
        raise GuideError(problems) from None
    problems += _cross_check(guide, merged)
    if problems:
        raise GuideError(problems)
    return guide


def _collect(path: Path, display: str) -> tuple[_Merged | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    loc, problems = parse_located(text, display)
    if loc is None:
        return None, problems
    merged = _Merged()
    problems += _merge_file(merged, loc, path, [path.resolve()], is_root=True)
    return merged, problems


def _merge_file(merged: _Merged, loc: Located, path: Path, stack: list[Path], *, is_root: bool) -> list[Problem]:
    problems: list[Problem] = []

    def prob(where: Path_, msg: str, hint: str = "", key: bool = False) -> None:
        line, col = loc.pos(where, key=key)
        problems.append(Problem(loc.file, line, col, msg, path=format_path(where), hint=hint))

    data = loc.data
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        prob((), f"found {_kind(data) if data is not None else kind} at the top level, expected a mapping of sections",
             "a guide starts with keys such as 'meta:', 'audience:', 'policies:'")
        return problems
    if is_root:
        merged.root = loc
    else:
        for key in data:
            if key in ROOT_ONLY:
                prob((key,), f"'{key}' may only be set in the root guide, not in an included fragment",
                     "move it to the guide that includes this file", key=True)
    includes = data.get("include", [])
    if not isinstance(includes, list):
        prob(("include",), f"found {_kind(includes)}, expected a list of file paths or charter:... names")
        includes = []
    for i, spec in enumerate(includes):
        if not isinstance(spec, str):
            prob(("include", i), f"found {_kind(spec)}, expected a file path")
            continue
        target, display = _resolve_include(spec, path)
        if target is None:
            prob(("include", i), f"unknown library fragment '{spec}'",
                 "available: " + ", ".join(library_fragments()))
            continue
        if target.resolve() in stack:
            chain = " -> ".join(_display(s) for s in [*stack, target.resolve()])
            prob(("include", i), f"include cycle: {chain}", "remove one of the includes in the cycle")
            continue
        if len(stack) >= MAX_INCLUDE_DEPTH:
            prob(("include", i), f"includes nest deeper than {MAX_INCLUDE_DEPTH} files", "flatten the includes")
            continue
        if not target.exists():
            prob(("include", i), f"included file '{spec}' not found (looked for {display})",
                 "paths in 'include:' are relative to the including file")
            continue
        text, sub = read_text(target, display)
        if text is None:
            problems += sub
            continue
        sub_loc, sub = parse_located(text, display)
        problems += sub
        if sub_loc is None:
            continue
        problems += _merge_file(merged, sub_loc, target, [*stack, target.resolve()], is_root=False)

    for key, value in data.items():
        if key == "include":
            if is_root:
                merged.data["include"] = value
                merged.add_origin(("include",), loc, ("include",))
            continue
        if not is_root and key not in FRAGMENT_KEYS and key not in ROOT_ONLY:
            prob((key,), _unknown_key_message(key, sorted(FRAGMENT_KEYS)), _nearest(key, sorted(FRAGMENT_KEYS)), key=True)
            continue
        if key in LIST_SECTIONS and isinstance(value, list):
            target = merged.data.setdefault(key, [])
            if isinstance(target, list):
                for i, item in enumerate(value):
                    merged.add_origin((key, len(target)), loc, (key, i))
                    target.append(item)
                continue
        if key == "overrides" and isinstance(value, dict):
            target = merged.data.setdefault("overrides", {})
            if isinstance(target, dict):
                for rid, ov in value.items():
                    merged.add_origin(("overrides", rid), loc, ("overrides", rid))
                    target[rid] = ov
                continue
        merged.data[key] = value
        merged.add_origin((key,), loc, (key,))
    return problems


def _apply_overrides(merged: _Merged) -> list[Problem]:
    problems: list[Problem] = []
    overrides = merged.data.get("overrides")
    if not isinstance(overrides, dict):
        return problems
    index: dict[str, dict[str, Any]] = {}
    for section in ("policies",):
        for pol in merged.data.get(section) or []:
            if isinstance(pol, dict):
                for rule in pol.get("rules") or []:
                    if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                        index[rule["id"]] = rule
    for rule in merged.data.get("defaults") or []:
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            index[rule["id"]] = rule
    for rid, ov in overrides.items():
        if rid not in index:
            file, line, col = merged.where(("overrides", rid), key=True)
            problems.append(Problem(file, line, col, f"override for unknown rule id '{rid}'",
                                    path=f"overrides.{rid}", hint=_nearest(rid, sorted(index)) or "override only rules defined in the guide or its includes"))
            continue
        if not isinstance(ov, dict):
            continue  # pydantic reports the type error
        rule = index[rid]
        for field_name, value in ov.items():
            if field_name == "add_examples" and isinstance(value, list):
                rule["examples"] = [*(rule.get("examples") or []), *value]
            elif field_name in {"severity", "authority", "enabled", "use_cases", "boundary"}:
                rule[field_name] = value
    return problems


# ------------------------------------------------------------------ pydantic → problems


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({short!r})"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _nearest(word: str, options: list[str]) -> str:
    m = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean '{m[0]}'?" if m else ""


def _unknown_key_message(key: str, valid: list[str]) -> str:
    return f"unknown key '{key}'; valid keys here: {', '.join(valid)}"


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else tp
    return tp


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model describing the mapping at ``loc`` (for key suggestions)."""
    tp: Any = Guide
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
            continue
        origin = typing.get_origin(tp)
        if origin in (list, tuple) and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _validation_problems(err: ValidationError, merged: _Merged) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for e in err.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic adds union-member tags (e.g. 'str', 'list[...]') to loc: drop them.
        clean: list[Any] = []
        probe: Any = merged.data
        for part in loc:
            if isinstance(probe, dict) and part in probe:
                probe = probe[part]
                clean.append(part)
            elif isinstance(probe, list) and isinstance(part, int) and part < len(probe):
                probe = probe[part]
                clean.append(part)
            elif e["type"] in ("missing", "extra_forbidden") and part == loc[-1]:
                clean.append(part)
            else:
                continue
        path = tuple(clean)
        dotted = format_path(path)
        etype = e["type"]
        hint = ""
        if etype == "extra_forbidden":
            model = _model_at(path[:-1])
            valid = sorted(model.model_fields) if model else []
            key = str(path[-1])
            msg = _unknown_key_message(key, valid) if valid else f"unknown key '{key}'"
            hint = _nearest(key, valid) or "remove it, or check the spelling against `charter schema`"
            file, line, col = merged.where(path, key=True)
        elif etype == "missing":
            msg = f"missing required field '{path[-1]}'"
            hint = f"add '{path[-1]}:' to this mapping"
            file, line, col = merged.where(path[:-1])
        else:
            found = _kind(e.get("input"))
            expected = e["msg"]
            for prefix in ("Input should be ", "Value error, ", "String should "):
                if expected.startswith(prefix):
                    expected = expected[len(prefix):]
                    if prefix == "String should ":
                        expected = "a string that should " + expected
            msg = f"found {found}, expected {expected}"
            if etype == "enum" and isinstance(e.get("input"), str):
                options = [o.strip(" '") for o in str(e.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")]
                hint = _nearest(e["input"], [o for o in options if o])
            if etype == "value_error":
                msg = expected
            if etype == "string_pattern_mismatch":
                msg = f"found {found}, expected an id like 'policy.rule-name' (lowercase, dot-separated)"
                hint = "ids use lowercase letters, digits, '-' and '_', with dots between parts"
            file, line, col = merged.where(path)
        sig = (dotted, msg)
        if sig in seen:
            continue
        seen.add(sig)
        problems.append(Problem(file, line, col, msg, path=dotted, hint=hint))
    return problems


# ------------------------------------------------------------------ cross references


def _cross_check(guide: Guide, merged: _Merged) -> list[Problem]:
    problems: list[Problem] = []

    def at(path: Path_, msg: str, hint: str = "") -> None:
        file, line, col = merged.where(path)
        problems.append(Problem(file, line, col, msg, path=format_path(path), hint=hint))

    # every rule-like id, with its merged path
    ids: dict[str, Path_] = {}

    def claim(rid: str, path: Path_) -> None:
        if rid in ids:
            f0, l0, c0 = merged.where(ids[rid])
            at(path, f"duplicate id '{rid}' (first defined at {f0}:{l0}:{c0})",
               "ids must be unique across the guide and its includes; rename one")
        else:
            ids[rid] = path

    use_cases = {u.id for u in guide.audience.use_cases}
    hazards: set[str] = set()
    for h in guide.hazards:
        hazards.add(h.id)
        if h.llama_guard:
            hazards.add(h.llama_guard)
    seen_uc: dict[str, Path_] = {}
    for i, u in enumerate(guide.audience.use_cases):
        if u.id in seen_uc:
            f0, l0, c0 = merged.where(seen_uc[u.id])
            at(("audience", "use_cases", i, "id"), f"duplicate use-case id '{u.id}' (first defined at {f0}:{l0}:{c0})", "rename one")
        seen_uc[u.id] = ("audience", "use_cases", i, "id")
    seen_h: dict[str, Path_] = {}
    for i, h in enumerate(guide.hazards):
        if h.id in seen_h:
            f0, l0, c0 = merged.where(seen_h[h.id])
            at(("hazards", i, "id"), f"duplicate hazard id '{h.id}' (first defined at {f0}:{l0}:{c0})",
               "a guide that includes charter:hazards/mlcommons must not redefine its hazards")
        seen_h[h.id] = ("hazards", i, "id")
    known_hazards = sorted(hazards | _library_hazard_ids())

    def check_refs(rule_path: Path_, use: list[str], haz: list[str]) -> None:
        for j, uc in enumerate(use):
            if uc not in use_cases:
                at((*rule_path, "use_cases", j), f"unknown use case '{uc}'",
                   _nearest(uc, sorted(use_cases)) or f"define it under audience.use_cases (known: {', '.join(sorted(use_cases)) or 'none'})")
        for j, hz in enumerate(haz):
            if hz not in known_hazards:
                at((*rule_path, "hazards", j), f"unknown hazard '{hz}'",
                   _nearest(hz, known_hazards) or "use an id from charter:hazards/mlcommons (vcr, ncr, ..., S1..S14) or define it under 'hazards:'")

    seen_pol: dict[str, Path_] = {}
    for pi, pol in enumerate(guide.policies):
        if pol.id in seen_pol:
            f0, l0, c0 = merged.where(seen_pol[pol.id])
            at(("policies", pi, "id"), f"duplicate policy id '{pol.id}' (first defined at {f0}:{l0}:{c0})", "rename one")
        seen_pol[pol.id] = ("policies", pi, "id")
        for ri, rule in enumerate(pol.rules):
            rp: Path_ = ("policies", pi, "rules", ri)
            claim(rule.id, (*rp, "id"))
            check_refs(rp, rule.use_cases, rule.hazards)
    for di, rule in enumerate(guide.defaults):
        rp = ("defaults", di)
        claim(rule.id, (*rp, "id"))
        check_refs(rp, rule.use_cases, rule.hazards)
    for ei, edge in enumerate(guide.edge_cases):
        claim(edge.id, ("edge_cases", ei, "id"))
    return problems


def _library_hazard_ids() -> set[str]:
    """Ids of the built-in hazard taxonomy: always known, even when not included."""
    res = resources.files("charter.guide") / "library" / "hazards" / "mlcommons.yaml"
    import yaml

    data = yaml.safe_load(res.read_text(encoding="utf-8"))
    out: set[str] = set()
    for h in data.get("hazards", []):
        out.add(h["id"])
        if h.get("llama_guard"):
            out.add(h["llama_guard"])
    return out
