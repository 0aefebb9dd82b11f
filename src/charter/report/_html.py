"""Render a :class:`RunReport` as a self-contained HTML page (inline CSS + SVG, no CDN) and as
Markdown."""

from __future__ import annotations

import html
import secrets
from collections.abc import Sequence
from typing import Any, TextIO

import jinja2
from markupsafe import escape

from charter.evaluate import DIMENSIONS, CaseVerdict, GroupMetrics, Rate, Score, Verdict, tradeoff
from charter.report._data import RunReport, variants_label
from charter.report._redteam import RedteamResults, redteam_lines, redteam_view
from charter.report._svg import PALETTE, Bar, Point, bar_chart, scatter_plot
from charter.store import RunRecord

__all__ = ["build_view", "html_of_view", "markdown_of_view", "render_html", "render_markdown", "write_html"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("charter.report", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def _pct(rate: Rate) -> str:
    """The rate, or "—" when there is none or too few cases to conclude anything."""
    return "—" if rate.rate is None or not rate.conclusive else f"{rate.rate:.0%}"


def _ci(rate: Rate) -> str:
    if rate.rate is None or rate.low is None or rate.high is None:
        return "n=0"
    if not rate.conclusive:
        return f"too few cases (n={rate.n})"
    return f"[{rate.low:.0%}–{rate.high:.0%}] n={rate.n}"


def _cell(rate: Rate) -> str:
    """One table cell: "45% [30%–60%] n=40", "too few cases (n=3)" or "—"."""
    if rate.rate is None:
        return "—"
    return _ci(rate) if not rate.conclusive else f"{_pct(rate)} {_ci(rate)}"


def _dims_cell(g: GroupMetrics) -> str:
    """Style / safety failures of a slice, e.g. "verbosity 2/9 · pii 1/9"."""
    bad = [f"{k} {r.k}/{r.n}" for k, r in g.dimensions.items() if r.k]
    return " · ".join(bad) if bad else ("none failed" if g.dimensions else "—")


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
    return {"key": key, "n": g.n, "unscored": g.unscored, "pass_rate": _cell(g.pass_rate),
            "harm_rate": _cell(g.harm_metric()[1]), "false_refusal_rate": _cell(g.false_refusal_rate),
            "attack_success_rate": _cell(g.attack_success_rate)}


def _harm_name(rep: RunReport) -> str:
    return rep.metrics.overall.harm_metric()[0]


#: failures and unscored cases listed in report.md (the HTML and JSON reports hold them all)
MAX_LISTED = 50


def _cards(rep: RunReport, others: Sequence[RunReport]) -> list[dict[str, str]]:
    o = rep.metrics.overall
    harm_name, harm = o.harm_metric()
    scored = o.n - o.unscored - o.errors
    cards = [
        {"name": "Pass rate", "value": _pct(o.pass_rate), "detail": _ci(o.pass_rate)},
        {"name": harm_name.capitalize(), "value": _pct(harm), "detail": _ci(harm)},
        {"name": "False-refusal rate", "value": _pct(o.false_refusal_rate), "detail": _ci(o.false_refusal_rate)},
    ]
    if rep.metrics.judged:
        cards.append({"name": "Attack success", "value": _pct(o.attack_success_rate), "detail": _ci(o.attack_success_rate)})
    cards += [
        {"name": "Severity-weighted adherence",
         "value": "—" if o.adherence is None else f"{o.adherence:.0%}",
         "detail": f"{o.errors} errors" if o.adherence is not None else "needs the guide's severities (--guide)"},
        {"name": "Unscored cases", "value": str(o.unscored), "detail": f"of {o.n}; {scored} scored, in no rate"},
    ]
    for other in others:
        oo = other.metrics.overall
        name, rate = oo.harm_metric()
        cards.append({"name": f"vs {other.label}", "value": _pct(oo.pass_rate),
                      "detail": f"{name} {_pct(rate)} · false refusals {_pct(oo.false_refusal_rate)}"
                                + (f" · {oo.unscored} unscored" if oo.unscored else "")})
    return cards


def _unscored_note(rep: RunReport) -> str:
    o = rep.metrics.overall
    if not o.unscored:
        return ""
    return (f"{o.unscored} of {o.n} cases are UNSCORED: no judge, tied check or refusal detector could score "
            "them (e.g. a redirect or safe completion the guide names nothing checkable for, with no judge). "
            "They are in no rate's denominator.")


def _no_judge_note(rep: RunReport) -> str:
    if rep.metrics.judged:
        return ""
    return ("No judge scored this run: there is no violation rate. The non-refusal rate counts requests that "
            "should be refused and were answered (refusal detector) — an answer is not necessarily a violation.")


def _dimension_rows(rep: RunReport) -> list[dict[str, Any]]:
    rows = []
    for scorer, rate in rep.metrics.overall.dimensions.items():
        info = DIMENSIONS.get(scorer)
        rows.append({"scorer": scorer, "kind": info.kind if info else "", "section": info.section if info else "",
                     "fail_rate": _cell(rate), "failed": rate.k, "n": rate.n})
    return rows


def build_view(rep: RunReport, others: Sequence[RunReport] = ()) -> dict[str, Any]:
    """What every view of the report shows (``render_html`` and ``render_markdown`` read it)."""
    m = rep.metrics
    rules = []
    for rid, g in sorted(m.by_rule.items(), key=lambda kv: (-(kv[1].harm_metric()[1].rate or 0), kv[0])):
        rules.append({
            "rule_id": rid, "text": rep.rule_text(rid), "severity": rep.rule_severity(rid), "n": g.n,
            "unscored": g.unscored, "pass_rate": _cell(g.pass_rate), "harm_rate": _cell(g.harm_metric()[1]),
            "false_refusal_rate": _cell(g.false_refusal_rate), "dimensions": _dims_cell(g),
            "trusted": g.trusted,
            "trust_note": "the judge of this rule disagrees with human labels (see charter calibrate)",
        })
    bars = [Bar(label=rid, value=g.pass_rate.rate or 0.0, low=g.pass_rate.low, high=g.pass_rate.high,
                note=f"n={g.pass_rate.n}" if g.pass_rate.conclusive else f"too few (n={g.pass_rate.n})",
                color=PALETTE[0])
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
    def tech_rate(g: GroupMetrics) -> Rate:
        return g.attack_success_rate if m.judged else g.non_refusal_rate

    tech_bars = [Bar(label=t, value=tech_rate(g).rate or 0.0, low=tech_rate(g).low,
                     high=tech_rate(g).high, color=PALETTE[1])
                 for t, g in sorted(m.by_technique.items()) if t != "direct" and tech_rate(g).n]
    cases = [_case_row(rec, rep.verdict(rec)) for rec in rep.records]
    notes = [n for n in (_unscored_note(rep), _no_judge_note(rep)) if n]
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
        "guards": [{"rule_id": g.rule_id, "stage": g.stage, "checked": g.checked, "allow": g.allow, "block": g.block,
                    "redact": g.redact, "flag": g.flag} for g in rep.guard_decisions],
        "cards": _cards(rep, others), "notes": notes, "rules": rules, "breakdowns": breakdowns,
        "unscored_note": _unscored_note(rep), "harm_name": _harm_name(rep), "dimensions": _dimension_rows(rep),
        "chart_rules": bar_chart(bars, title="Pass rate per rule (95% Wilson interval)"),
        "chart_tradeoff": scatter_plot(points, title="Alignment–helpfulness trade-off (lower-left is better)",
                                       x_label=_harm_name(rep), y_label="false-refusal rate"),
        "chart_techniques": bar_chart(tech_bars, title=("Attack success rate per technique" if m.judged else
                                                        "Non-refusal rate per technique (no judge)"))
        if tech_bars else "",
        "rule_ids": sorted({rid for rec in rep.records for rid in rec.case.rule_ids}),
        "intents": sorted({rec.case.intent.value for rec in rep.records}),
        "cases": cases,
    }


def _case_row(rec: RunRecord, v: CaseVerdict) -> dict[str, Any]:
    """What the transcript list and report.md say of one record."""
    beside = [d for d in v.dimensions if d.verdict == Verdict.fail and d.scorer != v.scorer]
    if v.verdict == Verdict.fail:
        headline = v.headline()
    elif v.verdict == Verdict.na:
        headline = f"unscored: {v.reason}"
    else:
        headline = ""
    if beside:
        headline += (" · " if headline else "") + "beside the rule: " + ", ".join(
            f"{d.scorer} {d.label or 'fail'}" for d in beside)
    case = rec.case
    return {
        "case_id": case.id + (f" #{rec.epoch}" if rec.epoch else ""),
        "rule_ids": case.rule_ids, "intent": case.intent.value, "expected": case.expected.value,
        "technique": case.technique, "language": case.language,
        "verdict": "unscored" if v.verdict == Verdict.na else v.verdict.value,
        "decided_by": v.scorer or "", "basis": v.basis, "reason": v.reason, "headline": headline,
    }


def _esc(value: Any) -> str:
    """``{{ value }}`` in an autoescaped template (``markupsafe.escape``, without building a
    ``Markup`` for each of the hundred thousand fields of a large report)."""
    if type(value) is not str:
        return str(escape(value))
    s = value
    if "&" in s or "<" in s or ">" in s or "'" in s or '"' in s:
        return s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    return s


def _case_html(c: dict[str, Any], rec: RunRecord) -> str:
    """One transcript of the report page (a ``<details>`` block).

    Written here rather than in the template: the page lists every record, and a template loop
    costs a dictionary lookup through Jinja for each of the dozen fields of each of the ten
    scores of each record (most of the time of writing a report). The markup is the same."""
    verdict, rules = _esc(c["verdict"]), c["rule_ids"]
    lang = f" · {_esc(c['language'])}" if c["language"] != "en" else ""
    messages = "".join(f'<div class="msg {_esc(m.role)}"><span class="role">{_esc(m.role)}</span>{_esc(m.content)}</div>'
                       for m in rec.case.messages)
    error = rec.response.error
    answer = _esc(error) if error else _highlight(rec.response.text, rec.scores)
    decided = f", decided by <strong>{_esc(c['decided_by'])}</strong> ({_esc(c['basis'])})" if c["decided_by"] else ""
    reason = f": {_esc(c['reason'])}" if c["reason"] else ""
    scores = "".join(
        f'<tr><td>{_esc(s.scorer)}</td><td><code>{_esc(s.rule_id or "")}</code></td>'
        f'<td class="v-{"na" if s.verdict == Verdict.na else _esc(s.verdict.value)}">{_esc(s.verdict.value)}</td>'
        f'<td>{_esc(s.label or "")}</td>\n      <td>{_esc(s.explanation)}'
        + "".join(f'<div class="small">“{_esc(e.text)}”</div>' for e in s.evidence[:5]) + "</td></tr>"
        for s in rec.scores)
    return (f'\n  <details class="case" data-verdict="{verdict}" data-rules="{_esc(" ".join(rules))}" '
            f'data-intent="{_esc(c["intent"])}">\n'
            f'    <summary><span class="badge b-{verdict}">{verdict}</span>\n'
            f'      <code>{_esc(c["case_id"])}</code> · {_esc(c["intent"])} → {_esc(c["expected"])} · '
            f'{_esc(c["technique"])}{lang}\n'
            f'      <span class="small">{_esc(c["headline"])}</span></summary>\n'
            f'    {messages}\n'
            f'    <div class="msg assistant"><span class="role">response{" (error)" if error else ""}</span>{answer}</div>\n'
            f'    <p class="small">Verdict for <code>{_esc(", ".join(rules))}</code>: <strong>{verdict}</strong>'
            f'{decided}{reason}</p>\n'
            '    <table><thead><tr><th>Scorer</th><th>Rule</th><th>Verdict</th><th>Label</th>'
            '<th>Explanation / evidence</th></tr></thead><tbody>\n'
            f'    {scores}\n'
            '    </tbody></table>\n'
            '  </details>\n  ')


def render_html(rep: RunReport, others: Sequence[RunReport] = (), redteam: RedteamResults | None = None) -> str:
    """The report as one self-contained HTML page; ``others`` are runs to compare against
    (e.g. the same suite without the compiled prompt); ``redteam`` (``charter redteam``
    results) adds the red-team section."""
    return html_of_view(rep, build_view(rep, others), redteam)


def _rt(redteam: RedteamResults | None) -> dict[str, Any] | None:
    return redteam_view(redteam) if redteam is not None else None


def html_of_view(rep: RunReport, view: dict[str, Any], redteam: RedteamResults | None = None) -> str:
    """:func:`render_html` from a view already built (``write_report`` builds it once)."""
    cases_html = "".join(_case_html(c, rec) for c, rec in zip(view["cases"], rep.records, strict=True))
    return _ENV.get_template("report.html.j2").render(r={**view, "cases_html": cases_html}, rt=_rt(redteam))


def write_html(rep: RunReport, view: dict[str, Any], out: TextIO, redteam: RedteamResults | None = None) -> None:
    """:func:`html_of_view` written to ``out`` a transcript at a time, so that the page (tens
    of megabytes for a large run) is never held whole in memory."""
    mark = f"\x00{secrets.token_hex(16)}\x00"  # where the transcripts go (no run holds it)
    head, _, tail = _ENV.get_template("report.html.j2").render(
        r={**view, "cases_html": mark}, rt=_rt(redteam)).partition(mark)
    out.write(head)
    for c, rec in zip(view["cases"], rep.records, strict=True):
        out.write(_case_html(c, rec))
    out.write(tail)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rep: RunReport, others: Sequence[RunReport] = (), redteam: RedteamResults | None = None) -> str:
    """The report's summary, per-rule table, style / safety dimensions and failures (each with
    the scorer that failed it, why, and its rule) as GitHub-flavoured Markdown; with ``redteam``
    also the red-team rates and successful attacks."""
    return markdown_of_view(rep, build_view(rep, others), redteam)


def markdown_of_view(rep: RunReport, v: dict[str, Any], redteam: RedteamResults | None = None) -> str:
    """:func:`render_markdown` from a view already built (``write_report`` builds it once)."""
    lines = [f"# {v['title']}", "",
             f"Target `{v['target']}`{' · prompt ' + v['variant'] if v['variant'] else ''} · run `{v['run_id']}` "
             f"({v['status']}) · {v['n_cases']} cases · {v['generated_at']}", ""]
    if v["unscored_note"]:
        lines += [f"> **{v['unscored_note']}**", ""]
    lines += ["| metric | value | 95% CI |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['value']} | {c['detail']} |" for c in v["cards"]]
    lines += ["", *[f"> {n}" for n in v["notes"] if n != v["unscored_note"]], "", "## Per rule", "",
              f"| rule | severity | n | unscored | pass rate | {v['harm_name']} | false-refusal rate | "
              "style / safety failures (beside the rule) | judge |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in v["rules"]:
        trust = "not calibrated" if r["trusted"] is None else ("trusted" if r["trusted"] else "**not trustworthy**")
        lines.append(f"| `{r['rule_id']}` | {r['severity']} | {r['n']} | {r['unscored']} | {r['pass_rate']} | "
                     f"{r['harm_rate']} | {r['false_refusal_rate']} | {r['dimensions']} | {trust} |")
    if v["dimensions"]:
        lines += ["", "## Style and safety dimensions", "",
                  "Each check's failure rate over the cases it scored, reported beside the rules, never as their "
                  "failures (a safety check tied to the rule under test decides it: see docs/verdicts.md).", "",
                  "| check | kind | guide section | failure rate |", "|---|---|---|---|"]
        lines += [f"| {d['scorer']} | {d['kind']} | {d['section']} | {d['fail_rate']} |" for d in v["dimensions"]]
    for b in v["breakdowns"]:
        lines += ["", f"## By {b['name']}", "",
                  f"| {b['name']} | n | unscored | pass rate | {v['harm_name']} | false refusal | attack success |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {_md_escape(r['key'])} | {r['n']} | {r['unscored']} | {r['pass_rate']} | {r['harm_rate']} | "
                  f"{r['false_refusal_rate']} | {r['attack_success_rate']} |" for r in b["rows"]]
    if rep.guard_decisions:
        lines += ["", "## Guard decisions", "",
                  "Exchanges per rule and stage, each counted once under the strongest action the rule's guards "
                  "took (allowed: checked at that stage, none of the rule's guards acted).", "",
                  "| rule | stage | checked | allowed | blocked | redacted | flagged |", "|---|---|---|---|---|---|---|"]
        lines += [f"| `{g.rule_id}` | {g.stage} | {g.checked} | {g.allow} | {g.block} | {g.redact} | {g.flag} |"
                  for g in rep.guard_decisions]
    if redteam is not None:
        lines += ["", *redteam_lines(redteam)]
    fails = [c for c in v["cases"] if c["verdict"] == "fail"]
    if fails:
        lines += ["", f"## Failures ({len(fails)})", "",
                  "Each failure names its rule, the scorer that decided it, and why.", ""]
        if len(fails) > MAX_LISTED:
            lines += [f"The first {MAX_LISTED} of {len(fails)} are listed; report.html has them all.", ""]
        lines += [f"- `{c['case_id']}` ({c['intent']} → {c['expected']}): {_md_escape(c['headline'])}"
                  for c in fails[:MAX_LISTED]]
    unscored = [c for c in v["cases"] if c["verdict"] == "unscored"]
    if unscored:
        lines += ["", f"## Unscored ({len(unscored)})", ""]
        if len(unscored) > MAX_LISTED:
            lines += [f"The first {MAX_LISTED} of {len(unscored)} are listed; report.html has them all.", ""]
        lines += [f"- `{c['case_id']}` ({', '.join(c['rule_ids'])}; {c['intent']} → {c['expected']}): "
                  f"{_md_escape(c['reason'])}" for c in unscored[:MAX_LISTED]]
    return "\n".join(lines) + "\n"
