"""Suggested edits to the guide itself, from what the loop saw (suggestions only: the guide is
never changed).

- ``missing_lookalike``: a rule the target falsely refused on, with no ``benign_lookalike``
  example in the guide — a look-alike example teaches prompt, judge and data where the rule ends;
- ``conflict``: an edit aimed at one rule made another rule worse beyond its interval — the two
  rules pull the same requests in opposite directions, and the guide should say which wins;
- ``unfixed``: a rule still failing on the train part after every edit tried for it was rejected.
"""

from __future__ import annotations

from collections.abc import Sequence

from charter.guide import ExampleLabel, Guide
from charter.iterate._records import GuideSuggestion, RoundReport

__all__ = ["suggest_guide_edits"]


def suggest_guide_edits(guide: Guide, rounds: Sequence[RoundReport]) -> list[GuideSuggestion]:
    out: list[GuideSuggestion] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def add(s: GuideSuggestion) -> None:
        key = (s.kind, tuple(s.rule_ids))
        if key not in seen:
            seen.add(key)
            out.append(s)

    for rnd in rounds:
        for c in rnd.clusters:
            if c.kind != "false_refusal":
                continue
            rule = guide.rule(c.rule_id)
            if any(ex.label == ExampleLabel.benign_lookalike for ex in rule.examples):
                continue
            sample = f' such as "{c.prompts[0]}"' if c.prompts else ""
            add(GuideSuggestion(kind="missing_lookalike", rule_ids=[c.rule_id], text=(
                f"The target refused {c.n} of {c.of} allowed requests of {c.rule_id}{sample}, and the rule has "
                "no benign_lookalike example. Add one (a request that looks like the forbidden thing but is "
                "allowed, with a GOOD reply that helps) so that the prompt, the judge and the training data "
                "learn where the rule ends.")))
        for o in rnd.outcomes:
            for reg in o.regressions:
                if reg.rule_id in o.edit.rule_ids:
                    continue
                pair = sorted({*o.edit.rule_ids, reg.rule_id})
                add(GuideSuggestion(kind="conflict", rule_ids=pair, text=(
                    f"A {o.edit.kind} edit for {', '.join(o.edit.rule_ids)} (round {o.round}) made {reg.rule_id} "
                    f"fall from {reg.before.k}/{reg.before.n} to {reg.after.k}/{reg.after.n} on the validation "
                    "part: the two rules pull some requests in opposite directions. Say in the guide which one "
                    "wins (authority or severity), or add a boundary example that falls between them.")))
    if rounds:
        last = rounds[-1]
        tried = {rid for r in rounds for o in r.outcomes for rid in o.edit.rule_ids}
        fixed = {rid for r in rounds for o in r.outcomes if o.accepted for rid in o.edit.rule_ids}
        for c in last.clusters:
            if c.kind != "style" and c.rule_id in tried and c.rule_id not in fixed:
                add(GuideSuggestion(kind="unfixed", rule_ids=[c.rule_id], text=(
                    f"{c.rule_id} still fails {c.n} of {c.of} train cases ({c.kind.replace('_', ' ')}) and no "
                    "edit of the prompt helped. The rule's text or boundary may be unclear: state the boundary "
                    "with an allowed and a disallowed case, or split the rule.")))
    return out
