"""Built-in providers. Each module registers itself with ``@provider``; heavy optional
dependencies are imported inside the provider, on first use."""

from charter.model._providers import mock  # noqa: F401
