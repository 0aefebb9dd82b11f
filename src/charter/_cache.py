"""Charter's cache folder and the compiled-template cache every jinja2 environment shares.

A template is compiled to Python on its first render in a process (tens of milliseconds for
the system prompt's and the report's templates, at every start of ``charter eval``). The
compiled code is kept under ``$CHARTER_CACHE_DIR/jinja2/<environment>/``, keyed by jinja2 itself on the
template's name and source checksum and its own version, so a changed template or an upgrade
compiles afresh. A cache that cannot be read or written is skipped, never an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["cache_dir", "template_cache"]


def cache_dir() -> Path:
    """``$CHARTER_CACHE_DIR`` (default ``~/.cache/charter``)."""
    env = os.environ.get("CHARTER_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "charter"


def template_cache(environment: str) -> jinja2.BytecodeCache | None:
    """A jinja2 bytecode cache under the cache folder, one folder per ``environment`` (the
    compiled code depends on the environment's options, e.g. autoescaping, which jinja2's
    keys leave out); ``None`` when it cannot be created."""
    import jinja2

    class _Quiet(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):  # unreadable or torn: compile instead
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # read-only or full: the template still renders
                pass

    folder = cache_dir() / "jinja2" / environment
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Quiet(str(folder))
