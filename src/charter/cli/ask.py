"""`charter ask MODEL PROMPT`: one chat request, the answer on stdout, usage on stderr."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from charter.errors import ConfigError
from charter.model import GenerateConfig, ModelOutput, get_model


def parse_options(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` pairs → provider options; values that parse as JSON (numbers, booleans,
    objects) are typed, the rest stay strings."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--option '{pair}' is not key=value",
                              hint="e.g. --option base_url=http://localhost:8000/v1")
        try:
            out[key.strip()] = json.loads(value)
        except ValueError:
            out[key.strip()] = value
    return out


def _schema(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--json-schema file '{path}' not found", hint="give a JSON schema file") from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}:{e.lineno}:{e.colno}: not valid JSON ({e.msg})",
                          hint="the --json-schema file must be a JSON schema object") from None
    if not isinstance(schema, dict):
        raise ConfigError(f"{path}: a JSON schema must be an object", hint='e.g. {"type": "object", ...}')
    return schema


async def _ask(model_name: str, messages: list[dict[str, str]], config: GenerateConfig,
               options: dict[str, Any]) -> ModelOutput:
    async with get_model(model_name, **options) as model:
        return await model.generate(messages, config)


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask(
        model: str = typer.Argument(..., help="provider/model, e.g. openai/gpt-4o-mini or local/qwen2.5-0.5b-instruct."),
        prompt: str = typer.Argument(..., help="The user message ('-' reads it from stdin)."),
        system: str | None = typer.Option(None, "--system", "-s", help="System prompt."),
        temperature: float | None = typer.Option(None, "--temperature", "-t", min=0.0, max=2.0,
                                                 help="Sampling temperature (0 = greedy)."),
        max_tokens: int | None = typer.Option(None, "--max-tokens", min=1, help="Most tokens to generate."),
        seed: int | None = typer.Option(None, "--seed", help="Sampling seed, where the provider supports it."),
        json_schema: Annotated[Path | None, typer.Option(
            "--json-schema", help="JSON schema file the answer must follow.")] = None,
        option: Annotated[list[str] | None, typer.Option(
            "--option", "-o", help="Provider option key=value (repeatable).")] = None,
        fmt: str = typer.Option("text", "--format", "-f", help="text (the answer) or json (the whole output)."),
    ) -> int:
        """Send one chat request and print the answer (usage and latency go to stderr)."""
        if fmt not in ("text", "json"):
            raise ConfigError(f"--format must be text or json, not {fmt!r}", hint="use --format json")
        text = sys.stdin.read() if prompt == "-" else prompt
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": text}]
        fields: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens, "seed": seed,
                                  "response_schema": _schema(json_schema)}
        config = GenerateConfig(**{k: v for k, v in fields.items() if v is not None})
        t0 = time.perf_counter()
        out = asyncio.run(_ask(model, messages, config, parse_options(option or [])))
        wall = time.perf_counter() - t0
        if fmt == "json":
            typer.echo(json.dumps(out.model_dump(mode="json"), indent=2, ensure_ascii=False))
        else:
            typer.echo(out.text)
        u = out.usage
        cost = f" · ${u.cost:.6f}" if u.cost else ""
        typer.echo(f"[{out.model} · {u.input_tokens} in / {u.output_tokens} out tokens · "
                   f"{out.latency_s or wall:.2f}s · {out.finish_reason or '-'}{cost}]", err=True)
        return 0
