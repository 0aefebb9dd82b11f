"""`charter models`: the model providers (with their install state) and the local models."""

from __future__ import annotations

import importlib.util
import json
import sys
from typing import Any

import typer

from charter.model import local_models, providers

#: import names behind each optional extra, when a provider class does not list ``requires``
EXTRA_PACKAGES = {"hf": ("transformers", "torch"), "local": ("xllamacpp",)}


def provider_rows() -> list[dict[str, Any]]:
    """One row per registered provider: name, description, extra, installed, missing."""
    rows = []
    for name, cls in providers.items():
        extra = getattr(cls, "extra", None)
        needs = tuple(getattr(cls, "requires", ()) or EXTRA_PACKAGES.get(extra or "", ()))
        missing = [p for p in needs if importlib.util.find_spec(p) is None]
        doc = (cls.__doc__ or sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
        rows.append({
            "name": name,
            "description": doc[0] if doc else "",
            "extra": extra,
            "installed": not missing,
            "missing": missing,
            "install": f"pip install 'charter[{extra}]'" if missing and extra else None,
        })
    return rows


def local_rows() -> list[dict[str, Any]]:
    return [
        {
            "name": m.name, "role": m.role, "size": m.size, "state": m.state.value,
            "path": str(m.path) if m.path else None, "verified": m.verified,
            "install": m.install_command if m.state.value in ("missing", "partial") else None,
            "upstream": m.upstream, "license": m.license,
        }
        for m in local_models()
    ]


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


def register(app: typer.Typer) -> None:
    @app.command("models")
    def models(
        fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    ) -> int:
        """List model providers (installed or not) and the local models (downloaded or not)."""
        if fmt not in ("text", "json"):
            typer.echo(f"charter: --format must be text or json, not {fmt!r}", err=True)
            return 2
        prov, local = provider_rows(), local_rows()
        if fmt == "json":
            typer.echo(json.dumps({"providers": prov, "local_models": local}, indent=2))
            return 0
        rows = [["provider", "state", "description"]]
        for p in prov:
            state = "installed" if p["installed"] else f"missing {', '.join(p['missing'])}"
            rows.append([f"{p['name']}/", state, p["description"]
                         + (f"  ({p['install']})" if p["install"] else "")])
        typer.echo("Providers (write provider/model, e.g. openai/gpt-4o-mini):")
        typer.echo(_table(rows))
        typer.echo("")
        typer.echo("Local models (local/<name>, run in-process by llama.cpp):")
        lrows = [["model", "role", "size", "state"]]
        for m in local:
            state = m["state"] + (" (verified)" if m["verified"] else "")
            if m["install"]:
                state += f"  → {m['install']}"
            lrows.append([m["name"], m["role"], _size(m["size"]), state])
        typer.echo(_table(lrows))
        return 0
