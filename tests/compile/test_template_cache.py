"""Compiled templates are cached under $CHARTER_CACHE_DIR/jinja2/ (one folder per environment):
the second start renders the same text from the cache, and a cache folder that cannot be
written costs nothing but the compile."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "examples" / "isp-support.yaml"


def _prompt(cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHARTER_CACHE_DIR": str(cache)}
    code = "import sys; from charter.cli import main; sys.exit(main(['prompt', sys.argv[1]]))"
    return subprocess.run([sys.executable, "-c", code, str(GUIDE)], capture_output=True, text=True, env=env,
                          check=False)


def test_second_start_renders_the_same_prompt_from_the_cache(tmp_path: Path) -> None:
    first = _prompt(tmp_path / "cache")
    assert first.returncode == 0, first.stderr
    cached = sorted(p.relative_to(tmp_path / "cache").parts[:2] for p in (tmp_path / "cache").rglob("*.cache"))
    assert cached == [("jinja2", "compile-text")]
    second = _prompt(tmp_path / "cache")
    assert second.returncode == 0 and second.stdout == first.stdout and len(first.stdout) > 1000


def test_an_unusable_cache_folder_only_costs_the_compile(tmp_path: Path) -> None:
    reference = _prompt(tmp_path / "cache")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")  # $CHARTER_CACHE_DIR/jinja2 cannot be created under a file
    got = _prompt(blocked)
    assert got.returncode == 0, got.stderr
    assert got.stdout == reference.stdout
    # a torn cache file is compiled again, not an error
    for f in (tmp_path / "cache").rglob("*.cache"):
        f.write_bytes(b"\x00garbage")
    again = _prompt(tmp_path / "cache")
    assert again.returncode == 0 and again.stdout == reference.stdout
