"""Fewer cyclic garbage collections while runs are in flight or read back.

A run allocates a few hundred short-lived objects per sample (the request and its answer,
scores, rows, aiohttp's own), nearly all freed by reference counting the moment they are
done with; reading a run back builds some seventy objects per record that live on. Python's
cyclic collector still runs every 700 allocations (its default threshold), walks the young
objects each time, and whenever the objects that survived grew by a quarter, every object
in the process: about a tenth of the CPU of ``charter eval``. Inside
:func:`fewer_collections` the youngest generation's threshold is raised to
:data:`RUN_GC_THRESHOLD` (the collector still runs, 14 times less often; the cyclic garbage
it finds is the same, found later); the last block to end puts the threshold back, unless
someone else changed it meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["RUN_GC_THRESHOLD", "fewer_collections"]

#: allocations between two collections of the youngest generation inside fewer_collections
RUN_GC_THRESHOLD = 10_000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold for the block (the runner wraps every run in
    it, :meth:`RunStore.iter_records` its reading). Nested and concurrent blocks share one
    raise; a threshold of 0 (collection off) or above ours is left alone."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            t0, t1, t2 = gc.get_threshold()
            if 0 < t0 < RUN_GC_THRESHOLD:
                _saved = (t0, t1, t2)
                gc.set_threshold(RUN_GC_THRESHOLD, t1, t2)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                if gc.get_threshold()[0] == RUN_GC_THRESHOLD:
                    gc.set_threshold(*_saved)
                _saved = None
