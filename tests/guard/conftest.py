from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISP = ROOT / "examples" / "isp-support.yaml"
CANARY = "CHARTER-CANARY-0123456789ab"


@pytest.fixture(scope="session")
def isp_guide():  # type: ignore[no-untyped-def]
    from charter.guide import load_guide

    return load_guide(ISP)


@pytest.fixture(scope="session")
def isp_guard(isp_guide):  # type: ignore[no-untyped-def]
    from charter.guard import Guard

    return Guard.from_guide(isp_guide, canary=CANARY)
