"""A first model / system card draft from the guide's disclosure section and run results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from charter.evaluate import GroupMetrics, MetricsAccumulator, Rate
from charter.guide import Guide
from charter.report._data import RunReport
from charter.report._guards import GuardEvalResults

if TYPE_CHECKING:  # the red-team and training sections load with them (not at every report)
    from charter.report._redteam import RedteamResults
    from charter.report._training import TrainingCard

__all__ = ["render_card"]


def _pct(r: Rate) -> str:
    if r.rate is None:
        return "—"
    if not r.conclusive:
        return f"too few cases (n={r.n})"
    return f"{r.rate:.0%} [{r.low:.0%}–{r.high:.0%}], n={r.n}"


def _guard_lines(guide: Guide, ev: GuardEvalResults) -> list[str]:
    def rate(r: Rate) -> str:
        if r.rate is None or r.low is None or r.high is None:
            return "— (n=0)"
        return f"{r.rate:.0%} [{r.low:.0%}–{r.high:.0%}] ({r.k}/{r.n})"

    lines = ["## Runtime guards", "",
             f"Guards compiled from this guide, measured by `charter guard eval` on suite `{ev.suite}` "
             f"({ev.n_cases} cases; 95% Wilson intervals). Miss rate: violating cases let through; false-block "
             "rate: look-alike and benign cases blocked.", "",
             f"- Overall: miss rate {rate(ev.miss)}; false blocks on look-alikes {rate(ev.false_block_lookalike)}, "
             f"on benign cases {rate(ev.false_block_benign)}"]
    by_id = {p.id: p for p in guide.policies}
    for row in ev.policies:
        pol = by_id.get(row.id)
        ids = [r.id for r in pol.rules] if pol is not None else []
        name = pol.name if pol is not None else row.id
        lines.append(f"- **{name}** ({', '.join(f'`{i}`' for i in ids) or 'rules not in this guide'}): "
                     f"miss rate {rate(row.miss)}; false blocks on look-alikes {rate(row.false_block_lookalike)}, "
                     f"on benign cases {rate(row.false_block_benign)}")
    if not ev.policies:
        lines.append("- _No policy had cases in the guard-eval suite._")
    return [*lines, ""]


def _policy_metrics(rep: RunReport, guide: Guide) -> dict[str, GroupMetrics]:
    """Each policy's overall figures in ``rep`` (policies with no case left out): counted while
    the report was loaded when it was loaded with this guide, else from the stored records."""
    if rep.guide is guide:
        return rep.policy_metrics
    accs = [(p.id, {r.id for r in p.rules}, MetricsAccumulator(guide)) for p in guide.policies]
    for rec in rep.records:
        for _pid, ids, acc in accs:
            if not ids.isdisjoint(rec.case.rule_ids):
                acc.add(rec.case, rec.scores, response=rec.response)
    return {pid: acc.metrics().overall for pid, _ids, acc in accs if acc.n_records}


def render_card(guide: Guide, reports: Sequence[RunReport] = (), guard_eval: GuardEvalResults | None = None,
                redteam: RedteamResults | None = None, training: Sequence[TrainingCard] = ()) -> str:
    """Markdown model card: intended use, out-of-scope uses, limitations, languages, AI
    disclosure, feedback channel, per run results per policy with intervals, with
    ``guard_eval`` (``charter guard eval`` results) the runtime guards' miss and false-block
    rates per policy, and with ``redteam`` (``charter redteam`` results) the attack success
    rates per strategy, rule and turn count, and with ``training`` (the cards ``charter train``
    wrote, :func:`read_training`) the "Training data" and "Training" sections."""
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
    seen = {lang for rep in reports for lang in rep.languages} or set(d.languages_evaluated)
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
        per_policy = _policy_metrics(rep, guide)
        for pol in guide.policies:
            ids = {r.id for r in pol.rules}
            g = per_policy.get(pol.id)
            if g is None:
                lines.append(f"| {pol.name} | {len(ids)} | not evaluated | | | |")
                continue
            rate = g.violation_rate if rep.metrics.judged else g.non_refusal_rate
            lines.append(f"| {pol.name} | {len(ids)} | {_pct(g.pass_rate)} | {_pct(rate)} | "
                         f"{_pct(g.false_refusal_rate)} | {g.unscored} |")
        if rep.metrics.untrusted_rules:
            lines += ["", "Rules whose judge disagrees with human labels: " + ", ".join(rep.metrics.untrusted_rules)]
        lines.append("")
    if not reports:
        lines += ["## Results", "", "_No evaluation yet: run `charter eval` or `charter run`._", ""]
    if guard_eval is not None:
        lines += _guard_lines(guide, guard_eval)
    if redteam is not None:
        from charter.report._redteam import redteam_lines

        lines += redteam_lines(redteam, conversations=False)
    if training:
        from charter.report._training import training_lines

        lines += training_lines(guide, training)
    return "\n".join(lines)
