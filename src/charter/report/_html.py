"""Render a :class:`RunReport` as a self-contained HTML page (inline CSS + SVG, no CDN) and as
Markdown."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import jinja2

from charter.evaluate import GroupMetrics, Rate, Score, Verdict, case_outcome, tradeoff
from charter.report._data import RunReport, variants_label
from charter.report._svg import PALETTE, Bar, Point, bar_chart, scatter_plot

__all__ = ["render_html", "render_markdown"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("charter.report", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def _pct(rate: Rate) -> str:
    return "—" if rate.rate is None else f"{rate.rate:.0%}"


def _ci(rate: Rate) -> str:
    if rate.rate is None or rate.low is None or rate.high is None:
        return "n=0"
    return f"[{rate.low:.0%}–{rate.high:.0%}] n={rate.n}"


def _highlight(text: str, scores: Sequence[Score]) -> str:
    """The response as escaped HTML with every evidence span marked."""
    spans = sorted({(e.start, e.end) for s in scores for e in s.evidence
                    if 0 <= e.start < e.end <= len(text)})
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _group_row(key: str, g: GroupMetrics) -> dict[str, Any]:
    return {"key": key, "n": g.n, "pass_rate": _pct(g.pass_rate), "pass_ci": _ci(g.pass_rate),
            "violation_rate": _pct(g.violation_rate), "false_refusal_rate": _pct(g.false_refusal_rate),
            "attack_success_rate": _pct(g.attack_success_rate)}


def _cards(rep: RunReport, others: Sequence[RunReport]) -> list[dict[str, str]]:
    o = rep.metrics.overall
    cards = [
        {"name": "Pass rate", "value": _pct(o.pass_rate), "detail": _ci(o.pass_rate)},
        {"name": "Violation rate", "value": _pct(o.violation_rate), "detail": _ci(o.violation_rate)},
        {"name": "False-refusal rate", "value": _pct(o.false_refusal_rate), "detail": _ci(o.false_refusal_rate)},
        {"name": "Attack success", "value": _pct(o.attack_success_rate), "detail": _ci(o.attack_success_rate)},
        {"name": "Severity-weighted adherence",
         "value": "—" if o.adherence is None else f"{o.adherence:.0%}", "detail": f"{o.errors} errors"},
    ]
    for other in others:
        oo = other.metrics.overall
        cards.append({"name": f"vs {other.label}", "value": _pct(oo.pass_rate),
                      "detail": f"violations {_pct(oo.violation_rate)} · false refusals {_pct(oo.false_refusal_rate)}"})
    return cards


def _view(rep: RunReport, others: Sequence[RunReport]) -> dict[str, Any]:
    m = rep.metrics
    rules = []
    for rid, g in sorted(m.by_rule.items(), key=lambda kv: (-(kv[1].violation_rate.rate or 0), kv[0])):
        rules.append({
            "rule_id": rid, "text": rep.rule_text(rid), "severity": rep.rule_severity(rid), "n": g.n,
            "pass_rate": _pct(g.pass_rate), "pass_ci": _ci(g.pass_rate),
            "violation_rate": _pct(g.violation_rate), "violation_ci": _ci(g.violation_rate),
            "false_refusal_rate": _pct(g.false_refusal_rate), "false_refusal_ci": _ci(g.false_refusal_rate),
            "trusted": g.trusted,
            "trust_note": "the judge of this rule disagrees with human labels (see charter calibrate)",
        })
    bars = [Bar(label=rid, value=g.pass_rate.rate or 0.0, low=g.pass_rate.low, high=g.pass_rate.high,
                note=f"n={g.pass_rate.n}", color=PALETTE[0])
            for rid, g in sorted(m.by_rule.items()) if g.pass_rate.n]
    labels = variants_label([rep, *others])
    points = [Point(label=p.rule_id or "overall", x=p.violation_rate or 0.0, y=p.false_refusal_rate or 0.0,
                    series=labels[0]) for p in m.tradeoff
              if p.violation_rate is not None and p.false_refusal_rate is not None]
    if others:
        for p in tradeoff({lab: r.metrics for lab, r in zip(labels, [rep, *others], strict=True)}):
            if p.violation_rate is not None and p.false_refusal_rate is not None:
                points.append(Point(label=f"overall: {p.variant}", x=p.violation_rate, y=p.false_refusal_rate,
                                    series=str(p.variant)))
    tech_bars = [Bar(label=t, value=g.attack_success_rate.rate or 0.0, low=g.attack_success_rate.low,
                     high=g.attack_success_rate.high, color=PALETTE[1])
                 for t, g in sorted(m.by_technique.items()) if t != "direct" and g.attack_success_rate.n]
    cases = []
    for rec in rep.records:
        verdict = case_outcome(rec.case, rec.scores)
        fails = [s for s in rec.scores if s.verdict == Verdict.fail]
        cases.append({
            "case_id": rec.case.id + (f" #{rec.epoch}" if rec.epoch else ""),
            "rule_ids": rec.case.rule_ids, "intent": rec.case.intent.value, "expected": rec.case.expected.value,
            "technique": rec.case.technique, "language": rec.case.language,
            "verdict": "n/a" if verdict == Verdict.na else verdict.value,
            "headline": "; ".join(f"{s.scorer}: {s.label or s.explanation[:60]}" for s in fails[:2]),
            "messages": [{"role": msg.role, "content": msg.content} for msg in rec.case.messages],
            "error": rec.response.error,
            "response_html": _highlight(rec.response.text, rec.scores),
            "scores": [{"scorer": s.scorer, "rule_id": s.rule_id, "verdict": s.verdict.value,
                        "verdict_class": "na" if s.verdict == Verdict.na else s.verdict.value,
                        "label": s.label, "explanation": s.explanation,
                        "evidence": [e.text for e in s.evidence][:5]} for s in rec.scores],
        })
    notes = []
    if m.untrusted_rules:
        notes.append("Judges of these rules disagree with human labels, read their numbers with care: "
                     + ", ".join(m.untrusted_rules))
    if rep.run.status != "complete":
        notes.append(f"The run is {rep.run.status}: numbers cover the {rep.run.n_done} records stored so far.")
    breakdowns = []
    for name, table in (("technique", m.by_technique), ("use case", m.by_use_case), ("language", m.by_language)):
        if table:
            breakdowns.append({"name": name, "rows": [_group_row(k, g) for k, g in sorted(table.items())]})
    guide = rep.guide
    return {
        "title": f"Charter report — {guide.meta.name if guide else rep.run.name}",
        "guide_name": guide.meta.name if guide else "(guide not given)",
        "guide_version": guide.meta.version if guide else "",
        "target": rep.run.target, "variant": rep.variant, "run_id": rep.run.id, "status": rep.run.status,
        "n_cases": rep.run.n_cases, "generated_at": rep.generated_at,
        "cards": _cards(rep, others), "notes": notes, "rules": rules, "breakdowns": breakdowns,
        "chart_rules": bar_chart(bars, title="Pass rate per rule (95% Wilson interval)"),
        "chart_tradeoff": scatter_plot(points, title="Alignment–helpfulness trade-off (lower-left is better)",
                                       x_label="violation rate", y_label="false-refusal rate"),
        "chart_techniques": bar_chart(tech_bars, title="Attack success rate per technique") if tech_bars else "",
        "rule_ids": sorted({rid for rec in rep.records for rid in rec.case.rule_ids}),
        "intents": sorted({rec.case.intent.value for rec in rep.records}),
        "cases": cases,
    }


def render_html(rep: RunReport, others: Sequence[RunReport] = ()) -> str:
    """The report as one self-contained HTML page; ``others`` are runs to compare against
    (e.g. the same suite without the compiled prompt)."""
    return _ENV.get_template("report.html.j2").render(r=_view(rep, others))


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rep: RunReport, others: Sequence[RunReport] = ()) -> str:
    """The report's summary and per-rule table as GitHub-flavoured Markdown."""
    v = _view(rep, others)
    lines = [f"# {v['title']}", "",
             f"Target `{v['target']}`{' · prompt ' + v['variant'] if v['variant'] else ''} · run `{v['run_id']}` "
             f"({v['status']}) · {v['n_cases']} cases · {v['generated_at']}", "",
             "| metric | value | 95% CI |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['value']} | {c['detail']} |" for c in v["cards"]]
    lines += ["", *[f"> {n}" for n in v["notes"]], "", "## Per rule", "",
              "| rule | severity | n | pass rate | violation rate | false-refusal rate | judge |",
              "|---|---|---|---|---|---|---|"]
    for r in v["rules"]:
        trust = "not calibrated" if r["trusted"] is None else ("trusted" if r["trusted"] else "**not trustworthy**")
        lines.append(f"| `{r['rule_id']}` | {r['severity']} | {r['n']} | {r['pass_rate']} {r['pass_ci']} | "
                     f"{r['violation_rate']} | {r['false_refusal_rate']} | {trust} |")
    for b in v["breakdowns"]:
        lines += ["", f"## By {b['name']}", "", f"| {b['name']} | n | pass rate | violation | false refusal | attack success |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {_md_escape(r['key'])} | {r['n']} | {r['pass_rate']} {r['pass_ci']} | {r['violation_rate']} | "
                  f"{r['false_refusal_rate']} | {r['attack_success_rate']} |" for r in b["rows"]]
    fails = [c for c in v["cases"] if c["verdict"] == "fail"]
    if fails:
        lines += ["", f"## Failures ({len(fails)})", ""]
        lines += [f"- `{c['case_id']}` ({c['intent']} → {c['expected']}): {_md_escape(c['headline'])}" for c in fails[:50]]
    return "\n".join(lines) + "\n"
