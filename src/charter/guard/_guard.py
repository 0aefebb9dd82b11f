"""The guard at run time: scorers with an action, on input and output, and on a stream.

>>> guard = Guard.from_guide(load_guide("guide.yaml"))             # doctest: +SKIP
>>> decision = await guard.check_input([{"role": "user", "content": "..."}])   # doctest: +SKIP
>>> decision.action, decision.rule_ids                               # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from charter.errors import ConfigError
from charter.evaluate import CheckScorer, Response, Score, Scorer, Span, Verdict, create_scorer
from charter.guard import _scorers  # noqa: F401  (registers secrets, injection, prompt_classifier, policy_judge)
from charter.guard._compile import compile_guard_config
from charter.guard._config import ACTION_ORDER, Action, GuardConfig, GuardSpec, load_guard_config
from charter.guide import Expected, Guide, load_guide
from charter.model import MessagesLike, Model, to_messages
from charter.suite import Case, Intent, Message
from charter.types import nfc

__all__ = ["Guard", "GuardDecision", "GuardHit", "OutputStream", "redact"]

Stage = Literal["input", "output"]
_PLACEHOLDER = Case(id="guard-input", messages=[Message(role="user", content="(input under inspection)")],
                    expected=Expected.comply, intent=Intent.benign)
_OUTPUT_CASE = Case(id="guard-output", messages=[Message(role="user", content="")], expected=Expected.comply,
                    intent=Intent.benign)


class GuardHit(BaseModel):
    """One guard that triggered: its id, action, rules, risk and evidence."""

    model_config = ConfigDict(frozen=True)

    guard: str
    scorer: str
    action: Action
    rule_ids: list[str]
    risk: float
    evidence: list[Span] = Field(default_factory=list)
    message_index: int | None = None


class GuardDecision(BaseModel):
    """What the guards decided about one input or output."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    action: Action
    rule_ids: list[str] = Field(default_factory=list)
    hits: list[GuardHit] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    latency_ms: float = 0.0
    latency_by_guard: dict[str, float] = Field(default_factory=dict)
    message: str | None = Field(default=None, description="The answer to give instead, on block.")
    text: str | None = Field(default=None, description="Output after redaction (output stage).")
    messages: list[Message] | None = Field(default=None, description="Input after redaction (input stage).")

    @property
    def blocked(self) -> bool:
        return self.action == Action.block

    @property
    def evidence(self) -> list[Span]:
        return [s for h in self.hits for s in h.evidence]


def redact(text: str, spans: Sequence[Span]) -> str:
    """``text`` with every span replaced by ``[redacted:LABEL]`` (overlaps merged)."""
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.end <= pos:
            continue
        a = max(s.start, pos)
        out.append(text[pos:a])
        label = s.label.split(":")[0] if s.label else "text"
        out.append(f"[redacted:{'canary' if label.startswith('canary') else label}]")
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


#: a guard worked out once: its spec, its scorer, the scorer again when it runs inline, and
#: the roles it reads as a frozenset
_Planned = tuple[GuardSpec, Scorer, CheckScorer | None, frozenset[str]]
#: an awaiting guard on one target: (index of its score, spec, scorer, case, response, message index)
_Slow = tuple[int, GuardSpec, Scorer, Case, Response, int | None]
_FAIL = Verdict.fail
_REDACT, _ALLOW = Action.redact, Action.allow


def _inline(scorer: Scorer) -> CheckScorer | None:
    return scorer if isinstance(scorer, CheckScorer) else None


def _risk(score: Score, family: str) -> float:
    if score.verdict not in (Verdict.fail, Verdict.pass_):
        return 0.0
    if family in ("classifier", "judge") and score.value is not None:
        return float(score.value)
    return 1.0 if score.verdict == Verdict.fail else 0.0


class Guard:
    """The guards of one deployment: built from a :class:`GuardConfig` and its guide."""

    def __init__(self, config: GuardConfig, guide: Guide, *, judge: Model | None = None,
                 system_prompt: str | None = None, scorers: Mapping[str, Scorer] | None = None) -> None:
        """``scorers``: ready scorers for some guard ids (e.g. a classifier trained on a fold)."""
        if guide.fingerprint() != config.guide.fingerprint:
            raise ConfigError(f"the guard config was compiled from another version of '{config.guide.name}' "
                              f"(fingerprint {config.guide.fingerprint}, the guide is {guide.fingerprint()})",
                              hint="compile it again with `charter guard GUIDE -o guard.yaml`")
        self.config = config
        self.guide = guide
        self.system_prompt = system_prompt
        # the canary with any separators between its characters (spaces, dashes, dots, newlines)
        self._canary_rx = (re.compile(r"[\s\-_.·*`'\"]*".join(re.escape(c) for c in config.canary), re.IGNORECASE)
                           if config.canary else None)
        # the canary's ASCII digits, which have no other case: a text without one of them holds
        # no canary, and a few substring tests cost less than the pattern's scan
        self._canary_digits = tuple(sorted({c for c in config.canary or "" if "0" <= c <= "9"}))
        self._scorers: dict[str, Scorer] = {}
        for spec in config.guards:
            if spec.enabled:
                given = (scorers or {}).get(spec.id)
                self._scorers[spec.id] = given if given is not None else self._build(spec, judge)
        # per stage, worked out once: the enabled guards, each with its scorer, and that scorer
        # again when it is a deterministic check (run inline), else None (awaited)
        self._stages: dict[Stage, list[_Planned]] = {
            stage: [(g, self._scorers[g.id], _inline(self._scorers[g.id]), frozenset(g.roles))
                    for g in config.for_stage(stage)]
            for stage in ("input", "output")}
        #: the roles some input guard reads: a message of another role is not looked at
        self._input_roles = frozenset(r for plan in self._stages["input"] for r in plan[3])
        self._leak_rules = next((list(g.rules) for g in config.guards if g.scorer == "leakage"), [])

    def _build(self, spec: GuardSpec, judge: Model | None) -> Scorer:
        options: dict[str, Any] = dict(spec.options)
        if spec.scorer == "leakage":
            options.setdefault("canaries", [self.config.canary] if self.config.canary else [])
            if self.system_prompt:
                options.setdefault("system_prompt", self.system_prompt)
        if spec.scorer == "policy_judge":
            options.setdefault("model", judge)
            options.setdefault("stage", "input" if spec.stage == "input" else "output")
            options.setdefault("rules", spec.rules or None)
            options.setdefault("threshold", spec.threshold)
        if spec.scorer in ("prompt_classifier", "hazard_classifier"):
            options.setdefault("threshold", spec.threshold)
        if spec.scorer == "hazard_classifier":
            options.setdefault("rules", spec.rules or None)
        try:
            scorer = create_scorer(spec.scorer, self.guide, **options)
        except TypeError as e:
            raise ConfigError(f"guard '{spec.id}': bad options for scorer '{spec.scorer}': {e}",
                              hint="see `charter guard GUIDE` output for the options each scorer takes") from None
        if spec.settled_by is not None and isinstance(scorer, CheckScorer):
            raise ConfigError(f"guard '{spec.id}': settled_by works on guards that await (classifiers, judges), "
                              f"not on the deterministic check '{spec.scorer}'",
                              hint=f"remove settled_by from guard '{spec.id}'")
        problem = getattr(scorer, "problem", "")
        if problem:
            raise ConfigError(f"guard '{spec.id}': {problem}",
                              hint=f"fix the guide, or set enabled: false on guard '{spec.id}'")
        return scorer

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def from_guide(cls, guide: Guide | str | Path, *, canary: str | None = None, judge: Model | None = None,
                   system_prompt: str | None = None, hazard: bool = False) -> Guard:
        """Guards compiled from ``guide`` with the defaults (the LLM classifier when ``judge``, the
        hazard-request model on the guide's ``hazards.*`` rules when ``hazard``)."""
        path = None
        if not isinstance(guide, Guide):
            path, guide = str(guide), load_guide(guide)
        config = compile_guard_config(guide, guide_path=path, canary=canary, judge=judge is not None, hazard=hazard)
        return cls(config, guide, judge=judge, system_prompt=system_prompt)

    @classmethod
    def from_config(cls, config: GuardConfig | str | Path, guide: Guide | str | Path | None = None, *,
                    judge: Model | None = None, system_prompt: str | None = None) -> Guard:
        """Guards from a config file (its guide is read from ``guide.path`` unless given)."""
        base = Path(".")
        if not isinstance(config, GuardConfig):
            base = Path(config).parent
            config = load_guard_config(config)
        if guide is None:
            if not config.guide.path:
                raise ConfigError("the guard config does not say where its guide is (guide.path)",
                                  hint="pass the guide, or set guide.path in the config")
            guide = base / config.guide.path
        if not isinstance(guide, Guide):
            guide = load_guide(guide)
        return cls(config, guide, judge=judge, system_prompt=system_prompt)

    # -- checks -----------------------------------------------------------------------------
    def _hit(self, spec: GuardSpec, scorer: Scorer, score: Score, idx: int | None) -> GuardHit | None:
        if spec.action == Action.allow or score.verdict != Verdict.fail:
            return None
        risk = _risk(score, scorer.family)
        if risk < spec.threshold:
            return None
        rules = [score.rule_id] if score.rule_id and (not spec.rules or score.rule_id in spec.rules) else list(spec.rules)
        return GuardHit(guard=spec.id, scorer=spec.scorer, action=spec.action, rule_ids=rules,
                        risk=round(risk, 4), evidence=list(score.evidence), message_index=idx)

    async def _run_slow(self, spec: GuardSpec, scorer: Scorer, case: Case, response: Response, idx: int | None,
                        timings: dict[str, float]) -> tuple[Score, GuardHit | None]:
        t0 = time.perf_counter()
        score = await scorer(case, response)
        timings[spec.id] = timings.get(spec.id, 0.0) + (time.perf_counter() - t0)
        return score, self._hit(spec, scorer, score, idx)

    async def _run_all(self, plans: Sequence[_Planned], targets: Sequence[tuple[Case, Response, int | None, str]],
                       timings: dict[str, float]) -> tuple[list[Score], list[GuardHit]]:
        """Every guard of ``plans`` on every target (case, response, message index, role) whose
        role it watches (a target with role "" goes to every guard): the deterministic checks
        inline, in order, with no task and no await (they are microseconds); the scorers that
        await (classifiers, judges) concurrently. Scores keep the order of the guards, then of
        the targets; ``timings`` gets each guard's seconds."""
        scores: list[Score | None] = []
        hits: list[tuple[int, GuardHit]] = []  # (index of its score, hit)
        slow: list[_Slow] = []
        clock = time.perf_counter
        t0 = clock()  # one clock read per check: each check's time runs from the end of the last
        for spec, scorer, check, roles in plans:
            for case, response, idx, role in targets:
                if role and role not in roles:
                    continue
                if check is None:
                    slow.append((len(scores), spec, scorer, case, response, idx))
                    scores.append(None)
                    continue
                try:
                    score = check.evaluate(case, response)
                except Exception as e:  # same contract as BaseScorer.__call__: an error score, never a crash
                    score = check.make(case, Verdict.error, label="scorer_error", explanation=f"{type(e).__name__}: {e}")
                t1 = clock()
                timings[spec.id] = timings.get(spec.id, 0.0) + (t1 - t0)
                t0 = t1
                if score.verdict is _FAIL:  # most checks pass: no hit to work out
                    hit = self._hit(spec, check, score, idx)
                    if hit is not None:
                        hits.append((len(scores), hit))
                scores.append(score)
        if slow:  # results keep the order of the guards (the config's order)
            first = [s for s in slow if s[1].settled_by is None]
            later = [s for s in slow if s[1].settled_by is not None]
            for step in (0, 1) if later else (0,):
                # the second step reads the first one's scores: the cascade's band
                batch = first if step == 0 else self._unsure(later, slow, scores)
                done = await asyncio.gather(*(self._run_slow(spec, scorer, case, response, idx, timings)
                                              for _, spec, scorer, case, response, idx in batch))
                for (i, *_), (score, hit) in zip(batch, done, strict=True):
                    scores[i] = score
                    if hit is not None:
                        hits.append((i, hit))
            hits.sort(key=lambda t: t[0])
        return [sc for sc in scores if sc is not None], [h for _, h in hits]

    @staticmethod
    def _unsure(later: list[_Slow], slow: list[_Slow], scores: list[Score | None]) -> list[_Slow]:
        """The cascade's second step: of the guards ``settled_by`` another, those whose other
        guard scored the same message inside ``[low, high)`` (or gave no usable score: an error
        or a guard that did not run), so a confident first guard never calls the second."""
        value: dict[tuple[str, int | None], float | None] = {}
        for i, spec, _, _, _, idx in slow:
            sc = scores[i]
            if sc is not None and sc.verdict in (Verdict.pass_, Verdict.fail):
                value[(spec.id, idx)] = sc.value
        out = []
        for item in later:
            band = item[1].settled_by
            assert band is not None
            v = value.get((band.guard, item[5]))
            if v is None or band.low <= v < band.high:
                out.append(item)
        return out

    def _canary_spans(self, text: str) -> list[Span]:
        if self._canary_rx is None:
            return []
        for digit in self._canary_digits:
            if digit not in text:
                return []
        return [Span(start=m.start(), end=m.end(), text=m.group(0), label="canary")
                for m in self._canary_rx.finditer(text)]

    def _decide(self, hits: list[GuardHit]) -> tuple[Action, list[str], str | None]:
        if not hits:
            return Action.allow, [], None
        action = max((h.action for h in hits), key=ACTION_ORDER.__getitem__)
        rule_ids = sorted({r for h in hits for r in h.rule_ids})
        message = None
        if action == Action.block:
            blocking = [h for h in hits if h.action == Action.block]
            spec = next(g for g in self.config.guards if g.id == blocking[0].guard)
            message = spec.message or self.config.refusal
            redirect = next((self.config.redirects[r] for h in blocking for r in h.rule_ids
                             if r in self.config.redirects), None)
            if redirect:  # (Chinese and Japanese put no space after a sentence)
                message = f"{message}{'' if message.endswith(('。', '！', '？')) else ' '}{redirect}"
        return action, rule_ids, message

    async def check_input(self, messages: MessagesLike) -> GuardDecision:
        """Run the input guards on the new turns (after the last assistant message)."""
        t0 = time.perf_counter()
        msgs = to_messages(messages)
        start = len(msgs)  # the turns after the last assistant message
        while start and msgs[start - 1].role != "assistant":
            start -= 1
        timings: dict[str, float] = {}
        # one Response per message that some guard reads, shared by its guards
        roles = self._input_roles
        targets = [(_PLACEHOLDER, Response(text=m.content), i, m.role)
                   for i, m in enumerate(msgs[start:], start) if m.role in roles and m.content.strip()]
        scores, hits = await self._run_all(self._stages["input"], targets, timings) if targets else ([], [])
        action, rule_ids, message = self._decide(hits)
        out_msgs = None
        if hits and any(h.action == _REDACT for h in hits):
            out_msgs = list(msgs)
            for i in {h.message_index for h in hits if h.action == Action.redact and h.message_index is not None}:
                spans = [s for h in hits if h.message_index == i and h.action == Action.redact for s in h.evidence]
                out_msgs[i] = msgs[i].model_copy(update={"content": redact(msgs[i].content, spans)})
        return GuardDecision(
            stage="input", action=action, rule_ids=rule_ids, hits=hits, scores=scores,
            latency_ms=round((time.perf_counter() - t0) * 1000, 3),
            latency_by_guard={k: round(v * 1000, 3) for k, v in timings.items()}, message=message, text=None,
            messages=out_msgs)

    async def check_output(self, messages: MessagesLike, response: str | Response) -> GuardDecision:
        """Run the output guards on ``response`` to ``messages``; ``text`` is the redacted output."""
        t0 = time.perf_counter()
        # in NFC, as a Response holds it: the guards' spans index that text
        text = response.text if isinstance(response, Response) else nfc(response)
        timings: dict[str, float] = {}
        plans = self._stages["output"]
        scores: list[Score] = []
        hits: list[GuardHit] = []
        if plans:  # the case and the response are built only for guards to read
            if not isinstance(response, Response):
                response = Response(text=response)
            msgs = [m for m in to_messages(messages) if m.role != "system"] or [Message(role="user", content="")]
            case = _OUTPUT_CASE.model_copy(update={"messages": msgs})  # only the messages change
            scores, hits = await self._run_all(plans, ((case, response, None, ""),), timings)
        canary = self._canary_spans(text)
        if canary:
            hits.append(GuardHit(guard="canary", scorer="canary", action=Action.redact, rule_ids=list(self._leak_rules),
                                 risk=1.0, evidence=canary))
        if not hits:  # the usual case: nothing to redact, block or flag
            return GuardDecision(
                stage="output", action=_ALLOW, scores=scores, latency_ms=round((time.perf_counter() - t0) * 1000, 3),
                latency_by_guard={k: round(v * 1000, 3) for k, v in timings.items()}, text=text)
        fixed: list[GuardHit] = []
        for h in hits:
            vague = [s for s in h.evidence if s.label == "canary_obfuscated"]
            if not vague:
                fixed.append(h)
                continue
            if not canary and h.action == Action.redact:
                # the canary is there but not where: a span cannot be cut, so the output is blocked
                h = h.model_copy(update={"action": Action.block})
            fixed.append(h.model_copy(update={"evidence": [s for s in h.evidence if s not in vague]}))
        action, rule_ids, message = self._decide(fixed)
        spans = [s for h in fixed if h.action == Action.redact for s in h.evidence]
        return GuardDecision(
            stage="output", action=action, rule_ids=rule_ids, hits=fixed, scores=scores,
            latency_ms=round((time.perf_counter() - t0) * 1000, 3),
            latency_by_guard={k: round(v * 1000, 3) for k, v in timings.items()}, message=message,
            text=redact(text, spans) if spans else text, messages=None)

    def stream(self, messages: MessagesLike, chunks: AsyncIterator[str], *, every: int | None = None,
               holdback: int = 64) -> OutputStream:
        """Guard a streamed output: see :class:`OutputStream`."""
        return OutputStream(self, messages, chunks, every=every or self.config.stream_check_every,
                            holdback=max(holdback, len(self.config.canary or "") + 8))


class OutputStream:
    """Iterate to get the guarded text pieces of a streamed response. Output guards run every
    ``every`` chunks (every n/8 once n/8 is larger) on all the text so far; text is released only once a check has seen it
    with ``holdback`` characters after it (so a canary or an e-mail split across chunks is
    caught whole). On a block the stream stops: nothing more is released and ``decision``
    holds the block (with the answer to append); after the stream ends, ``decision`` holds the
    last check of the whole text."""

    def __init__(self, guard: Guard, messages: MessagesLike, chunks: AsyncIterator[str], *, every: int,
                 holdback: int) -> None:
        self.guard, self.messages, self.chunks = guard, messages, chunks
        self.every, self.holdback = every, holdback
        self.decision: GuardDecision | None = None
        self.text = ""
        self.released = ""
        self.checks = 0

    async def _check(self, final: bool) -> str | None:
        """Check the text so far; return the newly releasable text (None on block)."""
        self.checks += 1
        d = await self.guard.check_output(self.messages, self.text)
        self.decision = d
        if d.blocked:
            return None
        safe = d.text if d.text is not None else self.text
        upto = len(safe) if final else max(0, len(safe) - self.holdback)
        if not safe.startswith(self.released):
            # a redaction reached text released earlier (a span longer than the hold-back):
            # what follows cannot be aligned with what was sent, so nothing more is released
            return ""
        new = safe[len(self.released):upto]
        self.released += new
        return new

    async def __aiter__(self) -> AsyncIterator[str]:
        n, due = 0, self.every
        async for piece in self.chunks:
            self.text += piece
            n += 1
            if n >= due:
                # every N chunks, then spaced out as the text grows (each check reads all of
                # it), so a long answer costs a bounded multiple of one full check
                due = n + max(self.every, n // 8)
                new = await self._check(final=False)
                if new is None:
                    return
                if new:
                    yield new
        new = await self._check(final=True)
        if new:
            yield new
