"""YAML → :class:`Guide`, with ``file:line:col`` problems a person can act on.

Loading runs in stages, each collecting every problem it can before giving up:

1. read and parse each file (``_yaml``), following ``include:`` (relative paths and the
   built-in library ``charter:...``); a file included twice is merged once, a cycle or a
   missing file is a problem at the ``include:`` line;
2. merge fragments into the root (lists append; only the root sets meta/audience/behavior/...),
   then apply ``overrides:`` to included rules;
3. cross-check references on the merged data: duplicate ids (both places), unknown use cases
   and hazards;
4. validate with pydantic, turning each error into a Problem at the offending line.

Only an unreadable or unparsable root file stops early; every other problem is collected and
all of them are raised together in one :class:`GuideError`. Where each value came from is
kept in a :class:`SourceMap` beside the (frozen) guide, for lint and editors.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from charter.errors import GuideError, Problem
from charter.guide._checks import (
    cross_problems,
    iter_raw_rules,
    kind_of,
    nearest,
    unknown_key,
    validation_problems,
)
from charter.guide._schema import Guide
from charter.guide._yaml import Located, Path_, format_path, load_bundled, parse_located, read_text
from charter.types import nfc

__all__ = [
    "LIBRARY_PREFIX",
    "SourceMap",
    "library_fragments",
    "library_rule_ids",
    "load_guide",
    "load_guide_text",
    "load_guide_text_with_positions",
    "load_guide_with_positions",
]

LIBRARY_PREFIX = "charter:"
LIST_SECTIONS = ("hazards", "policies", "defaults", "edge_cases")
FRAGMENT_KEYS = {*LIST_SECTIONS, "include", "overrides"}
ROOT_ONLY = {"meta", "audience", "behavior", "authority", "disclosure"}
OVERRIDE_FIELDS = ("severity", "authority", "enabled", "use_cases", "boundary")
MAX_INCLUDE_DEPTH = 16


@functools.cache
def library_rule_ids() -> frozenset[str]:
    """Ids of every rule the built-in library fragments define: a guide's rules with these ids
    came from the library, the others are the guide's own (ranked first at equal severity)."""
    out: set[str] = set()
    for name in library_fragments():
        res = resources.files("charter.guide") / "library" / f"{name[len(LIBRARY_PREFIX):]}.yaml"
        data = load_bundled(res.read_text(encoding="utf-8")) or {}
        out.update(r["id"] for _, r in iter_raw_rules(data) if isinstance(r.get("id"), str))
    return frozenset(out)


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


class SourceMap:
    """Where each part of a loaded guide came from: ``file, line, col`` by merged path.

    Paths follow the guide's structure (``("policies", 0, "rules", 1)``, ``("defaults", 2)``,
    ``("edge_cases", 0)``), so ``where(path)`` works for any value of a loaded :class:`Guide`.
    """

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.origin: dict[Path_, _Source] = {}
        self.root: Located | None = None
        self.included: set[Path] = set()
        self.includes: list[str] = []

    def add_origin(self, merged_prefix: Path_, loc: Located, src_prefix: Path_) -> None:
        self.origin[tuple(merged_prefix)] = _Source(loc, tuple(src_prefix))

    def where(self, path: Path_, *, key: bool = False) -> tuple[str, int, int]:
        """``(file, line, col)`` of the value at ``path`` (of its key with ``key=True``)."""
        path = tuple(path)
        p = path
        while True:
            if p in self.origin:
                src = self.origin[p]
                line, col = src.loc.pos((*src.path, *path[len(p):]), key=key)
                return src.loc.file, line, col
            if not p:
                if self.root is None:
                    return "<guide>", 0, 0
                line, col = self.root.pos(path, key=key)
                return self.root.file, line, col
            p = p[:-1]

    def source_path(self, path: Path_) -> Path_:
        """``path`` as written in the file it came from (differs for included content)."""
        path = tuple(path)
        for n in range(len(path), -1, -1):
            src = self.origin.get(path[:n])
            if src is not None:
                return (*src.path, *path[n:])
        return path

    def show(self, path: Path_) -> str:
        """The dotted form of :meth:`source_path`, as problems display it."""
        return format_path(self.source_path(path))

    @property
    def file(self) -> str:
        """The root file's display name."""
        return self.root.file if self.root else "<guide>"

    def rule_paths(self) -> dict[str, Path_]:
        """Each rule id (policy rules, defaults, edge cases) → its path in the guide."""
        out: dict[str, Path_] = {}
        for path, rule in iter_raw_rules(self.data):
            if isinstance(rule.get("id"), str):
                out.setdefault(rule["id"], path)
        return out

    def rule(self, rule_id: str) -> tuple[str, int, int]:
        """``(file, line, col)`` of the ``id:`` of rule ``rule_id``; KeyError when unknown."""
        return self.where((*self.rule_paths()[rule_id], "id"))


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
    return load_guide_with_positions(path)[0]


def load_guide_with_positions(path: str | Path) -> tuple[Guide, SourceMap]:
    """Like :func:`load_guide`, also returning where each value came from."""
    p = Path(path)
    display = _display(p)
    text, problems = read_text(p, display)
    if text is None:
        raise GuideError(problems)
    return _load(text, display, p, [p.resolve()])


def load_guide_text(text: str, *, name: str = "<guide>", base_dir: str | Path = ".") -> Guide:
    """Load a guide from YAML text (includes resolve against ``base_dir``)."""
    return load_guide_text_with_positions(text, name=name, base_dir=base_dir)[0]


def load_guide_text_with_positions(
    text: str, *, name: str = "<guide>", base_dir: str | Path = "."
) -> tuple[Guide, SourceMap]:
    """Like :func:`load_guide_text`, also returning where each value came from."""
    return _load(text, name, Path(base_dir) / "__text__.yaml", [])


def _load(text: str, display: str, path: Path, stack: list[Path]) -> tuple[Guide, SourceMap]:
    loc, problems = parse_located(text, display)
    if loc is None:
        raise GuideError(problems)
    smap = SourceMap()
    smap.root = loc
    if not isinstance(loc.data, dict):
        raise GuideError([*problems, _top_level_problem(loc)])
    smap.included.update(stack)
    problems += _merge_file(smap, loc, path, stack, is_root=True)
    problems += _apply_overrides(smap)
    _nfc_values(smap.data)
    problems += cross_problems(smap.data, smap)
    try:
        guide = Guide.model_validate(smap.data)
    except ValidationError as e:
        # a schema error at the very spot of an earlier problem is its echo: keep the first
        seen = {(p.file, p.line, p.col) for p in problems}
        problems += [p for p in validation_problems(e, smap.data, smap) if (p.file, p.line, p.col) not in seen]
        raise GuideError(problems) from None
    if any(p.severity == "error" for p in problems):
        raise GuideError(problems)
    return guide, smap


def _nfc_values(data: Any) -> None:
    """Every string value of the merged guide, in place, in Unicode form NFC (``charter.types.nfc``):
    a GOOD answer typed in decomposed Vietnamese (as some Mac and iOS apps paste it, or written with
    YAML escapes) is the same answer as the precomposed one, and the checks' cue words match it."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            if not value.isascii():
                data[key] = nfc(value)
        elif isinstance(value, (dict, list)):
            _nfc_values(value)


def _top_level_problem(loc: Located) -> Problem:
    line, col = loc.pos(())
    return Problem(loc.file, line, col, f"found {kind_of(loc.data)} at the top level, expected a mapping of sections",
                   hint="a guide starts with keys such as 'meta:', 'audience:', 'policies:'")


def _merge_file(smap: SourceMap, loc: Located, path: Path, stack: list[Path], *, is_root: bool) -> list[Problem]:
    problems: list[Problem] = []

    def prob(where: Path_, msg: str, hint: str = "", key: bool = False) -> None:
        line, col = loc.pos(where, key=key)
        problems.append(Problem(loc.file, line, col, msg, path=format_path(where), hint=hint))

    data = loc.data
    if not isinstance(data, dict):
        return [_top_level_problem(loc)]
    includes = data.get("include", [])
    if not isinstance(includes, list):
        if not is_root:  # the root's 'include' is type-checked with the rest of the guide
            prob(("include",), f"found {kind_of(includes)}, expected a list of file paths or charter:... names",
                 "e.g. include: [charter:hazards/mlcommons]")
        includes = []
    for i, spec in enumerate(includes):
        problems += _include(smap, loc, path, stack, i, spec)

    for key, value in data.items():
        if key == "include":
            if is_root:
                # entries _include already reported are left out, so they are reported once
                smap.data["include"] = [v for v in value if _include_shape(v)] if isinstance(value, list) else value
                smap.add_origin(("include",), loc, ("include",))
            continue
        if not is_root and key in ROOT_ONLY:
            prob((key,), f"found '{key}' in an included fragment, expected it only in the root guide",
                 "move it to the guide that includes this file", key=True)
            continue
        if not is_root and key not in FRAGMENT_KEYS:
            valid = sorted(FRAGMENT_KEYS)
            msg, hint = unknown_key(key, valid, "an included fragment holds only these keys")
            prob((key,), msg, hint, key=True)
            continue
        if key in LIST_SECTIONS and isinstance(value, list):
            target = smap.data.setdefault(key, [])
            if isinstance(target, list):
                for i, item in enumerate(value):
                    smap.add_origin((key, len(target)), loc, (key, i))
                    target.append(item)
                continue
        if key == "overrides" and isinstance(value, dict):
            target = smap.data.setdefault("overrides", {})
            if isinstance(target, dict):
                for rid, ov in value.items():
                    if rid in target:
                        f0, l0, c0 = smap.where(("overrides", rid), key=True)
                        prob(("overrides", rid), f"duplicate override for '{rid}' (first at {f0}:{l0}:{c0})",
                             "override a rule once", key=True)
                        continue
                    smap.add_origin(("overrides", rid), loc, ("overrides", rid))
                    target[rid] = ov
                continue
        smap.data[key] = value
        smap.add_origin((key,), loc, (key,))
    return problems


def _include(smap: SourceMap, loc: Located, path: Path, stack: list[Path], i: int, spec: Any) -> list[Problem]:
    where: Path_ = ("include", i)
    line, col = loc.pos(where)

    def prob(msg: str, hint: str) -> list[Problem]:
        return [Problem(loc.file, line, col, msg, path=format_path(where), hint=hint)]

    only: list[str] | None = None
    if isinstance(spec, dict) and _include_shape(spec):
        raw_only = spec.get("only")
        if not isinstance(raw_only, list) or not raw_only or not all(isinstance(x, str) for x in raw_only):
            return prob(f"found 'only: {raw_only!r}', expected a list of hazard ids",
                        "e.g. include: [{library: 'charter:hazards/mlcommons', only: [vcr, cse]}]")
        only, spec = list(raw_only), spec["library"]
    if not isinstance(spec, str) or not spec.strip():
        return prob(f"found {kind_of(spec)}, expected a file path, a charter:... name or {{library: ..., only: [...]}}",
                    "e.g. include: [charter:hazards/mlcommons, shared/privacy.yaml]")
    target, display = _resolve_include(spec, path)
    if target is None:
        avail = library_fragments()
        return prob(f"found unknown library fragment '{spec}', expected one of: {', '.join(avail)}",
                    nearest(spec, avail) or "check the name after 'charter:'")
    resolved = target.resolve()
    if resolved in stack:
        chain = " -> ".join(_display(s) for s in [*stack, resolved])
        return prob(f"found an include cycle: {chain}", "remove one of the includes in the cycle")
    if resolved in smap.included:
        return []  # already merged through another include: merge each file once
    if len(stack) >= MAX_INCLUDE_DEPTH:
        return prob(f"found includes nested deeper than {MAX_INCLUDE_DEPTH} files", "flatten the includes")
    if not target.exists():
        return prob(f"included file '{spec}' not found (looked for {display})",
                    "paths in 'include:' are relative to the including file")
    if target.is_dir():
        return prob(f"found a directory '{spec}', expected an included YAML file",
                    "name a file inside it")
    text, problems = read_text(target, display)
    if text is None:
        return problems
    sub_loc, problems = parse_located(text, display)
    if sub_loc is None:
        return problems
    if only is not None:
        unknown = _keep_only(sub_loc.data, only)
        if unknown:
            known = sorted(_fragment_hazards(sub_loc.data))
            return prob(f"found hazard id(s) {', '.join(unknown)} in 'only:', expected ids of '{spec}'",
                        nearest(unknown[0], known) or f"pick from: {', '.join(known)}")
    smap.included.add(resolved)
    smap.includes.append(spec)
    return problems + _merge_file(smap, sub_loc, target, [*stack, resolved], is_root=False)


def _include_shape(spec: Any) -> bool:
    return isinstance(spec, str) or (isinstance(spec, dict) and "library" in spec and set(spec) <= {"library", "only"})


def _fragment_hazards(data: Any) -> dict[str, str]:
    """Hazard id or S-code → hazard id, for the hazards a fragment defines."""
    out: dict[str, str] = {}
    for h in data.get("hazards", []) if isinstance(data, dict) else []:
        if isinstance(h, dict) and isinstance(h.get("id"), str):
            out[h["id"]] = h["id"]
            if isinstance(h.get("llama_guard"), str):
                out[h["llama_guard"]] = h["id"]
    return out


def _keep_only(data: Any, only: list[str]) -> list[str]:
    """Disable the fragment's rules not tagged with a hazard in ``only`` (in place; positions
    stay valid because nothing is removed). Returns the ids in ``only`` the fragment lacks."""
    known = _fragment_hazards(data)
    unknown = [h for h in only if h not in known]
    if unknown:
        return unknown
    keep = {known[h] for h in only}
    for rpath, rule in iter_raw_rules(data):
        if rpath[0] == "edge_cases":
            continue
        tags = rule.get("hazards")
        tags = {known.get(t, t) for t in tags} if isinstance(tags, list) else set()
        if not tags & keep:
            rule["enabled"] = False
    return []


def _apply_overrides(smap: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    overrides = smap.data.get("overrides")
    if not isinstance(overrides, dict):
        return problems
    index: dict[str, tuple[Path_, dict[str, Any]]] = {}
    for path, rule in iter_raw_rules(smap.data):
        if path[0] != "edge_cases" and isinstance(rule.get("id"), str):
            index.setdefault(rule["id"], (path, rule))
    for rid, ov in overrides.items():
        if rid not in index:
            file, line, col = smap.where(("overrides", rid), key=True)
            problems.append(Problem(file, line, col, f"found an override for unknown rule id '{rid}', expected a policy rule or default id",
                                    path=smap.show(("overrides", rid)),
                                    hint=nearest(rid, sorted(index)) or "override only rules defined in the guide or its includes"))
            continue
        if not isinstance(ov, dict):
            continue  # pydantic reports the type error at the override
        rpath, rule = index[rid]
        src = smap.origin[("overrides", rid)]
        for field_name, value in ov.items():
            if field_name == "add_examples" and isinstance(value, list):
                examples = rule.get("examples")
                examples = list(examples) if isinstance(examples, list) else []
                for j, ex in enumerate(value):
                    smap.add_origin((*rpath, "examples", len(examples)), src.loc, (*src.path, "add_examples", j))
                    examples.append(ex)
                rule["examples"] = examples
            elif field_name in OVERRIDE_FIELDS:
                rule[field_name] = value
                smap.add_origin((*rpath, field_name), src.loc, (*src.path, field_name))
    return problems
