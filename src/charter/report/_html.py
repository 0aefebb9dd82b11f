"""Render a :class:`RunReport` as a self-contained HTML page (inline CSS + SVG, no CDN) and as
Markdown."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

import jinja2

from charter._cache import template_cache
from charter.evaluate import DIMENSIONS, GroupMetrics, Rate, tradeoff
from charter.report._data import MAX_LISTED, RunReport, variants_label
from charter.report._svg import PALETTE, Bar, Point, bar_chart, scatter_plot

if TYPE_CHECKING:  # the red-team section loads with its results
    from charter.report._redteam import RedteamResults

__all__ = ["build_view", "html_of_view", "markdown_of_view", "render_html", "render_markdown", "write_html"]

@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("charter.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=template_cache("report"),  # compiled once per template version, not per process
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
    """Style / safety failures of a slice, e.g. "verbosity 2/9 · pii 1/9"; a check tied to the
    slice's rule failed that rule, so it is named as such ("human_claim 2/5 (tied: failed the
    rule)"), not as a failure beside it."""
    tied = set(g.tied_dimensions)
    bad = [f"{k} {r.k}/{r.n}" + (" (tied: failed the rule)" if k in tied else "")
           for k, r in g.dimensions.items() if r.k]
    return " · ".join(bad) if bad else ("none failed" if g.dimensions else "—")


def _group_row(key: str, g: GroupMetrics) -> dict[str, Any]:
    return {"key": key, "n": g.n, "unscored": g.unscored, "pass_rate": _cell(g.pass_rate),
            "harm_rate": _cell(g.harm_metric()[1]), "false_refusal_rate": _cell(g.false_refusal_rate),
            "attack_success_rate": _cell(g.attack_success_rate)}


def _harm_name(rep: RunReport) -> str:
    return rep.metrics.overall.harm_metric()[0]


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
        "rule_ids": rep.rule_ids, "intents": rep.intents,
        # report.md lists the first MAX_LISTED of each; report.html has every transcript
        "failures": rep.failed_rows, "n_failures": rep.n_failed,
        "unscored_cases": rep.unscored_rows, "n_unscored": rep.n_unscored,
    }


def render_html(rep: RunReport, others: Sequence[RunReport] = (), redteam: RedteamResults | None = None) -> str:
    """The report as one self-contained HTML page; ``others`` are runs to compare against
    (e.g. the same suite without the compiled prompt); ``redteam`` (``charter redteam``
    results) adds the red-team section."""
    return html_of_view(rep, build_view(rep, others), redteam)


def _rt(redteam: RedteamResults | None) -> dict[str, Any] | None:
    if redteam is None:
        return None
    from charter.report._redteam import redteam_view

    return redteam_view(redteam)


def html_of_view(rep: RunReport, view: dict[str, Any], redteam: RedteamResults | None = None) -> str:
    """:func:`render_html` from a view already built (``write_report`` builds it once)."""
    cases_html = "".join(rep.transcripts())
    return _env().get_template("report.html.j2").render(r={**view, "cases_html": cases_html}, rt=_rt(redteam))


def write_html(rep: RunReport, view: dict[str, Any], out: TextIO, redteam: RedteamResults | None = None) -> None:
    """:func:`html_of_view` written to ``out`` a transcript at a time, so that the page (tens
    of megabytes for a large run) is never held whole in memory."""
    mark = f"\x00{secrets.token_hex(16)}\x00"  # where the transcripts go (no run holds it)
    head, _, tail = _env().get_template("report.html.j2").render(
        r={**view, "cases_html": mark}, rt=_rt(redteam)).partition(mark)
    out.write(head)
    rep.write_transcripts(out)
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
        from charter.report._redteam import redteam_lines

        lines += ["", *redteam_lines(redteam)]
    fails, n_fails = v["failures"], v["n_failures"]
    if n_fails:
        lines += ["", f"## Failures ({n_fails})", "",
                  "Each failure names its rule, the scorer that decided it, and why.", ""]
        if n_fails > MAX_LISTED:
            lines += [f"The first {MAX_LISTED} of {n_fails} are listed; report.html has them all.", ""]
        lines += [f"- `{c['case_id']}` ({c['intent']} → {c['expected']}): {_md_escape(c['headline'])}"
                  for c in fails[:MAX_LISTED]]
    unscored, n_unscored = v["unscored_cases"], v["n_unscored"]
    if n_unscored:
        lines += ["", f"## Unscored ({n_unscored})", ""]
        if n_unscored > MAX_LISTED:
            lines += [f"The first {MAX_LISTED} of {n_unscored} are listed; report.html has them all.", ""]
        lines += [f"- `{c['case_id']}` ({', '.join(c['rule_ids'])}; {c['intent']} → {c['expected']}): "
                  f"{_md_escape(c['reason'])}" for c in unscored[:MAX_LISTED]]
    return "\n".join(lines) + "\n"
