"""`charter import model-spec SPEC.md [-o guide.yaml] [--suite examples.jsonl]`: a guide from
another format, and optionally the spec's worked examples as a regression suite.

The module is ``import_`` because ``import`` is a Python keyword; the verb is ``import``.
The written guide is loaded and linted before the command returns, so what it writes always
passes ``charter check`` without errors.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from charter.guide import (
    ExampleLabel,
    Expected,
    Guide,
    RuleKind,
    lint_guide,
    load_guide_text_with_positions,
    load_model_spec,
)
from charter.suite import write_suite
from charter.synth import example_suite

import_app = typer.Typer(
    name="import",
    help="Create a guide from another format (model-spec: OpenAI Model Spec style markdown).",
    no_args_is_help=True,
)


@import_app.command("model-spec")
def model_spec(
    spec: Annotated[Path, typer.Argument(
        help="Markdown spec: headings with {#id authority=...}, <user>/<comparison> examples.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the guide here (default: stdout).")] = None,
    hazards: Annotated[bool, typer.Option("--hazards/--no-hazards", help="Include charter:hazards/mlcommons.")] = True,
    suite: Annotated[Path | None, typer.Option(
        "--suite", help="Also write the spec's worked examples as a regression suite (JSONL) here.")] = None,
) -> int:
    """Import a Model-Spec-style markdown file as a guide (rules, authority, examples).

    Malformed example blocks are skipped and listed (file:line, why); the counts of rules,
    examples, candidate replies and skipped blocks are printed on stderr."""
    from charter.evaluate.checks import refusal_label  # the refusal detector, for the GOOD replies

    result = load_model_spec(spec, include_hazards=hazards)
    data = result.data
    own = {r["id"] for p in data["policies"] for r in p["rules"]}
    base = output.parent if output else Path.cwd()
    name = str(output) if output else f"<{spec.name} import>"
    guide, smap = load_guide_text_with_positions(_render(spec, data), name=name, base_dir=base)
    answered = _answering_rules(guide, own, refusal_label)
    if answered:  # their violating examples' GOOD replies answer: 'refuse' would fail every one of them
        for rule in (r for p in data["policies"] for r in p["rules"] if r["id"] in answered):
            rule["expected"] = "safe_complete"
        guide, smap = load_guide_text_with_positions(_render(spec, data), name=name, base_dir=base)
        typer.echo(f"set expected: safe_complete on {len(answered)} rule(s) whose GOOD replies to violating requests "
                   f"answer instead of refusing: {', '.join(sorted(answered))}", err=True)
    text = _render(spec, data)
    warnings = lint_guide(guide, smap, refusal_of=refusal_label)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    for problem in result.skipped:
        typer.echo(str(problem), err=True)
    verdicts = {v: 0 for v in ("good", "bad", "ok")}
    for rule in guide.iter_rules():
        for c in (c for ex in rule.examples for c in ex.candidates()) if rule.id in own else ():
            verdicts[c.verdict.value] += 1
    n_ex = sum(len(r.get("examples", [])) for p in data["policies"] for r in p["rules"])
    typer.echo(f"{output or 'stdout'}: {result.rules} rules in {len(data['policies'])} policies, "
               f"{n_ex} examples from {result.blocks} example blocks ({len(result.skipped)} skipped), "
               f"{result.candidates} candidate replies ({verdicts['good']} GOOD, {verdicts['bad']} BAD, "
               f"{verdicts['ok']} OK), {len(warnings)} lint warning{'s' if len(warnings) != 1 else ''}"
               + ("; run `charter check` on it for details" if warnings else ""), err=True)
    if suite is not None:
        built = example_suite(guide, rule_ids=own, name=f"{spec.stem}-examples")
        write_suite(built.suite, suite)
        typer.echo(f"{suite}: {len(built.suite.cases)} cases from the examples' judged points, "
                   f"{len(built.unscored)} left out", err=True)
        for cid, why in built.unscored:
            typer.echo(f"  left out {cid}: {why}", err=True)
    return 0


def _render(spec: Path, data: dict[str, Any]) -> str:
    header = (f"# Imported from {spec.name} by `charter import model-spec`. Review the inferred rule kinds\n"
              "# and example labels, then run `charter check` on this file.\n")
    return header + str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _answering_rules(guide: Guide, own: set[str], refusal_of: Callable[[str], str]) -> set[str]:
    """The imported rules given ``expected: refuse`` (not ``must_not``, with violating examples)
    whose every GOOD reply to a violating example the refusal detector reads as an answer: the
    spec's own replies say the expected behaviour is a safe answer, not a refusal (CH112 would
    flag each of them). A rule with one refusing GOOD reply keeps ``refuse``."""
    out: set[str] = set()
    for rule in guide.iter_rules():
        if rule.id not in own or rule.kind == RuleKind.must_not or rule.expected_on_violation() != Expected.refuse:
            continue
        goods = [g for ex in rule.examples if ex.label == ExampleLabel.violating for g in ex.good]
        if goods and all(refusal_of(g) == "full_compliance" for g in goods):
            out.add(rule.id)
    return out


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
