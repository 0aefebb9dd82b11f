"""Start-up of the `charter` command (issue 8): the heavy libraries load only on the path that
needs them, and a command that owns its process tunes it (OpenBLAS's threads, the collector at
exit) without touching a process that merely calls ``main([...])``."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

#: libraries `charter eval` needs only once it runs (aiohttp: the HTTP provider, numpy and
#: py3langid: the scorers) or never on this path
NOT_AT_IMPORT = ("aiohttp", "numpy", "py3langid", "rich", "scipy", "sklearn", "torch", "transformers",
                 "xllamacpp", "datasets")


def _child(code: str, env: dict[str, str] | None = None) -> list[object]:
    base = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**base, **(env or {})})
    result: list[object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("module", ["charter.cli", "charter.cli.eval", "charter.cli.check", "charter.cli.synth"])
def test_a_verb_module_loads_no_heavy_library(module: str) -> None:
    loaded = _child(f"import json, sys\nimport {module}\n"
                    f"print(json.dumps(sorted(m for m in {NOT_AT_IMPORT!r} if m in sys.modules)))")
    assert loaded == []


#: run as the console script does: ``main()`` with the command line in ``sys.argv``; prints the
#: exit code, whether objects were frozen and OpenBLAS's setting
_AS_SCRIPT = """import gc, json, os, sys
from charter.cli import main
sys.argv = ["charter", {args}]
rc = main()
print(json.dumps([rc, gc.get_freeze_count() > 0, os.environ.get("OPENBLAS_NUM_THREADS")]))
"""


def test_the_command_tunes_the_process_it_owns() -> None:
    assert _child(_AS_SCRIPT.format(args='"--version"')) == [0, True, "1"]


def test_a_failing_command_keeps_its_exit_code_and_is_tuned_too() -> None:
    assert _child(_AS_SCRIPT.format(args='"check", "no-such-guide.yaml"')) == [2, True, "1"]


@pytest.mark.parametrize("threads", ["4", ""])
def test_a_users_own_openblas_setting_wins(threads: str) -> None:
    env = {"OPENBLAS_NUM_THREADS": threads}
    assert _child(_AS_SCRIPT.format(args='"--version"'), env) == [0, True, threads]


def test_the_python_dash_m_entry_is_tuned_as_the_console_script() -> None:
    code = ("import atexit, gc, json, os, runpy, sys\n"
            "atexit.register(lambda: print(json.dumps([gc.get_freeze_count() > 0, "
            "os.environ.get('OPENBLAS_NUM_THREADS')])))\n"
            "sys.argv = ['charter', '--version']\n"
            "try:\n    runpy.run_module('charter', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert e.code == 0, e.code\n")
    assert _child(code) == [True, "1"]


def test_calling_main_with_arguments_leaves_the_callers_process_alone(capsys: pytest.CaptureFixture[str]) -> None:
    from charter.cli import main

    before = (gc.get_freeze_count(), gc.get_threshold(), os.environ.get("OPENBLAS_NUM_THREADS"))
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "charter 0.1.0"
    assert (gc.get_freeze_count(), gc.get_threshold(), os.environ.get("OPENBLAS_NUM_THREADS")) == before
