"""`charter serve GUIDE --upstream provider/model [--guard guard.yaml]`: the guarded,
OpenAI-compatible proxy (`/v1/chat/completions`, `/v1/models`, `/v1/feedback`, `/healthz`).

Binds 127.0.0.1 by default; any other address needs ``--api-keys FILE`` (one key or
``sha256:<hex>`` hash per line; raw keys are hashed on load). ``--hash-key KEY`` prints the
hash to store instead of the key.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import typer

from charter.cli._common import STORE_OPTION, parse_options
from charter.compile import compile_prompt, make_canary
from charter.errors import ConfigError
from charter.guard import (
    Guard,
    KeyRing,
    ServeConfig,
    compile_guard_config,
    create_app,
    hash_key,
    load_guard_config,
)
from charter.guide import load_guide
from charter.model import ModelRole, get_model


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        guide: Path | None = typer.Argument(None, help="The behavior guide (YAML)."),
        upstream: str | None = typer.Option(None, "--upstream", "-u", help="The model behind the proxy, provider/model."),
        guard_config: Path | None = typer.Option(None, "--guard", "-g", help="Guard config (default: compiled)."),
        judge: str | None = typer.Option(None, "--judge", "-j", help="Model for the LLM policy classifier."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (non-loopback needs --api-keys)."),
        port: int = typer.Option(8080, "--port", "-p"),
        api_keys: Path | None = typer.Option(None, "--api-keys", help="File of client API keys or sha256 hashes."),
        model_name: str = typer.Option("charter-guarded", "--model-name", help="Model id shown to clients."),
        keep_system: bool = typer.Option(False, "--keep-system", help="Keep the caller's system prompt."),
        content_filter: bool = typer.Option(False, "--content-filter", help="Blocks end with finish_reason content_filter."),
        rate_limit: float = typer.Option(600.0, "--rate-limit", help="Requests per minute per key (or client)."),
        max_body: int = typer.Option(1_000_000, "--max-body", help="Largest request body, bytes."),
        max_messages: int = typer.Option(256, "--max-messages"),
        upstream_timeout: float = typer.Option(60.0, "--upstream-timeout", help="Seconds."),
        client_timeout: float = typer.Option(15.0, "--client-timeout", help="Seconds to send the request body."),
        record: bool = typer.Option(True, "--record/--no-record", help="Record every exchange in the run store."),
        scrub: bool = typer.Option(True, "--scrub-pii/--keep-pii", help="Scrub PII and secrets from recordings."),
        option: list[str] = typer.Option(None, "--option", "-o", help="Upstream provider option key=value."),
        hash_only: str | None = typer.Option(None, "--hash-key", help="Print the sha256 hash of a key and exit."),
        store: Path | None = STORE_OPTION,
    ) -> int:
        """Serve GUIDE's guarded, OpenAI-compatible proxy in front of --upstream."""
        if hash_only is not None:
            typer.echo(hash_key(hash_only))
            return 0
        if guide is None or upstream is None:
            raise ConfigError("`charter serve` needs GUIDE and --upstream", hint="charter serve guide.yaml --upstream mock/comply")
        g = load_guide(guide)
        opts = parse_options(option)
        if guard_config is not None:
            cfg = load_guard_config(guard_config)
        else:
            cfg = compile_guard_config(g, canary=make_canary(g.fingerprint()), judge=judge is not None)
        prompt = compile_prompt(g, canary=cfg.canary).text
        judge_model = get_model(judge, role=ModelRole.judge) if judge else None
        guard = Guard(cfg, g, judge=judge_model, system_prompt=prompt)
        model = get_model(upstream, **opts)
        secrets = [str(v) for k, v in opts.items() if "key" in k.lower() or "token" in k.lower()]
        secrets += [v for k, v in os.environ.items() if k.endswith("_API_KEY") and v]
        config = ServeConfig(host=host, port=port, model_name=model_name, keep_system=keep_system,
                             content_filter=content_filter, rate_limit_per_minute=rate_limit, max_body_bytes=max_body,
                             max_messages=max_messages, upstream_timeout_s=upstream_timeout,
                             client_timeout_s=client_timeout, record=record, scrub_pii=scrub,
                             store_path=str(store) if store else None)
        keys = KeyRing.from_file(api_keys) if api_keys is not None else KeyRing()
        web_app = create_app(guard, model, config, keys=keys, system_prompt=prompt, secrets=secrets)
        from aiohttp import web

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        typer.echo(f"charter serve: {g.meta.name} in front of {model.name} on http://{host}:{port} "
                   f"({sum(s.enabled for s in cfg.guards)} guards, keys: {len(keys) or 'off'}, "
                   f"recording: {'on' if record else 'off'})", err=True)
        web.run_app(web_app, host=host, port=port, access_log=None, print=None)
        return 0
