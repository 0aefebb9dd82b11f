"""The ``attacks`` registry: red-team strategies register with ``@attack`` (built-ins and
plugins alike), so a strategy a plugin advertises in the ``charter`` entry-point group reaches
``charter redteam --strategies`` exactly like a built-in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charter.errors import ConfigError
from charter.registry import Context, Registry

if TYPE_CHECKING:
    from charter.redteam._goals import Goal
    from charter.redteam._records import AttackResult
    from charter.redteam._strategies import AttackContext

__all__ = ["EXTRACTION", "PROBES", "AttackInfo", "Strategy", "attack", "attacks", "get_attack", "strategy_names"]

Strategy = Callable[["AttackContext", "Goal"], Awaitable["AttackResult"]]

#: system-prompt extraction: runs once per red-team run (not per goal), needs no judge
EXTRACTION = "extraction"
#: run-level probes: strategies that run once per red-team run (not per goal), decide success
#: by their own measure (a planted value, a likelihood rank) and are not in the ``attacks``
#: registry: system-prompt extraction, planted third-party records, memorised canaries
PROBES: tuple[str, ...] = (EXTRACTION, "planted", "memorisation")


@dataclass(frozen=True)
class AttackInfo:
    """One registered strategy: ``fn(ctx, goal)`` attacks one goal within ``ctx.budget``.
    ``needs_attacker``: it asks the attacker model; ``needs_judge``: success is the judge's
    call (every goal strategy; only extraction has its own success measure)."""

    name: str
    fn: Strategy
    needs_attacker: bool = True
    needs_judge: bool = True
    description: str = ""


attacks: Registry[AttackInfo] = Registry(
    "red-team attack", builtins=("charter.redteam._strategies", "charter.redteam._tap"))


def attack(name: str, *, needs_attacker: bool = True, needs_judge: bool = True,
           context: Context | None = None) -> Callable[[Strategy], Strategy]:
    """Register a goal strategy: ``@attack("my-attack", needs_attacker=False)`` on an
    ``async def fn(ctx: AttackContext, goal: Goal) -> AttackResult``. Query the target with
    ``await ctx.attempt(goal, step, messages, reasoning)`` so the budget, the judge, the run
    store and ``--resume`` apply to it."""
    if name in PROBES:
        raise ConfigError(f"attack name '{name}' is reserved for a built-in probe",
                          hint="register the strategy under another name")

    def deco(fn: Strategy) -> Strategy:
        doc = (fn.__doc__ or "").strip().split("\n\n")[0]
        attacks.add(name, AttackInfo(name=name, fn=fn, needs_attacker=needs_attacker, needs_judge=needs_judge,
                                     description=" ".join(doc.split())), context=context)
        return fn

    return deco


def strategy_names(*, context: Context | None = None) -> list[str]:
    """Every strategy ``charter redteam --strategies`` accepts: the registered attacks (built-ins
    and plugins, sorted) and the run-level probes (``extraction``, ``planted``, ``memorisation``)."""
    return [*attacks.names(context=context), *PROBES]


def get_attack(name: str, *, context: Context | None = None) -> AttackInfo:
    """The registered strategy ``name``; CharterError naming the known ones otherwise."""
    return attacks.get(name, context=context)
