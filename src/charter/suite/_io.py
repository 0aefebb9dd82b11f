"""Read and write suites as JSONL (one `Case` per line), with line-numbered errors."""

from __future__ import annotations

import hashlib
import json
import os
import select
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

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


#: seconds to wait for a writer when the suite is a FIFO (``--suite <(cmd)``, a named pipe)
FIFO_WAIT_S = 10.0


def _open(p: Path) -> BinaryIO:
    """Open a suite file. A FIFO is opened without blocking and waited on for at most
    :data:`FIFO_WAIT_S` seconds, so a pipe nobody writes to is an error, not a hang."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise SuiteError(f"{p}: suite file not found", hint="create one with `charter synth GUIDE -o suite.jsonl`") from None
    if stat.S_ISDIR(st.st_mode):
        raise SuiteError(f"{p}: is a directory, expected a .jsonl suite file")
    if stat.S_ISREG(st.st_mode):
        return p.open("rb")
    if not stat.S_ISFIFO(st.st_mode):
        raise SuiteError(f"{p}: is not a regular file (a device or socket), expected a .jsonl suite file")
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    ready, _, _ = select.select([fd], [], [], FIFO_WAIT_S)
    if not ready:
        os.close(fd)
        raise SuiteError(f"{p}: is a pipe and nothing wrote to it within {FIFO_WAIT_S:g} s",
                         hint="start the process that writes the suite first, or pass a .jsonl file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def iter_cases(path: str | Path, *, skip_bad: bool = False, errors: list[str] | None = None) -> Iterator[Case]:
    """Yield cases from a JSONL file. A broken line raises :class:`SuiteError` naming
    ``file:line``, unless ``skip_bad`` (then it is appended to ``errors`` and skipped).
    A case id seen before is an error naming both lines (never skipped: ids key the
    stored answers)."""
    for item in _read_all(Path(path), skip_bad=skip_bad, errors=errors, with_header=False):
        assert isinstance(item, Case)
        yield item


def _read_all(path: Path, *, skip_bad: bool, errors: list[str] | None, with_header: bool = True,
              ) -> Iterator[Case | dict[str, Any]]:
    """Cases, and with ``with_header`` the ``_suite`` header, in one pass (a pipe can be
    read only once)."""
    p = Path(path)
    first_line: dict[str, int] = {}
    with _open(p) as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
                obj = json.loads(line)
                if isinstance(obj, dict) and "_suite" in obj:
                    if with_header and isinstance(obj["_suite"], dict):
                        yield obj["_suite"]
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
            seen = first_line.setdefault(case.id, lineno)
            if seen != lineno:
                raise SuiteError(f"{p}:{lineno}: duplicate case id '{case.id}' (first at line {seen})",
                                 hint="give every case its own id; answers and scores are stored by case id")
            yield case


def _describe(e: Exception) -> str:
    if isinstance(e, UnicodeDecodeError):
        return "line is not valid UTF-8"
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON (column {e.colno}: {e.msg})"
    assert isinstance(e, ValidationError)
    first = e.errors(include_url=False)[0]
    loc = ".".join(str(x) for x in first["loc"])
    more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
    return f"not a valid case: {loc}: {first['msg']}{more}"


def read_suite(path: str | Path, *, skip_bad: bool = False, errors: list[str] | None = None) -> Suite:
    """Read a whole suite. The header line (if any) restores name, guide and seed."""
    p = Path(path)
    header: dict[str, object] = {}
    cases: list[Case] = []
    for case_or_header in _read_all(p, skip_bad=skip_bad, errors=errors):
        if isinstance(case_or_header, dict):
            header = case_or_header
        else:
            cases.append(case_or_header)
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
