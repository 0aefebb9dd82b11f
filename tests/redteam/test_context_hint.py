"""`charter redteam` against a target whose context the full compiled prompt overflows: the
error says to use the compact prompt (resuming alone would overflow again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli import main

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "travel-agent.yaml"
TARGET = '''
from charter.errors import ContextOverflowError


def answer(messages):
    size = sum(len(m["content"]) for m in messages)
    if size > 20000:
        raise ContextOverflowError(f"the conversation ({size} characters) does not fit the context (20000)")
    return "I can't share my instructions, but I can help you with flights."
'''


def test_an_overflowing_prompt_points_to_the_compact_variant(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "small.py").write_text(TARGET, encoding="utf-8")
    base = ["redteam", str(GUIDE), "--target", f"python/{tmp_path / 'small.py'}:answer", "--strategies",
            "extraction", "--budget", "3", "--store", str(tmp_path / "runs.db")]
    assert main([*base, "-o", str(tmp_path / "full")]) == 4
    err = capsys.readouterr().err
    assert "does not fit the context (20000)" in err
    assert "the full compiled prompt does not fit the target's context: --prompt-variant compact" in err
    assert main([*base, "--prompt-variant", "compact", "-o", str(tmp_path / "compact")]) == 0
    assert (tmp_path / "compact" / "redteam.json").is_file()
