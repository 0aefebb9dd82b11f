"""The JSON of a score's evidence and metadata, as ``json.dumps(obj, default=str,
ensure_ascii=False)`` reads back, at a tenth of its cost.

orjson writes plain data (str, int, float, bool, None, lists, tuples and dicts with string
keys) ten times faster than the standard library. Whatever it would write differently goes
to ``json``: subclasses (numpy's float64, enums of str or int), datetimes, dataclasses,
non-string keys and integers past 64 bits make it raise; NaN and infinities it writes as
``null``, so any ``null`` in its output sends the object to ``json`` too (a ``None`` is
rare in score metadata). Both outputs parse to the same value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["encode_extra"]

_STDLIB = json.JSONEncoder(default=str, ensure_ascii=False)


def _find_orjson() -> Callable[[Any], bytes] | None:
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised only without orjson
        return None
    opts = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    dumps = orjson.dumps

    def fast(obj: Any) -> bytes:
        return dumps(obj, option=opts)

    return fast


_fast = _find_orjson()


def encode_extra(obj: Any) -> str:
    """``json.dumps(obj, default=str, ensure_ascii=False)``, up to whitespace."""
    if _fast is not None:
        try:
            out = _fast(obj)
        except TypeError:  # orjson.JSONEncodeError: something it would write differently
            pass
        else:
            if b"null" not in out:
                return out.decode()
    return _STDLIB.encode(obj)
