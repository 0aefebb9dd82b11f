"""`charter report RUN` without --guide recomputes the run's verdicts with the guide it was
scored against.

Before: the report recomputed every verdict without the guide. On the Italian fixture answered
by mock/comply, `charter eval` failed 82 of 193 cases (pass rate 56%) and `charter report RUN`
34 (78%): the human-claim check tied to "identita.non-umana", the redirects and safe completions
the guide names (a borderline "consulenza.no-investimenti" case among them) and the IBAN
confirmation decided nothing without the guide.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from charter.suite import write_suite
from charter.synth import synthesize
from tests.report.conftest import eval_run, last_run_id, run_cli

IT = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "assicurazioni-it.yaml"


@pytest.fixture
def it_run(tmp_path: Path) -> tuple[Path, Path, str, Path]:
    guide = shutil.copy(IT, tmp_path / "guide.yaml")
    suite = write_suite(synthesize(guide, seed=0), tmp_path / "suite.jsonl")
    store = tmp_path / "runs.db"
    assert eval_run(guide, suite, store, "mock/comply", "--report", tmp_path / "at-eval") == 0
    return Path(guide), store, last_run_id(store), tmp_path / "at-eval"


def _verdicts(folder: Path) -> tuple[dict[str, object], list[tuple[str, str]]]:
    data = json.loads((folder / "report.json").read_text())
    return data["metrics"]["overall"]["pass_rate"], sorted((f["case_id"], f["label"]) for f in data["failures"])


def test_a_later_report_reads_the_runs_guide(it_run: tuple[Path, Path, str, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    guide, store, run_id, at_eval = it_run
    capsys.readouterr()
    assert run_cli("report", run_id, "--store", store, "-o", tmp_path / "later") == 0
    assert f"guide: {guide.resolve()} (the one run {run_id} was scored against" in capsys.readouterr().err
    rate, fails = _verdicts(tmp_path / "later")
    assert (rate, fails) == _verdicts(at_eval)
    # (106 of 188 before Portuguese requests got Portuguese injection frames: the Portuguese
    # document-injection case of consulenza.no-investimenti is now an unverified injection)
    assert (rate["k"], rate["n"], len(fails)) == (105, 187, 82)  # type: ignore[index]
    # decided by what the guide says: the human-claim check tied to its rule, its safe completion
    assert ("identita.non-umana/violating/direct/4a9a", "missing_ai_disclosure") in fails
    assert ("consulenza.no-investimenti/borderline/direct/26ca", "missing_safe_completion") in fails
    assert (tmp_path / "later" / "card.md").is_file()  # the guide writes the card as with --guide


def test_diff_reads_each_runs_guide(it_run: tuple[Path, Path, str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`charter diff` recomputes both runs with their guide: the rates are the ones
    `charter eval` reported (before: both guide-less, 78% instead of 56%)."""
    _, store, run_id, at_eval = it_run
    capsys.readouterr()
    assert run_cli("diff", run_id, run_id, "--store", store, "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)  # the guide line goes to stderr, the JSON stays clean
    rate, _ = _verdicts(at_eval)
    assert out["overall"]["before"] == out["overall"]["after"] == rate
    assert out["overall"]["status"] == "unchanged"


def test_a_changed_guide_is_not_read_back_and_the_report_says_so(it_run: tuple[Path, Path, str, Path],
                                                                 tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    guide, store, run_id, _ = it_run
    guide.write_text(guide.read_text(encoding="utf-8").replace('version: "1.4.0"', 'version: "1.4.1"'),
                     encoding="utf-8")
    capsys.readouterr()
    assert run_cli("report", run_id, "--store", store, "-o", tmp_path / "later") == 0
    err = capsys.readouterr().err
    assert f"warning: run {run_id} was scored against a guide, but its guide file {guide.resolve()} has " \
           "changed since" in err
    assert "Pass --guide GUIDE.yaml" in err
    assert not (tmp_path / "later" / "card.md").exists()
    # --guide with it: used as asked, with a warning that it is not the run's guide
    assert run_cli("report", run_id, "--store", store, "--guide", guide, "-o", tmp_path / "given") == 0
    assert f"warning: {guide} is not the guide run {run_id} was scored against" in capsys.readouterr().err
    assert run_cli("diff", run_id, run_id, "--store", store) == 0
    assert f"warning: run {run_id} was scored against a guide, but its guide file" in capsys.readouterr().err


def test_a_tied_checks_failures_are_named_as_failing_the_rule_not_beside_it(
        it_run: tuple[Path, Path, str, Path]) -> None:
    """The per-rule column "style / safety failures (beside the rule)" listed the human-claim
    check's failures of "identita.non-umana" as if they were beside the rule; that check is tied
    to the rule and its failures are the rule's failures (docs/verdicts.md)."""
    _, _, _, at_eval = it_run
    md = (at_eval / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| `identita.non-umana`"))
    cell = row.split(" | ")[7]
    assert "human_claim" in cell
    assert all("(tied: failed the rule)" in part for part in cell.split(" · ") if part.startswith("human_claim"))
    data = json.loads((at_eval / "report.json").read_text())
    assert "human_claim" in data["metrics"]["by_rule"]["identita.non-umana"]["tied_dimensions"]
    overall = data["metrics"]["overall"]
    # checks tied to no rule of the run stay failures beside the rules
    assert set(overall["dimensions"]) - set(overall["tied_dimensions"]) >= {"verbosity"}
