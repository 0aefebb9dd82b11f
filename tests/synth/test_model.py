"""Model-written cases with scripted generators and judges (no network, no real model)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from charter.cli import main
from charter.errors import CharterError, ModelError
from charter.guide import Expected, Guide
from charter.model import GenerateConfig, ModelOutput, TokenLogprob, get_model
from charter.suite import Intent, Message, read_suite
from charter.synth import suite_plan, synthesize

SMALL_AXES = {"techniques": ["roleplay", "multi-turn-escalation", "tool-injection", "document-injection"],
              "variations": ["typos"], "languages": ["es", "fr"]}


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:6]


def good_generation(messages: list[Message], config: GenerateConfig) -> str:
    prompt = messages[-1].content
    n = int(re.search(r"Write (\d+) ", prompt).group(1))  # type: ignore[union-attr]
    h = _h(prompt)
    fmt = prompt.rsplit("exactly in this shape:", 1)[1]
    if '"messages"' in fmt:
        cases: list[Any] = [{"messages": [{"role": "user", "content": f"hello there {h} {i}"},
                                          {"role": "assistant", "content": "Hi! How can I help?"},
                                          {"role": "user", "content": f"now the real question {h} number {i}"}]}
                            for i in range(n)]
    elif '"content"' in fmt:
        cases = [{"request": f"please summarize this {h}", "content": f"document body {h} number {i} with a hidden note"}
                 for i in range(n)]
    else:
        cases = [{"request": f"generated request {h} number {i}"} for i in range(n)]
    return json.dumps({"cases": cases})


def verdict(text: str, confidence: float = 0.9, answer: str = "yes") -> str:
    return json.dumps({"answer": answer, "confidence": confidence, "reason": f"checked: {text[:20]}"})


def is_judge(messages: list[Message]) -> bool:
    return messages[0].content.startswith("You check labels")


def judge_all_yes(messages: list[Message], config: GenerateConfig, calls: int) -> str:
    assert is_judge(messages) and config.response_schema is not None
    return verdict(messages[-1].content)


def generator_ok(messages: list[Message], config: GenerateConfig, calls: int) -> str:
    assert config.response_schema is not None and config.response_schema["required"] == ["cases"]
    return good_generation(messages, config)


def test_model_written_suite_covers_the_plan(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    gen = scripted("gen", generator_ok)
    judge = scripted("judge", judge_all_yes, role="judge")
    suite = synthesize(small_guide, offline=False, generator=gen, judge=judge, seed=4, **SMALL_AXES)
    ids = {c.id: c for c in suite.cases}
    written = [c for c in suite.cases if c.provenance.generator.startswith("model:")]
    derived = [c for c in suite.cases if c.provenance.generator.startswith("operator:")]
    assert written and derived and len(written) + len(derived) == len(suite.cases)
    for c in written:
        assert c.provenance.model == "synthtest/gen" and c.provenance.confidence == 0.9
        assert c.metadata["judge"] == "synthtest/judge" and c.metadata["judge_method"] == "stated"
        assert c.group and c.group.startswith("model:")
    for c in derived:  # perturbations of confirmed model-written cases keep their group
        parent = ids.get(c.provenance.parent or "")
        base = parent or next(w for w in written if w.id == c.provenance.parent)
        assert c.group == base.group and c.provenance.confidence == 0.9
    multi = [c for c in suite.cases if c.technique == "multi-turn-escalation"]
    assert multi and all(sum(m.role == "user" for m in c.messages) >= 2 for c in multi)
    tool = [c for c in suite.cases if c.technique == "tool-injection"]
    assert tool and all(c.messages[-1].role == "tool" for c in tool)
    doc = [c for c in suite.cases if c.technique == "document-injection"]
    assert doc and all("document body" in c.prompt for c in doc)
    es = [c for c in suite.cases if c.language == "es"]
    assert es and all(c.metadata["translation"] == "model" for c in es)
    fr = [c for c in suite.cases if c.language == "fr"]
    assert fr and all("edge.language" in c.rule_ids for c in fr)
    assert all(c.expected == (Expected.refuse if c.intent == Intent.violating else Expected.redirect) for c in fr)
    report = suite_plan(small_guide, suite).report(suite.cases)
    assert report.empty == [] and report.missing_pairs == [] and report.unplanned == []
    stats = suite.config["model_stats"]
    assert stats["accepted"] == len(written) and stats["rejected"] == 0 and stats["junk"] == 0  # type: ignore[index]
    assert suite.config["model"] == "synthtest/gen" and suite.config["judge"] == "synthtest/judge"


def test_junk_invalid_and_empty_outputs_are_skipped_and_counted(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    seen: Counter[str] = Counter()
    junk = ["", "   ", "Sure! Here are some requests: not json at all {", '{"cases": [{"request": ""}, 42, "ok", "<message 1>"]}',
            '{"cases": []}', '"just a string"']

    def flaky_generator(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        key = messages[-1].content
        seen[key] += 1
        if seen[key] == 1:  # every cell's first answer is junk of some kind
            return junk[int(_h(key), 16) % len(junk)]
        return "```json\n" + good_generation(messages, config) + "\n```"  # fenced JSON still parses

    gen = scripted("flaky-gen", flaky_generator)
    judge = scripted("judge2", judge_all_yes, role="judge")
    suite = synthesize(small_guide, offline=False, generator=gen, judge=judge, **SMALL_AXES)
    stats = suite.config["model_stats"]
    assert stats["empty"] > 0 and stats["invalid_json"] > 0 and stats["junk"] > 0  # type: ignore[index]
    assert stats["empty_cells"] == 0  # type: ignore[index]
    assert suite_plan(small_guide, suite).report(suite.cases).empty == []


def test_a_generator_with_nothing_usable_fails_clearly_after_retries(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    calls = Counter[str]()

    def junk_only(messages: list[Message], config: GenerateConfig, n: int) -> str:
        calls[messages[-1].content] += 1
        return "I cannot produce JSON, sorry."

    gen = scripted("junk-gen", junk_only)
    with pytest.raises(ModelError, match="returned nothing usable") as err:
        synthesize(small_guide, offline=False, generator=gen, retries=1, **SMALL_AXES)
    assert "after 2 attempts each" in str(err.value) and "invalid JSON" in str(err.value)
    assert set(calls.values()) == {2}  # every cell asked twice (1 retry), never more
    assert "--offline" in (err.value.hint or "")


@pytest.mark.parametrize(("model", "match"), [("mock/json", "0 invalid JSON"), ("mock/error", "mock/error always fails")])
def test_mock_generators_that_cannot_write_cases(small_guide: Guide, model: str, match: str) -> None:
    with pytest.raises(ModelError, match=match):
        synthesize(small_guide, offline=False, generator=get_model(model, role="generator"), retries=0,
                   techniques=["roleplay"], variations=[], languages=[])


def test_judge_rejections_drop_cases_and_confidence_is_recorded(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    def picky(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        text = messages[-1].content
        if "number 1" in text:
            return verdict(text, 0.95, answer="no")  # confident it is mislabelled → P(label) = 0.05
        if "number 2" in text:
            return verdict(text, 0.6)
        return verdict(text, 0.9)

    gen = scripted("gen3", generator_ok)
    judge = scripted("picky", picky, role="judge")
    axes = {"techniques": ["roleplay"], "variations": [], "languages": []}
    strict = synthesize(small_guide, offline=False, generator=gen, judge=judge, per_cell=3, **axes)
    written = [c for c in strict.cases if c.provenance.generator.startswith("model:")]
    assert written and all("number 0" in c.prompt for c in written)
    assert {c.provenance.confidence for c in strict.cases} == {0.9}
    stats = strict.config["model_stats"]
    assert stats["rejected"] == 2 * stats["accepted"]  # type: ignore[index]
    assert not any("number 1" in c.prompt or "number 2" in c.prompt for c in strict.cases)

    lenient = synthesize(small_guide, offline=False, generator=gen, judge=judge, per_cell=3,
                         min_confidence=0.5, **axes)
    assert {c.provenance.confidence for c in lenient.cases} == {0.9, 0.6}
    assert not any("number 1" in c.prompt for c in lenient.cases)


def test_judge_logprobs_give_the_confidence(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    def lp_judge(messages: list[Message], config: GenerateConfig, calls: int) -> ModelOutput:
        assert config.logprobs and config.top_logprobs == 5
        top = {"yes": math.log(0.8), "no": math.log(0.2)}
        return ModelOutput(model="synthtest/lp", choices=['{"answer": "yes", "confidence": 0.99, "reason": "x"}'],
                           logprobs=[TokenLogprob(token='{"', logprob=-0.01),
                                     TokenLogprob(token="yes", logprob=top["yes"], top=top)])

    suite = synthesize(small_guide, offline=False, generator=scripted("gen4", generator_ok),
                       judge=scripted("lp", lp_judge, role="judge"),
                       techniques=["roleplay"], variations=[], languages=[])
    written = [c for c in suite.cases if c.provenance.generator.startswith("model:")]
    assert written and all(c.provenance.confidence == 0.8 and c.metadata["judge_method"] == "logprobs"
                           for c in written)


def test_unreadable_judges_drop_cases_then_fail_clearly(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    def half(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        text = messages[-1].content
        return "maybe?" if "number 1" in text else "yes"

    suite = synthesize(small_guide, offline=False, generator=scripted("gen5", generator_ok),
                       judge=scripted("half", half, role="judge"), per_cell=2, retries=1,
                       techniques=["roleplay"], variations=[], languages=[])
    stats = suite.config["model_stats"]
    assert stats["judge_errors"] == stats["accepted"] > 0  # type: ignore[index]
    assert all(c.provenance.confidence == 1.0 for c in suite.cases)  # a bare "yes" counts as certain

    with pytest.raises(CharterError, match="confirmed none"):
        synthesize(small_guide, offline=False, generator=scripted("gen6", generator_ok),
                   judge=scripted("mute", lambda m, c, n: "", role="judge"), retries=0,
                   techniques=["roleplay"], variations=[], languages=[])


def test_the_generator_judges_itself_by_default_and_mixes_with_templates(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    def both(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        return verdict("self", 0.8) if is_judge(messages) else good_generation(messages, config)

    suite = synthesize(small_guide, generator=scripted("self", both), techniques=["roleplay"], variations=[],
                       languages=[])
    gens = {c.provenance.generator.split(":")[0] for c in suite.cases}
    assert gens == {"template", "operator", "model"}
    assert suite.config["judge"] == "synthtest/self"
    capped = synthesize(small_guide, generator=scripted("self", both), techniques=["roleplay"], variations=[],
                        languages=[], n=12)
    dd = capped.config["dedupe"]
    # n caps what is generated; a prompt written twice (by the model and a template) is kept once
    removed = dd["duplicates"] + capped.config["unrealistic_dropped"]
    assert len(capped.cases) + removed == 12 and dd["conflicts_dropped"] == 0
    intents = {(c.rule_ids[0] if c.rule_ids else None, c.intent) for c in capped.cases}
    assert ("privacy.no-other-orders", Intent.violating) in intents
    assert ("privacy.no-other-orders", Intent.benign_lookalike) in intents


def test_cli_model_generation_reports_progress(small_guide_text: str, tmp_path: Path, scripted,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str]) -> None:
    scripted("cli-gen", generator_ok)
    scripted("cli-judge", judge_all_yes, role="judge")
    guide = tmp_path / "g.yaml"
    guide.write_text(small_guide_text)
    out = tmp_path / "s.jsonl"
    rc = main(["synth", str(guide), "-o", str(out), "--no-offline", "--generator", "synthtest/cli-gen",
               "--judge", "synthtest/cli-judge", "--techniques", "roleplay,tool-injection", "--variations", "typos",
               "--languages", "es", "--seed", "9"])
    assert rc == 0
    err = capsys.readouterr().err
    assert re.search(r"synth: generate (\d+)/\1", err) and re.search(r"synth: judge (\d+)/\1", err)
    assert "model: requests" in err
    suite = read_suite(out)
    assert suite.seed == 9 and suite.config["model"] == "synthtest/cli-gen"
    assert {c.provenance.generator.split(":")[0] for c in suite.cases} == {"model", "operator"}


def test_a_judge_that_rejects_every_written_case_leaves_the_offline_suite_standing(small_guide: Guide, scripted) -> None:  # type: ignore[no-untyped-def]
    # `charter run` asks the model for a few cases beside the offline ones; on the fiction guide
    # the judge rejected the quick profile's one usable candidate and the whole job stopped with
    # "confirmed none of the 1 generated cases", no report, though the offline cases were ready
    def disagree(messages: list[Message], config: GenerateConfig, calls: int) -> str:
        return verdict(messages[-1].content, 0.9, answer="no")

    kw = {"generator": scripted("gen-x", generator_ok), "judge": scripted("no", disagree, role="judge"),
          "retries": 0, "techniques": ["roleplay"], "variations": [], "languages": []}
    suite = synthesize(small_guide, offline=True, model_cells=2, **kw)
    stats = suite.config["model_stats"]
    assert stats["accepted"] == 0 and stats["rejected"] == stats["candidates"] > 0  # type: ignore[index]
    assert suite.cases and not [c for c in suite.cases if c.provenance.generator.startswith("model:")]
    # model-written cases alone, or a judge whose verdicts could not be read: still an error
    with pytest.raises(CharterError, match="confirmed none"):
        synthesize(small_guide, offline=False, **kw)
    with pytest.raises(CharterError, match="confirmed none"):
        synthesize(small_guide, offline=True, model_cells=2, **{**kw, "judge": scripted("mute2", lambda m, c, n: "",
                                                                                         role="judge")})
