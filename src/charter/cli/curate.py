"""`charter curate FILE -o DIR`: dedup, contamination firewall, splits, coverage, PII, review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from charter.curate import CurateOptions, curate, parse_ratios
from charter.guide import load_guide


def _summary(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False, soft_wrap=True)
    t = Table(title=f"curate {report['input']} ({report['kind']})", show_header=True)
    t.add_column("step")
    t.add_column("result", justify="right")
    t.add_row("rows in", str(report["rows_in"]))
    if report["bad_lines"]:
        t.add_row("bad lines skipped", str(len(report["bad_lines"])))
    if "review" in report:
        t.add_row("review labels applied", str(report["review"]["labels"]))
    if "pii" in report:
        t.add_row("PII scrubbed", ", ".join(f"{k} {v}" for k, v in report["pii"].items()) or "0")
    if "dedup" in report:
        t.add_row("exact duplicates dropped", str(report["dedup"]["exact"]))
        t.add_row("near duplicates dropped", str(report["dedup"]["near"]))
    if "firewall" in report:
        t.add_row("eval contamination dropped", str(report["firewall"]["dropped"]))
    d = report["diversity"]
    t.add_row("distinct-1/2/3", f"{d['distinct_1']:.2f} / {d['distinct_2']:.2f} / {d['distinct_3']:.2f}")
    for name, s in (report.get("splits") or {}).items():
        t.add_row(f"split {name}", f"{s['rows']} rows, {s['groups']} groups")
    t.add_row("rows out", str(report["rows_out"]))
    console.print(t)
    cov = report["coverage"]
    if cov.get("empty_rules"):
        console.print(f"rules with no rows: {', '.join(cov['empty_rules'])}")
    if cov.get("thin_rules"):
        console.print(f"thin rules (< {cov['thin_threshold']} rows): {', '.join(cov['thin_rules'])}")
    if cov["thin_cells"]:
        console.print(f"{len(cov['thin_cells'])} thin cells (rule × use case × intent × technique); see report.json")
    if isinstance(cov.get("plan"), dict) and "summary" in cov["plan"]:
        console.print(cov["plan"]["summary"])
    for e in report["bad_lines"]:
        console.print(f"skipped: {e}", markup=False)


def register(app: typer.Typer) -> None:
    @app.command("curate")
    def curate_cmd(
        input_file: Path = typer.Argument(..., help="Suite or training JSONL (SFT, preferences, KTO)."),
        out: Path = typer.Option(..., "--out", "-o", help="Output directory (files + report.json)."),
        against: list[Path] = typer.Option([], "--against", help="Evaluation suite(s): drop training rows that duplicate them."),
        split: str | None = typer.Option(None, "--split", help="e.g. train=0.8,dev=0.1,test=0.1 (groups never straddle)."),
        seed: int = typer.Option(0, "--seed", help="Seed of the split."),
        threshold: float = typer.Option(0.8, "--threshold", help="Near-duplicate Jaccard threshold."),
        num_perm: int = typer.Option(128, "--num-perm", help="MinHash permutations."),
        ngram: int = typer.Option(1, "--ngram", help="Word n-gram size of the shingles."),
        no_near: bool = typer.Option(False, "--no-near", help="Exact dedup only."),
        no_dedup: bool = typer.Option(False, "--no-dedup", help="Skip deduplication."),
        scrub: bool = typer.Option(False, "--scrub-pii", help="Replace emails, phones, cards, IBANs, SSNs, IPs with [KIND]."),
        guide: Path | None = typer.Option(None, "--guide", "-g", help="Guide: coverage against its rules and plan."),
        review_out: Path | None = typer.Option(None, "--review-out", help="Write a review sheet (.csv or .jsonl); "
                                               "with --guide also rater-instructions.html beside it, linked from "
                                               "every row."),
        instructions: str | None = typer.Option(None, "--instructions", help="Link the review sheet's rows to "
                                                "these rater instructions instead (a path or URL of `charter doc "
                                                "GUIDE --for raters` output)."),
        apply_review: Path | None = typer.Option(None, "--apply-review", help="Apply a reviewed sheet first."),
        skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip broken lines (listed) instead of stopping."),
        thin: int = typer.Option(2, "--thin", help="Cells/rules with fewer rows are reported thin."),
    ) -> int:
        """Curate a suite or training file: dedup (exact + MinHash), firewall against eval
        suites, stratified grouped splits, coverage and diversity, PII scrubbing, review."""
        opts = CurateOptions(against=against, splits=parse_ratios(split) if split else None, seed=seed,
                             threshold=threshold, num_perm=num_perm, ngram=ngram, near=not no_near,
                             dedup=not no_dedup, scrub_pii=scrub, review_out=review_out, instructions=instructions,
                             apply_review=apply_review, skip_bad=skip_bad, thin=thin)
        g = load_guide(guide) if guide else None
        report = curate(input_file, out, opts, guide=g)
        _summary(report)
        typer.echo(f"report: {out / 'report.json'}")
        return 0
