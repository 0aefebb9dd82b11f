"""Before / after results in a trained model's card (``charter train card DIR --before RUN --after RUN``).

Two stored runs of the same suite (the base model, then the trained one) are read from the run
store and their metrics computed as reports compute them (:func:`charter.evaluate.compute_metrics`);
the per-rule harm rate (the judge's violation rate, or the refusal detector's non-refusal rate
when no judge scored) and false-refusal rate of both runs, with Wilson intervals and a pooled
two-proportion test, go into the card's front matter (``charter.results``) and its
"Results before and after" section. Running it again replaces them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from charter.errors import ConfigError
from charter.evaluate import GroupMetrics, Rate, compare_rates, compute_metrics
from charter.guide import Guide
from charter.store import RunStore

__all__ = ["RESULTS_BEGIN", "RESULTS_END", "add_results", "run_results"]

RESULTS_BEGIN = "<!-- charter:results -->"
RESULTS_END = "<!-- /charter:results -->"
#: a change is reported as better / worse when the two-proportion test gives p below this
ALPHA = 0.05


def _rate(r: Rate) -> dict[str, Any]:
    return {"k": r.k, "n": r.n, "rate": r.rate, "low": r.low, "high": r.high, "conclusive": r.conclusive}


def _group(g: GroupMetrics) -> dict[str, Any]:
    harm_name, harm = g.harm_metric()
    return {"n": g.n, "harm_metric": harm_name, "harm": _rate(harm),
            "false_refusal": _rate(g.false_refusal_rate), "pass": _rate(g.pass_rate)}


def run_results(store: RunStore, run_id: str, *, guide: Guide | None = None) -> dict[str, Any]:
    """One stored run's overall and per-rule rates, as the card records them."""
    info = store.get_run(run_id)
    metrics = compute_metrics(list(store.iter_records(info.id)), guide=guide)
    return {"run": info.id, "name": info.name, "target": info.target, "status": str(info.status),
            "suite_hash": info.suite_hash, "judge": info.metadata.get("judge"),
            "overall": _group(metrics.overall),
            "by_rule": {rid: _group(g) for rid, g in sorted(metrics.by_rule.items())}}


def _change(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    diff, p = compare_rates((after["k"], after["n"]), (before["k"], before["n"]))
    verdict = "no significant change"
    if p < ALPHA:
        verdict = "higher" if diff > 0 else "lower"
    return {"diff": round(diff, 4), "p": round(p, 4), "change": verdict}


def _compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    rules = sorted(set(before["by_rule"]) | set(after["by_rule"]))
    out: dict[str, Any] = {}
    for key, b, a in [("overall", before["overall"], after["overall"])] + [
            (rid, before["by_rule"].get(rid), after["by_rule"].get(rid)) for rid in rules]:
        if b is None or a is None:
            out[key] = {"only_in": "after" if b is None else "before"}
            continue
        out[key] = {"harm": _change(b["harm"], a["harm"]), "false_refusal": _change(b["false_refusal"], a["false_refusal"])}
    return out


def _cell(r: dict[str, Any]) -> str:
    if not r["n"]:
        return "—"
    if not r["conclusive"]:
        return f"too few cases (n={r['n']})"
    return f"{r['rate']:.0%} [{r['low']:.0%}, {r['high']:.0%}] (n={r['n']})"


def _section(results: dict[str, Any]) -> str:
    b, a, cmp = results["before"], results["after"], results["changes"]
    harm = a["overall"]["harm_metric"]
    lines = [RESULTS_BEGIN, "## Results before and after", "",
             f"Before: run `{b['run']}` ({b['target']}); after: run `{a['run']}` ({a['target']}). "
             f"Harm is the {harm} of cases that should be refused; false refusals are refusals of "
             "requests that should be answered. Wilson 95% intervals; a change is named when a pooled "
             f"two-proportion test gives p < {ALPHA}.", "",
             f"| rule | {harm} before | after | change | false-refusal rate before | after | change |",
             "|---|---|---|---|---|---|---|"]
    rows = [("overall", b["overall"], a["overall"])] + [
        (rid, b["by_rule"].get(rid), a["by_rule"].get(rid)) for rid in sorted(set(b["by_rule"]) | set(a["by_rule"]))]
    for key, rb, ra in rows:
        if rb is None or ra is None:
            lines.append(f"| {key} | {'—' if rb is None else _cell(rb['harm'])} | "
                         f"{'—' if ra is None else _cell(ra['harm'])} | only in one run | | | |")
            continue
        c = cmp[key]
        lines.append(f"| {key} | {_cell(rb['harm'])} | {_cell(ra['harm'])} | {c['harm']['change']} | "
                     f"{_cell(rb['false_refusal'])} | {_cell(ra['false_refusal'])} | {c['false_refusal']['change']} |")
    lines.append(RESULTS_END)
    return "\n".join(lines)


def _split_card(card: Path) -> tuple[dict[str, Any], str]:
    if not card.is_file():
        raise ConfigError(f"{card}: no model card here", hint="pass the -o folder of a `charter train` run")
    text = card.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ConfigError(f"{card}:1: no YAML front matter", hint="pass the -o folder of a `charter train` run")
    head, body = text[4:].split("\n---\n", 1)
    try:
        front = yaml.safe_load(head)
    except yaml.YAMLError as e:
        raise ConfigError(f"{card}: the front matter is not YAML ({e})",
                          hint="train again, or restore the card `charter train` wrote") from None
    if not isinstance(front, dict) or not isinstance(front.get("charter"), dict):
        raise ConfigError(f"{card}:1: the front matter has no charter: block",
                          hint="pass the -o folder of a `charter train` run")
    return front, body


def add_results(model_dir: Path, store: RunStore, before: str, after: str, *,
                guide: Guide | None = None) -> dict[str, Any]:
    """Add (or replace) the before / after results of runs ``before`` and ``after`` in
    ``model_dir/README.md``; return what was recorded. The two runs must be of the same suite."""
    card = model_dir / "README.md"
    front, body = _split_card(card)
    rb = run_results(store, before, guide=guide)
    ra = run_results(store, after, guide=guide)
    if rb["suite_hash"] and ra["suite_hash"] and rb["suite_hash"] != ra["suite_hash"]:
        raise ConfigError(f"runs {rb['run']} and {ra['run']} ran different suites, so their rates do not compare",
                          hint="evaluate the base and the trained model on the same (held-out) suite")
    results = {"before": rb, "after": ra, "changes": _compare(rb, ra), "alpha": ALPHA}
    front["charter"]["results"] = results
    section = _section(results)
    if RESULTS_BEGIN in body and RESULTS_END in body:
        pre, rest = body.split(RESULTS_BEGIN, 1)
        body = pre + section + rest.split(RESULTS_END, 1)[1]
    else:
        body = body.rstrip("\n") + "\n\n" + section + "\n"
    card.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip() + "\n---\n" + body,
                    encoding="utf-8")
    return results
