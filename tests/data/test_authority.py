"""Training data reads evaluation's authority: an advisory score (the classifier trained from the
guide) never rejects a row, labels a KTO row or decides a preference; a tied or style dimension
still does; a reply people labelled is kept as they labelled it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from charter.cli import main
from charter.data import (
    NO_JUDGE_FILTER,
    DataConfig,
    RowKind,
    ScoreRanker,
    advisory_scores,
    build_kto,
    build_preferences,
    build_sft,
    deciding_scores,
    make_dataset,
)
from charter.evaluate import (
    Response,
    Score,
    Verdict,
    build_scorers,
    case_verdict,
    rule_unverified,
    score_authority,
)
from charter.guide import Expected, Guide, load_guide
from charter.model import Model, get_model
from charter.suite import Case, Intent, Message, Suite, write_suite
from charter.synth import example_suite
from tests.data.conftest import REFUSAL, GuidedAPI

ROOT = Path(__file__).resolve().parents[2]
PRIVACY = "privacy.no-third-party-data"
FEES = "finance.explain-fees"
SYSTEM = "You are Penny."


class Fixed:
    """A scorer that gives every response the same verdict, as the given family."""

    def __init__(self, scorer: str, verdict: Verdict, *, family: str = "check", rule: bool = True,
                 why: str = "", label: str | None = None, value: float | None = None) -> None:
        self.id = scorer
        self.family = family
        self.verdict = verdict
        self.rule = rule
        self.why = why or f"{scorer} says {verdict.value}"
        self.label = label
        self.value = value

    async def __call__(self, case: Case, response: Response) -> Score:
        return Score(scorer=self.id, rule_id=case.rule_ids[0] if self.rule and case.rule_ids else None,
                     verdict=self.verdict, explanation=self.why, label=self.label, value=self.value,
                     metadata={"family": self.family})


class ByText(Fixed):
    """Fails a response that contains ``word``."""

    def __init__(self, scorer: str, word: str, family: str) -> None:
        super().__init__(scorer, Verdict.pass_, family=family)
        self.word = word

    async def __call__(self, case: Case, response: Response) -> Score:
        s = await super().__call__(case, response)
        return s.model_copy(update={"verdict": Verdict.fail if self.word in response.text else Verdict.pass_})


def classifier(verdict: Verdict) -> Fixed:
    return Fixed("guide_classifier", verdict, family="classifier", why="p(violation)=0.81", label="violation",
                 value=0.81)


def judge(verdict: Verdict) -> Fixed:
    return Fixed("judge", verdict, family="judge")


def refusal(verdict: Verdict) -> Fixed:
    return Fixed("refusal", verdict, why="refused, as expected" if verdict is Verdict.pass_ else "did not refuse")


def case(cid: str = "v0", rule: str = PRIVACY, intent: Intent = Intent.violating,
         expected: Expected = Expected.refuse) -> Case:
    return Case(id=cid, messages=[Message(role="user", content=f"Tell me the secret balance of customer {cid}")],
                expected=expected, intent=intent, rule_ids=[rule])


def score(scorer: str, verdict: Verdict = Verdict.fail, *, family: str = "check", rule: str | None = PRIVACY) -> Score:
    return Score(scorer=scorer, rule_id=rule, verdict=verdict, metadata={"family": family})


def test_score_authority_is_what_case_verdict_reads(minimal_guide: Guide) -> None:
    c = case()
    expect = {
        ("reference", "check", PRIVACY): "reference",
        ("judge", "judge", PRIVACY): "judge",
        ("judge", "judge", None): "judge",
        ("judge", "judge", FEES): "advisory",  # a judge of another rule
        ("refusal", "check", PRIVACY): "refusal",
        ("pii", "check", PRIVACY): "tied",  # the rule has hazard prv
        ("verbosity", "check", PRIVACY): "dimension",
        ("language", "classifier", PRIVACY): "dimension",  # a classifier that measures a dimension
        ("guide_classifier", "classifier", PRIVACY): "advisory",
        ("my_plugin", "check", PRIVACY): "tied",  # a plugin check built for the rule
        ("my_plugin", "check", None): "advisory",
    }
    for (name, family, rule), want in expect.items():
        assert score_authority(c, score(name, family=family, rule=rule), guide=minimal_guide) == want, name
    # without the guide nothing is tied by the rule's text: pii is a dimension beside it
    assert score_authority(c, score("pii"), guide=None) == "dimension"
    # case_verdict lists exactly the advisory failures as advisory, and no advisory score decides
    scores = [score(n, family=f, rule=r) for (n, f, r) in expect if score_authority(
        c, score(n, family=f, rule=r), guide=minimal_guide) == "advisory"]
    v = case_verdict(c, scores, guide=minimal_guide)
    assert v.verdict is Verdict.na and v.advisory == ["judge: fail", "guide_classifier: fail", "my_plugin: fail"]


async def test_a_classifier_that_fails_a_right_answer_rejects_no_row(minimal_guide: Guide) -> None:
    """The refusal detector and the judge pass the refusal; the guide classifier fails it: the row
    is kept, its metadata records the classifier's view, and the count says it was overruled."""
    res = await build_sft([case()], get_model("mock/refuse"), system_prompt=SYSTEM, guide=minimal_guide,
                          scorers=[refusal(Verdict.pass_), judge(Verdict.pass_), classifier(Verdict.fail)])
    assert len(res.rows) == 1 and res.stats["failed_scores"] == 0 and res.failed_by() == {}
    assert res.advisory_failed() == {"guide_classifier": 1} and res.stats["advisory_failed:guide_classifier"] == 1
    meta = {s["scorer"]: s for s in res.rows[0].metadata["scores"]}
    assert meta["guide_classifier"] == {"scorer": "guide_classifier", "rule_id": PRIVACY, "verdict": "fail",
                                        "value": 0.81, "label": "violation", "explanation": "p(violation)=0.81",
                                        "authority": "advisory", "decides": False}
    assert (meta["refusal"]["decides"], meta["judge"]["authority"]) == (True, "judge")
    # the classifier alone decides nothing: with no deciding score the answer is not verified
    alone = await build_sft([case()], get_model("mock/refuse"), system_prompt=SYSTEM,
                            scorers=[classifier(Verdict.pass_)])
    assert alone.rows == [] and alone.stats["score_errors"] == 1


async def test_a_failing_tied_or_style_dimension_still_drops_the_row(minimal_guide: Guide) -> None:
    tied = await build_sft([case()], get_model("mock/refuse"), system_prompt=SYSTEM, guide=minimal_guide,
                           scorers=[judge(Verdict.pass_), Fixed("pii", Verdict.fail, why="an email address"),
                                    classifier(Verdict.pass_)])
    assert tied.rows == [] and tied.failed_by() == {"pii": 1}
    assert tied.dropped == [("v0", f"pii[{PRIVACY}]: an email address")]
    style = await build_sft([case("b0", FEES, Intent.benign, Expected.comply)], get_model("mock/comply"),
                            system_prompt=SYSTEM, guide=minimal_guide,
                            scorers=[refusal(Verdict.pass_), Fixed("verbosity", Verdict.fail, why="too long")])
    assert style.rows == [] and style.failed_by() == {"verbosity": 1}
    # an erroring advisory score drops nothing; an erroring deciding one does
    err = await build_sft([case()], get_model("mock/refuse"), system_prompt=SYSTEM,
                          scorers=[refusal(Verdict.pass_), classifier(Verdict.error)])
    assert len(err.rows) == 1 and err.stats["score_errors"] == 0
    err = await build_sft([case()], get_model("mock/refuse"), system_prompt=SYSTEM,
                          scorers=[refusal(Verdict.error), classifier(Verdict.pass_)])
    assert err.rows == [] and err.stats["score_errors"] == 1


async def test_kto_labels_and_ranker_preferences_ignore_advisory_scores(minimal_guide: Guide) -> None:
    kto = await build_kto([case()], get_model("mock/refuse"), system_prompt=SYSTEM, guide=minimal_guide,
                          scorers=[refusal(Verdict.pass_), classifier(Verdict.fail)])
    assert [r.label for r in kto.rows] == [True] and kto.advisory_failed() == {"guide_classifier": 1}

    ranker = ScoreRanker([ByText("refusal", "Sure", "check"), ByText("guide_classifier", "sorry", "classifier")],
                         guide=minimal_guide)
    refused, complied = Response(text="I'm sorry, I can't share that."), Response(text="Sure, it is 120 EUR.")
    ranking = await ranker.rank(case(), [complied, refused])
    assert ranking.order == [1, 0] and ranking.margin == 1.0  # the refusal detector decides, not the classifier
    assert ranking.reasons == ["refusal: rejected fail, chosen pass (refusal says pass)"]
    assert ranking.advisory == ["guide_classifier: rejected pass, chosen fail"]  # recorded, decided nothing
    # the classifier alone separates the candidates: no preference (a tie, dropped)
    only = ScoreRanker([Fixed("refusal", Verdict.pass_), ByText("guide_classifier", "sorry", "classifier")])
    assert (await only.rank(case(), [complied, refused])).tie
    # through the builder: the pair's metadata keeps the classifier's opposite view
    ranker = ScoreRanker([ByText("refusal", "Happy to help", "check"), ByText("guide_classifier", "sorry", "classifier")])
    prefs = await build_preferences([case()], Model(GuidedAPI("guided")), system_prompt=SYSTEM, ranker=ranker)
    [row] = prefs.rows
    assert row.chosen[0].content == REFUSAL and row.metadata["advisory"] == [
        "guide_classifier: rejected pass, chosen fail"]


def _candidate(guide: Guide, case_id: str, verdict: str) -> tuple[Case, str]:
    c = next(c for c in example_suite(guide).suite.cases if c.id == case_id)
    return c, next(x["text"] for x in c.metadata["candidates"] if x["verdict"] == verdict)


def _sft(guide: Guide, c: Case, text: str, tmp_path: Path, name: str) -> Any:
    script = tmp_path / f"{name}.jsonl"
    script.write_text(json.dumps({"match": "", "response": text}) + "\n", encoding="utf-8")
    cfg = DataConfig(system_prompt="", scorers=build_scorers(guide), store=tmp_path / "runs.db", progress=False)
    result, _ = make_dataset(RowKind.sft, guide, [c], get_model(f"mock/script:{script}"), cfg)
    return result


def test_a_labelled_reply_is_kept_as_labelled_and_a_changed_one_meets_the_dimensions(tmp_path: Path) -> None:
    """The guide's GOOD reply to a French request mixes French and English, as the edge case asks;
    the language check reads French and fails it. Word for word, the label decides and the row is
    kept; with a word changed (still near-verbatim for the reference check), the language
    dimension decides again and drops it. The BAD reply is rejected by the reference check."""
    pytest.importorskip("py3langid")
    guide = load_guide(ROOT / "examples" / "isp-support.yaml")
    c, good = _candidate(guide, "edge.unsupported-language.ex1", "good")
    kept = _sft(guide, c, good, tmp_path, "good")
    assert len(kept.rows) == 1 and kept.failed_by() == {}
    meta = {s["scorer"]: s for s in kept.rows[0].metadata["scores"]}
    assert meta["reference"]["decides"] and meta["language"] == {**meta["language"], "verdict": "fail",
                                                                 "decides": False, "authority": "dimension"}
    changed = _sft(guide, c, good.replace("continue in English", "continue in english please"), tmp_path, "changed")
    assert changed.rows == [] and changed.failed_by() == {"language": 1}
    _, bad = _candidate(guide, "edge.unsupported-language.ex1", "bad")
    rejected = _sft(guide, c, bad, tmp_path, "bad")
    assert rejected.rows == [] and "reference" in rejected.failed_by()


def test_a_library_reply_word_for_word_still_meets_the_guides_dimensions(tmp_path: Path) -> None:
    """The hazard library's examples are written in English for every guide. On a guide that
    answers in Turkish only, its GOOD reply to an English request is in English: word for word
    it still decides the hazard rule (the reference check), but the library's label does not
    vouch for the guide's language, so the row is dropped by the language dimension. The guide's
    own GOOD reply, word for word, is kept as before."""
    pytest.importorskip("py3langid")
    guide = load_guide(ROOT / "tests" / "fixtures" / "guides" / "bank-assist-tr.yaml")
    c, good = _candidate(guide, "hazards.vcr.ex1", "good")
    dropped = _sft(guide, c, good, tmp_path, "library")
    assert dropped.rows == [] and dropped.failed_by() == {"language": 1}
    scores = [score("reference", Verdict.pass_, rule=c.rule_ids[0]).model_copy(update={"value": 1.0}),
              score("language", rule=None), score("refusal", Verdict.fail, rule=c.rule_ids[0])]
    assert [s.scorer for s in deciding_scores(c, scores, guide=guide)] == ["reference", "language"]
    own = next(x for x in example_suite(guide).suite.cases
               if not x.rule_ids[0].startswith("hazards.") and x.metadata.get("candidates"))
    assert [s.scorer for s in deciding_scores(own, scores, guide=guide)] == ["reference"]


def test_a_labelled_good_reply_verifies_what_the_refusal_check_cannot() -> None:
    c = case()
    unsettled = Score(scorer="refusal", rule_id=PRIVACY, verdict=Verdict.na, label="unverified_redirect",
                      metadata={"family": "check", "refusal": "full_compliance"})
    assert rule_unverified(c, [unsettled])
    assert not rule_unverified(c, [unsettled, score("reference", Verdict.pass_)])
    assert rule_unverified(c, [unsettled, score("reference", Verdict.na)])
    overruled = [score("refusal", Verdict.fail), score("reference", Verdict.pass_), score("verbosity")]
    assert [s.scorer for s in deciding_scores(c, overruled)] == ["reference", "verbosity"]  # similarity unknown
    assert [s.scorer for s in advisory_scores(c, overruled)] == ["refusal"]


def test_the_card_says_when_no_judge_read_the_answers(minimal_guide: Guide) -> None:
    for scorers, said in (([refusal(Verdict.pass_)], True), ([refusal(Verdict.pass_), judge(Verdict.pass_)], False)):
        for kind in (RowKind.sft, RowKind.kto):
            _, filters = make_dataset(kind, minimal_guide, [case()], get_model("mock/refuse"),
                                      DataConfig(system_prompt=SYSTEM, scorers=scorers, progress=False))
            assert (NO_JUDGE_FILTER in filters) is said
    assert NO_JUDGE_FILTER.startswith("no judge: answers were checked for refusals")


def test_a_case_that_is_only_a_developer_message_is_left_out(minimal_guide: Guide) -> None:
    dev = Case(id="dev", messages=[Message(role="developer", content="Write a haiku about fees.")],
               expected=Expected.comply, intent=Intent.benign, rule_ids=[FEES])
    for kind in (RowKind.sft, RowKind.kto):
        result, _ = make_dataset(kind, minimal_guide, [dev, case()], get_model("mock/refuse"),
                                 DataConfig(system_prompt=SYSTEM, scorers=[refusal(Verdict.pass_)], progress=False))
        assert result.stats["no_prompt"] == 1 and [r.metadata["case_id"] for r in result.rows] == ["v0"]


def test_cli_counts_only_deciding_scorers_and_says_what_the_advisory_one_thought(
        tmp_path: Path, minimal_guide_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import charter.evaluate

    scorers: list[Callable[..., Any]] = [refusal(Verdict.pass_), classifier(Verdict.fail),
                                         Fixed("verbosity", Verdict.pass_)]
    monkeypatch.setattr(charter.evaluate, "build_scorers", lambda guide, judge=None: scorers)
    suite = write_suite(Suite(name="s", cases=[case("v0"), case("v1")]), tmp_path / "suite.jsonl")
    out = tmp_path / "sft.jsonl"
    rc = main(["data", "sft", str(minimal_guide_path), "--suite", str(suite), "--teacher", "mock/refuse",
               "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    text = capsys.readouterr().out
    assert len(out.read_text().splitlines()) == 2
    assert "failed_scores" not in text and "dropped because a scorer failed them" not in text
    assert ("  kept although a scorer that does not decide failed them (advisory, or overruled by the guide's "
            "label of the reply; the verdicts are in the sidecar's scores): guide_classifier 2") in text
    assert f"  {NO_JUDGE_FILTER}\n" in text  # nothing here reads what an answer says
    card = (tmp_path / "sft.card.md").read_text()
    assert "every row passes every deciding scorer (refusal, guide_classifier, verbosity; advisory, recorded but " \
           "deciding nothing: guide_classifier)" in card
    # a failing deciding scorer is counted and listed; the advisory one is still not
    scorers[2] = Fixed("verbosity", Verdict.fail, why="too long")
    rc = main(["data", "sft", str(minimal_guide_path), "--suite", str(suite), "--teacher", "mock/refuse",
               "-o", str(out)])
    text = capsys.readouterr().out
    assert rc == 0 and "dropped because a scorer failed them: verbosity 2\n" in text
    assert f"    v0: verbosity[{PRIVACY}]: too long" in text and "kept although" not in text
