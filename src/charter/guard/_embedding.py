"""The embedding tier of the input classifier: sentence embeddings from an embedded GGUF
model (llama.cpp through ``xllamacpp``, mean pooling), fitted with an L2-regularised logistic
regression on the same training rows as the n-gram classifier (:func:`guide_rows`, and
:func:`case_rows` of any cases given).

- :class:`LocalEmbedder` loads the model lazily, on the first text it embeds, and keeps every
  vector it computed: in memory, and on disk under ``$CHARTER_CACHE_DIR/embeddings/`` (one
  ``.npy`` per text, keyed by the model file and a hash of the text), so a bench or a second
  guard does not compute it again.
- :func:`train_embedding_classifier` chooses the L2 strength by cross-validation inside the
  training rows (never on the cases it is evaluated on), and can average its probability with
  the n-gram classifier's (``combine="mean"``).
- :class:`EmbeddingClassifier` has the n-gram classifier's ``predict(text)`` →
  (p(violating), closest rule), the rule being the one whose violating rows' mean embedding
  is closest (cosine).

Any object with ``name`` and ``embed(texts) -> array (n, d)`` is an :class:`Embedder`; tests
use a small deterministic one.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast, runtime_checkable

from charter.errors import ConfigError, MissingExtraError, ModelFileError
from charter.guard._classifier import (
    PromptClassifier,
    train_prompt_classifier,
    training_rows,
)
from charter.guide import Guide
from charter.suite import Case

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "Embedder",
    "EmbeddingClassifier",
    "LocalEmbedder",
    "train_embedding_classifier",
]

#: the embedded model the embedding tier uses unless told otherwise
DEFAULT_EMBEDDING_MODEL = "qwen2.5-0.5b-instruct"
#: L2 strengths (1/C of scikit-learn) tried by cross-validation inside the training rows
_CS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
Combine = Literal["none", "mean"]


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise MissingExtraError("numpy", "classifiers", "The guard's embedding classifier") from None
    return numpy


def _sklearn_lr() -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MissingExtraError("scikit-learn", "fit", "The guard's embedding classifier") from None
    return LogisticRegression


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors: ``embed(texts)`` → a float array of shape (len(texts), d)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _cache_root() -> Path:
    env = os.environ.get("CHARTER_CACHE_DIR")
    return (Path(env).expanduser() if env else Path.home() / ".cache" / "charter") / "embeddings"


class LocalEmbedder:
    """Mean-pooled sentence embeddings from an embedded GGUF model (``local/<name>`` names
    such as ``qwen2.5-0.5b-instruct`` or ``smollm2-135m-instruct``, or a path to a .gguf
    file). The model loads on the first call of :meth:`embed`; vectors are L2-normalised
    and kept per text: the last ``max_memory`` in memory and, unless ``cache=False``, every
    one on disk under ``$CHARTER_CACHE_DIR/embeddings/``. ``threads`` 0: half the usable
    cores."""

    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL, *, threads: int = 0, cache: bool = True,
                 batch: int = 16, max_memory: int = 20_000) -> None:
        self.model = model
        self.name = f"local/{model}"
        self.threads = threads
        self.batch = batch
        self.max_memory = max_memory
        self._use_disk = cache
        self._mem: dict[str, Any] = {}
        self._server: Any = None
        self._dir: Path | None = None
        self._lock = threading.Lock()
        self.computed = 0  # vectors computed by the model (not found in a cache)

    def _path(self) -> str:
        from charter.model import resolve_local_model

        return str(resolve_local_model(self.model) if not self.model.lower().endswith(".gguf") else Path(self.model))

    def _start(self) -> Any:
        try:
            import xllamacpp
        except ImportError:
            raise MissingExtraError("xllamacpp", "local", "The embedding input classifier") from None
        from charter.model import lock_llama_listener

        path = self._path()
        p = xllamacpp.CommonParams()
        p.model.path = path
        p.embedding = True
        p.pooling_type = xllamacpp.llama_pooling_type.LLAMA_POOLING_TYPE_MEAN
        p.n_parallel = 1
        p.n_ctx = 2048
        p.n_batch = p.n_ubatch = 2048  # an embedding is computed in one batch: the whole text
        # half the usable cores, as the local provider generates: on a busy machine threads
        # that wait for each other at every layer are slower than fewer threads
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        n = self.threads or max(1, cores // 2)
        p.cpuparams.n_threads = p.cpuparams_batch.n_threads = n
        p.cpuparams.poll = p.cpuparams_batch.poll = 0
        lock_llama_listener(p, http_threads=1)
        try:
            server = xllamacpp.Server(p)
        except Exception as e:
            raise ModelFileError(f"llama.cpp could not load {path} for embeddings ({e})",
                                 hint="check the model with `charter models`; any GGUF chat model works") from None
        if self._use_disk:
            self._dir = _cache_root() / (hashlib.blake2b(path.encode(), digest_size=6).hexdigest() + "-mean")
        return server

    def _key(self, text: str) -> str:
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    def _load(self, key: str) -> Any:
        if self._dir is None:
            return None
        try:
            return _numpy().load(self._dir / f"{key}.npy")
        except (OSError, ValueError):
            return None

    def _store(self, key: str, vec: Any) -> None:
        if self._dir is None:
            return
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            tmp = self._dir / f".{key}.{os.getpid()}.npy"
            _numpy().save(tmp, vec)
            tmp.replace(self._dir / f"{key}.npy")
        except OSError:  # a cache that cannot be written is skipped
            pass

    def _remember(self, key: str, vec: Any) -> None:
        self._mem[key] = vec
        while len(self._mem) > self.max_memory:  # oldest first: a long-running guard stays flat
            self._mem.pop(next(iter(self._mem)))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        xp = _numpy()
        with self._lock:
            if self._server is None:
                self._server = self._start()
            keys = [self._key(t) for t in texts]
            got: dict[str, Any] = {}
            todo: dict[str, str] = {}
            for t, k in zip(texts, keys, strict=True):
                v = self._mem.get(k)
                if v is None:
                    v = self._load(k)
                    if v is not None:
                        self._remember(k, v)
                if v is not None:
                    got[k] = v
                else:
                    todo[k] = t or " "
            items = list(todo.items())
            for i in range(0, len(items), self.batch):
                part = items[i:i + self.batch]
                out = self._server.handle_embeddings({"input": [t[:6000] for _, t in part]})
                if not isinstance(out, dict) or "data" not in out:
                    raise ModelFileError(f"{self.name} returned no embeddings ({str(out)[:200]})",
                                         hint="use a GGUF model llama.cpp can embed with (any decoder chat model)")
                for (k, _), row in zip(part, sorted(out["data"], key=lambda d: d.get("index", 0)), strict=True):
                    v = xp.asarray(row["embedding"], dtype=xp.float32)
                    v /= float(xp.linalg.norm(v)) or 1.0
                    got[k] = v
                    self._remember(k, v)
                    self._store(k, v)
                    self.computed += 1
            return cast("np.ndarray", xp.stack([got[k] for k in keys]) if keys
                        else xp.zeros((0, 0), dtype=xp.float32))

    def close(self) -> None:
        """Free the model (it loads again on the next call)."""
        with self._lock:
            self._server = None


@dataclass
class EmbeddingClassifier:
    """``predict(text)`` → (p(violating), the closest rule id), from the text's embedding
    (averaged with the n-gram classifier's probability when ``ngram`` is set)."""

    embedder: Embedder
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    rule_ids: list[str]
    centroids: np.ndarray
    guide_fingerprint: str
    ngram: PromptClassifier | None = None
    report: dict[str, Any] = field(default_factory=dict)

    def p_embedding(self, vectors: np.ndarray) -> np.ndarray:
        xp = _numpy()
        z = ((vectors - self.mean) / self.scale) @ self.weights + self.bias
        return cast("np.ndarray", xp.asarray(1.0 / (1.0 + xp.exp(-xp.clip(z, -60.0, 60.0)))))

    def predict_many(self, texts: Sequence[str]) -> list[tuple[float, str | None]]:
        vecs = self.embedder.embed(list(texts))
        ps = self.p_embedding(vecs)
        sims = vecs @ self.centroids.T if self.rule_ids else None
        out: list[tuple[float, str | None]] = []
        for i, text in enumerate(texts):
            p = float(ps[i])
            if self.ngram is not None:
                p = (p + self.ngram.predict(text)[0]) / 2
            rule = self.rule_ids[int(sims[i].argmax())] if sims is not None else None
            out.append((p, rule))
        return out

    def predict(self, text: str) -> tuple[float, str | None]:
        return self.predict_many([text])[0]


def _cv_c(lr_cls: Any, np: Any, x: Any, y: Any, folds: int = 5) -> float:
    """The inverse L2 strength with the lowest class-balanced log-loss over ``folds``
    stratified folds of the training rows."""
    rng = np.random.default_rng(0)
    fold = np.empty(len(y), dtype=int)
    for cls in (0, 1):
        idx = np.flatnonzero(y == cls)
        fold[rng.permutation(idx)] = np.arange(len(idx)) % folds
    wt = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    best, best_c = float("inf"), _CS[0]
    for c in _CS:
        loss = 0.0
        for k in range(folds):
            tr, te = fold != k, fold == k
            if te.sum() == 0 or len(set(y[tr].tolist())) < 2:
                continue
            m = lr_cls(C=c, class_weight="balanced", max_iter=2000).fit(x[tr], y[tr])
            p = np.clip(m.predict_proba(x[te])[:, 1], 1e-6, 1 - 1e-6)
            loss -= float((wt[te] * (y[te] * np.log(p) + (1 - y[te]) * np.log(1 - p))).sum())
        if loss < best:
            best, best_c = loss, c
    return best_c


def train_embedding_classifier(guide: Guide, embedder: Embedder, *, cases: Sequence[Case] = (),
                               exclude_sources: Iterable[str] = (), combine: Combine = "none",
                               c: float | None = None) -> EmbeddingClassifier:
    """Train the embedding tier on the n-gram classifier's rows from ``guide`` (and
    ``cases``), leaving out rows whose source is in ``exclude_sources``. ``c`` (inverse L2
    strength) is chosen by 5-fold cross-validation inside those rows when not given;
    ``combine="mean"`` averages the probability with an n-gram classifier trained on the same
    rows."""
    np = _numpy()
    lr_cls = _sklearn_lr()
    exclude_sources = tuple(exclude_sources)  # read twice (with combine="mean")
    rows = training_rows(guide, cases, exclude_sources)
    if combine not in ("none", "mean"):
        raise ConfigError(f"unknown combine '{combine}' for the embedding classifier", hint="use none or mean")
    vecs = np.asarray(embedder.embed([r.text for r in rows]), dtype=np.float64)
    y = np.array([r.rule_id is not None for r in rows], dtype=np.int64)
    mean = vecs.mean(axis=0)
    scale = vecs.std(axis=0) + 1e-6
    x = (vecs - mean) / scale
    if c is None:
        c = _cv_c(lr_cls, np, x, y)
    m = lr_cls(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
    rule_ids = sorted({r.rule_id for r in rows if r.rule_id is not None})
    cents = np.stack([vecs[[r.rule_id == rid for r in rows]].mean(axis=0) for rid in rule_ids])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True) + 1e-12
    ngram = train_prompt_classifier(guide, cases=cases, exclude_sources=exclude_sources) if combine == "mean" else None
    report = {"n_rows": len(rows), "n_violating": sum(r.rule_id is not None for r in rows), "rules": rule_ids, "C": c, "embedder": embedder.name,
              "combine": combine}
    return EmbeddingClassifier(embedder, mean.astype(np.float32), scale.astype(np.float32),
                               m.coef_[0].astype(np.float32), float(m.intercept_[0]), rule_ids,
                               cents.astype(np.float32), guide.fingerprint(), ngram, report)
