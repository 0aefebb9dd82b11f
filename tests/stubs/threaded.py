"""Run a stub in a background thread with its own event loop, for synchronous tests (CLI
commands call ``asyncio.run`` themselves and cannot share the test's loop)::

    with serve_in_thread(OpenAIStub(reply="hi")) as stub:
        rc = main(["ask", "openai/m", "hello", "--option", f"base_url={stub.base_url}"])
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from tests.stubs._base import StubServer

__all__ = ["serve_in_thread"]

S = TypeVar("S", bound=StubServer)


@contextmanager
def serve_in_thread(stub: S) -> Iterator[S]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="charter-stub", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(stub.start(), loop).result(timeout=10)
        yield stub
    finally:
        try:
            asyncio.run_coroutine_threadsafe(stub.stop(), loop).result(timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()
