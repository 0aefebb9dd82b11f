"""The layers of docs/architecture.md, enforced: walk the import graph of ``src/charter``
(every ``import``/``from`` statement, function-local and ``TYPE_CHECKING`` ones included, and
the module strings of lazy-export tables) and fail on

(a) a cycle between packages,
(b) an import of another package's private module (``charter.x._y`` from outside ``x``),
(c) an import against the layer order: a package imports only packages of a lower layer.

A "package" is the first name under ``charter`` (``charter.evaluate.checks.refusal`` belongs
to ``evaluate``; ``charter/job.py`` is the package ``job``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src"
ROOT = SRC / "charter"

#: the layer table of docs/architecture.md (a package may import only lower layers; the
#: decimals order packages inside one of the design's seven layers)
LAYERS: dict[str, float] = {
    # 1 — no Charter imports but each other's public names
    "errors": 1.0,
    "_lazy": 1.0,
    "_cache": 1.0,
    "_regex": 1.05,  # uses _cache
    "_version": 1.0,
    "registry": 1.1,
    # 2 — the vocabulary: plain typed records
    "types": 2.0,
    # 3 — the guide, then what is derived from it without a model
    "guide": 3.0,
    "suite": 3.1,
    "compile": 3.1,
    # 4 — models and the run store, then the runner: the engine that calls a model for many
    # cases (cached, retried, stored) and applies any scorers it is given; synth and data
    # use it for their model calls, so it sits below them
    "model": 4.0,
    "store": 4.0,
    "runner": 4.1,
    # 5 — scorers, case generators, training data, curation
    "evaluate": 5.0,
    "synth": 5.1,
    "data": 5.1,
    "curate": 5.2,
    # 6 — orchestrators: the "run a suite with the guide's scorers" function, then the rest
    "harness": 6.1,
    "report": 6.2,
    "redteam": 6.2,
    "guard": 6.2,
    "train": 6.2,
    "iterate": 6.2,
    "job": 6.3,
    "loop": 6.4,
    # 7 — the command line (and `python -m charter`, which only calls it)
    "cli": 7.0,
    "__main__": 7.1,
    # the top-level facade re-exports every package's entry points
    "": 8.0,
}

#: shared helpers of the root package that other packages may use although private
ROOT_INTERNALS = {"_cache", "_lazy", "_regex", "_version"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def _package_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path, me: str | None = None) -> Iterator[tuple[int, str]]:
    """(line, imported module) of every Charter import in ``path`` (module ``me``)."""
    me = me or _module_name(path)
    is_pkg = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "charter":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = me.split(".") if is_pkg else me.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.split(".")[0] != "charter":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                yield node.lineno, sub if _is_module(sub) else module
        elif isinstance(node, ast.Dict):  # lazy-export tables: {"Name": "charter.pkg._module"}
            for value in node.values:
                if (isinstance(value, ast.Constant) and isinstance(value.value, str)
                        and value.value.startswith("charter.") and _is_module(value.value)):
                    yield value.lineno, value.value


@cache
def _edges() -> list[tuple[str, int, str, str]]:
    """(importer file, line, importer module, imported module) over all of src/charter."""
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        me = _module_name(path)
        for line, target in _imports(path):
            out.append((str(path.relative_to(SRC.parent)), line, me, target))
    return out


def test_the_walk_sees_the_graph() -> None:
    edges = _edges()
    assert len(edges) > 300
    # a function-local import and a lazy-table entry are both seen
    assert any(t == "charter.evaluate._calibrate" and m == "charter.evaluate" for _, _, m, t in edges)
    packages = {_package_of(m) for _, _, m, _ in edges}
    assert packages <= set(LAYERS), f"packages missing from the layer table: {sorted(packages - set(LAYERS))}"


def test_no_private_module_of_another_package() -> None:
    bad = []
    for where, line, me, target in _edges():
        mine, theirs = _package_of(me), _package_of(target)
        if mine == theirs or theirs in ROOT_INTERNALS:
            continue
        private = [p for p in target.split(".")[2:] if p.startswith("_")]
        if private or theirs.startswith("_"):
            bad.append(f"{where}:{line}: {me} imports {target}")
    assert not bad, "imports of another package's private module:\n" + "\n".join(bad)


def test_imports_follow_the_layer_order() -> None:
    bad = []
    for where, line, me, target in _edges():
        mine, theirs = _package_of(me), _package_of(target)
        if mine == theirs:
            continue
        if not LAYERS[theirs] < LAYERS[mine]:
            bad.append(f"{where}:{line}: {mine} (layer {LAYERS[mine]}) imports {theirs} (layer {LAYERS[theirs]})")
    assert not bad, "imports against the layer order of docs/architecture.md:\n" + "\n".join(bad)


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for _, _, me, target in _edges():
        a, b = _package_of(me), _package_of(target)
        if a != b:
            graph.setdefault(a, set()).add(b)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"packages importing each other: {cycles}"


@pytest.mark.parametrize("source,expected", [
    ("from charter.model._api import Model\n", "charter.model._api"),
    ("def f():\n    import charter.store._store\n", "charter.store._store"),
    ("from charter import registry\n", "charter.registry"),
    ("from charter.model import _providers\n", "charter.model._providers"),
    ("from ._build import build_scorers\n", "charter.evaluate._build"),
    ("if TYPE_CHECKING:\n    from charter.synth._plan import Cell\n", "charter.synth._plan"),
    ("_LAZY = {'Guide': 'charter.guide._schema'}\n", "charter.guide._schema"),
])
def test_the_walker_reads_every_import_form(tmp_path: Path, source: str, expected: str) -> None:
    f = tmp_path / "probe.py"
    f.write_text(source)
    assert [t for _, t in _imports(f, "charter.evaluate.probe")] == [expected]
