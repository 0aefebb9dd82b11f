"""Safe YAML reading that remembers where every value came from.

``read_text(path)`` reads a file as UTF-8 and ``parse_located(text)`` returns plain Python data
plus a map from each value's path (a tuple of keys and indices) to its ``(line, col)``. Both
guard against the ways a file can hurt a loader: directories and special files, huge files,
binary or non-UTF-8 bytes, tabs, duplicate keys, custom tags, alias bombs, recursive aliases
and pathological nesting. Every problem is a :class:`~charter.errors.Problem` with a 1-based
``line:col`` (``1:1`` when the problem is the whole file), a message that says what was found
and what was expected, and a hint.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charter import _regex
from charter.errors import Problem

__all__ = [
    "CURLY_QUOTE_HINT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Located",
    "Path_",
    "format_path",
    "load_bundled",
    "parse_located",
    "read_text",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 50

Path_ = tuple[str | int, ...]

#: a value opened with a curly quote, as a word processor retypes ``text: "Never, ever"``: YAML
#: reads “ as text, not as a quote, so a comma or colon inside the value ends it or opens a key
_CURLY_OPENED = _regex.compile(r"(?:^|[:\[{,-])[ \t]*[“‘„]")
CURLY_QUOTE_HINT = ("a value here starts with a curly quote (“ or ‘, as a word processor types them), which YAML "
                    "reads as text, not as a quote, so a comma or colon inside it ends the value; retype those "
                    "quotes as straight ones (\" or ')")

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_SYNTAX_HINT = "check indentation and quoting around this position"


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


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooBig(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses nesting deeper than MAX_DEPTH (no RecursionError)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    """Turns a composed node graph into plain data, recording positions and problems."""

    def __init__(self, file: str, loader: Any) -> None:  # a _Loader, or libyaml's CSafeLoader
        self.file = file
        self.loader = loader
        self.problems: list[Problem] = []
        self.nodes = 0
        self.loc = Located(file=file, data=None)
        self._stack: set[int] = set()

    def _problem(self, node: yaml.Node, msg: str, hint: str, path: Path_) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.file, line, col, msg, path=format_path(path), hint=hint))

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(node.start_mark)
        self.loc.values[path] = _mark(node)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(node, f"found the YAML tag '{tag}', expected a plain value",
                          "remove the tag; guides use plain strings, numbers, lists and mappings", path)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self._stack:
            self._problem(node, "found a recursive alias (a value that contains itself)",
                          "write the value out instead of referring to an enclosing anchor", path)
            return None
        self._stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self._stack.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return node.value
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, datetime.date):  # dates stay text: guides quote them as written
            return node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                self._problem(knode, "found a merge key ('<<'), expected a plain key",
                              "write the keys out in full; guides do not support '<<' merges", path)
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self._problem(knode, "found a list or mapping used as a key, expected a plain name",
                              "keys are plain names such as 'id' or 'text'", path)
                continue
            key = str(knode.value)
            kpath = (*path, key)
            if key in out or kpath in self.loc.keys:
                line, col = self.loc.keys.get(kpath, (0, 0))
                self._problem(knode, f"duplicate key '{key}' (first defined at {self.file}:{line}:{col})",
                              "keep one of them; YAML would silently use the last", kpath)
                continue
            self.loc.keys[kpath] = _mark(knode)
            out[key] = self.walk(vnode, kpath)
        return out


def format_path(path: Path_) -> str:
    """``('policies', 0, 'rules', 1, 'id')`` → ``policies[0].rules[1].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _line_col(data: bytes | str, index: int) -> tuple[int, int]:
    nl: Any = b"\n" if isinstance(data, bytes) else "\n"
    before = data[:index]
    return before.count(nl) + 1, index - (before.rfind(nl) + 1) + 1


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a guide file as UTF-8 text, or say why it cannot be read."""

    def prob(msg: str, hint: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, msg, hint=hint)]

    try:
        if not path.exists():
            return prob("file not found, expected a guide YAML file",
                        "check the path; relative includes resolve from the including file")
        if path.is_dir():
            return prob("found a directory, expected a YAML file",
                        f"pass a file inside it, e.g. {display.rstrip('/')}/guide.yaml")
        if not path.is_file():
            return prob("found a special file (device, pipe or socket), expected a YAML file",
                        "pass a regular file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return prob(f"cannot read the file ({e.strerror or e})", "check the file's permissions")
    if len(raw) > MAX_BYTES:
        size = max(path.stat().st_size, len(raw))
        return prob(
            f"found a file of {size / 1_048_576:.1f} MiB, expected at most {MAX_BYTES // 1_048_576} MiB for a guide",
            "split the guide with 'include:' or move bulk examples into a suite file",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return prob("found UTF-16 text, expected UTF-8", "save the file as UTF-8")
    if not raw.strip():
        return prob("found an empty file, expected a guide with at least 'meta: {name: ...}'",
                    "start from an example: examples/*.yaml")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        return prob("found a NUL byte (the file looks binary), expected UTF-8 YAML text",
                    "check you passed the right file", line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col(raw, e.start)
        return prob(f"found byte 0x{raw[e.start]:02x}, which is not valid UTF-8, expected UTF-8 text",
                    "save the file as UTF-8", line, col)
    return text.removeprefix("\ufeff"), []


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """Turn PyYAML's parser wording into what a person can act on."""
    problem = str(e.problem or "")
    context = str(e.context or "")
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    msg, hint = problem or context or "invalid YAML", _SYNTAX_HINT
    if "'\\t'" in problem or _tab_at(text, line, col):
        msg = "found a tab character, expected spaces (YAML indentation and separators use spaces)"
        hint = "replace tabs with spaces (most editors: 'convert indentation to spaces')"
    elif "another document" in problem:
        msg = "found a second YAML document ('---'), expected a single document"
        hint = "a guide is one document; remove the extra '---' or split it into included files"
    elif "while scanning a quoted scalar" in context and e.context_mark is not None:
        line, col = e.context_mark.line + 1, e.context_mark.column + 1
        msg = "found a quoted string that is never closed, expected a closing quote"
        hint = "add the missing quote, or escape quotes inside the string"
    elif "mapping values are not allowed here" in problem:
        msg = "found ':' inside a plain value, expected a quoted string or a new key"
        hint = "quote values that contain ': ' (e.g. text: \"Note: ...\"), or indent this line like its siblings"
    elif "undefined alias" in problem:
        msg = f"{problem}, expected an anchor ('&name') defined earlier"
        hint = "define the anchor before using '*name', or write the value out"
    elif "could not find expected ':'" in problem and e.context_mark is not None:
        line, col = e.context_mark.line + 1, e.context_mark.column + 1
        msg = "found a line with no ':' where a key was expected"
        hint = "write 'key: value', or indent the line to continue the text above"
    elif "found '<scalar>'" in problem and _char_before(text, line, col) in "\"'":
        msg = "found text right after a closing quote, expected the end of the value"
        hint = "check the quotes: a string opened earlier may be unclosed, or a quote inside it needs escaping"
    elif "expected <block end>" in problem or "<document start>" in problem:
        msg = f"found a line that does not fit the indentation around it ({problem})"
        hint = "indent keys of the same mapping by the same number of spaces; list items start with '- '"
    elif problem.startswith("expected ',' or") and problem.endswith("got '?'"):
        # PyYAML's own parser (files with tabs or control characters) ends an unquoted flow item at
        # '?'; libyaml reads "[Is it open?]" as one item: the list is closed, the item needs quotes
        kind = "list" if "]" in problem else "mapping"
        msg = f"found '?' inside an unquoted item of a flow {kind}, expected ',' or '{']' if kind == 'list' else '}'}'"
        hint = "quote the item (e.g. [\"Is it open?\"]), or write the list as '- item' lines"
    elif problem.startswith("expected ',' or"):
        bracket = "]" if "]" in problem else "}"
        msg = f"found an unclosed flow {'list' if bracket == ']' else 'mapping'}, expected ',' or '{bracket}'"
        if e.context_mark is not None:
            msg += f" (opened at line {e.context_mark.line + 1}, col {e.context_mark.column + 1})"
        hint = f"close it with '{bracket}', and quote items that contain ',' or ':'"
    elif "cannot start any token" in problem:
        msg = f"{problem}, expected a value"
        hint = "quote values that start with '@', '`', '%' or other special characters"
    elif "duplicate anchor" in context:
        msg = f"{context.removeprefix('found ').split(';')[0]}, expected each anchor name once"
        hint = "rename one of the anchors"
    marks = [m for m in (e.problem_mark, e.context_mark) if m is not None]
    if not msg.startswith("found a tab") and any(curly_opened(text, m.line + 1) for m in marks):
        hint = CURLY_QUOTE_HINT  # what the author took for quotes are not: the hint above misleads
    return Problem(display, line, col, f"YAML syntax error: {msg}", hint=hint)


def curly_opened(text: str, line: int) -> bool:
    """Whether line ``line`` (1-based) of ``text`` opens a value with a curly quote."""
    lines = text.splitlines()
    return 0 < line <= len(lines) and _CURLY_OPENED.search(lines[line - 1]) is not None


@functools.lru_cache(maxsize=16)
def load_bundled(text: str) -> Any:
    """Plain data of a YAML file Charter ships (its guide library): parsed by libyaml when
    PyYAML was built with it (ten times faster than the pure-Python parser, the same data from
    the same safe constructor), once per process (the library's rule ids and its hazard map
    both read the hazard file at every start): the data is shared, read it, never change it.
    User files go through :func:`parse_located`."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _TooDeepFast(Exception):
    pass


class _FastWalker(_Walker):
    """:class:`_Walker` over nodes libyaml composed (which has no depth limit of its own)."""

    def __init__(self, file: str, loader: Any) -> None:
        super().__init__(file, loader)
        self._depth = 0

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeepFast
            return super().walk(node, path)
        finally:
            self._depth -= 1


def _parse_fast(text: str, display: str) -> tuple[Located, list[Problem]] | None:
    """:func:`parse_located` through libyaml (about ten times faster: the guide of a run is
    parsed at every start), or ``None`` when PyYAML lacks libyaml or the text is not a plain,
    well-formed guide-sized document: the pure-Python path then says what is wrong, with the
    same words and positions as always. Nodes, tags and marks are the same from both parsers."""
    cloader = getattr(yaml, "CSafeLoader", None)
    if cloader is None:
        return None
    loader = cloader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        walker = _FastWalker(display, loader)
        walker.loc.data = walker.walk(node, ())
        return walker.loc, walker.problems
    except (yaml.YAMLError, _TooDeepFast, _TooBig, RecursionError, ValueError):
        return None
    finally:
        loader.dispose()


def parse_located(text: str, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text into a :class:`Located` document (``None`` when it cannot be used)."""
    # control characters are where the two parsers' wording differs. Tabs are not: where libyaml
    # reads a text with tabs it reads valid YAML ("key:<tab>value", a tab inside a value or a
    # comment) that PyYAML's pure-Python scanner refuses, and where it refuses one (a tab that
    # indents) the slow path words the problem; so a tab in a comment no longer decides which
    # parser, and how strict a one, reads the guide
    if len(text) <= MAX_BYTES and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        fast = _parse_fast(text, display)
        if fast is not None:
            return fast
    return _parse_slow(text, display)


def _parse_slow(text: str, display: str) -> tuple[Located | None, list[Problem]]:
    def fatal(msg: str, hint: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, msg, hint=hint)]

    if len(text) > MAX_BYTES:
        return fatal(f"found {len(text) / 1_048_576:.1f} MiB of text, expected at most "
                     f"{MAX_BYTES // 1_048_576} MiB for a guide",
                     "split the guide with 'include:' or move bulk examples into a suite file")
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return fatal("found no YAML document (only comments or blank lines), expected a guide",
                         "start from an example in examples/")
        walker = _Walker(display, loader)
        walker.loc.data = walker.walk(node, ())
        return walker.loc, walker.problems
    except _TooDeep as e:
        return fatal(f"found YAML nested more than {MAX_DEPTH} levels deep, expected a few levels",
                     "a guide is a few levels deep; check the brackets and indentation",
                     e.mark.line + 1, e.mark.column + 1)
    except _TooBig as e:
        return fatal(f"found a document that expands to over {MAX_NODES:,} values (a YAML alias bomb?), "
                     "expected a guide-sized document",
                     "do not repeat anchors and aliases like this; write values out",
                     e.mark.line + 1, e.mark.column + 1)
    except yaml.reader.ReaderError as e:
        line, col = _line_col(text, e.position) if isinstance(e.position, int) else (1, 1)
        char = e.character if isinstance(e.character, str) else chr(e.character)
        return fatal(f"found the control character {ord(char):#06x}, expected printable text",
                     "remove it; it is often left by copy-paste from binary files", line, col)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, display)]
    except yaml.YAMLError as e:
        return fatal(f"YAML error: {e}", "check the file is YAML")
    except RecursionError:
        return fatal(f"found YAML nested more than {MAX_DEPTH} levels deep, expected a few levels",
                     "a guide is a few levels deep; check the brackets and indentation")
    finally:
        if loader is not None:
            loader.dispose()


def _char_before(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 1 < col <= len(lines[line - 1]) + 1:
        return lines[line - 1][col - 2]
    return "x"


_TAB_SEP = _regex.compile(r"^\s*\t|:\t|-\t|,\t")


def _tab_at(text: str, line: int, col: int) -> bool:
    lines = text.splitlines()
    if 0 < line <= len(lines):
        src = lines[line - 1]
        return (0 < col <= len(src) and src[col - 1] == "\t") or bool(_TAB_SEP.search(src[: col + 1]))
    return False
