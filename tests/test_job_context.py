"""The main job sizes an embedded target's context to its compiled prompt: a Hindi guide's
compact prompt (8,426 characters, 6,155 tokens in Qwen2.5's tokenizer) overflowed the default
4,096 tokens per slot, and every case of `charter run` errored."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.guide import load_guide
from charter.harness import resolve_system_prompt
from charter.job import (
    CASE_TOKENS,
    LOCAL_N_CTX,
    PROFILES,
    JobConfig,
    context_for,
    prompt_tokens_estimate,
)
from charter.model import ModelRole

ROOT = Path(__file__).resolve().parents[1]


def _compact(path: Path) -> str:
    return resolve_system_prompt(load_guide(path), "compiled", variant="compact").text or ""


@pytest.mark.parametrize(("guide", "n_ctx"), [
    (ROOT / "examples" / "isp-support.yaml", 4096),          # 12,310 characters, 2,641 tokens
    (ROOT / "examples" / "coding-agent.yaml", 4096),         # 12,866 characters, 2,738 tokens
    (ROOT / "tests" / "fixtures" / "guides" / "bima-claims-hi.yaml", 8192),   # 6,155 tokens
    (ROOT / "tests" / "fixtures" / "guides" / "bank-support-zh.yaml", 4096),  # 1,722 tokens
])
def test_context_holds_the_compiled_prompt_and_a_case(guide: Path, n_ctx: int) -> None:
    assert context_for(_compact(guide)) == n_ctx


def test_the_estimate_per_script() -> None:
    assert prompt_tokens_estimate("") == 0 and prompt_tokens_estimate("a") == 1
    assert prompt_tokens_estimate("a" * 4000) == 1000
    assert prompt_tokens_estimate("क" * 1000) == 1300        # Devanagari: more than a token a letter
    assert prompt_tokens_estimate("中" * 1000) == 1000
    assert prompt_tokens_estimate("я" * 1000) == 600
    # the next power of two past the estimate and a case's room
    assert context_for("क" * 3000) == 8192 and context_for("क" * 7000) == 16384
    assert context_for(None) == LOCAL_N_CTX
    assert context_for("a" * 4 * (LOCAL_N_CTX - CASE_TOKENS)) == LOCAL_N_CTX
    assert context_for("a" * (4 * (LOCAL_N_CTX - CASE_TOKENS) + 1)) == 2 * LOCAL_N_CTX


def test_an_embedded_target_gets_it_unless_the_options_say_otherwise() -> None:
    from charter.job import _model

    quick = PROFILES["quick"]
    target = _model("local/qwen2.5-0.5b-instruct", ModelRole.target, JobConfig(), quick, n_ctx=8192)
    assert (target.api.n_ctx, target.api.parallel) == (8192, 1)  # type: ignore[attr-defined]
    given = _model("local/qwen2.5-0.5b-instruct", ModelRole.target, JobConfig(model_options={"n_ctx": 2048}),
                   quick, n_ctx=8192)
    assert given.api.n_ctx == 2048  # type: ignore[attr-defined]
    # the judge reads one rule and a case, not the compiled prompt
    judge = _model("local/qwen2.5-0.5b-instruct", ModelRole.judge, JobConfig(), quick, n_ctx=8192)
    assert judge.api.n_ctx == LOCAL_N_CTX  # type: ignore[attr-defined]
