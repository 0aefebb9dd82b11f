"""`charter.Context`: registries and process-lived objects hang off an explicit context with a
default, not module globals."""

from __future__ import annotations

from pathlib import Path

import pytest

import charter
from charter.errors import CharterError
from charter.evaluate import scorers
from charter.model import get_model, providers
from charter.registry import Context, Registry, current_context, default_context, use_context


def test_a_child_sees_the_builtins_and_keeps_its_own_plugins() -> None:
    kind: Registry[str] = Registry("widget")
    kind.add("base", "from the default")
    ctx = Context()
    kind.add("extra", "only here", context=ctx)
    assert kind.names(context=ctx) == ["base", "extra"]
    assert kind.names() == ["base"] and "extra" not in kind
    with ctx:
        assert current_context() is ctx and "extra" in kind and kind.get("base") == "from the default"
    assert current_context() is default_context()
    kind.add("base", "shadowed", context=ctx)  # the nearest context wins
    assert kind.get("base", context=ctx) == "shadowed" and kind.get("base") == "from the default"
    assert [*kind.items(context=ctx)] == [("base", "shadowed"), ("extra", "only here")]


def test_registering_twice_and_unknown_names_say_what_to_do() -> None:
    kind: Registry[int] = Registry("gadget")
    ctx = Context()
    kind.add("one", 1, context=ctx)
    kind.add("one", 1, context=ctx)  # the same object again is harmless
    with pytest.raises(CharterError, match="gadget 'one' is registered twice") as e:
        kind.add("one", 2, context=ctx)
    assert e.value.hint == "rename one of the plugins"
    with pytest.raises(CharterError, match="unknown gadget 'onr'") as e:
        kind.get("onr", context=ctx)
    assert e.value.hint == "did you mean 'one'?"


def test_decorators_register_into_the_context_that_is_registering() -> None:
    from charter.evaluate import CheckScorer, Verdict, check

    with Context() as ctx, ctx.registering():
        @check("ctx_only")
        class CtxOnly(CheckScorer):
            def evaluate(self, case, response):  # type: ignore[no-untyped-def]
                return self.make(case, Verdict.pass_)

        assert scorers.get("ctx_only").factory is CtxOnly
    assert "ctx_only" in scorers.names(context=ctx) and "ctx_only" not in scorers.names()
    assert "refusal" in scorers.names(context=ctx)  # built-ins through the default


def test_resources_are_made_once_per_context_and_closed_with_it() -> None:
    closed: list[str] = []
    ctx = Context()
    made = ctx.resource("pool", lambda: ["pool"], close=lambda obj: closed.append(obj[0]))
    assert ctx.resource("pool", lambda: ["other"]) is made
    assert Context().resource("pool", lambda: ["other"]) == ["other"]  # another context, another object
    with use_context(ctx):
        pass
    assert closed == []  # use_context does not close
    with ctx:
        pass
    assert closed == ["pool"]
    assert ctx.resource("pool", lambda: ["fresh"]) == ["fresh"]  # closed resources are forgotten


def test_the_top_level_names_and_an_explicit_context_for_models() -> None:
    assert charter.Context is Context and charter.default_context() is default_context()
    ctx = Context()
    with pytest.raises(CharterError, match="unknown model provider 'acme'"):
        get_model("acme/large", context=ctx)
    assert "mock" in providers.names(context=ctx)
    assert get_model("mock/refuse", context=ctx).name == "mock/refuse"


def _providers_loaded_after(statement: str) -> list[str]:
    import json
    import subprocess
    import sys

    code = (f"{statement}\nimport json, sys\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('charter.model._providers.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m.rsplit(".", 1)[1] for m in json.loads(out.stdout.strip().splitlines()[-1])]


def test_looking_up_one_provider_imports_only_its_module() -> None:
    # start-up: `charter eval --target openai/...` does not import llama.cpp's or Anthropic's module
    loaded = _providers_loaded_after(
        "from charter.model import get_model\nget_model('ollama/x', base_url='http://127.0.0.1:9/v1')")
    assert loaded == ["openai"]
    assert _providers_loaded_after("from charter.model import providers\nproviders.names()") == [
        "anthropic", "hf", "http", "local", "mock", "openai", "python", "replay"]


def test_every_builtin_provider_lives_where_the_registry_looks_for_it() -> None:
    names = providers.names()
    assert set(providers.homes) <= set(names)
    for name, home in providers.homes.items():
        assert providers.get(name).__module__ == home, name
    # an unknown name still lists every provider, built-in and plugin
    with pytest.raises(CharterError, match="unknown model provider 'opneai'") as e:
        get_model("opneai/x")
    assert "did you mean 'openai/x'?" in str(e.value.hint)
    a: Registry[str] = Registry("gizmo", homes={"lost": "charter.errors"})  # a home that does not register it
    a.add("lost", "found anyway")
    assert a.find("lost") == "found anyway" and a.find("nowhere") is None


def test_a_run_without_a_judge_does_not_import_the_judges() -> None:
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom charter.guide import load_guide\nfrom charter.evaluate import build_scorers\n"
            "g = load_guide('examples/isp-support.yaml')\nids = [s.id for s in build_scorers(g)]\n"
            "print(json.dumps([ids, 'charter.evaluate.judges' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    ids, judges_loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "refusal" in ids and "verbosity" in ids and not judges_loaded
    # asking for a judge by name imports them then
    assert scorers.get("rubric").family == "judge"
