"""Problems found after merging: schema errors (from pydantic) and cross-references.

Both work on the merged plain data, so that a type error in one rule never hides an unknown
use case in another: the loader reports everything it can in one pass.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from charter.errors import Problem
from charter.guide._schema import RULE_ID_RE, SIMPLE_ID_RE, Guide
from charter.guide._yaml import CURLY_QUOTE_HINT, Path_, load_bundled


class Locator(Protocol):
    """Finds where a merged path came from (implemented by ``SourceMap``)."""

    def where(self, path: Path_, *, key: bool = False) -> tuple[str, int, int]: ...

    def show(self, path: Path_) -> str: ...


_EXPECTED = {
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
}


def kind_of(value: Any) -> str:
    """How a found value reads in a message: ``a number (3)``, ``a string ('x')``..."""
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


def nearest(word: str, options: list[str]) -> str:
    """``did you mean 'x'?`` for the closest option, or ``""``."""
    m = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean '{m[0]}'?" if m else ""


def unknown_key(key: str, valid: list[str], fallback_hint: str) -> tuple[str, str]:
    """Message and hint for an unknown key: the nearest valid key, else the whole list."""
    near = nearest(key, valid)
    if not valid:
        return f"found unknown key '{key}'", fallback_hint
    if near:
        return f"found unknown key '{key}'", near
    return f"found unknown key '{key}', expected one of: {', '.join(valid)}", fallback_hint


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


def _clean_loc(loc: tuple[Any, ...], data: Any, etype: str) -> Path_:
    """Drop pydantic's union-member and validator tags from an error location."""
    clean: list[Any] = []
    probe = data
    for part in loc:
        if isinstance(probe, dict) and part in probe:
            probe = probe[part]
            clean.append(part)
        elif isinstance(probe, list) and isinstance(part, int) and 0 <= part < len(probe):
            probe = probe[part]
            clean.append(part)
        elif etype in ("missing", "extra_forbidden") and part == loc[-1]:
            clean.append(part)
    return tuple(clean)


def _expected_text(e: Any) -> str:
    if e["type"] in _EXPECTED:
        return _EXPECTED[e["type"]]
    expected = str(e["msg"])
    if e["type"] in ("string_too_short", "too_short") and e.get("ctx", {}).get("min_length") == 1:
        return "a non-empty string" if e["type"] == "string_too_short" else "a non-empty list"
    if e["type"] in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return "a number " + expected.removeprefix("Input should be ")
    for prefix in ("Input should be ", "Value error, "):
        if expected.startswith(prefix):
            return expected[len(prefix):]
    if expected.startswith("String should "):
        return "a string that should " + expected[len("String should "):]
    if expected.startswith("List should "):
        return "a list that should " + expected[len("List should "):]
    return expected


def _curly_cut(data: Any, path: Path_, key: str) -> bool:
    """Whether the mapping at ``path`` was cut at a comma inside a value quoted with curly
    quotes (``{id: a, text: “Never, ever”}``: YAML reads “ as text)."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    opened = isinstance(node, dict) and any(isinstance(v, str) and v.lstrip().startswith(("“", "‘", "„"))
                                            for v in node.values())
    return opened or any(q in key for q in "”’“")


def validation_problems(err: ValidationError, data: Any, loc: Locator) -> list[Problem]:
    """One Problem per pydantic error, at the line of the offending value."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for e in err.errors(include_url=False):
        etype = e["type"]
        path = _clean_loc(tuple(e["loc"]), data, etype)
        dotted = loc.show(path)
        hint = ""
        if etype == "extra_forbidden":
            model = _model_at(path[:-1])
            valid = sorted(model.model_fields) if model else []
            key = str(path[-1])
            msg, hint = unknown_key(key, valid, "remove it, or check the spelling against `charter schema`")
            if " " in key.strip() and e.get("input") is None:  # `{id: a, text: one, two}`: YAML split the text
                msg = f"found unknown key '{key}' (the rest of a value cut at a comma?)"
                hint = "in a { ... } mapping a comma ends the value: put text that holds a comma in quotes"
                if _curly_cut(data, path[:-1], key):
                    hint = CURLY_QUOTE_HINT
            file, line, col = loc.where(path, key=True)
        elif etype == "missing":
            msg = f"missing required field '{path[-1]}'"
            hint = f"add '{path[-1]}:' to this mapping"
            file, line, col = loc.where(path[:-1])
        else:
            value = e.get("input")
            found = kind_of(value)
            expected = _expected_text(e)
            msg = f"found {found}, expected {expected}"
            if etype == "value_error":  # a validator's message may end with "; hint: ..."
                msg, _, hint = expected.partition("; hint: ")
            elif etype == "enum" and isinstance(value, str):
                options = str(e.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")
                hint = nearest(value, [o.strip(" '") for o in options if o.strip(" '")])
            elif etype == "string_pattern_mismatch":
                pattern = str(e.get("ctx", {}).get("pattern", ""))
                if pattern == RULE_ID_RE:
                    msg = f"found {found}, expected a dotted id like 'privacy.no-pii-lookup'"
                    hint = "ids use lowercase letters, digits, '-' and '_', with dots between parts"
                elif pattern == SIMPLE_ID_RE:
                    msg = f"found {found}, expected a simple id like 'accounts'"
                    hint = "ids use lowercase letters, digits, '.', '-' and '_'"
                elif path and path[-1] == "llama_guard":
                    msg = f"found {found}, expected a Llama Guard code from S1 to S14"
            elif etype == "string_type" and isinstance(value, (int, float, bool)):
                hint = "quote the value, e.g. \"1.0\", so YAML reads it as text"
            elif etype == "string_type" and isinstance(value, dict) and len(value) == 1:
                # `- Say it like this: "only you can see it"`: ': ' inside the text made YAML read
                # it as a one-key mapping
                key = str(next(iter(value)))
                hint = (f"YAML read this text as '{key}: …' because of the ': ' in it; put the whole text in "
                        f"quotes, e.g. '{key}: …'")
            elif etype in ("list_type", "dict_type", "model_type", "model_attributes_type"):
                hint = "check the indentation: this value should hold " + (
                    "a list ('- item' lines or [a, b])" if etype == "list_type" else "'key: value' lines")
            file, line, col = loc.where(path)
        sig = (dotted, msg)
        if sig in seen:
            continue
        seen.add(sig)
        problems.append(Problem(file, line, col, msg, path=dotted, hint=hint))
    return problems


# ------------------------------------------------------------------ cross references


@cache
def library_hazard_map() -> dict[str, str]:
    """Hazard id or Llama Guard S-code → hazard id, for the built-in hazard library."""
    res = resources.files("charter.guide") / "library" / "hazards" / "mlcommons.yaml"
    data = load_bundled(res.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for h in data.get("hazards", []):
        out[h["id"]] = h["id"]
        if h.get("llama_guard"):
            out[h["llama_guard"]] = h["id"]
    return out


def library_hazard_ids() -> frozenset[str]:
    """Ids of the built-in hazard taxonomy (and their S-codes): always known."""
    return frozenset(library_hazard_map())


def _items(data: Any, *path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    node = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield i, item


def iter_raw_rules(data: Any) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every rule-like mapping of the merged data (policy rules, defaults, edge cases)."""
    for pi, pol in _items(data, "policies"):
        for ri, rule in _items(pol, "rules"):
            yield ("policies", pi, "rules", ri), rule
    for di, rule in _items(data, "defaults"):
        yield ("defaults", di), rule
    for ei, edge in _items(data, "edge_cases"):
        yield ("edge_cases", ei), edge


def cross_problems(data: Any, loc: Locator) -> list[Problem]:
    """Duplicate ids (both places) and references to unknown use cases and hazards."""
    problems: list[Problem] = []
    where = loc.where

    def at(path: Path_, msg: str, hint: str = "") -> None:
        file, line, col = where(path)
        problems.append(Problem(file, line, col, msg, path=loc.show(path), hint=hint))

    def unique(kind: str, items: Iterator[tuple[Path_, dict[str, Any]]], hint: str) -> set[str]:
        first: dict[str, Path_] = {}
        for path, item in items:
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                f0, l0, c0 = where(first[ident])
                at((*path, "id"), f"duplicate {kind} id '{ident}' (first defined at {f0}:{l0}:{c0})", hint)
            else:
                first[ident] = (*path, "id")
        return set(first)

    use_cases = unique("use-case", ((("audience", "use_cases", i), u) for i, u in _items(data, "audience", "use_cases")),
                       "use-case ids must be unique; rename one")
    hazards = unique("hazard", ((("hazards", i), h) for i, h in _items(data, "hazards")),
                     "a guide that includes charter:hazards/mlcommons must not redefine its hazards")
    hazards |= {h["llama_guard"] for _, h in _items(data, "hazards") if isinstance(h.get("llama_guard"), str)}
    unique("policy", ((("policies", i), p) for i, p in _items(data, "policies")), "policy ids must be unique; rename one")
    unique("rule", iter_raw_rules(data), "rule ids must be unique across the guide and its includes; rename one")
    known_hazards = sorted(hazards | library_hazard_ids())
    known_uc = sorted(use_cases)
    for path, rule in iter_raw_rules(data):
        ucs, hzs = rule.get("use_cases"), rule.get("hazards")
        for j, uc in enumerate(ucs if isinstance(ucs, list) else []):
            if isinstance(uc, str) and uc not in use_cases:
                at((*path, "use_cases", j), f"found unknown use case '{uc}', expected one of audience.use_cases",
                   nearest(uc, known_uc) or f"define it under audience.use_cases (known: {', '.join(known_uc) or 'none'})")
        for j, hz in enumerate(hzs if isinstance(hzs, list) else []):
            if isinstance(hz, str) and hz not in known_hazards:
                at((*path, "hazards", j), f"found unknown hazard '{hz}', expected a hazard id or S-code",
                   nearest(hz, known_hazards) or "use an id from charter:hazards/mlcommons (vcr, ncr, ..., S1..S14) or define it under 'hazards:'")
    return problems
