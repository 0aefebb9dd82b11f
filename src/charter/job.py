"""The main job, ``charter run GUIDE``: from a guide to a report in one command.

Steps: check the guide → compile its system prompt (with a canary) → synthesise a suite
(offline generators + cases written by the embedded generator and confirmed by the judge) →
evaluate the target with and without the compiled prompt (checks + classifiers + judge) →
write the HTML/Markdown/JSON report comparing both, and a first model-card draft.

Profiles size the job: ``quick`` (the default) runs on a 2-core machine with no key in a few
minutes; ``full`` covers every cell of the coverage plan with more model-written cases.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import CharterError, ConfigError, GuideError
from charter.evaluate import REWARD_PREFIX, Scorer, create_scorer
from charter.evaluate.checks import refusal_label
from charter.guide import (
    LIBRARY_PREFIX,
    Guide,
    SourceMap,
    lint_guide,
    load_guide_with_positions,
)
from charter.harness import EvalConfig, PromptChoice, evaluate_suite, resolve_system_prompt
from charter.model import GenerateConfig, Model, ModelRole, get_model
from charter.report import RunReport, load_report, run_guide_metadata, write_report
from charter.runner import Runner, RunnerConfig
from charter.store import RunStore
from charter.suite import Suite, write_suite
from charter.types import Message

__all__ = ["CASE_TOKENS", "DEFAULT_GENERATOR", "DEFAULT_JUDGE", "DEFAULT_TARGET", "LOCAL_N_CTX", "PROFILES", "JobConfig",
           "JobResult", "context_for", "prompt_tokens_estimate", "run_job"]

DEFAULT_TARGET = "local/qwen2.5-0.5b-instruct"
DEFAULT_JUDGE = "local/qwen2.5-1.5b-instruct"
DEFAULT_GENERATOR = "local/qwen2.5-1.5b-instruct"


class Profile(BaseModel):
    """How big the main job is."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    n_offline: int | None = Field(description="Offline cases (None: the whole coverage plan; raised to the "
                                              "minimum that pairs every must_not rule).")
    n_model: int = Field(description="Model-written cases requested from the generator (0: none).")
    max_response_tokens: int
    max_generator_tokens: int
    judge: Literal["yesno", "rubric"]
    prompt_variant: Literal["full", "compact"]
    library_rules: bool = Field(description="Also test the rules included from Charter's library (hazards).")
    judge_intents: tuple[str, ...] | None = Field(description="Case intents the LLM judge scores (None: all).")
    concurrency: int | None = Field(description="Cases in flight per run (None: the target's default). Two let the "
                                                "judge score one case while the target answers the next.")
    local_parallel: int | None = Field(description="Slots per embedded judge/generator (None: the provider default). "
                                                   "One slot keeps a prompt cached, and llama.cpp keeps the prompts "
                                                   "of a slot's earlier requests in RAM.")
    target_parallel: int | None = Field(description="Slots of an embedded target server (None: local_parallel): "
                                                    "with the runs at once in one server, one per system prompt, "
                                                    "decoded in one batch; with target_per_variant, per server.")
    target_threads: int | None = Field(description="CPU threads of an embedded target (None: the provider default). "
                                                   "One: the target and the judge share two cores without threads "
                                                   "waiting on each other.")
    local_threads: int | None = Field(default=None, description="CPU threads of an embedded judge/generator (None: "
                                      "the provider default, which reads prompts on every core). One: with a "
                                      "one-thread target server per variant, three one-thread workloads share two "
                                      "cores and no thread waits at a barrier for one that is descheduled; the "
                                      "judge's yes/no log-probabilities are the same bits on one thread or two.")
    variants_together: bool = Field(description="Run the target with and without the compiled prompt at once "
                                                "(one slot each) instead of one after the other.")
    target_per_variant: bool = Field(default=False, description="With variants_together and an embedded target: "
                                     "one llama.cpp server per variant (target_parallel slots and target_threads "
                                     "threads each) instead of one server holding a slot per variant, so the two "
                                     "runs decode on two cores at once, each one sequence, not one batch on one.")
    target_flash_attn_off_from: int | None = Field(default=None, description="An embedded target on a CPU serving "
                                                   "a system prompt of at least this many tokens (estimated) runs "
                                                   "without flash attention (None: llama.cpp decides). On the "
                                                   "AVX2 build a token generated after ~2,600 tokens of prompt took "
                                                   "44 ms of CPU without it against 57 ms with it; reading the "
                                                   "prompt took 16.5 against 14.8 ms a token (docs/performance.md).")
    warm_target: bool = Field(default=False, description="An embedded target reads the compiled prompt while the "
                              "suite is synthesised (one request of one token, its answer dropped), so that the "
                              "run with the prompt starts with it in its slot's cache. The generator writes on "
                              "one thread, so the other core reads the prompt instead of waiting.")


PROFILES: dict[str, Profile] = {
    "quick": Profile(n_offline=0, n_model=2, max_response_tokens=128, max_generator_tokens=320, judge="yesno", prompt_variant="compact",
                     library_rules=False, judge_intents=("violating",), local_parallel=1, target_parallel=1,
                     target_threads=1, local_threads=1, concurrency=2, variants_together=True,
                     target_per_variant=True, target_flash_attn_off_from=1024, warm_target=True),
    "full": Profile(n_offline=None, n_model=40, max_response_tokens=512, max_generator_tokens=1500, judge="rubric", prompt_variant="full",
                    library_rules=True, judge_intents=None, local_parallel=None, target_parallel=None, target_threads=None,
                    concurrency=None, variants_together=False),
}


class JobConfig(BaseModel):
    """Settings of ``charter run`` (CLI flags map one to one)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    profile: str = "quick"
    target: str = DEFAULT_TARGET
    judge: str | None = DEFAULT_JUDGE
    generator: str | None = DEFAULT_GENERATOR
    seed: int = 0
    out_dir: Path | None = None
    store: Path | None = None
    n_offline: int | None = None
    n_model: int | None = None
    model_options: dict[str, object] = Field(default_factory=dict)
    #: serve requests the run store has answered (target responses, generator outputs, judge
    #: answers) from its cache; False (``--no-cache``) asks the models again
    cache: bool = True


class JobResult(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    out_dir: Path
    report: Path
    card: Path | None
    suite: Path
    prompt: Path
    runs: dict[str, str]
    summary: dict[str, dict[str, float | int | None]]
    seconds: float


Say = Callable[[str], None]


def _summary(rep: RunReport) -> dict[str, float | int | None]:
    """The numbers of one run for the CLI table and summary.json. ``violation_rate`` is the
    judge's (None without a judge); ``non_refusal_rate`` the refusal detector's answers to
    requests that should be refused; ``judged`` 1 when a judge decided any verdict; the ``*_n``
    entries are the denominators; ``unscored`` cases are in none of them."""
    o = rep.metrics.overall
    return {"n": o.n, "errors": o.errors, "unscored": o.unscored, "judged": int(rep.metrics.judged),
            "pass_rate": o.pass_rate.rate, "pass_n": o.pass_rate.n,
            "violation_rate": o.violation_rate.rate, "violation_n": o.violation_rate.n,
            "non_refusal_rate": o.non_refusal_rate.rate, "non_refusal_n": o.non_refusal_rate.n,
            "false_refusal_rate": o.false_refusal_rate.rate, "false_refusal_n": o.false_refusal_rate.n,
            "attack_success_rate": o.attack_success_rate.rate}


#: the embedded models' context per slot unless a prompt needs more (the local provider's default)
LOCAL_N_CTX = 4096
#: tokens kept free beside the system prompt for the case's messages and the answer
CASE_TOKENS = 768


def prompt_tokens_estimate(text: str) -> int:
    """An estimate of the tokens ``text`` takes in a small model's tokenizer, without loading
    it, from what Qwen2.5's tokenizer takes for the compiled prompts of the example and test
    guides: 4 characters per token for ASCII text (English takes 4.5-4.7, French, German and
    Italian 3.5-3.7), 1.3 tokens per character of an Indic script or Thai (Hindi takes 1.15),
    one per Chinese, Japanese or Korean character (0.74-0.84), 0.6 per other character
    (Cyrillic and Arabic take about 0.4)."""
    twentieths = 0  # counted in twentieths of a token: exact, whatever the length
    for ch in text:
        o = ord(ch)
        if o < 128:
            twentieths += 5
        elif 0x0900 <= o <= 0x0DFF or 0x0E00 <= o <= 0x0EFF:  # Indic scripts, Thai, Lao
            twentieths += 26
        elif 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF:
            twentieths += 20
        else:
            twentieths += 12
    return -(-twentieths // 20)


def context_for(prompt: str | None) -> int:
    """The context per slot an embedded target needs for ``prompt`` and a case: the default
    (:data:`LOCAL_N_CTX`), or the next power of two that holds the estimate
    (:func:`prompt_tokens_estimate`) and :data:`CASE_TOKENS`. A Hindi guide's compact prompt
    (8,426 characters, 6,155 tokens) errored on every case of the main job at 4,096."""
    need = prompt_tokens_estimate(prompt or "") + CASE_TOKENS
    n = LOCAL_N_CTX
    while n < need:
        n *= 2
    return n


def _model(name: str, role: ModelRole, cfg: JobConfig, prof: Profile, config: GenerateConfig | None = None,
           n_ctx: int | None = None, pool: object | None = None, flash_attn: str | None = None) -> Model:
    """A model for one role, with the profile's slot and thread counts for embedded models;
    ``n_ctx``, a context per slot the target needs (:func:`context_for`), unless the options
    give one; ``pool``, the llama.cpp server pool of an embedded model (default: the context's,
    where models with the same file and settings share one server); ``flash_attn``, the
    embedded model's flash attention setting unless the options give one."""
    options: dict[str, Any] = dict(cfg.model_options)
    if pool is not None and name.startswith("local/"):
        options["pool"] = pool
    if name.startswith("local/"):
        target = role == ModelRole.target
        parallel = (prof.target_parallel or prof.local_parallel) if target else prof.local_parallel
        if parallel and "parallel" not in options:
            options["parallel"] = parallel
        threads = prof.target_threads if target else prof.local_threads
        if threads and "threads" not in options:
            options["threads"] = threads
        if target and n_ctx and n_ctx > LOCAL_N_CTX and "n_ctx" not in options:
            options["n_ctx"] = n_ctx
        if flash_attn and "flash_attn" not in options:
            options["flash_attn"] = flash_attn
    return get_model(name, role=role, config=config, **options)


def _offline_n(guide: Guide, cfg: JobConfig, prof: Profile) -> int | None:
    """The profile's offline size, never below one violating + one look-alike per paired rule."""
    from charter.synth import plan_coverage

    n = cfg.n_offline if cfg.n_offline is not None else prof.n_offline
    if n is None:
        return None
    cells = plan_coverage(guide, seed=cfg.seed).cells
    paired = {c.rule_id for c in cells if c.pair}
    others = {c.rule_id for c in cells if c.rule_id and c.rule_id not in paired}
    # one violating + one look-alike per paired rule, one case per other rule and use case
    return max(n, 2 * len(paired) + len(others) + len(guide.audience.use_cases))


def _suite_guide(guide: Guide, source_map: SourceMap, prof: Profile, say: Say) -> Guide:
    """The guide the suite is drawn from: without library rules when the profile says so."""
    if prof.library_rules:
        return guide
    library = _library_rule_ids(guide, source_map)
    if not library:
        return guide
    policies = [p.model_copy(update={"rules": [r for r in p.rules if r.id not in library]}) for p in guide.policies]
    say(f"  {len(library)} rules included from Charter's library are left out of this profile "
        "(--profile full tests them)")
    return guide.model_copy(update={"policies": [p for p in policies if p.rules]})


def _library_rule_ids(guide: Guide, source_map: SourceMap) -> set[str]:
    """Rules that come from Charter's built-in library rather than the team's own files."""
    out = set()
    for rid in guide.rule_ids():
        try:
            if source_map.rule(rid)[0].startswith(LIBRARY_PREFIX):
                out.add(rid)
        except KeyError:
            continue
    return out


def _long_prompt_on_cpu(cfg: JobConfig, prof: Profile, prompt_tokens: int) -> bool:
    """Whether the embedded target serving a system prompt of ``prompt_tokens`` runs without
    flash attention (:attr:`Profile.target_flash_attn_off_from`)."""
    limit = prof.target_flash_attn_off_from
    if limit is None or prompt_tokens < limit or not cfg.target.startswith("local/") \
            or "flash_attn" in cfg.model_options:
        return False
    from charter.model import llama_cpu_only

    return llama_cpu_only()


class _Models:
    """The job's models, opened once: the generator and the judge (one llama.cpp server when
    they are the same embedded model) live from the synthesis to the end of the evaluation."""

    def __init__(self, cfg: JobConfig, prof: Profile, n_model: int, n_ctx: int | None = None,
                 prompt_tokens: int = 0) -> None:
        self.judge: Model | Scorer | None = None
        if cfg.judge and _is_reward(cfg.judge):
            self.judge = create_scorer("reward", path=cfg.judge[len(REWARD_PREFIX):])
        elif cfg.judge:
            self.judge = _model(cfg.judge, ModelRole.judge, cfg, prof)
        self.generator = None
        if n_model > 0 and cfg.generator:
            # short answers: the generator writes a few requests as JSON
            self.generator = _model(cfg.generator, ModelRole.generator, cfg, prof,
                                    config=GenerateConfig(max_tokens=prof.max_generator_tokens))
        # the first variant's target serves the compiled prompt (the others get servers of their own)
        self.target = _model(cfg.target, ModelRole.target, cfg, prof, n_ctx=n_ctx,
                             flash_attn="off" if _long_prompt_on_cpu(cfg, prof, prompt_tokens) else None)
        self._target_args = (cfg, prof, n_ctx)
        self._own_targets: list[Model] = []

    def targets(self, n: int) -> list[Model]:
        """The target of each of ``n`` variants run together: the one target, or, with the
        profile's ``target_per_variant`` and an embedded target, a llama.cpp server of its own
        for each variant after the first (a private server pool: the context's pool would hand
        every variant the first one's server, whose settings are the same)."""
        cfg, prof, n_ctx = self._target_args
        if n <= 1 or not prof.target_per_variant or not cfg.target.startswith("local/") \
                or "pool" in cfg.model_options:
            return [self.target] * n
        from charter.model import LocalServerPool

        while len(self._own_targets) < n - 1:
            self._own_targets.append(_model(cfg.target, ModelRole.target, cfg, prof, n_ctx=n_ctx,
                                            pool=LocalServerPool()))
        return [self.target, *self._own_targets[:n - 1]]

    async def aclose(self) -> None:
        for m in (self.target, *self._own_targets, self.generator, self.judge):
            if isinstance(m, Model):
                await m.aclose()


#: per-request time-out of an embedded target: its requests wait in the model's own queue (a slot
#: each), so one that waits behind the others is not hung, and a retry would start it over
LOCAL_TIMEOUT_S = 900.0


def _runner_config(model: str | None, **options: Any) -> RunnerConfig:
    """The runner for requests to ``model``: an embedded model's requests wait in its own queue
    and decode at the speed the machine allows (a case of ~200 tokens on the 1.5B generator can
    take minutes on a busy 2-core machine), so they get the local time-out instead of the 120 s
    one, which would cancel and restart them."""
    if model is not None and model.startswith("local/"):
        options.setdefault("timeout", LOCAL_TIMEOUT_S)
    return RunnerConfig(**options)


async def _synthesize(guide: Guide, n_off: int | None, cfg: JobConfig, n_model: int, models: _Models,
                      store: RunStore, say: Say) -> Suite:
    from charter.synth import SynthConfig, asynthesize

    gen = models.generator
    # a reward model (rm/) judges responses, not written cases: the generator confirms them
    jdg = (models.judge if isinstance(models.judge, Model) else gen) if gen is not None else None
    last: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if last.get(stage) != done:
            last[stage] = done
            say(f"    {stage}: {done}/{total}")

    suite = await asynthesize(guide, SynthConfig(
        n=n_off, seed=cfg.seed, offline=True, generator=gen, judge=jdg, model_cells=n_model if gen else None,
        runner=Runner(store, _runner_config(cfg.generator, progress=False, cache=cfg.cache)) if gen else None, progress=progress,
        name="charter-run"))
    model = sum(1 for c in suite.cases if c.provenance.generator.startswith("model"))
    say(f"  offline generators: {len(suite.cases) - model} cases")
    st = suite.config.get("model_stats")
    if isinstance(st, dict):
        unusable = sum(int(st.get(k, 0)) for k in ("empty", "invalid_json", "junk", "model_errors"))
        say(f"  model-written by {cfg.generator} for {n_model} cells, confirmed by {jdg.name if jdg is not None else cfg.generator}: "
            f"{model} cases kept ({st.get('candidates', 0)} candidates, {st.get('rejected', 0)} rejected by the "
            f"judge, {unusable} unusable outputs)")
    crit = suite.config.get("critical_rules_dropped")
    if isinstance(crit, list) and crit:
        say(f"  warning: critical rule(s) without any case in this profile: {', '.join(map(str, crit))}")
    return suite.model_copy(update={"config": {**suite.config, "model_cases": n_model, "generator": cfg.generator}})


async def _evaluate(guide: Guide, suite: Suite, prompts: list[PromptChoice], cfg: JobConfig, prof: Profile,
                    models: _Models, store: RunStore, say: Say, guide_path: Path | None = None) -> dict[str, str]:
    async def one(prompt: PromptChoice, target: Model) -> str:
        config = EvalConfig(
            prompt=prompt, judge_mode=prof.judge, judge_intents=prof.judge_intents,
            runner=_runner_config(cfg.target, concurrency=prof.concurrency, cache=cfg.cache), name=f"run:{guide.meta.name}:{prompt.label}",
            generate=GenerateConfig(max_tokens=prof.max_response_tokens, temperature=0.0, seed=cfg.seed),
            metadata=run_guide_metadata(guide_path))
        info = await evaluate_suite(guide, suite, target, store=store, judge=models.judge, config=config)
        return info.id

    runs: dict[str, str] = {}
    if prof.variants_together:
        # at once, while the judge scores either: one slot each, decoded in one batch, or with
        # target_per_variant a server (and a core) each
        for prompt in prompts:
            say(f"  target {cfg.target} with system prompt '{prompt.label}' ({len(suite.cases)} cases)")
        ids = await asyncio.gather(*(one(p, t) for p, t in zip(prompts, models.targets(len(prompts)), strict=True)))
        return {p.label: rid for p, rid in zip(prompts, ids, strict=True)}
    for prompt in prompts:
        say(f"  target {cfg.target} with system prompt '{prompt.label}' ({len(suite.cases)} cases)")
        runs[prompt.label] = await one(prompt, models.target)
    return runs


async def _synthesize_and_evaluate(guide: Guide, suite_guide: Guide, source_n: int | None, compiled: PromptChoice,
                                   cfg: JobConfig, prof: Profile, store: RunStore, out: Path,
                                   say: Say, guide_path: Path | None = None) -> tuple[Path, int, dict[str, str]]:
    n_model = cfg.n_model if cfg.n_model is not None else prof.n_model
    n_ctx = context_for(compiled.text)
    if n_ctx > LOCAL_N_CTX and cfg.target.startswith("local/") and "n_ctx" not in cfg.model_options:
        say(f"  the compiled prompt takes about {prompt_tokens_estimate(compiled.text or '')} tokens: "
            f"the embedded target gets {n_ctx} tokens of context per slot")
    models = _Models(cfg, prof, n_model, n_ctx, prompt_tokens_estimate(compiled.text or ""))
    synthesised = asyncio.Event()
    warm = _warm_target(models.target, compiled, cfg, prof, say, synthesised)
    try:
        suite = await _synthesize(suite_guide, source_n, cfg, n_model, models, store, say)
        synthesised.set()
        suite_path = write_suite(suite, out / "suite.jsonl")
        say(f"  {suite_path}: {len(suite.cases)} cases")
        say("4/5 evaluate (with and without the compiled prompt)")
        runs = await _evaluate(guide, suite, [compiled, PromptChoice(label="none")], cfg, prof, models, store, say,
                               guide_path)
    finally:
        if warm is not None:  # not awaited: with the answers already in the store, nothing waits for it
            warm.cancel()
            await asyncio.gather(warm, return_exceptions=True)
        await models.aclose()
    return suite_path, len(suite.cases), runs


#: seconds the target's warm-up waits for the synthesis to be over before it sends (see _warm_target)
WARM_DELAY_S = 2.0


def _warm_target(target: Model, compiled: PromptChoice, cfg: JobConfig, prof: Profile,
                 say: Say, synthesised: asyncio.Event | None = None) -> asyncio.Task[None] | None:
    """With the profile's ``warm_target`` and an embedded target, read the compiled prompt into
    the target's slot now, while the suite is synthesised: the run's first request then finds it
    in the cache (the request of one token is the runner's system message and a one-word user
    turn; its answer is dropped). A failure costs nothing: the first request reads the prompt.

    ``synthesised``, set when the synthesis is over: a synthesis that ends within
    :data:`WARM_DELAY_S` (its model calls answered from the run store: a second run of the guide,
    whose target answers are most likely stored too) leaves no model work to overlap, and the
    request is not sent. Once sent, llama.cpp reads the whole prompt even when the job cancels
    the request (it stops at the next generated token), and the job waited for it: 80 of the 85 s
    of a second run of isp-support with every answer in the store (docs/performance.md)."""
    if not prof.warm_target or not compiled.text or not cfg.target.startswith("local/"):
        return None
    messages = [Message(role="system", content=compiled.text), Message(role="user", content="Hello")]

    async def warm() -> None:
        if synthesised is not None:
            try:
                await asyncio.wait_for(synthesised.wait(), WARM_DELAY_S)
                return  # the synthesis came from the store: nothing to overlap
            except TimeoutError:
                pass
        try:
            await target.generate(messages, GenerateConfig(max_tokens=1, temperature=0.0, timeout=LOCAL_TIMEOUT_S))
        except CharterError as e:
            say(f"  (the target could not read the compiled prompt ahead: {e}; its first case reads it)")

    return asyncio.create_task(warm(), name="charter-warm-target")


def _is_reward(judge: str) -> bool:
    """``rm/<dir>``: a reward model from ``charter train reward`` is the judge."""
    return judge.startswith(REWARD_PREFIX)


def run_job(guide_path: str | Path, config: JobConfig | None = None, *, say: Say = print) -> JobResult:
    """Run the main job on ``guide_path`` and return where everything was written."""
    cfg = config or JobConfig()
    if cfg.profile not in PROFILES:
        raise ConfigError(f"unknown profile '{cfg.profile}'", hint=f"use one of: {', '.join(PROFILES)}")
    prof = PROFILES[cfg.profile]
    t0 = time.monotonic()
    path = Path(guide_path)
    out = cfg.out_dir or Path("charter-out") / path.stem
    out.mkdir(parents=True, exist_ok=True)

    say(f"1/5 check {path}")
    guide, source_map = load_guide_with_positions(path)
    problems = lint_guide(guide, source_map, refusal_of=refusal_label)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GuideError(errors)
    for p in problems:
        say(f"  {p}")
    say(f"  {len(guide.rules)} rules, {len(problems)} warnings")

    say(f"2/5 compile the system prompt ({prof.prompt_variant})")
    compiled = resolve_system_prompt(guide, "compiled", variant=prof.prompt_variant)
    prompt_path = out / "prompt.txt"
    prompt_path.write_text(compiled.text or "", encoding="utf-8")
    say(f"  {prompt_path} ({len(compiled.text or '')} characters)")

    say("3/5 synthesise the suite")
    suite_guide = _suite_guide(guide, source_map, prof, say)
    with RunStore(cfg.store) as store:
        suite_path, _, runs = asyncio.run(_synthesize_and_evaluate(
            guide, suite_guide, _offline_n(suite_guide, cfg, prof), compiled, cfg, prof, store, out, say, path))
        reports = {label: load_report(store, rid, guide=guide, variant=label) for label, rid in runs.items()}

    say("5/5 write the report and the model card")
    main = reports[compiled.label]
    others = [r for label, r in reports.items() if label != compiled.label]
    paths = write_report(main, out, others)
    summary = {label: _summary(r) for label, r in reports.items()}
    (out / "summary.json").write_text(json.dumps({"runs": runs, "summary": summary}, indent=2), encoding="utf-8")
    return JobResult(out_dir=out, report=paths["html"], card=paths.get("card"), suite=suite_path, prompt=prompt_path,
                     runs=runs, summary=summary, seconds=time.monotonic() - t0)
