"""Safe YAML reading that remembers where every value came from.

``read_located(path)`` returns plain Python data plus a map from each value's path (a tuple
of keys and indices) to its ``(line, col)``. It guards against the ways a file can hurt a
loader: directories, huge files, binary or non-UTF-8 bytes, tabs, duplicate keys, alias
bombs and pathological nesting. Every problem is a :class:`~charter.errors.Problem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charter.errors import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 50

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed YAML document and the position of each value and each mapping key."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def pos(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``; falls back to the nearest ancestor that has one."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.keys:
                return self.keys[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.nodes = 0
        self.loc = Located(file=file, data=None)

    def _problem(self, node: yaml.Node, msg: str, hint: str = "", path: Path_ = ()) -> None:
        self.problems.append(
            Problem(
                self.file,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                msg,
                path=format_path(path),
                hint=hint,
            )
        )

    def walk(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(node)
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        self.loc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return yaml.SafeLoader.construct_scalar_value(node)  # type: ignore[attr-defined]
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self._problem(knode, "merge keys ('<<') are not supported in guides",
                                  "write the keys out in full", path)
                    continue
                if not isinstance(knode, yaml.ScalarNode):
                    self._problem(knode, "found a non-scalar mapping key, expected a plain name", "", path)
                    continue
                key = str(knode.value)
                kpath = (*path, key)
                if key in out:
                    first = self.loc.keys.get(kpath, (0, 0))
                    self._problem(
                        knode,
                        f"duplicate key '{key}' (first defined at line {first[0]})",
                        "keep one of them; YAML would silently use the last",
                        kpath,
                    )
                    continue
                self.loc.keys[kpath] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
                out[key] = self.walk(vnode, kpath, depth + 1)
            return out
        raise AssertionError(f"unknown YAML node {node!r}")


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _scalar_value(node: yaml.ScalarNode) -> Any:
    value = yaml.SafeLoader("").construct_object(node, deep=True)
    if isinstance(value, datetime.date):  # dates stay text: guides quote them as written
        return value.isoformat()
    return value


# PyYAML has no public "construct one scalar" helper: bind ours.
yaml.SafeLoader.construct_scalar_value = staticmethod(_scalar_value)  # type: ignore[attr-defined]


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a guide file as UTF-8 text, or say why it cannot be read."""

    def prob(msg: str, hint: str, line: int = 0, col: int = 0) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, msg, hint=hint)]

    if not path.exists():
        return prob("file not found", "check the path; relative includes resolve from the including file")
    if path.is_dir():
        return prob("is a directory, expected a YAML file", f"pass a file inside it, e.g. {display.rstrip('/')}/guide.yaml")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return prob(
            f"file is {size / 1_048_576:.1f} MiB, the limit for a guide is {MAX_BYTES // 1_048_576} MiB",
            "split the guide with 'include:' or move bulk examples into a suite file",
        )
    raw = path.read_bytes()
    if not raw.strip():
        return prob("file is empty, expected a guide with at least 'meta: {name: ...}'",
                    "start from an example: charter init or examples/*.yaml")
    if b"\x00" in raw[:8192]:
        return prob("file looks binary (it contains NUL bytes), expected UTF-8 YAML text",
                    "check you passed the right file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = e.start - (before.rfind(b"\n") + 1) + 1
        return prob(f"byte 0x{raw[e.start]:02x} is not valid UTF-8", "save the file as UTF-8", line, col)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def parse_located(text: str, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text into a :class:`Located` document."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = str(e.problem or e.context or "invalid YAML")
        hint = "check indentation and quoting around this position"
        if "\t" in problem or "'\\t'" in problem or _tab_at(text, line, col):
            problem = "found a tab character; YAML indentation must use spaces"
            hint = "replace tabs with spaces (most editors: 'convert indentation to spaces')"
        return None, [Problem(display, line, col, f"YAML syntax error: {problem}", hint=hint)]
    except yaml.YAMLError as e:  # pragma: no cover - non-marked errors are rare
        return None, [Problem(display, 0, 0, f"YAML error: {e}", hint="check the file is YAML")]
    except RecursionError:
        return None, [Problem(display, 0, 0, f"YAML nesting is too deep (over {MAX_DEPTH} levels)",
                              hint="a guide is a few levels deep; check the file")]
    if node is None:
        return None, [Problem(display, 0, 0, "file holds no YAML document, expected a guide",
                              hint="start from an example in examples/")]
    walker = _Walker(display)
    try:
        walker.loc.data = walker.walk(node, (), 0)
    except _TooBig as e:
        m = e.node.start_mark
        return None, [Problem(display, m.line + 1, m.column + 1,
                              f"document expands to over {MAX_NODES:,} values (YAML alias bomb?)",
                              hint="guides do not need anchors and aliases repeated like this; write values out")]
    except _TooDeep as e:
        m = e.node.start_mark
        return None, [Problem(display, m.line + 1, m.column + 1,
                              f"YAML nesting is too deep (over {MAX_DEPTH} levels)",
                              hint="a guide is a few levels deep; check the file")]
    except RecursionError:
        return None, [Problem(display, 0, 0, f"YAML nesting is too deep (over {MAX_DEPTH} levels)",
                              hint="a guide is a few levels deep; check the file")]
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem(display, line, col, f"YAML error: {e.problem}", hint="use plain YAML values without custom tags")]
    return walker.loc, walker.problems


def _tab_at(text: str, line: int, col: int) -> bool:
    lines = text.splitlines()
    if 0 < line <= len(lines):
        return "\t" in lines[line - 1][: max(col, 1) + 1] or lines[line - 1].startswith("\t")
    return False
