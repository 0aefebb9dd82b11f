"""Importing the runner or the model layer loads only the layers below it: not the guide
loader, the linter or the Model Spec importer (nor scorers, synth or the CLI)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("charter.guide", "charter.compile", "charter.evaluate", "charter.synth", "charter.cli",
         "charter.data", "charter.curate", "charter.report")


def _loaded_after(statement: str) -> list[str]:
    code = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('charter'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("package", ["charter.runner", "charter.model", "charter.store", "charter.types"])
def test_low_layers_do_not_load_the_guide_or_scorers(package: str) -> None:
    loaded = _loaded_after(f"import {package}")
    assert package in loaded
    heavy = [m for m in loaded if m.startswith(HEAVY)]
    assert heavy == [], f"import {package} loads {heavy}"


def test_the_vocabulary_is_one_class_under_every_public_name() -> None:
    import charter
    import charter.evaluate
    import charter.model
    import charter.suite
    import charter.types

    assert charter.suite.Message is charter.types.Message is charter.Message
    assert charter.suite.Case is charter.types.Case
    assert charter.evaluate.Score is charter.types.Score is charter.Score
    assert charter.evaluate.Verdict is charter.types.Verdict
    assert charter.evaluate.Scorer is charter.types.Scorer
    assert charter.model.ModelOutput is charter.types.ModelOutput
    from charter.guide import Expected

    assert Expected is charter.types.Expected


def test_charter_eval_does_not_load_what_it_never_uses() -> None:
    # start-up of `charter eval`: the Model Spec importer, the guide document and the raters'
    # instructions load on first use, through the packages' lazy exports
    loaded = _loaded_after("import charter.cli.eval")
    assert "charter.cli.eval" in loaded
    unused = ("charter.guide._modelspec", "charter.compile._doc", "charter.compile._raters", "charter.evaluate.judges")
    assert [m for m in loaded if m.startswith(unused)] == []
    from charter.compile import render_guide_markdown, rule_anchor
    from charter.guide import ModelSpecImport, import_model_spec

    assert callable(render_guide_markdown) and callable(rule_anchor) and callable(import_model_spec)
    assert ModelSpecImport.__module__ == "charter.guide._modelspec"


def test_a_charter_eval_run_without_a_judge_loads_no_judge(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the whole verb, not only its module: without --judge, no judge module is imported
    from pathlib import Path

    guide = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "minimal.yaml"
    suite = tmp_path / "suite.jsonl"
    suite.write_text('{"id": "c1", "messages": [{"role": "user", "content": "hello there"}], '
                     '"expected": "comply", "intent": "benign"}\n')
    run = (f"from charter.cli import main\nrc = main(['eval', {str(guide)!r}, '--suite', {str(suite)!r}, "
           f"'--target', 'mock/echo', '--store', {str(tmp_path / 'runs.db')!r}, '--no-cache'])\n"
           "assert rc in (0, 1), rc")
    loaded = _loaded_after(run)
    assert "charter.runner" in loaded and "charter.evaluate.checks" in loaded
    assert [m for m in loaded if m.startswith("charter.evaluate.judges")] == []
