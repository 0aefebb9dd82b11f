"""`charter data` when the teacher fails: the reason is printed, and a build that lost every
case to the teacher stops with exit 4 instead of writing 0 rows and exiting 0.

Found on tests/fixtures/guides/travel-agent.yaml: its full compiled prompt (~8,700 tokens) does
not fit the 4,096-token slot of the embedded local teacher, every request failed with a
context overflow, and `charter data sft` printed "0 rows … model_errors 82" and exited 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli import main
from charter.compile import compile_prompt
from charter.guide import load_guide
from charter.suite import write_suite
from charter.synth import example_suite

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "travel-agent.yaml"

#: a teacher with a small context, as the embedded local models have (characters, not tokens)
TEACHER_SRC = '''
from charter.errors import ContextOverflowError

LIMIT = 20000


def answer(messages):
    size = sum(len(m["content"]) for m in messages)
    if size > LIMIT:
        raise ContextOverflowError(f"the conversation ({size} characters) does not fit the context ({LIMIT})")
    return "I can't do that without your confirmation. Shall I go ahead? Reply yes to confirm."
'''


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[Path, str]:
    guide = load_guide(GUIDE)
    # the premise: the full prompt overflows the teacher, the compact one fits
    assert len(compile_prompt(guide).text) > 20000 > len(compile_prompt(guide, variant="compact").text) + 2000
    cases = [c for c in example_suite(guide).suite.cases if c.rule_ids[0].startswith("booking.")][:4]
    assert len(cases) == 4
    suite = tmp_path / "suite.jsonl"
    write_suite(example_suite(guide).suite.model_copy(update={"cases": cases}), suite)
    (tmp_path / "small_teacher.py").write_text(TEACHER_SRC, encoding="utf-8")
    return suite, f"python/{tmp_path / 'small_teacher.py'}:answer"


@pytest.mark.parametrize("kind", ["sft", "kto", "prefs"])
def test_every_request_failing_stops_with_the_reason(kind: str, tmp_path: Path, setup: tuple[Path, str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    suite, teacher = setup
    out = tmp_path / f"{kind}.jsonl"
    rc = main(["data", kind, str(GUIDE), "--suite", str(suite), "--teacher", teacher, "--judge", "none",
               "--store", str(tmp_path / "runs.db"), "-o", str(out)])
    captured = capsys.readouterr()
    err = captured.err
    if kind == "kto":
        # KTO also asks the teacher without the system prompt, which fits: it keeps those
        # answers and lists the 4 failed guided requests with their error
        assert rc == 0, err
        assert "the teacher failed on 4 request(s); their cases have no row:" in captured.out
        assert "does not fit the context (20000)" in captured.out
        return
    # SFT asks once per case; prefs has only the unguided candidate left: no pair anywhere
    assert rc == 4, err
    assert "failed on every one of the 4 case(s) (4 failed request(s)), so no row was built" in err
    assert "does not fit the context (20000)" in err
    assert "--variant compact" in err
    assert not out.exists()


@pytest.mark.parametrize("kind", ["sft", "kto"])
def test_variant_compact_fits_the_teacher(kind: str, tmp_path: Path, setup: tuple[Path, str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    suite, teacher = setup
    out = tmp_path / f"{kind}.jsonl"
    rc = main(["data", kind, str(GUIDE), "--suite", str(suite), "--teacher", teacher, "--judge", "none",
               "--store", str(tmp_path / "runs.db"), "--variant", "compact", "-o", str(out)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "model_errors" not in captured.out and "teacher failed" not in captured.out
    assert out.exists()
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 1


def test_some_requests_failing_are_listed_with_their_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = load_guide(GUIDE)
    cases = [c for c in example_suite(guide).suite.cases if c.rule_ids[0].startswith("booking.")][:3]
    suite = tmp_path / "suite.jsonl"
    write_suite(example_suite(guide).suite.model_copy(update={"cases": cases}), suite)
    src = tmp_path / "half.py"
    src.write_text(
        "from charter.errors import ModelError\n"
        f"BAD = {cases[0].messages[-1].content!r}\n"
        "def answer(messages):\n"
        "    if messages[-1]['content'] == BAD:\n"
        "        raise ModelError('upstream said 400: bad request')\n"
        "    return 'Shall I go ahead? Reply yes to confirm.'\n", encoding="utf-8")
    out = tmp_path / "sft.jsonl"
    rc = main(["data", "sft", str(GUIDE), "--suite", str(suite), "--teacher", f"python/{src}:answer",
               "--judge", "none", "--store", str(tmp_path / "runs.db"), "-o", str(out)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "the teacher failed on 1 request(s); their cases have no row:" in captured.out
    assert f"{cases[0].id}: upstream said 400: bad request" in captured.out


def test_unknown_variant_is_bad_input(tmp_path: Path, setup: tuple[Path, str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    suite, teacher = setup
    rc = main(["data", "sft", str(GUIDE), "--suite", str(suite), "--teacher", teacher, "--variant", "tiny",
               "-o", str(tmp_path / "x.jsonl")])
    assert rc == 2
    assert "--variant 'tiny' is not a prompt variant" in capsys.readouterr().err


def test_auto_variant_gives_an_embedded_teacher_the_compact_prompt() -> None:
    # the full compiled prompt of this guide overflows the embedded models' 4,096-token slot:
    # without --variant, a local/ teacher answers under the compact one, any other the full one
    from charter.cli.data import _system_prompt

    guide = load_guide(GUIDE)
    compact, full = compile_prompt(guide, variant="compact").text, compile_prompt(guide).text
    assert _system_prompt(guide, None, "auto", "local/qwen2.5-0.5b-instruct") == compact
    assert _system_prompt(guide, None, "auto", "openai/gpt-4o-mini") == full
    assert _system_prompt(guide, None, "full", "local/qwen2.5-0.5b-instruct") == full
