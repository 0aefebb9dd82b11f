"""Child process for the kill -9 test: runs 400 cases slowly into the store given in argv
(``argv[2]``: the concurrency, default 8; 1 commits on the event loop's thread)."""

from __future__ import annotations

import asyncio
import sys

from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from tests.runner.helpers import RefusalCheck, make_cases

CONFIG = RunnerConfig(progress=False, concurrency=8, batch_size=8, flush_interval=0.02)


async def main(path: str, concurrency: int) -> None:
    with RunStore(path) as store:
        model = get_model("mock/refuse", latency=0.01)
        config = CONFIG.model_copy(update={"concurrency": concurrency})
        await Runner(store, config).run(make_cases(400), model, scorers=[RefusalCheck()], name="victim")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8))
