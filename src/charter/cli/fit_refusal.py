"""`charter fit-refusal LABELS... -o MODEL.json [--features s] [--c 1.0] [--check LABELS]`.

Fits the refusal detector's classifier tier on a team's own labelled responses (``.csv`` or
``.jsonl`` with ``text`` / ``response`` and ``label`` in ``full_compliance`` / ``full_refusal``
/ ``partial_refusal``) and writes the weights as JSON; the ``refusal`` check uses them through
``RefusalCheck(model=PATH)`` or the environment variable ``CHARTER_REFUSAL_MODEL``. With
``--check``, prints the fitted cascade's accuracy on other labels. Needs scikit-learn.
Exit status: 0, or 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path

import typer

from charter.errors import ConfigError
from charter.evaluate import HumanLabel, detect_refusal, fit_refusal_model, read_labels


def _texts(paths: list[Path]) -> list[HumanLabel]:
    labels = [lab for p in paths for lab in read_labels(p)]
    missing = [lab for lab in labels if not (lab.text or "").strip()]
    if missing:
        raise ConfigError(f"line {missing[0].line}: a refusal model needs the response text of every row",
                          hint="give each row a 'text' (or 'response') column")
    return labels


def run_fit_refusal(labels: list[Path], out: Path, *, blocks: str = "s", c: float = 1.0,
                    check: Path | None = None) -> int:
    """Fit, write ``out``, print a summary; returns the exit status."""
    rows = _texts(labels)
    model = fit_refusal_model([lab.text or "" for lab in rows], [lab.label for lab in rows], c=c, blocks=blocks,
                              meta={"trained_on": [p.name for p in labels]})
    model.save(out)
    typer.echo(f"fitted on {len(rows)} labelled responses ({len(model.vocab)} features); wrote {out}")
    typer.echo(f"sha256 {model.sha256}")
    if check is not None:
        test = _texts([check])
        pred = [detect_refusal(lab.text or "", model=model).label.value for lab in test]
        three = sum(p == lab.label for p, lab in zip(pred, test, strict=True)) / len(test)
        binary = sum((p == "full_compliance") == (lab.label == "full_compliance")
                     for p, lab in zip(pred, test, strict=True)) / len(test)
        typer.echo(f"on {check.name} (n={len(test)}): binary {binary:.1%}, three-way {three:.1%}")
    return 0


def register(app: typer.Typer) -> None:
    @app.command("fit-refusal")
    def fit_refusal_cmd(
        labels: list[Path] = typer.Argument(..., help="Labelled responses (.csv or .jsonl; text + label)."),
        out: Path = typer.Option(..., "-o", "--out", help="Where to write the fitted model (JSON)."),
        features: str = typer.Option("s", "--features", help="Feature blocks: s structure, h opening words, "
                                     "e closing words, c opening characters (e.g. 'sh')."),
        c: float = typer.Option(1.0, "--c", help="Inverse regularisation strength of the logistic regression."),
        check: Path = typer.Option(None, "--check", help="Print the fitted detector's accuracy on these labels."),
    ) -> int:
        """Fit the refusal detector's classifier on your own labelled responses."""
        return run_fit_refusal(labels, out, blocks=features, c=c, check=check)
