"""The HTML report renders in headless Chromium (Debian's package) with no console errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report.conftest import eval_run, last_run_id, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_renders_without_console_errors(tmp_path: Path, minimal_guide_path: Path, suite_path: Path,
                                               store_path: Path) -> None:
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/cautious") == 0
    run_id = last_run_id(store_path)
    assert eval_run(minimal_guide_path, suite_path, store_path, "mock/refuse", "--system-prompt", "none") == 0
    other = last_run_id(store_path)
    out = tmp_path / "rep"
    assert run_cli("report", run_id, "--compare", other, "--guide", minimal_guide_path, "--store", store_path,
                   "-o", out) == 0
    page = (out / "report.html").resolve()
    shot = tmp_path / "report.png"
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         "--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [ln for ln in proc.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert console == [], console
    assert shot.is_file() and shot.stat().st_size > 20_000  # a real picture, not a blank page
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    # the inline filter script ran: it fills the count of shown transcripts
    assert 'id="f-count">60 of 60 shown<' in dom
    assert dom.count("<svg") >= 2
