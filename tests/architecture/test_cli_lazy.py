"""`charter <verb>` imports only that verb's module; `charter --help` lists every verb from the
table in charter.cli._app, which must say what each module's own help says."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest
import typer.core

from charter.cli._app import SHORT_HELP, VERBS, command_name, load_verb


def _verb_modules_after(argv: list[str]) -> tuple[int, list[str], str]:
    code = (f"import json, sys\nfrom charter.cli import main\nrc = main({argv!r})\n"
            "print(json.dumps([rc, sorted(m for m in sys.modules if m.startswith('charter.cli.') "
            "and not m.startswith('charter.cli._'))]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "COLUMNS": "200"})
    rc, mods = json.loads(out.stdout.strip().splitlines()[-1])
    return rc, mods, out.stdout


@pytest.mark.parametrize(("argv", "module"), [(["check", "-h"], "charter.cli.check"),
                                              (["fit-refusal", "-h"], "charter.cli.fit_refusal"),
                                              (["data", "sft", "-h"], "charter.cli.data")])
def test_a_verb_imports_only_its_own_module(argv: list[str], module: str) -> None:
    rc, mods, out = _verb_modules_after(argv)
    assert rc == 0 and mods == [module]
    assert f"Usage: charter {' '.join(argv[:-1])} [OPTIONS]" in out


def test_help_lists_every_verb_without_importing_them() -> None:
    rc, mods, out = _verb_modules_after(["--help"])
    assert rc == 0 and mods == []
    for verb in VERBS:
        assert f"│ {command_name(verb)} " in out, verb
    assert "Run SUITE through TARGET" in out


def test_a_mistyped_verb_exits_2_and_suggests_the_verb(capsys: pytest.CaptureFixture[str]) -> None:
    from charter.cli import main

    assert main(["evl"]) == 2
    assert "No such command 'evl'. Did you mean 'eval'?" in capsys.readouterr().err


@pytest.mark.parametrize("verb", VERBS)
def test_the_help_table_matches_each_verb(verb: str) -> None:
    commands = load_verb(verb)
    assert list(commands) == [command_name(verb)]
    cmd = commands[command_name(verb)]
    own = inspect.cleandoc(cmd.short_help or cmd.help or "").split("\n\n")[0].replace("\n", " ")
    assert SHORT_HELP[verb] == own


@pytest.mark.parametrize(("verb", "sub", "first_paragraph"), [
    ("data", "sft", "Context distillation: the teacher answers with the guide's system prompt; an answer a "
     "deciding scorer fails is dropped (counted, with why); rows are kept without the system prompt."),
    ("train", "dpo", "Direct preference optimisation (TRL DPOTrainer) on prompt/chosen/rejected rows from "
     "`charter data prefs`."),
])
def test_a_group_lists_its_subcommands_help_unbroken(verb: str, sub: str, first_paragraph: str) -> None:
    # the docstrings wrap at 100 columns; the group's list (200 columns wide here) must not
    # break the sentence where the docstring did
    rc, _, out = _verb_modules_after([verb, "--help"])
    assert rc == 0
    line = next(line for line in out.splitlines() if line.startswith(f"│ {sub} "))
    assert first_paragraph in line
    group = load_verb(verb)[verb]
    assert isinstance(group, typer.core.TyperGroup)
    assert group.commands[sub].short_help == first_paragraph


def test_python_dash_m_charter_is_the_command() -> None:
    # `python -m charter` for a source checkout on PYTHONPATH or an interpreter without the
    # console script (a GPU machine's own Python); its exit codes are the command's
    ok = subprocess.run([sys.executable, "-m", "charter", "--version"], capture_output=True, text=True)
    assert (ok.returncode, ok.stdout.strip()) == (0, "charter 0.1.0")
    missing = subprocess.run([sys.executable, "-m", "charter", "check", "no-such-guide.yaml"],
                             capture_output=True, text=True)
    assert missing.returncode == 2
    assert "no-such-guide.yaml:1:1: error: file not found" in missing.stdout
