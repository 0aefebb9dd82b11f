"""Fixtures for the evaluate tests."""

from __future__ import annotations

import pytest

from charter.model import Model
from tests.evaluate._helpers import NaiveJudgeAPI


@pytest.fixture
def naive_judge() -> Model:
    return Model(NaiveJudgeAPI(), role="judge")
