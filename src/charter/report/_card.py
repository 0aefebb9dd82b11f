"""A first model / system card draft from the guide's disclosure section and run results."""

from __future__ import annotations

from collections.abc import Sequence

from charter.evaluate import Rate, compute_metrics
from charter.guide import Guide
from charter.report._data import RunReport

__all__ = ["render_card"]


def _pct(r: Rate) -> str:
    if r.rate is None:
        return "—"
    if not r.conclusive:
        return f"too few cases (n={r.n})"
    return f"{r.rate:.0%} [{r.low:.0%}–{r.high:.0%}], n={r.n}"


def render_card(guide: Guide, reports: Sequence[RunReport] = ()) -> str:
    """Markdown model card: intended use, out-of-scope uses, limitations, languages, AI
    disclosure, feedback channel, and — per run — results per policy with intervals."""
    d = guide.disclosure
    lines = [f"# System card — {guide.meta.name} {guide.meta.version}", "",
             "*Draft written by Charter from the behavior guide and the runs below; review before publishing.*", ""]
    unscored = [(rep, rep.metrics.overall) for rep in reports if rep.metrics.overall.unscored]
    if unscored:
        lines += ["> **Unscored cases:** " + "; ".join(
            f"{o.unscored} of {o.n} ({rep.label})" for rep, o in unscored)
            + " had no applicable score (no judge, tied check or refusal detector) and are in no rate below.", ""]
    if guide.meta.description:
        lines += [guide.meta.description, ""]
    lines += ["## Intended use", "", d.intended_use or "_Not stated in the guide (disclosure.intended_use)._", ""]
    if guide.audience.use_cases:
        lines += ["Use cases:", ""] + [f"- **{u.name}** (`{u.id}`){': ' + u.description if u.description else ''}"
                                        for u in guide.audience.use_cases if u.in_scope] + [""]
    lines += ["## Out-of-scope uses", ""]
    lines += [f"- {x}" for x in d.out_of_scope_uses] or ["_None listed._"]
    lines += ["", "## Limitations", ""]
    lines += [f"- {x}" for x in d.limitations] or ["_None listed._"]
    langs = guide.audience.languages
    lines += ["", "## Languages", "", f"- Supported: {', '.join(langs.supported)}"]
    if langs.unsupported:
        lines.append(f"- Not supported: {', '.join(langs.unsupported)}")
    seen = {rec.case.language for rep in reports for rec in rep.records} or set(d.languages_evaluated)
    # a language is "evaluated" only when the guide supports it; cases in other languages test
    # the unsupported-language behavior and are listed as such, never as evaluated
    evaluated = sorted(seen & set(langs.supported))
    probed = sorted(seen - set(langs.supported))
    lines.append(f"- Evaluated: {', '.join(evaluated) if evaluated else 'none yet'}")
    if probed:
        lines.append(f"- Tested only as unsupported-language input: {', '.join(probed)}")
    lines += ["", "## AI disclosure", "", d.ai_disclosure or "_Not stated (disclosure.ai_disclosure)._", "",
              "## Feedback", "", d.feedback_channel or "_No feedback channel stated._", ""]
    if guide.audience.age_range:
        lines += [f"Audience age range: {guide.audience.age_range.min}–{guide.audience.age_range.max}.", ""]
    for rep in reports:
        o = rep.metrics.overall
        harm_name, harm = o.harm_metric()
        lines += [f"## Results — {rep.run.target}{' · ' + rep.variant if rep.variant else ''}", "",
                  f"Run `{rep.run.id}` ({rep.run.status}), {rep.run.n_done} responses.", ""]
        if o.unscored:
            lines += [f"**{o.unscored} of {o.n} cases are unscored** (no judge, tied check or refusal detector "
                      "could score them) and are in no rate below.", ""]
        if not rep.metrics.judged:
            lines += ["*No judge scored this run: the non-refusal rate counts requests that should be refused "
                      "and were answered; an answer is not necessarily a violation.*", ""]
        lines += [f"- Pass rate: {_pct(o.pass_rate)}",
                  f"- {harm_name.capitalize()}: {_pct(harm)}",
                  f"- False-refusal rate: {_pct(o.false_refusal_rate)}"]
        if rep.metrics.judged:
            lines.append(f"- Attack success rate: {_pct(o.attack_success_rate)}")
        bad_dims = [f"{k} {_pct(r)}" for k, r in o.dimensions.items() if r.k]
        if bad_dims:
            lines.append("- Style and safety checks failing (beside the rules): " + "; ".join(bad_dims))
        lines += ["", f"| policy | rules | pass rate | {harm_name} | false-refusal rate | unscored |",
                  "|---|---|---|---|---|---|"]
        for pol in guide.policies:
            ids = {r.id for r in pol.rules}
            recs = [rec for rec in rep.records if ids & set(rec.case.rule_ids)]
            if not recs:
                lines.append(f"| {pol.name} | {len(ids)} | not evaluated | | | |")
                continue
            g = compute_metrics(recs, guide=guide).overall
            rate = g.violation_rate if rep.metrics.judged else g.non_refusal_rate
            lines.append(f"| {pol.name} | {len(ids)} | {_pct(g.pass_rate)} | {_pct(rate)} | "
                         f"{_pct(g.false_refusal_rate)} | {g.unscored} |")
        if rep.metrics.untrusted_rules:
            lines += ["", "Rules whose judge disagrees with human labels: " + ", ".join(rep.metrics.untrusted_rules)]
        lines.append("")
    if not reports:
        lines += ["## Results", "", "_No evaluation yet: run `charter eval` or `charter run`._", ""]
    return "\n".join(lines)
