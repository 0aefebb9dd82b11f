"""A rich progress bar fed from counters a few times a second (never from the hot path)."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any, ClassVar

__all__ = ["Progress"]


def progress_enabled(wanted: bool) -> bool:
    env = os.environ.get("CHARTER_PROGRESS", "").strip().lower()
    if env in ("0", "false", "no", "off"):
        return False
    if env in ("1", "true", "yes", "on", "always"):
        return True
    return wanted and sys.stderr.isatty()


def progress_lines_enabled(wanted: bool) -> bool:
    """Plain progress lines for logs (stderr is not a terminal): a line every
    ``LINE_INTERVAL`` seconds of a long run, so CI logs show that work goes on."""
    env = os.environ.get("CHARTER_PROGRESS", "").strip().lower()
    return wanted and env not in ("0", "false", "no", "off", "1", "true", "yes", "on", "always") \
        and not sys.stderr.isatty()


LINE_INTERVAL = 20.0


class Progress:
    """``done / total``, rate, ETA and errors on stderr, refreshed ``hz`` times a second by
    an asyncio task reading ``self.done`` / ``self.errors`` (plain int increments). Only one
    bar is drawn at a time in a process: a run that starts while another's bar is live (two runs
    at once in one event loop) logs plain lines instead."""

    #: bars drawn now (rich allows one live display per process)
    _live: ClassVar[int] = 0

    def __init__(self, description: str, total: int | None, *, enabled: bool, hz: float = 10.0,
                 lines: bool = False) -> None:
        self.lines = lines and not enabled
        self.done = 0
        self.errors = 0
        self.total = total
        self.description = description
        self.enabled = enabled
        self.hz = hz
        self._task: asyncio.Task[None] | None = None
        self._bar: Any = None
        self._id: Any = None

    def start(self) -> None:
        if self.lines:
            self._task = asyncio.get_running_loop().create_task(self._log_lines())
            return
        if not self.enabled:
            return
        if Progress._live:
            self.lines = True
            self._task = asyncio.get_running_loop().create_task(self._log_lines())
            return
        Progress._live += 1
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        console = Console(stderr=True, force_terminal=True if os.environ.get("CHARTER_PROGRESS") else None)
        self._bar = RichProgress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]}/s"), TextColumn("[red]{task.fields[errors]}"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, auto_refresh=False, transient=False,
        )
        self._id = self._bar.add_task(self.description, total=self.total, rate="0", errors="")
        self._bar.start()
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def _log_lines(self) -> None:
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        while True:
            await asyncio.sleep(LINE_INTERVAL)
            elapsed = loop.time() - t0
            of = f"/{self.total}" if self.total is not None else ""
            errors = f", {self.errors} errors" if self.errors else ""
            print(f"  {self.description}: {self.done}{of} done in {elapsed:.0f} s"
                  f" ({self.done / elapsed:.2f}/s{errors})", file=sys.stderr, flush=True)

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(1.0 / self.hz)
            self._draw()

    def _draw(self) -> None:
        task = self._bar.tasks[0]
        speed = task.speed or 0.0
        self._bar.update(self._id, completed=self.done, rate=f"{speed:,.0f}",
                         errors=f"{self.errors} errors" if self.errors else "")
        self._bar.refresh()

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._bar is not None:
            self._draw()
            self._bar.stop()
            self._bar = None
            Progress._live -= 1
