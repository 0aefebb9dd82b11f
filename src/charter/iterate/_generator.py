"""The request to the generator: the failure clusters, the guide's text of their rules, the
current prompt and the edit format (see :mod:`charter.iterate._edits` for the parsing)."""

from __future__ import annotations

from collections.abc import Sequence

from charter.guide import Guide
from charter.iterate._records import EDIT_KINDS, Edit, FailureCluster
from charter.types import Message

__all__ = ["edit_request"]

SYSTEM = ("You revise the system prompt of an LLM application so that the model follows its behavior guide "
          "better. You propose small, targeted edits in JSON and nothing else.")
_KIND_TEXT = {"violation": "did what the rule forbids (or did not do what it requires)",
              "false_refusal": "refused a request the rule allows (a false refusal)",
              "style": "kept the rule but broke the guide's style (length, format, language or tone)"}


# the compact request (for a generator whose context the full one overflows): clusters, examples
# per rule, failing requests per cluster, characters of the current prompt
_COMPACT_CLUSTERS, _COMPACT_EXAMPLES, _COMPACT_REQUESTS, _COMPACT_PROMPT_CHARS = 3, 1, 1, 6000


def _rule_lines(guide: Guide, rule_id: str, *, examples: int | None = None) -> list[str]:
    rule = guide.rule(rule_id)
    out = [f"  rule text ({rule.kind.value}, {rule.severity.value}): {rule.text}"]
    if rule.boundary.allowed:
        out.append(f"  allowed: {'; '.join(rule.boundary.allowed)}")
    if rule.boundary.disallowed:
        out.append(f"  not allowed: {'; '.join(rule.boundary.disallowed)}")
    for i, ex in enumerate(rule.examples[:examples]):
        out.append(f"  guide example {i} ({ex.label.value}): {' '.join(ex.prompt_text().split())[:200]}")
    return out


def edit_request(guide: Guide, prompt: str, clusters: Sequence[FailureCluster], *, limit: int,
                 tried: Sequence[Edit] = (), compact: bool = False) -> list[Message]:
    """The chat messages asking the generator for at most ``limit`` edits. ``compact`` shows only
    the largest clusters (they come largest first), one guide example, one failing request and one
    reason each, and the start of the prompt: for generators with a small context."""
    lines = ["The target model answered the test cases under the system prompt at the end. "
             "These groups of cases failed, by rule and kind of failure:", ""]
    shown = clusters[:_COMPACT_CLUSTERS] if compact else clusters
    each = _COMPACT_REQUESTS if compact else None
    for c in shown:
        lines.append(f"- rule {c.rule_id}: {c.n} of {c.of} cases {_KIND_TEXT[c.kind]} [{c.kind}]")
        lines.extend(_rule_lines(guide, c.rule_id, examples=_COMPACT_EXAMPLES if compact else None))
        for p in c.prompts[:each]:
            lines.append(f"  failing request: {p}")
        for r in c.reasons[:each]:
            lines.append(f"  why it failed: {r}")
    if compact and len(clusters) > len(shown):
        lines.append(f"({len(clusters) - len(shown)} smaller group(s) left out)")
    if compact and len(prompt) > _COMPACT_PROMPT_CHARS:
        prompt = f"{prompt[:_COMPACT_PROMPT_CHARS]}\n[... {len(prompt) - _COMPACT_PROMPT_CHARS} more characters left out]"
    if tried:
        lines += ["", "Edits already tried (do not propose them again):"]
        lines += [f"- {e.kind} {', '.join(e.rule_ids)}: {e.text or e.example}" for e in tried]
    lines += ["", f"Propose at most {limit} edits, each aimed at one rule above. Kinds of edit:"]
    lines += [f"- {k}: {v}" for k, v in EDIT_KINDS.items()]
    lines += ["", "Fix false refusals by saying what is allowed, violations by saying what is not; keep each "
              "'text' to one sentence.",
              'Answer with JSON only, like: {"edits": [{"kind": "restate", "rule_ids": ["RULE_ID"], '
              '"text": "one sentence", "why": "what it fixes"}, {"kind": "add_example", "rule_ids": '
              '["RULE_ID"], "example": 0, "why": "..."}]}',
              "", "System prompt:", "<<<", prompt, ">>>"]
    return [Message(role="system", content=SYSTEM), Message(role="user", content="\n".join(lines))]
