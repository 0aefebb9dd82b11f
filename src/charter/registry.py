"""One typed plugin registry for providers, scorers, synth operators (and attacks, guards...),
and the :class:`Context` that owns the registered plugins and the process-lived state.

A :class:`Registry` names one kind of plugin (``scorers``, ``providers``, ``operators``) and
the modules that hold its built-ins. The entries themselves live in a :class:`Context`:

* **built-ins and plugins take one path.** A built-in module registers with the same
  decorator a third-party package uses (``@check``, ``@provider``, ``@technique``, all
  ending in :meth:`Registry.add`). Third-party packages advertise a module in the
  ``charter`` entry-point group (``name = "pkg.module"``); the first lookup of any kind in a
  context imports the built-in modules and every advertised module once.
* **import-time registration goes to the default context** (or to the context whose
  plugin scan is importing the module, or inside ``with ctx.registering():``), whatever
  context is current: importing a module is process-wide, so what it registers is too.
  :meth:`Registry.add` with ``context=`` registers into another context explicitly.
* **lookups go through the current context**: :func:`current_context` is the one set by
  ``with ctx:`` / :func:`use_context` (per thread and asyncio task), else the default one.
  A ``Context()`` is a child of the default: it sees the built-ins and the default's plugins,
  adds its own (its own entry-point scan, explicit ``add``), and holds its own process-lived
  objects (:meth:`Context.resource`: model servers, loaded classifiers), closed with it.

>>> ctx = Context()
>>> scorers.add("shouting", info, context=ctx)    # doctest: +SKIP - visible in ctx only
>>> with ctx:                                      # doctest: +SKIP
...     run_the_cli()                              # scorer lookups see "shouting"
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
import importlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar, Token
from importlib import metadata
from typing import Any, Generic, TypeVar, cast

from charter.errors import CharterError

__all__ = [
    "ENTRY_POINT_GROUP",
    "Context",
    "Registry",
    "current_context",
    "default_context",
    "load_entry_points",
    "use_context",
]

ENTRY_POINT_GROUP = "charter"
T = TypeVar("T")
R = TypeVar("R")


class Registry(Generic[T]):
    """One kind of plugin: ``kind`` names it in errors, ``builtins`` are the modules whose
    import registers the built-in ones. The entries live in a :class:`Context`; every method
    takes ``context=`` and defaults to :func:`current_context`."""

    def __init__(self, kind: str, *, builtins: Sequence[str] = (), homes: Mapping[str, str] | None = None) -> None:
        """``homes``: for built-ins, the module that registers each name, so that looking up one
        name (``get``, ``find``, ``in``) imports only that module of ``builtins`` (start-up:
        ``openai/...`` need not import every provider). Plugins are scanned either way; listing
        the entries (``names``, ``items``, ``values``) imports every built-in module."""
        self.kind = kind
        self.builtins = tuple(builtins)
        self.homes = dict(homes or {})

    def register(self, name: str, *, context: Context | None = None) -> Callable[[T], T]:
        """Decorator: ``@providers.register("openai")``."""

        def deco(obj: T) -> T:
            self.add(name, obj, context=context)
            return obj

        return deco

    def add(self, name: str, obj: T, *, context: Context | None = None) -> None:
        """Register ``obj`` under ``name`` in ``context`` (default: the context whose plugin
        scan is running, else the default context: import-time registration is process-wide)."""
        target = context or _loading.get() or default_context()
        target._add(self, name, obj)

    def get(self, name: str, *, context: Context | None = None) -> T:
        ctx = context or current_context()
        found = ctx._lookup(self, name)
        if found is not None:
            return found[0]
        known = self.names(context=ctx)
        near = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(known) or 'none'}"
        raise CharterError(f"unknown {self.kind} '{name}'", hint=hint)

    def find(self, name: str, *, context: Context | None = None) -> T | None:
        """The entry registered under ``name``, or ``None``."""
        found = (context or current_context())._lookup(self, name)
        return found[0] if found is not None else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and current_context()._lookup(self, name) is not None

    def names(self, *, context: Context | None = None) -> list[str]:
        return sorted((context or current_context())._entries(self))

    def items(self, *, context: Context | None = None) -> Iterator[tuple[str, T]]:
        yield from sorted((context or current_context())._entries(self).items())

    def values(self, *, context: Context | None = None, builtins: Sequence[str] | None = None) -> list[T]:
        """Every entry in registration order (built-ins first, then plugins). ``builtins``: only
        these of the built-in modules need importing (e.g. the checks and classifiers, not the
        judges): the entries of the others are listed only if they were imported already."""
        return list((context or current_context())._entries(self, builtins).values())

    def load_builtins(self, modules: Sequence[str] | None = None) -> None:
        """Import the built-in modules (each registers itself in the default context);
        ``modules``: only these."""
        token = _loading.set(default_context())
        try:
            for module in self.builtins if modules is None else modules:
                importlib.import_module(module)
        finally:
            _loading.reset(token)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r})"


class Context:
    """The registered plugins and process-lived objects of one Charter "session".

    ``Context()`` is a child of the default context (``parent=None`` only for the default
    itself). Use ``with Context() as ctx:`` to make it current for a block and close its
    resources at the end, or pass it explicitly (``context=ctx``) where an API takes one.
    """

    def __init__(self, *, parent: Context | None = None, name: str = "") -> None:
        self.parent = parent if parent is not None or _DEFAULT is None else _DEFAULT
        self.name = name or ("default" if self.parent is None else "child")
        self._tables: dict[Registry[Any], dict[str, Any]] = {}
        self._loaded_groups: set[str] = set()
        self._ready_kinds: set[Registry[Any]] = set()
        self._resources: dict[str, tuple[Any, Callable[[Any], None] | None]] = {}
        self._lock = threading.RLock()
        self._tokens: list[Token[Context | None]] = []

    # ---------------------------------------------------------------- plugins

    def _add(self, registry: Registry[T], name: str, obj: T) -> None:
        with self._lock:
            table = self._tables.setdefault(registry, {})
            if name in table and table[name] is not obj:
                raise CharterError(f"{registry.kind} '{name}' is registered twice",
                                   hint="rename one of the plugins")
            table[name] = obj

    def _ready(self, registry: Registry[Any]) -> None:
        if registry in self._ready_kinds:
            return
        if registry.builtins:
            registry.load_builtins()
        self.load_plugins()
        self._ready_kinds.add(registry)

    def _ready_for(self, registry: Registry[Any], name: str) -> None:
        """Enough of :meth:`_ready` to look up ``name``: a built-in with a known home imports
        only that module (plugins are still scanned: a broken one says so at once)."""
        home = registry.homes.get(name)
        if home is None or registry in self._ready_kinds:
            self._ready(registry)
            return
        if self.parent is None:  # built-ins register into the default context
            registry.load_builtins([home])
        self.load_plugins()

    def _lookup(self, registry: Registry[T], name: str) -> tuple[T] | None:
        ctx: Context | None = self
        while ctx is not None:
            ctx._ready_for(registry, name)
            table = ctx._tables.get(registry, {})
            if name in table:
                return (cast(T, table[name]),)
            ctx = ctx.parent
        if name in registry.homes and any(registry not in c._ready_kinds for c in self._chain()):
            # a home that does not register its name: look again with every built-in loaded
            for c in self._chain():
                c._ready(registry)
            return self._lookup(registry, name)
        return None

    def _chain(self) -> list[Context]:
        chain: list[Context] = []
        ctx: Context | None = self
        while ctx is not None:
            chain.append(ctx)
            ctx = ctx.parent
        return chain

    def _entries(self, registry: Registry[T], builtins: Sequence[str] | None = None) -> dict[str, T]:
        chain: list[Context] = []
        ctx: Context | None = self
        while ctx is not None:
            if builtins is None or registry in ctx._ready_kinds:
                ctx._ready(registry)
            else:
                if ctx.parent is None:  # built-ins register into the default context
                    registry.load_builtins(builtins)
                ctx.load_plugins()
            chain.append(ctx)
            ctx = ctx.parent
        out: dict[str, T] = {}
        for c in reversed(chain):  # the nearest context wins
            out.update(c._tables.get(registry, {}))
        return out

    def load_plugins(self, group: str = ENTRY_POINT_GROUP) -> None:
        """Import every module advertised under the entry-point ``group`` (once per context);
        their decorators register into this context."""
        with self._lock:
            if group in self._loaded_groups:
                return
            self._loaded_groups.add(group)
        token = _loading.set(self)
        try:
            for ep in metadata.entry_points(group=group):
                try:
                    ep.load()
                except Exception as e:  # a broken plugin must not break Charter silently
                    raise CharterError(f"plugin '{ep.name}' ({ep.value}) failed to load: {e}",
                                       hint="fix or uninstall the package providing it") from e
        finally:
            _loading.reset(token)

    @contextlib.contextmanager
    def registering(self) -> Iterator[Context]:
        """Inside the block, decorators (``@check``, ``@provider``, ...) register into this
        context instead of the default one (tests, per-session plugins)."""
        token = _loading.set(self)
        try:
            yield self
        finally:
            _loading.reset(token)

    # ---------------------------------------------------------------- state

    def resource(self, key: str, factory: Callable[[], R], *,
                 close: Callable[[R], None] | None = None) -> R:
        """The object this context keeps under ``key``, made by ``factory`` on first use
        (thread-safe); ``close(obj)`` runs when the context closes (the default context
        closes at interpreter exit)."""
        with self._lock:
            if key not in self._resources:
                self._resources[key] = (factory(), cast(Callable[[Any], None] | None, close))
            return cast(R, self._resources[key][0])

    def close(self) -> None:
        """Close every resource (last made, first closed) and forget them."""
        with self._lock:
            items = list(self._resources.values())
            self._resources.clear()
        for obj, closer in reversed(items):
            if closer is not None:
                closer(obj)

    def __enter__(self) -> Context:
        self._tokens.append(_current.set(self))
        return self

    def __exit__(self, *exc: object) -> None:
        _current.reset(self._tokens.pop())
        self.close()

    def __repr__(self) -> str:
        return f"Context({self.name!r})"


_DEFAULT: Context | None = None
_DEFAULT = Context(name="default")
atexit.register(_DEFAULT.close)
_current: ContextVar[Context | None] = ContextVar("charter_context", default=None)
_loading: ContextVar[Context | None] = ContextVar("charter_loading_context", default=None)


def default_context() -> Context:
    """The process's default context: built-ins, installed plugins, shared model servers."""
    assert _DEFAULT is not None
    return _DEFAULT


def current_context() -> Context:
    """The context set by ``with ctx:`` / :func:`use_context` here, else the default one."""
    return _current.get() or default_context()


@contextlib.contextmanager
def use_context(ctx: Context) -> Iterator[Context]:
    """Make ``ctx`` current inside the block (without closing it at the end)."""
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def load_entry_points(group: str = ENTRY_POINT_GROUP) -> None:
    """Import the modules advertised under ``group`` into the current context (once)."""
    current_context().load_plugins(group)
