"""Cases and suites: test inputs with expected behavior and rule ids, stored as JSONL.

`Case`, `Message` and friends are defined in :mod:`charter.types` (the vocabulary every layer
shares) and re-exported here."""

from charter.suite._io import Suite, iter_cases, read_suite, write_suite
from charter.types import Case, Intent, Message, Provenance, Role

__all__ = ["Case", "Intent", "Message", "Provenance", "Role", "Suite", "iter_cases", "read_suite", "write_suite"]
