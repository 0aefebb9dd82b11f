"""One typed plugin registry for providers, scorers, attacks and generators.

Built-ins register with the same decorators third parties use; third-party packages can also
expose plugins through the ``charter`` entry-point group (``name = "pkg.module:object"``):
loading that module runs its decorators. Each :class:`Registry` is an explicit object owned by
the package that defines the plugin kind; there is no global mutable configuration.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from charter.errors import CharterError

__all__ = ["ENTRY_POINT_GROUP", "Registry", "load_entry_points"]

ENTRY_POINT_GROUP = "charter"
T = TypeVar("T")
_loaded_groups: set[str] = set()


class Registry(Generic[T]):
    """A name → plugin map for one kind of plugin (``kind`` names it in errors)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: ``@registry.register("openai")``."""

        def deco(obj: T) -> T:
            self.add(name, obj)
            return obj

        return deco

    def add(self, name: str, obj: T) -> None:
        if name in self._items and self._items[name] is not obj:
            raise CharterError(f"{self.kind} '{name}' is registered twice",
                               hint="rename one of the plugins")
        self._items[name] = obj

    def get(self, name: str) -> T:
        load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            near = difflib.get_close_matches(name, list(self._items), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(sorted(self._items))}"
            raise CharterError(f"unknown {self.kind} '{name}'", hint=hint) from None

    def __contains__(self, name: object) -> bool:
        load_entry_points()
        return name in self._items

    def names(self) -> list[str]:
        load_entry_points()
        return sorted(self._items)

    def items(self) -> Iterator[tuple[str, T]]:
        load_entry_points()
        yield from sorted(self._items.items())


def load_entry_points(group: str = ENTRY_POINT_GROUP) -> None:
    """Import every module advertised under the ``charter`` entry-point group (once)."""
    if group in _loaded_groups:
        return
    _loaded_groups.add(group)
    for ep in entry_points(group=group):
        try:
            ep.load()
        except Exception as e:  # a broken plugin must not break Charter
            raise CharterError(f"plugin '{ep.name}' ({ep.value}) failed to load: {e}",
                               hint="fix or uninstall the package providing it") from e
