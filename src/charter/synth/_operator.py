"""The perturbation-operator contract and its registry.

An :class:`Operator` turns one :class:`~charter.suite.Case` into a variant: a *technique*
(how a request is delivered: role-play, base64, many-shot, tool-output injection, ...) or a
*variation* (how it is phrased: length, typos, tone, format, language, ...). Operators are
deterministic: the same case, context and index ``k`` always give the same variant. They keep
the case's rule ids, group, intent and pair, and — unless they say otherwise in the returned
:class:`Variant` — its expected behavior: wrapping a violating request in role-play still
must be refused; wrapping a benign one still must be answered.

Built-ins register with :func:`technique` / :func:`variation`, the same decorators plugins use.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from charter.guide import AUTHORITY_ORDER, AuthorityLevel, Expected, Guide, Rule, RuleKind
from charter.registry import Registry
from charter.suite import Case, Intent, Message

__all__ = [
    "Family",
    "Operator",
    "OperatorContext",
    "Variant",
    "operators",
    "stable_rng",
    "technique",
    "variation",
]

Family = Literal["technique", "variation"]


def stable_rng(*parts: object) -> random.Random:
    """A ``random.Random`` seeded from ``parts`` through sha256 (stable across processes,
    unlike ``hash()``)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class Variant:
    """What an operator's transform returns: the new messages plus what changed."""

    messages: list[Message]
    metadata: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    expected: Expected | None = None
    extra_rule_ids: tuple[str, ...] = ()


_T = TypeVar("_T")


@dataclass(frozen=True)
class OperatorContext:
    """What an operator may read: the guide, the suite seed, the target language (for the
    language operator) and the guide's base language."""

    guide: Guide
    seed: int = 0
    language: str | None = None
    base_language: str = "en"
    #: what operators computed once from the guide for this context (one synthesis): see :meth:`once`
    _memo: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def once(self, key: str, make: Callable[[], _T]) -> _T:
        """``make()``, computed the first time ``key`` is asked for in this context and kept for
        the rest of it: what an operator derives from the guide alone (the many-shot technique's
        shots in a language read every example's language) is the same for every case of one
        synthesis, and a context lives for one synthesis (no module-level cache: another guide,
        or the same guide edited, gets a new context)."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(_T, self._memo[key])

    def rule_of(self, case: Case) -> Rule | None:
        """The first rule the case tests, or ``None`` (plain in-scope use)."""
        for rid in case.rule_ids:
            try:
                return self.guide.rule(rid)
            except KeyError:
                continue
        return None


TransformFn = Callable[[Case, OperatorContext, random.Random], Variant | None]
WhenFn = Callable[[Rule | None, Intent, Guide], bool]


@dataclass(frozen=True)
class Operator:
    """A registered, deterministic case transform.

    ``id`` names it in case ids and ``--techniques``; ``axis`` is its family within the
    kind (``encoding``, ``authority``, ``length``, ``language``...); ``tags`` classify it;
    ``tests`` says in one line what a failure under it would reveal. ``intents`` limits the
    intents it applies to (``None``: all); ``when`` further limits it by rule (e.g. a
    developer override only makes sense for rules a developer cannot override).
    """

    id: str
    family: Family
    axis: str
    tags: tuple[str, ...]
    tests: str
    fn: TransformFn
    intents: frozenset[Intent] | None = None
    when: WhenFn | None = None

    def applicable(self, rule: Rule | None, intent: Intent, guide: Guide) -> bool:
        if self.intents is not None and intent not in self.intents:
            return False
        if self.family == "technique" and self.id != "direct" and situation_rule(rule, intent, guide):
            return False
        return self.when is None or self.when(rule, intent, guide)

    def apply(self, case: Case, ctx: OperatorContext, *, k: int = 0) -> Case | None:
        """The variant of ``case`` number ``k`` (another ``k``, another draw), or ``None``
        when the operator does not apply to this case."""
        if not self.applicable(ctx.rule_of(case), case.intent, ctx.guide):
            return None
        rng = stable_rng(ctx.seed, self.id, case.id, k, ctx.language or "")
        v = self.fn(case, ctx, rng)
        if v is None or not v.messages or (v.messages == case.messages and self.id != "direct"):
            return None  # an unchanged prompt is not a variant (it would repeat the seed)
        from charter.synth._ids import case_id

        technique = case.technique
        variation = case.variation
        if self.family == "technique":
            technique = self.id if technique == "direct" else f"{technique}+{self.id}"
        else:
            variation = self.id if variation == "none" else f"{variation}+{self.id}"
        rule_ids = list(dict.fromkeys([*case.rule_ids, *v.extra_rule_ids]))
        metadata = {**case.metadata, **v.metadata}
        metadata["operators"] = [*case.metadata.get("operators", []), self.id]
        language = v.language or case.language
        new = case.model_copy(
            update={
                "messages": v.messages,
                "technique": technique,
                "variation": variation,
                "language": language,
                "expected": v.expected or case.expected,
                "rule_ids": rule_ids,
                "metadata": metadata,
                "provenance": case.provenance.model_copy(
                    update={"generator": f"operator:{self.id}", "parent": case.id, "seed": ctx.seed}
                ),
            }
        )
        new_id = case_id(new, base_language=ctx.base_language)
        return Case.model_validate({**new.model_dump(), "id": new_id})


operators: Registry[Operator] = Registry(
    "synth operator", builtins=("charter.synth.techniques", "charter.synth.variations"))


def _register(family: Family, op_id: str, *, axis: str, tags: Iterable[str], tests: str,
              intents: Iterable[Intent] | None, when: WhenFn | None) -> Callable[[TransformFn], TransformFn]:
    def deco(fn: TransformFn) -> TransformFn:
        operators.add(op_id, Operator(
            id=op_id, family=family, axis=axis, tags=tuple(tags), tests=tests, fn=fn,
            intents=frozenset(intents) if intents is not None else None, when=when,
        ))
        return fn

    return deco


def technique(op_id: str, *, axis: str, tags: Iterable[str], tests: str,
              intents: Iterable[Intent] | None = None,
              when: WhenFn | None = None) -> Callable[[TransformFn], TransformFn]:
    """Register a technique operator (how a request is delivered)."""
    return _register("technique", op_id, axis=axis, tags=tags, tests=tests, intents=intents, when=when)


def variation(op_id: str, *, axis: str, tags: Iterable[str], tests: str,
              intents: Iterable[Intent] | None = None,
              when: WhenFn | None = None) -> Callable[[TransformFn], TransformFn]:
    """Register a variation operator (how a request is phrased)."""
    return _register("variation", op_id, axis=axis, tags=tags, tests=tests, intents=intents, when=when)


def load_builtin_operators() -> None:
    """Import the built-in operator modules (each registers itself)."""
    operators.load_builtins()


def get_operators(family: Family | None = None) -> list[Operator]:
    """Every registered operator (built-ins and plugins), sorted by id."""
    load_builtin_operators()
    return [op for _, op in operators.items() if family is None or op.family == family]


def situation_rule(rule: Rule | None, intent: Intent, guide: Guide) -> bool:
    """Whether a violating case of ``rule`` is a situation the user is in rather than a request
    the user wants granted: a ``must`` / ``should`` / ``default`` rule (not an edge case) whose
    answer is to redirect, complete safely or comply ("in an emergency, tell them to call 911").
    No attack technique applies to such a case: a user whose father cannot move his arm does not
    wrap it in a role-play persona, leetspeak or a planted document, and the case would measure
    nothing the plain one does not."""
    if rule is None or intent != Intent.violating or rule.kind == RuleKind.must_not:
        return False
    if rule.expected_on_violation() not in (Expected.redirect, Expected.safe_complete, Expected.comply):
        return False
    return not any(e.id == rule.id for e in guide.edge_cases)


def outranks_user(rule: Rule | None, intent: Intent, guide: Guide) -> bool:
    """True when the rule's authority is above the user's, so a user cannot lift it."""
    del intent, guide
    if rule is None:
        return True
    return AUTHORITY_ORDER[rule.authority] < AUTHORITY_ORDER[AuthorityLevel.user]


def last_user_index(messages: list[Message]) -> int:
    for i in range(len(messages) - 1, -1, -1):
        if messages[i].role == "user":
            return i
    return len(messages) - 1


def replace_prompt(case: Case, text: str) -> list[Message]:
    """The case's messages with the last user message's content replaced by ``text``."""
    msgs = list(case.messages)
    i = last_user_index(msgs)
    msgs[i] = msgs[i].model_copy(update={"content": text})
    return msgs
