"""Run a suite against a target and score it: the engine behind ``charter eval`` and ``run``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from charter.errors import ConfigError, SuiteError
from charter.guide import Guide
from charter.model import GenerateConfig, Model
from charter.suite import Suite

__all__ = ["PromptChoice", "check_suite_matches", "evaluate_suite", "resolve_system_prompt"]


class PromptChoice(BaseModel):
    """The system prompt a run uses: its label in reports, its text, and its canary."""

    model_config = ConfigDict(frozen=True)

    label: str
    text: str | None = None
    canary: str | None = None


def resolve_system_prompt(guide: Guide, choice: str = "compiled", *, variant: str = "full") -> PromptChoice:
    """``compiled`` (the guide's prompt with a canary planted), ``none``, or a file path."""
    if choice == "compiled":
        from charter.compile import compile_prompt, make_canary

        canary = make_canary(guide.fingerprint())
        compiled = compile_prompt(guide, variant=variant, canary=canary)  # type: ignore[arg-type]
        return PromptChoice(label="compiled" if variant == "full" else f"compiled-{variant}",
                            text=compiled.text, canary=canary)
    if choice == "none":
        return PromptChoice(label="none")
    p = Path(choice)
    if not p.is_file():
        raise ConfigError(f"--system-prompt '{choice}' is neither 'compiled', 'none' nor a readable file",
                          hint="pass compiled, none, or the path of a text file holding the prompt")
    return PromptChoice(label=p.name, text=p.read_text(encoding="utf-8"))


def check_suite_matches(guide: Guide, suite: Suite, *, source: str = "suite") -> None:
    """Refuse a suite whose cases cite rule ids the guide does not have (a suite for another
    guide, or a guide edited since the suite was made)."""
    known = set(guide.rule_ids())
    unknown: dict[str, str] = {}
    for case in suite.cases:
        for rid in case.rule_ids:
            if rid not in known and rid not in unknown:
                unknown[rid] = case.id
    if not suite.cases:
        raise SuiteError(f"{source}: the suite holds no cases", hint="generate one with `charter synth GUIDE -o suite.jsonl`")
    if unknown:
        shown = ", ".join(f"'{rid}' (case {cid})" for rid, cid in list(unknown.items())[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        made_for = f" It was made for {suite.guide}." if suite.guide else ""
        raise SuiteError(
            f"{source}: cites rule ids the guide '{guide.meta.name}' does not define: {shown}{more}.{made_for}",
            hint="regenerate the suite from this guide with `charter synth`, or pass the guide it was made for",
        )


async def evaluate_suite(guide: Guide, suite: Suite, target: Model, *, store: Any, judge: Model | None = None,
                         prompt: PromptChoice | None = None, runner_config: Any = None,
                         generate_config: GenerateConfig | None = None, name: str | None = None,
                         resume: str | None = None, metadata: dict[str, Any] | None = None,
                         classifiers: bool = True, judge_mode: str = "rubric",
                         judge_intents: Sequence[str] | None = None) -> Any:
    """Run ``suite`` through ``target`` (with ``prompt``'s system prompt), score every response
    with the guide's scorers (checks, classifiers, and ``judge`` when given — ``judge_mode``
    ``rubric`` for structured verdicts, ``yesno`` for the log-probability judge small local
    models handle best; ``judge_intents`` limits the judge to those case intents), store it
    all in ``store``, and return the finished
    :class:`charter.store.RunInfo`."""
    from charter.evaluate._build import build_scorers
    from charter.runner import Runner, RunnerConfig

    check_suite_matches(guide, suite)
    prompt = prompt or PromptChoice(label="none")
    scorers = build_scorers(guide, judge=judge, judge_mode=judge_mode, judge_intents=judge_intents,
                            canaries=[prompt.canary] if prompt.canary else (),
                            system_prompt=prompt.text, classifiers=classifiers)
    runner = Runner(store, runner_config or RunnerConfig())
    meta = {"variant": prompt.label, "guide": {"name": guide.meta.name, "version": guide.meta.version},
            "judge": judge.name if judge else None, "suite": suite.name, **(metadata or {})}
    return await runner.run(suite, target, scorers=scorers, system_prompt=prompt.text,
                            generate_config=generate_config, name=name or f"{suite.name}:{prompt.label}",
                            metadata=meta, resume=resume, guide_hash=guide.fingerprint())
