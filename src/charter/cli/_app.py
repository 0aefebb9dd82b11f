"""Builds the Typer app from the verb modules and runs it with Charter's error handling.

Errors: a :class:`~charter.errors.CharterError` prints its message (what, where, what to do)
to stderr with no traceback and exits with its ``exit_code`` (2: bad input, 3: missing
extra, 4: model failure, 5: store problem, 6: budget reached, 1: other). Set
``CHARTER_DEBUG=1`` to see tracebacks.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import os
import sys
from difflib import get_close_matches

import typer
import typer.core
import typer.main
from typer import _click as click  # the click that typer vendors: its groups hold these commands

from charter.errors import CharterError

# Each verb module defines ``register(app)``. Keep this list sorted.
VERBS = [
    "ask",
    "calibrate",
    "check",
    "curate",
    "data",
    "diff",
    "doc",
    "eval",
    "feedback",
    "fit_refusal",
    "guard",
    "import_",
    "iterate",
    "models",
    "prompt",
    "redteam",
    "report",
    "run",
    "runs",
    "schema",
    "serve",
    "synth",
    "train",
]

# ``charter <verb>`` imports only that verb's module (start-up: importing all of them costs
# about a second). The command name of a module, when it differs from the module name, and
# the one-line help ``charter --help`` lists without importing the modules. A verb missing
# here is imported to be listed (tests/architecture/test_cli_lazy.py keeps this in step).
COMMAND_NAMES = {"fit_refusal": "fit-refusal", "import_": "import"}
SHORT_HELP = {
    "ask": "Send one chat request and print the answer (usage and latency go to stderr).",
    "calibrate": "Agreement of scorers and judges with human labels (agreement, kappa, false positives and negatives, confusion) and trust flags; GOOD-over-BAD preference on comparisons.",
    "check": "Load and lint a guide: every problem as file:line:col (exit 2 on errors).",
    "curate": "Curate a suite or training file: dedup (exact + MinHash), firewall against eval suites, "
    "stratified grouped splits, coverage and diversity, PII scrubbing, review.",
    "data": "Build training data (SFT, preferences, KTO) from a guide and a suite.",
    "diff": "Compare two runs of the same suite: each rule's pass rate before and after, the change, "
    "its p-value, and the cases that flipped. Regressions are listed first.",
    "doc": "Render GUIDE as a Markdown document or a self-contained HTML page.",
    "eval": "Run SUITE through TARGET with the guide's system prompt, score every response (checks, "
    "classifiers, judge), store the run, and apply the CI gate.",
    "feedback": "List stored feedback, or export it as a suite, KTO or SFT rows, or a review sheet.",
    "fit_refusal": "Fit the refusal detector's classifier on your own labelled responses.",
    "guard": "Compile guards from a guide, measure them on a suite, or export recorded traffic.",
    "import_": "Create a guide from another format (model-spec: OpenAI Model Spec style markdown).",
    "iterate": "Revise the guide's compiled system prompt from the target's failures: keep only edits that "
    "raise the validation pass rate without making any rule worse beyond its interval.",
    "models": "List model providers (installed or not) and the local models (downloaded or not).",
    "prompt": "Compile GUIDE into a system prompt (stdout); a summary goes to stderr.",
    "redteam": "Adaptive red-teaming aimed at the guide's rules: attack success rate per rule and strategy.",
    "report": "Write report.html (self-contained: inline SVG charts, no CDN), report.md and report.json "
    "for RUN; with --guide also card.md (a first model-card draft).",
    "run": "Check the guide, compile its system prompt, synthesise a suite (offline generators + the "
    "embedded generator), evaluate the target with and without the compiled prompt (checks, "
    "classifiers, judge), and write the HTML report and a model-card draft.",
    "runs": "List, show and delete the runs in the run store.",
    "schema": "Print the JSON Schema of a guide (for editor completion and validation).",
    "serve": "Serve GUIDE's guarded, OpenAI-compatible proxy in front of --upstream.",
    "synth": "Generate an eval / red-team suite covering every rule, intent, technique and variation.",
    "train": "Fine-tune a model on the guide's training data (TRL; needs the train extra).",
}


def command_name(verb: str) -> str:
    """The command name of a verb module (``fit_refusal`` -> ``fit-refusal``)."""
    return COMMAND_NAMES.get(verb, verb)


def load_verb(verb: str) -> dict[str, click.Command]:
    """Import ``charter.cli.<verb>`` and return the click commands its ``register`` adds."""
    sub = typer.Typer(context_settings={"help_option_names": ["-h", "--help"]})

    @sub.callback()
    def _group() -> None:  # a callback keeps the result a group even with one command
        pass

    importlib.import_module(f"charter.cli.{verb}").register(sub)
    group = typer.main.get_command(sub)
    assert isinstance(group, typer.core.TyperGroup)
    for command in group.commands.values():
        _one_line_short_help(command)
    return dict(group.commands)


def _one_line_short_help(command: click.Command) -> None:
    """Give the subcommands of a group (``charter data sft``) their first paragraph on one line
    as the short help their group lists: Typer's rich help keeps a docstring's line breaks there,
    so a wrapped docstring was listed broken mid-sentence."""
    if isinstance(command, typer.core.TyperGroup):
        for sub in command.commands.values():
            if sub.short_help is None and sub.help:
                sub.short_help = " ".join(inspect.cleandoc(sub.help).split("\n\n")[0].split())
            _one_line_short_help(sub)


class LazyVerbs(typer.core.TyperGroup):
    """The root group: lists every verb from the tables above and imports a verb's module
    only when that verb is run (or its ``-h`` asked)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = [command_name(v) for v in VERBS]
        return names + [n for n in self.commands if n not in names]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            verbs = [v for v in VERBS if command_name(v) == cmd_name]
            for verb in verbs or [v for v in VERBS if v not in SHORT_HELP]:
                self.commands.update(load_verb(verb))
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.UsageError as e:  # suggest among every verb, loaded or not
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches and "Did you mean" not in e.message:
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # list the verbs from SHORT_HELP with stand-ins, without importing their modules
        stand_ins = {command_name(v): typer.core.TyperCommand(command_name(v), help=SHORT_HELP[v])
                     for v in VERBS if v in SHORT_HELP and command_name(v) not in self.commands}
        self.commands.update(stand_ins)
        try:
            super().format_help(ctx, formatter)
        finally:
            for name in stand_ins:
                del self.commands[name]


app = typer.Typer(
    name="charter",
    cls=LazyVerbs,
    help="Charter: turn one behavior guide into a system prompt, eval and red-team suites, "
    "training data, guards and a model card, and measure a model against it rule by rule.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print Charter's version and exit."),
) -> None:
    if version:
        from charter._version import __version__

        typer.echo(f"charter {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``charter`` console script. With no ``argv`` (the console script,
    ``python -m charter``) the command owns the process and :func:`_own_process` tunes it;
    in-process callers (``main([...])``, tests) keep their process as it is."""
    if argv is not None:
        return _run(argv)
    _own_process()
    try:
        return _run(argv)
    finally:
        # The command is done and the interpreter is about to exit: every object goes into the
        # collector's permanent generation. Otherwise tearing the interpreter down walks and
        # frees every module's, class's and function's cycles with the collector, 0.08-0.1 s of
        # CPU after `charter eval` has finished. Exit handlers, open files' flushes and module
        # teardown still run; only the cycles left at exit are not collected (the operating
        # system takes the memory back).
        gc.freeze()


def _own_process() -> None:
    """Process-wide settings for one command (with the freeze at exit, `charter eval` at N=1
    took 0.680 -> 0.564 s of CPU at load 5; docs/performance.md). A user's own setting wins."""
    # numpy's OpenBLAS starts a worker thread per core when numpy loads, and a worker spins for
    # a while after each threaded call: about 30 ms of CPU at every start of `charter eval` on
    # 2 cores, for products Charter keeps small (one response's features). Set before numpy is
    # imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _run(argv: list[str] | None) -> int:
    try:
        rv = app(args=argv, prog_name="charter", standalone_mode=False)
        if isinstance(rv, int):
            return rv
    except CharterError as e:
        if os.environ.get("CHARTER_DEBUG"):
            raise
        print(f"charter: {e}" if not _multiline(e) else str(e), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("charter: interrupted; work done so far is saved (resume with --resume)", file=sys.stderr)
        return 130
    except typer.Exit as e:
        return e.exit_code
    except SystemExit as e:  # click usage errors
        return int(e.code or 0)
    except Exception as e:  # click's (vendored by typer) usage errors and Abort
        name = type(e).__name__
        if name == "Abort":
            return 130
        exit_code = getattr(e, "exit_code", None)
        show = getattr(e, "show", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            return exit_code
        raise
    except BaseException as e:
        # a second SIGTERM / SIGINT cancels a run at once: its finished records are stored (the
        # runner writes them before it lets the cancellation through); say so, not a traceback
        aio = sys.modules.get("asyncio")
        if aio is not None and isinstance(e, aio.CancelledError) and not os.environ.get("CHARTER_DEBUG"):
            print("charter: cancelled; work done so far is saved (resume with --resume)", file=sys.stderr)
            return 130
        raise
    return 0


def _multiline(e: CharterError) -> bool:
    return "\n" in e.message


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
