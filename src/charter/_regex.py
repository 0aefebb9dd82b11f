"""Compiled regular expressions kept between processes.

Python compiles a regular expression with a parser and a compiler written in Python: the
checks' patterns (the refusal patterns' alternations most of all) took about 0.2 s of CPU at
every start of ``charter eval``, a fifth of it. :func:`compile` keeps what CPython's compiler
produces for a pattern (its flags, its code, its groups) in one file under the cache folder
(``$CHARTER_CACHE_DIR/regex/``), and builds the pattern from it with ``_sre.compile``, the call
``re.compile`` itself ends with. The pattern is the same object ``re.compile`` gives (equal
code, flags and groups; ``tests/test_regex_cache.py`` compares every cached pattern).

The file is keyed by the interpreter's build (``sys.version``, ``_sre.MAGIC``), so another
Python compiles afresh, and by the folder Charter is installed in: copies of Charter that
share a cache folder (virtual environments, working trees of a checkout) each keep their own
file. In one file, their patterns (a refusal alternation differs from one version to the next)
pushed it past :data:`MAX_BYTES`, so one copy's start-over made the next copy compile all of
its patterns again (0.15-0.25 s), and every start read and held the others' patterns (up to
8 MB). It is read once, at the first pattern, and written at exit when a
pattern was new (to a temporary file, then renamed). It holds at most :data:`MAX_ENTRIES`
patterns and :data:`MAX_BYTES`: a process that would pass either starts it over with the
patterns it used, as many as fit, first used first (so the file never passes either bound).
Beside each file a ``.install`` file names the folder of its copy; a process that writes its
file removes the files of copies whose folder is gone (a deleted virtual environment or
working tree), and files without that name not written for :data:`STALE_DAYS` days.
Anything unexpected (another interpreter, an unreadable or torn file, a read-only folder)
falls back to ``re.compile``; a cache is never an error.

Only patterns fixed by Charter's code go through it (not patterns built from a guide or a
user's input), so the file stays small and bounded. :func:`derived` keeps a pattern that
Charter's code derives from such a pattern (the refusal patterns' trie form, 15 to 50 ms of
pure Python per set) in the same file, under a name that changes with that code.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["MARKS", "MAX_BYTES", "MAX_ENTRIES", "STALE_DAYS", "cache_file", "compile", "derived"]

#: patterns kept in the file at most, and its size at most (a refusal alternation and its
#: code take about 100 KB; the file is read whole at every start, about 3 ms a megabyte)
MAX_ENTRIES = 2048
MAX_BYTES = 8 << 20
#: a cache file that names no install folder is removed when not written for this many days
STALE_DAYS = 30

try:  # CPython's regex compiler; anything else compiles with ``re.compile``
    import _sre
    import array
    import importlib

    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")

    _ENABLED = (sys.implementation.name == "cpython" and sys.version_info >= (3, 11)
                and array.array("I").itemsize == _sre.CODESIZE)
except ImportError:  # pragma: no cover - not CPython
    _ENABLED = False

_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# (pattern, flags) -> what _sre.compile takes; (name, source) -> a derived pattern
_Key = tuple[str, int] | tuple[str, str]
_Value = _Entry | str
_lock = threading.Lock()
_loaded: dict[_Key, _Value] | None = None
_new: dict[_Key, _Value] = {}
_used: dict[_Key, _Value] = {}
_memo: dict[tuple[str, int], re.Pattern[str]] = {}


#: the folder this copy of Charter is installed in: each copy keeps its own file
_INSTALL = str(Path(__file__).resolve().parent)


def cache_file() -> Path:
    """The cache file of this interpreter and this copy of Charter:
    ``$CHARTER_CACHE_DIR/regex/<build and install folder>.marshal``."""
    import hashlib

    from charter._cache import cache_dir

    build = f"{sys.implementation.cache_tag}|{sys.version}|{getattr(_sre, 'MAGIC', 0)}" if _ENABLED else sys.version
    key = f"{build}|{_INSTALL}"
    return cache_dir() / "regex" / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def _load() -> dict[_Key, _Value]:
    import marshal

    global _loaded
    if _loaded is None:
        try:
            data = marshal.loads(cache_file().read_bytes())
            _loaded = data if isinstance(data, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            _loaded = {}
        atexit.register(_save)
    return _loaded


def _save() -> None:
    """Write the new patterns to the file (merged with what it holds now)."""
    import marshal

    if not _new:
        return
    path = cache_file()
    try:
        try:
            current = marshal.loads(path.read_bytes())
            if not isinstance(current, dict):
                current = {}
        except (OSError, EOFError, ValueError, TypeError):
            current = {}
        current.update(_new)
        data = marshal.dumps(current)
        if len(current) > MAX_ENTRIES or len(data) > MAX_BYTES:
            data = _within_bounds({**_used, **_new})
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        path.with_suffix(".install").write_text(_INSTALL, encoding="utf-8")
    except (OSError, ValueError):  # read-only or full: the next process compiles again
        return
    _prune(path)


def _within_bounds(entries: dict[_Key, _Value]) -> bytes:
    """``entries`` as the file's bytes, cut to :data:`MAX_ENTRIES` and :data:`MAX_BYTES`: in the
    order this process first used them (start-up's patterns first), an entry that would pass
    either bound is left out. A process that used more than the bounds allow (the test suite
    reads guides in eighteen languages, each set of languages with refusal patterns of its own,
    250 KB apiece) wrote them all: a 29 MB file that every later start read whole (+24 MB of
    resident memory, about 90 ms)."""
    import marshal

    data = marshal.dumps(entries)
    if len(entries) <= MAX_ENTRIES and len(data) <= MAX_BYTES:
        return data
    kept: dict[_Key, _Value] = {}
    size = len(marshal.dumps({}))
    for key, value in entries.items():
        n = len(marshal.dumps({key: value})) - len(marshal.dumps({}))
        if len(kept) < MAX_ENTRIES and size + n <= MAX_BYTES:
            kept[key] = value
            size += n
    return marshal.dumps(kept)


def _prune(mine: Path) -> None:
    """Remove the cache files of copies of Charter that are gone: their install folder no
    longer exists, or (a file that names none) it was not written for :data:`STALE_DAYS` days."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    for file in mine.parent.glob("*.marshal"):
        if file == mine:
            continue
        install = file.with_suffix(".install")
        try:
            gone = (not Path(install.read_text(encoding="utf-8").strip()).is_dir() if install.exists()
                    else file.stat().st_mtime < cutoff)
            if gone:
                file.unlink(missing_ok=True)
                install.unlink(missing_ok=True)
        except (OSError, ValueError):  # another process removed it first, or it is not ours to remove
            continue


def _build(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    rx: re.Pattern[str] = _sre.compile(pattern, flags, array.array("I", code).tolist(), groups, groupindex, indexgroup)
    return rx


def _compile_new(pattern: str, flags: int) -> tuple[re.Pattern[str], _Entry]:
    """What ``re._compiler.compile`` does, keeping the code it hands to ``_sre.compile``."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry: _Entry = (int(flags | parsed.state.flags), array.array("I", [int(c) for c in code]).tobytes(),
                     parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _build(pattern, entry), entry


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache file when it holds the pattern."""
    key = (pattern, int(flags))
    rx = _memo.get(key)
    if rx is not None:
        return rx
    if not _ENABLED or not isinstance(pattern, str) or int(flags) & (re.DEBUG | re.LOCALE):
        return re.compile(pattern, flags)
    with _lock:
        entry = _load().get(key)
        try:
            if isinstance(entry, tuple):
                rx = _build(pattern, entry)
            else:
                rx, entry = _compile_new(pattern, int(flags))
                _new[key] = entry
        except Exception:  # a torn entry, or the compiler's error: re.compile says it its way
            return re.compile(pattern, flags)
        _used[key] = entry
        _memo[key] = rx
    return rx


def derived(name: str, source: str, make: Callable[[str], str]) -> str:
    """``make(source)``, kept in the cache file under ``(name, source)``. ``name`` must change
    whenever ``make``'s output could (name the function and a digest of its code)."""
    if not _ENABLED:
        return make(source)
    key = (name, source)
    with _lock:
        got = _load().get(key)
    if isinstance(got, str):
        with _lock:
            _used[key] = got
        return got
    out = make(source)
    with _lock:
        _new[key] = _used[key] = out
    return out


def _entries() -> dict[tuple[str, int], Any]:
    """Every pattern this process compiled through the cache (tests)."""
    return {k: v for k, v in _used.items() if isinstance(k[1], int)}


def _derivations() -> dict[tuple[str, str], str]:
    """Every derived pattern this process used (tests)."""
    return {k: v for k, v in _used.items() if isinstance(k[1], str) and isinstance(v, str)}


def _mark_class() -> str:
    """A regex class of the combining marks of the scripts written with spaces (Arabic harakat,
    shadda and tanwin, Hebrew points, Indic vowel signs and viramas, Latin combining accents).
    Python's ``\\w`` leaves marks out: "فورًا" (tanwin) was two words, and Hindi
    "उपयोगकर्ता" four ("उपय", "गकर", "त" and a lone vowel sign)."""
    import unicodedata

    ranges: list[tuple[int, int]] = []
    for lo, hi in ((0x0300, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xA8E0, 0xA8FF), (0xFE20, 0xFE2F)):
        for cp in range(lo, hi + 1):
            if unicodedata.category(chr(cp)).startswith("M"):
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    return "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


#: a regex class of the combining marks: a word of a script with vowel signs or harakat is
#: ``[^\W_](?:[^\W_]|{MARKS})*``
MARKS = _mark_class()
