"""charter._regex: compiled patterns kept between processes are the patterns re.compile gives."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter import _regex

SRC = Path(__file__).resolve().parents[1] / "src"

# every module whose fixed patterns go through the cache, as `charter eval` and the guards load them
_MODULES = ["charter.evaluate.checks", "charter.evaluate.checks._refusal", "charter.evaluate.checks._pii",
            "charter.evaluate.checks.style", "charter.evaluate.checks.safety", "charter.evaluate.checks.reference",
            "charter.evaluate._verdict", "charter.evaluate._expect", "charter.evaluate._comparisons",
            "charter.evaluate.classifiers.profanity", "charter.compile", "charter.guide",
            "charter.model._providers.http"]

_CHILD = """
import importlib, json, sys
from charter import _regex
for m in sys.argv[1].split(","):
    importlib.import_module(m)
from charter.evaluate.checks._refusal import detect_refusal
detect_refusal("I'm sorry, but I can't help with that. You could call our support line instead.")
detect_refusal("Désolé, je ne peux pas vous aider avec cela.", languages=["fr", "de"])
print(json.dumps([[p, f] for (p, f) in _regex._entries()]))
print(json.dumps([[n, s, d] for (n, s), d in _regex._derivations().items()]))
"""


def _child(cache: Path) -> tuple[list[tuple[str, int]], list[tuple[str, str, str]]]:
    env = {**os.environ, "CHARTER_CACHE_DIR": str(cache), "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", _CHILD, ",".join(_MODULES)], env=env, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    return [(p, f) for p, f in json.loads(out[0])], [(n, s, d) for n, s, d in json.loads(out[1])]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The module's state as in a new process, with the cache under ``tmp_path``."""
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(tmp_path))
    for name, value in (("_loaded", None), ("_new", {}), ("_used", {}), ("_memo", {})):
        monkeypatch.setattr(_regex, name, value)
    yield tmp_path


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # CPython compares the flags, the pattern and the compiled code
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="the cache is CPython's compiled code")
def test_every_pattern_read_back_from_the_file_is_the_one_re_compiles(tmp_path: Path) -> None:
    first, derived = _child(tmp_path)
    assert len(first) > 100  # the checks' patterns, the refusal alternations included
    # one cache file, and beside it the .install file naming this copy's folder
    (cache,) = (tmp_path / "regex").glob("*.marshal")
    assert cache.name == _regex.cache_file().name
    assert {p.name for p in (tmp_path / "regex").iterdir()} == {cache.name, cache.with_suffix(".install").name}
    size = cache.stat().st_size
    assert _child(tmp_path) == (first, derived)  # the second process reads them all back, and writes nothing new
    assert cache.stat().st_size == size
    import marshal

    stored = marshal.loads(cache.read_bytes())
    assert set(stored) == set(first) | {(n, s) for n, s, _ in derived}
    for pattern, flags in first:
        _same(_regex._build(pattern, stored[(pattern, flags)]), re.compile(pattern, flags))
    # the refusal patterns' trie forms, read back, are what factor() computes now
    from charter.evaluate.checks._trie import _start_plan, ascii_alternatives, factor

    assert len(derived) >= 5
    for name, source, pattern in derived:
        if name.startswith("trie.ascii_alternatives/"):  # the clause split's ASCII alternatives
            assert stored[(name, source)] == pattern == ascii_alternatives(source)
            continue
        if name.startswith("trie.start/"):  # a StartSearch's scan and rest: "trie.start/{flags}/{above}/{digest}"
            _, flags, above, _ = name.split("/")
            plan = _start_plan(source, int(flags), None if above == "None" else int(above))
            assert stored[(name, source)] == pattern == ("" if plan is None else "\x00".join(plan))
            continue
        # "trie.factor/{limit}/{digest}", or ".../{limit}/ascii/{digest}" for the ASCII set, or
        # ".../{limit}/above{code point}/{digest}" for the Latin one
        parts = name.split("/")
        limit, ascii = int(parts[1]), parts[2] == "ascii"
        above = int(parts[2][5:]) if parts[2].startswith("above") else None
        assert stored[(name, source)] == pattern == factor(source, limit, ascii, above=above)
    assert any("/ascii/" in name for name, _, _ in derived)
    assert any("/above591/" in name for name, _, _ in derived)  # (the French refusal: the Latin set)
    assert any(name.startswith("trie.start/") for name, _, _ in derived)
    # and they find the same things
    refusal = [k for k in first if "sorry" in k[0] and len(k[0]) > 5000]
    assert refusal
    text = "sorry, i can't help with that. i'm not able to share it, but you can call 555-0100."
    for pattern, flags in refusal:
        got = _regex._build(pattern, stored[(pattern, flags)])
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in re.finditer(pattern, text, flags)]


def test_a_torn_or_foreign_file_compiles_as_re_does(fresh: Path) -> None:
    path = _regex.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    rx = _regex.compile(r"(?P<word>\w+)-(\d+)", re.IGNORECASE)
    _same(rx, re.compile(r"(?P<word>\w+)-(\d+)", re.IGNORECASE))
    assert rx.match("Ab-12") is not None and rx.match("Ab-12")["word"] == "Ab"  # type: ignore[index]


def test_a_damaged_entry_falls_back_to_re_compile(fresh: Path) -> None:
    import marshal

    path = _regex.cache_file()
    path.parent.mkdir(parents=True)
    # code that _sre refuses (an unknown opcode) under the pattern's key
    path.write_bytes(marshal.dumps({("a+b", 0): (32, b"\xff\xff\xff\x7f" * 3, 0, {}, (None,))}))
    _same(_regex.compile("a+b"), re.compile("a+b"))


def test_a_bad_pattern_raises_what_re_raises(fresh: Path) -> None:
    with pytest.raises(re.error) as ours:
        _regex.compile(r"(unclosed")
    with pytest.raises(re.error) as theirs:
        re.compile(r"(unclosed")
    assert str(ours.value) == str(theirs.value) == "missing ), unterminated subpattern at position 0"


def test_new_patterns_are_written_and_a_full_file_starts_over(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    _regex.compile(r"\bone\b")
    _regex.compile(r"\btwo\b", re.ASCII)
    _regex._save()
    stored = marshal.loads(_regex.cache_file().read_bytes())
    assert set(stored) == {(r"\bone\b", 0), (r"\btwo\b", int(re.ASCII))}
    monkeypatch.setattr(_regex, "MAX_ENTRIES", 2)
    monkeypatch.setattr(_regex, "_new", {})
    monkeypatch.setattr(_regex, "_used", {})
    monkeypatch.setattr(_regex, "_memo", {})
    _regex.compile(r"\bone\b")  # read from the file: used, not new
    _regex.compile(r"\bthree\b")
    _regex._save()
    assert set(marshal.loads(_regex.cache_file().read_bytes())) == {(r"\bone\b", 0), (r"\bthree\b", 0)}
    # and a file past MAX_BYTES starts over the same way
    monkeypatch.setattr(_regex, "MAX_ENTRIES", 100)
    monkeypatch.setattr(_regex, "MAX_BYTES", len(_regex.cache_file().read_bytes()))
    monkeypatch.setattr(_regex, "_new", {})
    monkeypatch.setattr(_regex, "_used", {})
    monkeypatch.setattr(_regex, "_memo", {})
    _regex.compile(r"\bfour\b")
    _regex._save()
    assert set(marshal.loads(_regex.cache_file().read_bytes())) == {(r"\bfour\b", 0)}


def test_a_process_that_used_more_than_the_bounds_writes_what_fits(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    # the first patterns a process used are kept, in order, while they fit; a later one that
    # would pass MAX_BYTES (or MAX_ENTRIES) is left out, and the file never passes either bound
    big = "(?:" + "|".join(f"word{i}" for i in range(400)) + ")"
    _regex.compile(r"\bfirst\b")
    _regex.compile(big)
    _regex.compile(r"\blast\b")
    one = len(marshal.dumps({(r"\bfirst\b", 0): _regex._used[(r"\bfirst\b", 0)]}))
    assert len(marshal.dumps(_regex._used)) > 3 * one  # the big pattern is most of it
    monkeypatch.setattr(_regex, "MAX_BYTES", 3 * one)
    _regex._save()
    data = _regex.cache_file().read_bytes()
    assert len(data) <= 3 * one
    assert list(marshal.loads(data)) == [(r"\bfirst\b", 0), (r"\blast\b", 0)]
    monkeypatch.setattr(_regex, "MAX_BYTES", 8 << 20)
    monkeypatch.setattr(_regex, "MAX_ENTRIES", 1)
    _regex._new[(r"\bnewer\b", 0)] = _regex._used[(r"\blast\b", 0)]
    _regex._save()
    assert list(marshal.loads(_regex.cache_file().read_bytes())) == [(r"\bfirst\b", 0)]
    # and every pattern still compiles, from the file or afresh
    for pattern in (r"\bfirst\b", big, r"\blast\b"):
        assert _regex.compile(pattern).pattern == pattern


def test_each_copy_of_charter_keeps_its_own_file(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two installs (or working trees) sharing a cache folder: one file each, in the same folder,
    # so one's patterns neither fill the other's file nor are read by the other's processes
    mine = _regex.cache_file()
    assert mine.parent == fresh / "regex" and mine.suffix == ".marshal"
    _regex.compile(r"\bmine\b")
    _regex._save()
    monkeypatch.setattr(_regex, "_INSTALL", str(fresh / "another" / "charter"))
    theirs = _regex.cache_file()
    assert theirs.parent == mine.parent and theirs.name != mine.name and not theirs.exists()
    monkeypatch.setattr(_regex, "_INSTALL", str(Path(_regex.__file__).resolve().parent))
    assert _regex.cache_file() == mine and set(marshal.loads(mine.read_bytes())) == {(r"\bmine\b", 0)}


def test_a_read_only_cache_folder_is_no_error(fresh: Path) -> None:
    (fresh / "regex").mkdir()
    (fresh / "regex").chmod(0o500)
    try:
        _same(_regex.compile(r"x{2,}"), re.compile(r"x{2,}"))
        _regex._save()  # nothing written, nothing raised
        assert list((fresh / "regex").iterdir()) == [] or os.geteuid() == 0
    finally:
        (fresh / "regex").chmod(0o700)


def test_files_of_removed_copies_are_pruned_when_a_file_is_written(fresh: Path) -> None:
    import time

    folder = fresh / "regex"
    folder.mkdir()
    kept_install = fresh / "venv-kept" / "charter"
    kept_install.mkdir(parents=True)

    def other(name: str, install: Path | None, age_days: float = 0) -> Path:
        file = folder / f"{name}.marshal"
        file.write_bytes(marshal.dumps({}))
        if install is not None:
            file.with_suffix(".install").write_text(str(install), encoding="utf-8")
        stamp = time.time() - age_days * 86400
        os.utime(file, (stamp, stamp))
        return file

    gone = other("gone", fresh / "deleted-venv" / "charter")  # its copy was removed
    kept = other("kept", kept_install, age_days=400)  # its copy is still there, however old
    old_unnamed = other("old", None, age_days=_regex.STALE_DAYS + 1)  # written by an older Charter
    new_unnamed = other("new", None, age_days=1)
    _regex.compile(r"\bprune\b")
    _regex._save()
    mine = _regex.cache_file()
    assert mine.exists() and mine.with_suffix(".install").read_text(encoding="utf-8") == _regex._INSTALL
    assert not gone.exists() and not gone.with_suffix(".install").exists()
    assert kept.exists() and kept.with_suffix(".install").exists()
    assert not old_unnamed.exists() and new_unnamed.exists()
