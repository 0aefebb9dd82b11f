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
    assert "charter.cli.eval" in loaded and "charter.report._card" in loaded
    assert [m for m in loaded if m.startswith(EVAL_NEVER_USES)] == []
    from charter.compile import render_guide_markdown, rule_anchor
    from charter.guide import ModelSpecImport, import_model_spec

    assert callable(render_guide_markdown) and callable(rule_anchor) and callable(import_model_spec)
    assert ModelSpecImport.__module__ == "charter.guide._modelspec"


#: what `charter eval` (module and run, report written, no judge, no labels) never loads: the
#: Model Spec importer, the guide document, the raters' instructions, the judges, run diffs, the
#: red-team and training sections of a report, human-label calibration, the embedded models' files
EVAL_NEVER_USES = ("charter.guide._modelspec", "charter.compile._doc", "charter.compile._raters",
                   "charter.evaluate.judges", "charter.report._diff", "charter.report._redteam",
                   "charter.report._training", "charter.evaluate._calibrate", "charter.model._gguf")


@pytest.mark.parametrize(("package", "name", "module"), [
    ("charter.report", "diff_runs", "charter.report._diff"),
    ("charter.report", "RunDiff", "charter.report._diff"),
    ("charter.report", "RedteamResults", "charter.report._redteam"),
    ("charter.report", "read_redteam", "charter.report._redteam"),
    ("charter.report", "TrainingCard", "charter.report._training"),
    ("charter.report", "training_lines", "charter.report._training"),
    ("charter.model", "LocalModelSpec", "charter.model._gguf"),
    ("charter.model", "resolve_local_model", "charter.model._gguf"),
    ("charter.evaluate", "Calibration", "charter.evaluate._calibrate"),
])
def test_a_lazy_export_loads_its_module_on_first_use(package: str, name: str, module: str) -> None:
    # each name still resolves from its package (and is listed by dir()), from the module that defines it
    code = (f"import importlib, sys\npkg = importlib.import_module({package!r})\n"
            f"assert {module!r} not in sys.modules\nassert {name!r} in dir(pkg)\n"
            f"value = getattr(pkg, {name!r})\nassert {module!r} in sys.modules\n"
            f"assert value is getattr(sys.modules[{module!r}], {name!r})\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_a_charter_eval_run_without_a_judge_loads_no_judge(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the whole verb, not only its module: without --judge, no judge module is imported
    from pathlib import Path

    guide = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "minimal.yaml"
    suite = tmp_path / "suite.jsonl"
    suite.write_text('{"id": "c1", "messages": [{"role": "user", "content": "hello there"}], '
                     '"expected": "comply", "intent": "benign"}\n')
    run = (f"from charter.cli import main\nrc = main(['eval', {str(guide)!r}, '--suite', {str(suite)!r}, "
           f"'--target', 'mock/echo', '--store', {str(tmp_path / 'runs.db')!r}, '--no-cache', "
           f"'--report', {str(tmp_path / 'report')!r}])\n"
           "assert rc in (0, 1), rc")
    loaded = _loaded_after(run)
    assert "charter.runner" in loaded and "charter.evaluate.checks" in loaded
    assert [m for m in loaded if m.startswith("charter.evaluate.judges")] == []
    # the report and its card were written without the red-team and training sections' modules
    assert (tmp_path / "report" / "report.html").is_file() and (tmp_path / "report" / "card.md").is_file()
    assert [m for m in loaded if m.startswith(EVAL_NEVER_USES)] == []
