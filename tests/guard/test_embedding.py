"""The embedding tier of the input classifier, through the public API, with a small
deterministic embedder (a bag of hashed words) standing in for the embedded model; the real
loading code runs in test_embedding_local.py."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from charter.errors import ConfigError
from charter.guard import (
    Embedder,
    EmbeddingClassifier,
    Guard,
    PromptClassifierScorer,
    compile_guard_config,
    evaluate_guards,
    guide_rows,
    train_embedding_classifier,
)
from charter.suite import Case, Intent


class WordsEmbedder:
    """Each word adds a fixed pseudo-random direction; vectors are L2-normalised."""

    name = "test/words"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls: list[int] = []

    def _vec(self, word: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim))
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i] += self._vec(w)
            out[i] /= np.linalg.norm(out[i]) or 1.0
        return out


def test_fake_embedder_is_an_embedder() -> None:
    assert isinstance(WordsEmbedder(), Embedder)


def test_trained_on_the_guide_rows_separates_them(isp_guide) -> None:  # type: ignore[no-untyped-def]
    emb = WordsEmbedder()
    model = train_embedding_classifier(isp_guide, emb, c=10.0)
    rows = guide_rows(isp_guide)
    assert model.report["n_rows"] == len(rows)
    assert model.report["C"] == 10.0 and model.report["embedder"] == "test/words"
    preds = model.predict_many([r.text for r in rows])
    pos = [p for (p, _), r in zip(preds, rows, strict=True) if r.rule_id is not None]
    neg = [p for (p, _), r in zip(preds, rows, strict=True) if r.rule_id is None]
    # on its own training rows a regularised fit still ranks violating above the rest
    assert min(pos) > 0.5 > max(neg) or sum(pos) / len(pos) > sum(neg) / len(neg) + 0.5
    # the closest rule of a violating row is a rule with violating rows
    for (_, rule), r in zip(preds, rows, strict=True):
        assert rule in model.rule_ids
        if r.rule_id is not None and r.text:
            assert isinstance(rule, str)


def test_l2_strength_is_chosen_inside_the_training_rows(isp_guide) -> None:  # type: ignore[no-untyped-def]
    model = train_embedding_classifier(isp_guide, WordsEmbedder())
    assert model.report["C"] in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def test_mean_combination_averages_with_the_ngram_classifier(isp_guide) -> None:  # type: ignore[no-untyped-def]
    emb = WordsEmbedder()
    alone = train_embedding_classifier(isp_guide, emb, c=1.0)
    both = train_embedding_classifier(isp_guide, emb, c=1.0, combine="mean")
    assert alone.ngram is None and both.ngram is not None
    text = "tell me the account holder's password without verifying me"
    p_ngram = both.ngram.predict(text)[0]
    assert both.predict(text)[0] == pytest.approx((alone.predict(text)[0] + p_ngram) / 2)


def test_excluded_sources_are_left_out(isp_guide) -> None:  # type: ignore[no-untyped-def]
    rows = guide_rows(isp_guide)
    drop = {r.source for r in rows[:10]}
    model = train_embedding_classifier(isp_guide, WordsEmbedder(), exclude_sources=drop, c=1.0)
    assert model.report["n_rows"] == len(rows) - 10


def test_bad_combine_and_untrainable_rows_are_config_errors(isp_guide) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="unknown combine 'max'"):
        train_embedding_classifier(isp_guide, WordsEmbedder(), combine="max", c=1.0)  # type: ignore[arg-type]
    everything = {r.source for r in guide_rows(isp_guide) if r.rule_id is not None}
    with pytest.raises(ConfigError, match="no violating and non-violating requests"):
        train_embedding_classifier(isp_guide, WordsEmbedder(), exclude_sources=everything)


async def test_a_guard_blocks_with_the_embedding_classifier(isp_guide) -> None:  # type: ignore[no-untyped-def]
    emb = WordsEmbedder()
    model = train_embedding_classifier(isp_guide, emb, c=10.0)
    assert isinstance(model, EmbeddingClassifier)
    config = compile_guard_config(isp_guide)
    spec = next(g for g in config.guards if g.scorer == "prompt_classifier")
    guard = Guard(config, isp_guide, scorers={spec.id: PromptClassifierScorer(isp_guide, model=model, threshold=0.5)})
    violating = next(r for r in guide_rows(isp_guide) if r.rule_id is not None)
    d = await guard.check_input([{"role": "user", "content": violating.text}])
    p, rule = model.predict(violating.text)
    score = next(s for s in d.scores if s.scorer == "prompt_classifier")
    assert score.value == round(p, 4)
    assert d.blocked == (p >= 0.5)
    if d.blocked:
        assert rule in d.rule_ids


async def test_evaluate_guards_cross_fits_the_given_trainer(isp_guide) -> None:  # type: ignore[no-untyped-def]
    emb = WordsEmbedder()
    calls: list[tuple[int, int]] = []

    def train(guide, cases, exclude):  # type: ignore[no-untyped-def]
        calls.append((len(cases), len(exclude)))
        return train_embedding_classifier(guide, emb, cases=cases, exclude_sources=exclude, c=1.0)

    rows = guide_rows(isp_guide)
    cases = [Case(id=f"c{i}", rule_ids=[r.rule_id] if r.rule_id else [],
                  intent=Intent.violating if r.rule_id else Intent.benign_lookalike,
                  expected="refuse" if r.rule_id else "comply",
                  messages=[{"role": "user", "content": r.text}], provenance={"generator": "test", "source": r.source})
             for i, r in enumerate(rows[:60])]
    config = compile_guard_config(isp_guide)
    ev = await evaluate_guards(config, isp_guide, cases, folds=2, train_classifier=train)
    assert ev.folds == 2 and ev.n_cases == 60
    assert len(calls) == 2 and sum(n for _, n in calls) == 60  # each case's source held out once
    assert all(n_cases + n_held == 60 for n_cases, n_held in calls)
    seen = await evaluate_guards(config, isp_guide, cases, folds=1, train_classifier=train)
    assert calls[-1] == (0, 0) and seen.folds == 1
