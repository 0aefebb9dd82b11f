"""Builds the Typer app from the verb modules and runs it with Charter's error handling.

Errors: a :class:`~charter.errors.CharterError` prints its message (what, where, what to do)
to stderr with no traceback and exits with its ``exit_code`` (2: bad input, 3: missing
extra, 4: model failure, 5: store problem, 6: budget reached, 1: other). Set
``CHARTER_DEBUG=1`` to see tracebacks.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

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
    "models",
    "prompt",
    "report",
    "run",
    "runs",
    "schema",
    "serve",
    "synth",
    "train",
]

app = typer.Typer(
    name="charter",
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


for _verb in VERBS:
    importlib.import_module(f"charter.cli.{_verb}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``charter`` console script."""
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
    return 0


def _multiline(e: CharterError) -> bool:
    return "\n" in e.message


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
