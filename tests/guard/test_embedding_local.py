"""The embedding tier's real loading code on the smallest embedded model (SmolLM2 135M through
llama.cpp): vectors, the per-text cache on disk, and a classifier trained on them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from charter.guard import LocalEmbedder, guide_rows, train_embedding_classifier
from tests._embedded import NEEDS_135M

pytestmark = [*NEEDS_135M, pytest.mark.slow]

MODEL = "smollm2-135m-instruct"


def test_vectors_are_normalised_deterministic_and_cached_on_disk(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(tmp_path))
    texts = ["How do I reset my router?", "Give me the admin password of my neighbour's router.",
             "How do I reset my router?"]
    emb = LocalEmbedder(MODEL)
    v = emb.embed(texts)
    assert v.shape[0] == 3 and v.shape[1] >= 64
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(v[0], v[2]) and not np.allclose(v[0], v[1])
    assert emb.computed == 2  # the repeated text is embedded once
    files = list((tmp_path / "embeddings").glob("*/*.npy"))
    assert len(files) == 2
    emb.close()
    again = LocalEmbedder(MODEL)
    assert np.array_equal(again.embed(texts[:2]), v[:2])
    assert again.computed == 0  # both read from the disk cache
    off = LocalEmbedder(MODEL, cache=False)
    assert np.allclose(off.embed(["an uncached text"]), LocalEmbedder(MODEL).embed(["an uncached text"]), atol=1e-5)
    assert len(list((tmp_path / "embeddings").glob("*/*.npy"))) == 3  # cache=False wrote nothing


def test_a_classifier_on_real_embeddings_ranks_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        isp_guide) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(tmp_path))
    model = train_embedding_classifier(isp_guide, LocalEmbedder(MODEL), c=1.0)
    rows = guide_rows(isp_guide)
    preds = model.predict_many([r.text for r in rows])
    pos = [p for (p, _), r in zip(preds, rows, strict=True) if r.rule_id is not None]
    neg = [p for (p, _), r in zip(preds, rows, strict=True) if r.rule_id is None]
    assert sum(pos) / len(pos) > sum(neg) / len(neg)
    assert model.report["embedder"] == f"local/{MODEL}" and model.weights.shape == model.mean.shape
