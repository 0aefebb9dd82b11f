"""Child process for the signal tests: runs N cases against an OpenAI-compatible server.

    python -m tests.runner.signal_child DB BASE_URL N CONCURRENCY [RUN_ID]
"""

from __future__ import annotations

import asyncio
import sys

from charter.model import get_model
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from tests.runner.helpers import RefusalCheck, make_cases


async def main(db: str, base_url: str, n: int, concurrency: int, resume: str | None) -> None:
    model = get_model("openai/stub-model", base_url=base_url, api_key="k")
    try:
        with RunStore(db) as store:
            cfg = RunnerConfig(progress=False, concurrency=concurrency, timeout=10)
            await Runner(store, cfg).run(make_cases(n), model, scorers=[RefusalCheck()], name="victim", resume=resume)
    finally:
        await model.aclose()


if __name__ == "__main__":
    from charter.errors import CharterError

    try:
        asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                         sys.argv[5] if len(sys.argv) > 5 else None))
    except CharterError as e:
        print(e, file=sys.stderr)
        sys.exit(e.exit_code)
