"""One record of a run as the report shows it: its summary row (verdict, who decided, the
headline of a failure) and its transcript (the ``<details>`` block of report.html).

Both are made as the records stream out of the store (:func:`charter.report.load_report`),
so a report never needs to hold a run's records.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markupsafe import escape

from charter.evaluate import CaseVerdict, Score, Verdict
from charter.store import RunRecord

__all__ = ["case_html", "case_row"]


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


def case_row(rec: RunRecord, v: CaseVerdict) -> dict[str, Any]:
    """What the transcript list and report.md say of one record."""
    # a tied check's failure fails the rule (and decided it, unless a judge or another tied check
    # did): it is not "beside the rule"
    beside = [d for d in v.dimensions if d.verdict == Verdict.fail and d.scorer != v.scorer and not d.tied]
    tied_too = [d for d in v.dimensions if d.verdict == Verdict.fail and d.scorer != v.scorer and d.tied]
    if v.verdict == Verdict.fail:
        headline = v.headline()
    elif v.verdict == Verdict.na:
        headline = f"unscored: {v.reason}"
    else:
        headline = ""
    if tied_too:
        headline += (" · " if headline else "") + "tied check also failed: " + ", ".join(
            f"{d.scorer} {d.label or 'fail'}" for d in tied_too)
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


def _score_html(s: Score) -> str:
    """One score's row of a transcript's table."""
    return (f'<tr><td>{_esc(s.scorer)}</td><td><code>{_esc(s.rule_id or "")}</code></td>'
            f'<td class="v-{"na" if s.verdict == Verdict.na else _esc(s.verdict.value)}">{_esc(s.verdict.value)}</td>'
            f'<td>{_esc(s.label or "")}</td>\n      <td>{_esc(s.explanation)}'
            + "".join(f'<div class="small">“{_esc(e.text)}”</div>' for e in s.evidence[:5]) + "</td></tr>")


#: a score's row, by the score's identity (the store shares identical scores within one read)
ScoreRows = dict[int, tuple[Score, str]]


def case_html(c: dict[str, Any], rec: RunRecord, rows: ScoreRows | None = None) -> str:
    """One transcript of the report page (a ``<details>`` block); ``c`` is the record's
    :func:`case_row`. ``rows``: a cache of score rows kept across the records of one read
    (a score shared by many records is written once).

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
    if rows is None:
        scores = "".join(map(_score_html, rec.scores))
    else:
        parts = []
        for s in rec.scores:
            got = rows.get(id(s))
            if got is None:
                if len(rows) >= 4096:
                    rows.clear()
                got = rows[id(s)] = (s, _score_html(s))  # the score is kept: its id stays its own
            parts.append(got[1])
        scores = "".join(parts)
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
