"""Read and write suites as JSONL (one `Case` per line), with line-numbered errors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from charter.errors import SuiteError
from charter.types import Case

__all__ = ["Suite", "iter_cases", "read_suite", "write_suite"]


class Suite(BaseModel):
    """A named, versioned set of cases, with the generator config and seed that made it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    cases: list[Case]
    guide: str | None = Field(default=None, description="Guide name@version it was built from.")
    guide_hash: str | None = None
    seed: int | None = None
    config: dict[str, object] = Field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cases)

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for c in self.cases:
            h.update(c.model_dump_json().encode())
            h.update(b"\n")
        return h.hexdigest()


def iter_cases(path: str | Path, *, skip_bad: bool = False, errors: list[str] | None = None) -> Iterator[Case]:
    """Yield cases from a JSONL file. A broken line raises :class:`SuiteError` naming
    ``file:line``, unless ``skip_bad`` (then it is appended to ``errors`` and skipped)."""
    p = Path(path)
    if not p.exists():
        raise SuiteError(f"{p}: suite file not found", hint="create one with `charter synth GUIDE -o suite.jsonl`")
    if p.is_dir():
        raise SuiteError(f"{p}: is a directory, expected a .jsonl suite file")
    with p.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
                obj = json.loads(line)
                if isinstance(obj, dict) and "_suite" in obj:
                    continue  # header line written by write_suite
                case = Case.model_validate(obj)
            except (UnicodeDecodeError, json.JSONDecodeError, ValidationError) as e:
                msg = _describe(e)
                where = f"{p}:{lineno}"
                if skip_bad:
                    if errors is not None:
                        errors.append(f"{where}: {msg}")
                    continue
                raise SuiteError(f"{where}: {msg}", hint="fix that line, or pass --skip-bad to read the rest") from None
            yield case


def _describe(e: Exception) -> str:
    if isinstance(e, UnicodeDecodeError):
        return "line is not valid UTF-8"
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON ({e.msg} at column {e.colno})"
    assert isinstance(e, ValidationError)
    first = e.errors(include_url=False)[0]
    loc = ".".join(str(x) for x in first["loc"])
    more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
    return f"not a valid case: {loc}: {first['msg']}{more}"


def read_suite(path: str | Path, *, skip_bad: bool = False, errors: list[str] | None = None) -> Suite:
    """Read a whole suite. The header line (if any) restores name, guide and seed."""
    p = Path(path)
    header: dict[str, object] = {}
    if p.is_file():
        with p.open("rb") as fh:
            first = fh.readline()
        try:
            obj = json.loads(first)
            if isinstance(obj, dict) and isinstance(obj.get("_suite"), dict):
                header = obj["_suite"]
        except (json.JSONDecodeError, UnicodeDecodeError):
            pass
    cases = list(iter_cases(p, skip_bad=skip_bad, errors=errors))
    return Suite(
        name=str(header.get("name", p.stem)),
        cases=cases,
        guide=header.get("guide"),
        guide_hash=header.get("guide_hash"),
        seed=header.get("seed"),
        config=header.get("config", {}),
    )


def write_suite(suite: Suite | Iterable[Case], path: str | Path) -> Path:
    """Write a suite as JSONL: a ``{"_suite": {...}}`` header line, then one case per line."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        if isinstance(suite, Suite):
            head = suite.model_dump(mode="json", exclude={"cases"})
            fh.write(json.dumps({"_suite": head}, ensure_ascii=False) + "\n")
            cases: Iterable[Case] = suite.cases
        else:
            cases = suite
        for c in cases:
            fh.write(c.model_dump_json(exclude_defaults=False) + "\n")
    tmp.replace(p)
    return p
