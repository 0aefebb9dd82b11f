"""Guide → a readable document (Markdown or a self-contained HTML page).

Both renderers share one context (:func:`_doc_context`) and differ only in their template
(``templates/guide.md.j2``, ``templates/guide.html.j2``). The HTML page has its CSS inline,
loads nothing from the network and needs no JavaScript; every piece of guide text is
HTML-escaped (jinja2 autoescaping). In Markdown, ``<``, ``>`` and ``&`` are written as HTML
entities so that guide text can never turn into live HTML in a Markdown viewer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from charter.compile._prompt_view import _one_line
from charter.compile._raters import rule_anchor
from charter.compile._templates import env, tidy
from charter.guide import AUTHORITY_ORDER, SEVERITY_ORDER, Guide, Rule, RuleKind

__all__ = ["render_guide_html", "render_guide_markdown"]


def _rule_view(rule: Rule, policy: str) -> dict[str, Any]:
    examples = []
    for ex in rule.examples:
        examples.append(
            {
                "label": ex.label.value.replace("_", " "),
                "turns": [{"role": t.role, "content": t.content} for t in ex.turns()],
                "good": ex.good,
                "bad": ex.bad,
                "note": ex.note,
            }
        )
    return {
        "id": rule.id,
        "anchor": rule_anchor(rule.id),
        "policy": policy,
        "kind": rule.kind.value.replace("_", " "),
        "text": rule.text,
        "severity": rule.severity.value,
        "authority": rule.authority.value,
        "rationale": rule.rationale,
        "hazards": rule.hazards,
        "use_cases": rule.use_cases,
        "allowed": rule.boundary.allowed,
        "disallowed": rule.boundary.disallowed,
        "expected": rule.expected_on_violation().value,
        "enabled": rule.enabled,
        "examples": examples,
    }


def _doc_context(guide: Guide) -> dict[str, Any]:
    rules = guide.rules
    by_kind = Counter(r.kind.value for r in rules)
    by_severity = Counter(r.severity.value for r in rules)
    policies = [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "description": p.description,
            "rules": [_rule_view(r, p.name) for r in p.rules],
        }
        for p in guide.policies
    ]
    edges = []
    for e in guide.edge_cases:
        view = _rule_view(e.as_rule(), "")
        view.update(
            category=e.category.value.replace("_", " "),
            description=e.description,
            response=e.response,
            alternative=e.alternative,
            expected=e.expected.value,
        )
        edges.append(view)
    return {
        "guide": guide,
        "meta": guide.meta,
        "fingerprint": guide.fingerprint()[:12],
        "audience": guide.audience,
        "behavior": guide.behavior,
        "authority": guide.authority,
        "policies": policies,
        "defaults": [_rule_view(r, "") for r in guide.defaults],
        "edges": edges,
        "hazards": guide.hazards,
        "overrides": sorted(
            (rid, ov.model_dump(exclude_defaults=True, mode="json")) for rid, ov in guide.overrides.items()
        ),
        "disclosure": guide.disclosure,
        "stats": {
            "rules": len(rules),
            "kinds": [(k.value.replace("_", " "), by_kind.get(k.value, 0)) for k in RuleKind],
            "severities": [(s.value, by_severity.get(s.value, 0)) for s in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__)],
            "policies": len(guide.policies),
            "edge_cases": len(guide.edge_cases),
        },
        "chain": [a.value for a in sorted(guide.authority.order, key=AUTHORITY_ORDER.__getitem__)],
    }


def _md_escape(value: object) -> str:
    """Guide text for Markdown: HTML-significant characters as entities, one line."""
    text = _one_line(str(value))  # no space a folded line leaves inside Japanese or Chinese text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(value: object) -> str:
    """Like :func:`_md_escape`, also safe inside a table cell."""
    return _md_escape(value).replace("|", "\\|")


def render_guide_markdown(guide: Guide) -> str:
    """The guide as a Markdown document: audience, behavior, authority, every rule with its
    boundary and examples, edge cases, hazards and disclosure."""
    e = env(autoescape=False)
    tmpl = e.get_template("guide.md.j2")
    return tidy(tmpl.render(**_doc_context(guide), md=_md_escape, cell=_md_cell))


def render_guide_html(guide: Guide) -> str:
    """The guide as one self-contained HTML page (inline CSS, no scripts, no network)."""
    tmpl = env(autoescape=True).get_template("guide.html.j2")
    return tidy(tmpl.render(**_doc_context(guide)))
