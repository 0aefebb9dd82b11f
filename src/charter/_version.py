"""The package version, importable by every layer without loading the top-level facade."""

__version__ = "0.1.0"
