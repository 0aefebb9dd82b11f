"""Cases and suites: test inputs with expected behavior and rule ids, stored as JSONL."""

from charter.suite._case import Case, Intent, Message, Provenance, Role
from charter.suite._io import Suite, iter_cases, read_suite, write_suite

__all__ = ["Case", "Intent", "Message", "Provenance", "Role", "Suite", "iter_cases", "read_suite", "write_suite"]
