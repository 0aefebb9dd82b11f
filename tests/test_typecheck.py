"""The type checker runs in CI through this test: ``mypy`` over ``src/charter`` with the
configuration of pyproject.toml (strict on the public packages) reports no error."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.timeout(600)
def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install 'charter[dev]')")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True)
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert proc.returncode == 0 and not errors, "mypy found type errors:\n" + (proc.stdout + proc.stderr)[-6000:]


def test_type_ignores_stay_rare() -> None:
    """Each ``type: ignore`` hides a possible bug; the count may only go down."""
    count = sum(path.read_text(encoding="utf-8").count("type: ignore") for path in (ROOT / "src").rglob("*.py"))
    assert count <= 6, f"{count} `type: ignore` comments in src/ (at most 6): fix the types instead"


def test_every_package_is_checked_strictly() -> None:
    """A new package joins the strict override of pyproject.toml; no module opts out of error codes."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    overrides = config.get("overrides", [])
    strict = next(o for o in overrides if o.get("disallow_untyped_defs"))
    modules = set(strict["module"])
    root = ROOT / "src" / "charter"
    packages = sorted(f"charter.{p.name}.*" for p in root.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    top = sorted(f"charter.{p.stem}" for p in root.glob("*.py") if p.stem != "__init__")
    missing = [m for m in [*packages, *top] if m not in modules]
    assert not missing, f"packages without strict type checking: {missing}; add them to the strict override of pyproject.toml"
    assert not [o for o in overrides if o.get("disable_error_code")], "an override disables mypy error codes"
