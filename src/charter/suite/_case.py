"""`Case` and chat `Message` moved to :mod:`charter.types` (the vocabulary layer); this module
keeps the old private path importing while branches written against it are merged. Import
them from :mod:`charter.suite` or :mod:`charter.types`."""

from charter.types import Case, Intent, Message, Provenance, Role

__all__ = ["Case", "Intent", "Message", "Provenance", "Role"]
