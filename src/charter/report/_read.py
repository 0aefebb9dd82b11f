"""Reading a results file another verb wrote (red-team results, guard-eval results, a
calibration) into its pydantic model, with one kind of error for every such file."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from charter.errors import ConfigError

__all__ = ["read_results"]

M = TypeVar("M", bound=BaseModel)


def read_results(path: str | Path, model: type[M], *, what: str, write_hint: str, pass_hint: str) -> M:
    """``model`` from the JSON file at ``path``. A missing file is a ConfigError saying how to
    write one (``write_hint``); a file of another shape names its first problem and says what to
    pass instead (``pass_hint``)."""
    p = Path(path)
    try:
        return model.model_validate_json(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: {what} file not found", hint=write_hint) from None
    except ValidationError as e:
        first = e.errors()[0]
        raise ConfigError(f"{p}: not a {what} file ({e.error_count()} problems, first: "
                          f"{'.'.join(map(str, first['loc']))}: {first['msg']})", hint=pass_hint) from None
