"""Base models to train from: ``hf/<id or path>`` and the embedded GGUF files
(``local/<name>``), which transformers loads and dequantises."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from charter.errors import ConfigError, MissingExtraError, ModelError
from charter.model import resolve_local_model

__all__ = ["BaseSpec", "load_base", "require", "resolve_base"]


def require(package: str) -> Any:
    """Import one of the training packages or raise the "install charter[train]" error."""
    import importlib

    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingExtraError(package, "train", "charter train") from None


@dataclass(frozen=True)
class BaseSpec:
    """Where a base model's weights are: a Hub id or folder, and the GGUF file in it if any."""

    name: str
    path: str
    gguf_file: str | None = None
    sha256: str | None = None


def resolve_base(name: str) -> BaseSpec:
    """``hf/<id or path>`` or ``local/<catalogue name or .gguf path>`` → a :class:`BaseSpec`."""
    provider, _, rest = name.partition("/")
    if not rest:
        raise ConfigError(f"--base {name!r}: expected provider/model",
                          hint="use hf/<hub id or folder> or local/<name> (see `charter models`)")
    if provider == "hf":
        return BaseSpec(name=name, path=rest)
    if provider == "local":
        file = resolve_local_model(rest)  # a catalogue file is verified against its sha256
        h = hashlib.sha256()
        with file.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return BaseSpec(name=name, path=str(file.parent), gguf_file=file.name, sha256=h.hexdigest())
    raise ConfigError(f"--base {name!r}: cannot train a {provider}/ model",
                      hint="train from hf/<hub id or folder> or local/<name> (an embedded GGUF file)")


def load_base(spec: BaseSpec, *, local_files_only: bool = True, reward: bool = False) -> tuple[Any, Any]:
    """The tokenizer and causal LM of ``spec`` (float32; a GGUF file is dequantised); with
    ``reward``, the same backbone with a one-output sequence-classification head (a new,
    randomly initialised ``score`` layer): a reward model to train."""
    tf = require("transformers")
    kwargs: dict[str, Any] = {"local_files_only": local_files_only}
    gguf_kwargs: dict[str, Any] = {}
    if spec.gguf_file:
        require("gguf")
        kwargs["gguf_file"] = spec.gguf_file
        gguf_config = getattr(tf, "GgufConfig", None)
        if gguf_config is not None:  # transformers >= 5 keeps GGUF blocks unless told to unpack
            gguf_kwargs["quantization_config"] = gguf_config(dequantize=True)
    try:
        tok = tf.AutoTokenizer.from_pretrained(spec.path, **kwargs)
        if reward:
            lm = tf.AutoModelForSequenceClassification.from_pretrained(spec.path, num_labels=1, **kwargs,
                                                                       **gguf_kwargs)
        else:
            lm = tf.AutoModelForCausalLM.from_pretrained(spec.path, **kwargs, **gguf_kwargs)
    except (OSError, ValueError) as e:
        raise ModelError(f"{spec.name}: cannot load the base model ({str(e).splitlines()[0][:300]})",
                         hint="give a folder saved with save_pretrained, a Hub id already in the "
                              "local cache, or local/<name> (see `charter models`)") from None
    if spec.gguf_file:
        _detach_gguf(lm, spec)
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    if reward:  # the classification head reads the last token that is not padding
        lm.config.pad_token_id = tok.pad_token_id
    return tok, lm


def _detach_gguf(lm: Any, spec: BaseSpec) -> None:
    """A dequantised GGUF model is a plain dense model; drop the loader's quantizer so that
    it trains and saves like one (after checking every weight really is dense floats)."""
    for name, p in lm.named_parameters():
        if not p.dtype.is_floating_point:
            raise ModelError(f"{spec.name}: weight {name} is still quantised ({p.dtype}) after loading",
                             hint="upgrade transformers and gguf (pip install -U 'charter[train]')")
    lm.hf_quantizer = None
    if hasattr(lm.config, "quantization_config"):
        del lm.config.quantization_config
