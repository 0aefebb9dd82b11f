"""Charter's exceptions.

Every user-facing error says what went wrong, where, and what to do::

    CharterError
     ├── GuideError            a guide could not be loaded (carries every Problem found)
     ├── SuiteError            a suite / JSONL file is malformed (file:line)
     ├── ConfigError           a run setting or CLI option is invalid
     ├── MissingExtraError     an optional dependency is not installed ("pip install charter[x]")
     ├── ModelError            a model call failed
     │    ├── ProviderNotFound  unknown provider prefix in "provider/model"
     │    └── ModelFileError    a local model file is missing or fails its sha256 check
     ├── StoreError            the run store is corrupt, foreign or locked
     │    └── RunNotFound       no run with that id (or id prefix) in the store
     ├── BudgetExceeded        a run hit --max-cost / --max-tokens and stopped cleanly
     └── RunInterrupted        SIGTERM / SIGINT stopped a run after storing its finished work

The CLI prints ``str(error)`` without a traceback and exits with ``error.exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BudgetExceeded",
    "CharterError",
    "ConfigError",
    "ContextOverflowError",
    "GuideError",
    "MissingExtraError",
    "ModelError",
    "ModelFileError",
    "Problem",
    "ProviderNotFound",
    "RunInterrupted",
    "RunNotFound",
    "StoreError",
    "SuiteError",
]


class CharterError(Exception):
    """Base of every error Charter raises on purpose. ``exit_code`` is what the CLI returns."""

    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  hint: {self.hint}"
        return self.message


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file: where it is, what was found, what was expected, and a hint.

    ``str(problem)`` is a single line: ``file:line:col: severity: path: message (hint: ...)``.
    """

    file: str
    line: int
    col: int
    message: str
    path: str = ""
    severity: str = "error"
    code: str = ""
    hint: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        loc = f"{self.path}: " if self.path else ""
        tail = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {loc}{self.message}{tail}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class GuideError(CharterError):
    """A guide failed to load. ``problems`` holds every problem found, in file order."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        n = len(self.problems)
        head = "\n".join(str(p) for p in self.problems)
        summary = f"{n} problem{'s' if n != 1 else ''} found; fix {'them' if n != 1 else 'it'} and run `charter check` again."
        super().__init__(f"{head}\n{summary}" if n else summary)

    def __str__(self) -> str:
        return self.message


class SuiteError(CharterError):
    exit_code = 2


class ConfigError(CharterError):
    exit_code = 2


class MissingExtraError(CharterError):
    """An optional dependency is missing; the message names the extra to install."""

    exit_code = 3

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the Python package '{package}', which is not installed.",
            hint=f"pip install 'charter[{extra}]'",
        )
        self.package = package
        self.extra = extra


class ModelError(CharterError):
    """A model call failed. ``retryable`` errors (429, 5xx, timeouts, resets) are retried by
    the runner with backoff; ``retry_after`` carries the server's Retry-After in seconds."""

    exit_code = 4

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status


class ContextOverflowError(ModelError):
    """The model refused a request for its length: the conversation does not fit its context
    window. Not retryable as it is; a caller may shorten the request and ask again."""


class ProviderNotFound(ModelError):
    exit_code = 2


class ModelFileError(ModelError):
    exit_code = 4


class StoreError(CharterError):
    exit_code = 5


class RunNotFound(StoreError):
    """No run with the given id (or unique prefix): bad input, not a broken store."""

    exit_code = 2


class BudgetExceeded(CharterError):
    """A run reached ``max_cost`` / ``max_tokens``; ``run`` holds its RunInfo (exit 6)."""

    exit_code = 6
    run: Any = None


class RunInterrupted(CharterError):
    """A run stopped on SIGTERM or SIGINT; everything it finished is stored (exit 130)."""

    exit_code = 130
