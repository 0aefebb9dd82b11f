"""A judge's answers kept in the run store, so that a second run of a guide does not ask them again.

Inside a run the runner hands its :class:`~charter.store.AnswerCache` to the scorers
(:data:`~charter.store.current_answer_cache`); :func:`ask_kept` looks the question up there
before asking the judge model, and keeps the answer it had to ask for. The key
(:func:`answer_key`) holds everything the answer depends on:

* the judge model: its name, and what the provider says identifies it beyond the name (the
  sha256 of an embedded model's file, the base URL of a server; for a model file given by
  path, its path, size and modification time; for a model named by a local folder, the size
  and modification time of each file in it; a ``revision`` option);
* the generation config (:meth:`GenerateConfig.cache_key_part`);
* the question: its messages with the fence token left out (:meth:`Question.key`, the key of
  the per-process memo), so the whole prompt — rubric, rule text, conversation, response — is
  in it and an edit to any of them asks again;
* :data:`ANSWERS_VERSION`.

What is kept is the model's raw output (text and log-probabilities), and it is read by the
same code as a fresh one, so a kept answer gives the Score the first answer gave. An output
the judge could not read (``read`` gave ``None``: neither Yes nor No, junk JSON) is not kept;
a kept one it cannot read (a corrupt row) is asked again and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from charter.model import GenerateConfig, Model, ModelOutput
from charter.store import current_answer_cache

__all__ = ["ANSWERS_VERSION", "answer_key", "ask_kept", "judge_identity"]

T = TypeVar("T")

#: part of every key: bump it when a judge's request changes in a way its messages and config do
#: not show (how a question is sent or its answer read: a provider's chat template or grammar, a
#: yes/no judge reading another token), so that answers kept by the earlier code are asked again
ANSWERS_VERSION = "judge-answers-1"

#: what a provider's ``describe()`` may say about a model beyond its name that changes its answers
_IDENTITY_KEYS = ("sha256", "file", "base_url")


def judge_identity(model: Model) -> dict[str, Any]:
    """What identifies ``model``'s answers: its name, the identity fields of its provider's
    ``describe()`` (:data:`_IDENTITY_KEYS`), and for a ``path`` option naming a file, that
    file's resolved path, size and modification time (a file replaced under the same name
    asks again)."""
    out: dict[str, Any] = {"name": model.name}
    try:
        described = model.api.describe()
    except Exception:  # a plugin's describe() that fails: the name alone
        described = {}
    for k in _IDENTITY_KEYS:
        if k in described:
            out[k] = described[k]
    options = model.api.options if isinstance(model.api.options, dict) else {}
    path = options.get("path")
    if path:
        out["path"] = _fingerprint(path)
    elif isinstance(model.api.model, str) and model.api.model and os.path.isdir(model.api.model):
        # a model named by a local folder (``hf/./my-judge``): retrained or re-saved in place,
        # its files change while its name does not
        out["folder"] = _fingerprint(model.api.model)
    if options.get("revision"):
        out["revision"] = str(options["revision"])
    return out


#: a folder with more files than this is fingerprinted by its first ones (sorted by name)
_MAX_FOLDER_FILES = 256


def _fingerprint(path: Any) -> Any:
    """``path``'s resolved name with its size and modification time; for a folder, those of
    each file directly in it (weights, config, tokenizer), so a file rewritten in place changes
    the fingerprint. A path that cannot be read: its text."""
    try:
        real = os.path.realpath(path)
        if not os.path.isdir(real):
            st = os.stat(real)
            return [real, st.st_size, st.st_mtime_ns]
        files: list[list[Any]] = []
        with os.scandir(real) as entries:
            for e in sorted(entries, key=lambda e: e.name)[:_MAX_FOLDER_FILES]:
                if e.is_file():
                    st = e.stat()
                    files.append([e.name, st.st_size, st.st_mtime_ns])
        return [real, files]
    except (OSError, TypeError, ValueError):
        return str(path)


def answer_key(model: Model, config: GenerateConfig, question: str) -> str:
    """The store key of ``model``'s answer to ``question`` (a :meth:`Question.key`) under
    ``config`` (merged over the model's own config, as :meth:`Model.generate` sends it)."""
    cfg = model.config.merged(config).cache_key_part()
    payload = json.dumps({"v": ANSWERS_VERSION, "judge": judge_identity(model), "cfg": cfg, "q": question},
                         sort_keys=True, ensure_ascii=False, default=str)
    return "judge:" + hashlib.sha256(payload.encode()).hexdigest()


async def ask_kept(model: Model, messages: Sequence[dict[str, str]], config: GenerateConfig, question: str,
                   read: Callable[[ModelOutput], T | None]) -> tuple[ModelOutput, T | None]:
    """``model``'s answer to ``messages`` and ``read``'s reading of it (``None``: not usable).
    In a run with the cache on, an answer kept under ``question`` that ``read`` can use is
    returned without asking the model; an answer asked for, if usable, is kept."""
    answers = current_answer_cache.get()
    if answers is None:
        out = await model.generate(list(messages), config)
        return out, read(out)
    key = answer_key(model, config, question)
    kept = answers.get(key)
    if kept is not None:
        reading = read(kept)
        if reading is not None:
            return kept, reading
    out = await model.generate(list(messages), config)
    reading = read(out)
    if reading is not None:
        answers.put(key, model.name, out)
    return out, reading
