"""Run a suite against a target and score it: the engine behind ``charter eval`` and ``run``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.compile import Variant, compile_prompt, make_canary
from charter.errors import ConfigError, SuiteError
from charter.evaluate import Scorer, build_scorers
from charter.guide import Guide
from charter.model import GenerateConfig, Model
from charter.runner import Runner, RunnerConfig
from charter.store import RunInfo, RunStore
from charter.suite import Suite

__all__ = ["EvalConfig", "PromptChoice", "check_suite_matches", "evaluate_suite", "resolve_system_prompt"]


class PromptChoice(BaseModel):
    """The system prompt a run uses: its label in reports, its text, and its canary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    text: str | None = None
    canary: str | None = None


class EvalConfig(BaseModel):
    """How :func:`evaluate_suite` runs and scores a suite (run settings, separate from the guide).

    ``prompt``: the system prompt under test (see :func:`resolve_system_prompt`); its canary
    and text turn on the leakage check. ``runner``: concurrency, retries, budgets, cache.
    ``generate``: sampling settings of the target. ``name`` / ``resume`` / ``metadata``: the
    stored run's name (default ``suite:prompt``), a run id to continue, extra metadata.
    ``classifiers``: also run the local classifiers. ``judge_mode``: ``rubric`` for structured
    verdicts, ``yesno`` for the log-probability judge small local models handle best.
    ``judge_intents``: judge only cases of these intents (``n/a`` elsewhere).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: PromptChoice = Field(default_factory=lambda: PromptChoice(label="none"))
    runner: RunnerConfig = Field(default_factory=RunnerConfig)
    generate: GenerateConfig | None = None
    name: str | None = None
    resume: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    classifiers: bool = True
    judge_mode: Literal["rubric", "yesno"] = "rubric"
    judge_intents: tuple[str, ...] | None = None


def resolve_system_prompt(guide: Guide, choice: str = "compiled", *, variant: Variant | str = "full") -> PromptChoice:
    """``compiled`` (the guide's prompt with a canary planted; ``variant`` ``full`` or
    ``compact``), ``none``, or a file path."""
    if choice == "compiled":
        if variant not in ("full", "compact"):
            raise ConfigError(f"unknown prompt variant '{variant}'", hint="use full or compact")
        variant = "compact" if variant == "compact" else "full"
        canary = make_canary(guide.fingerprint())
        compiled = compile_prompt(guide, variant=variant, canary=canary)
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


async def evaluate_suite(guide: Guide, suite: Suite, target: Model, *, store: RunStore,
                         judge: Model | Scorer | None = None, config: EvalConfig | None = None) -> RunInfo:
    """Run ``suite`` through ``target`` (with ``config.prompt``'s system prompt), score every
    response with the guide's scorers (:func:`charter.evaluate.build_scorers`: the registered
    checks and classifiers, and ``judge`` when given: a judge model, or a scorer that judges,
    such as a reward model's :class:`charter.evaluate.RewardJudge`), store it all in ``store``, and return
    the finished :class:`charter.store.RunInfo`.

    >>> info = await evaluate_suite(guide, suite, get_model("mock/refuse"), store=store,
    ...                             config=EvalConfig(prompt=resolve_system_prompt(guide)))  # doctest: +SKIP
    """
    cfg = config or EvalConfig()
    check_suite_matches(guide, suite)
    prompt = cfg.prompt
    scorers = build_scorers(guide, judge=judge, judge_mode=cfg.judge_mode, judge_intents=cfg.judge_intents,
                            canaries=[prompt.canary] if prompt.canary else (),
                            system_prompt=prompt.text, classifiers=cfg.classifiers)
    runner = Runner(store, cfg.runner)
    meta = {"variant": prompt.label, "guide": {"name": guide.meta.name, "version": guide.meta.version},
            "judge": _judge_name(judge), "suite": suite.name, **cfg.metadata}
    return await runner.run(suite, target, scorers=scorers, system_prompt=prompt.text,
                            generate_config=cfg.generate, name=cfg.name or f"{suite.name}:{prompt.label}",
                            metadata=meta, resume=cfg.resume, guide_hash=guide.fingerprint())


def _judge_name(judge: Model | Scorer | None) -> str | None:
    """The judge as the run's metadata names it: the model, or the scorer (``rm/<dir>``)."""
    if judge is None:
        return None
    if isinstance(judge, Model):
        return judge.name
    return str(getattr(judge, "name", None) or judge.id)
