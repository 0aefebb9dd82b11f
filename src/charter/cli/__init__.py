"""The `charter` command line. One module per verb; each calls only the public API."""

from charter.cli._app import app, main

__all__ = ["app", "main"]
