"""`charter prompt` and `charter doc` through the CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli import main
from charter.compile import compile_prompt
from charter.guide import load_guide
from tests.compile.conftest import GUIDE_PATHS

ISP = GUIDE_PATHS[1]


def test_prompt_prints_text_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["prompt", str(ISP)])
    out, err = capsys.readouterr()
    assert rc == 0
    expected = compile_prompt(load_guide(ISP))
    assert out == expected.text
    assert f"~{expected.tokens} tokens" in err and f"{len(expected.rule_ids)} rules" in err
    assert "dropped" not in err


def test_prompt_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "prompt.md"
    rc = main(["prompt", str(ISP), "--variant", "compact", "--annotate", "--canary", "CANARY-1", "-o", str(target)])
    out, err = capsys.readouterr()
    assert rc == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    assert text == compile_prompt(load_guide(ISP), variant="compact", annotate=True, canary="CANARY-1").text
    assert "<!-- rule: account.verify-before-access -->" in text and "CANARY-1" in text
    assert str(target) in err and "compact prompt" in err


def test_prompt_budget_reports_dropped_ids(capsys: pytest.CaptureFixture[str]) -> None:
    budget = compile_prompt(load_guide(ISP), variant="compact").tokens * 3 // 4
    rc = main(["prompt", str(ISP), "--budget", str(budget)])
    out, err = capsys.readouterr()
    assert rc == 0
    expected = compile_prompt(load_guide(ISP), budget=budget)
    assert out == expected.text and expected.dropped
    assert f"dropped {len(expected.dropped)} rules" in err
    for d in expected.dropped:
        assert f"  {d.rule_id} ({d.authority.value}, {d.severity.value})" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--variant", "huge"], "'huge' is not one of"),
        (["--budget", "10"], "too small"),
        (["--budget", "0"], "positive"),
    ],
)
def test_prompt_bad_options_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["prompt", str(ISP), *args])
    _, err = capsys.readouterr()
    assert rc == 2 and message in err


def test_prompt_missing_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["prompt", str(tmp_path / "nope.yaml")])
    _, err = capsys.readouterr()
    assert rc == 2 and "nope.yaml" in err


def test_doc_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["doc", str(ISP)])
    out, _ = capsys.readouterr()
    assert rc == 0 and out.startswith("# Brightline Support Assistant — behavior guide")


def test_doc_html_by_suffix_and_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "guide.html"
    assert main(["doc", str(ISP), "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "wrote HTML document" in capsys.readouterr().err
    md = tmp_path / "guide.txt"
    assert main(["doc", str(ISP), "--format", "md", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Brightline")
    assert main(["doc", str(ISP), "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_doc_bad_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doc", str(ISP), "--format", "pdf"]) == 2
    assert "'pdf' is not one of" in capsys.readouterr().err


def test_doc_of_a_plain_text_guide_does_not_list_markdown_features(capsys: pytest.CaptureFixture[str]) -> None:
    # the telehealth SMS guide turns Markdown off; the document said "code blocks yes" beside it
    sms = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "telehealth-sms-es.yaml"
    for fmt in ("md", "html"):
        assert main(["doc", str(sms), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "Markdown off: plain text (no headers, lists, code blocks or tables)" in out
        assert "code blocks yes" not in out and "code blocks {{" not in out
    assert main(["doc", str(ISP)]) == 0
    assert "Markdown on; headers" in capsys.readouterr().out
