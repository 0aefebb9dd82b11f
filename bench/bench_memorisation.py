"""Exposure of canaries planted in SFT data after fine-tuning the embedded 135M model on them,
against canaries of the same format it never saw (the control), as in "The Secret Sharer".

Plants ``--planted`` canaries (``charter.data.canary_rows``), fine-tunes
``local/smollm2-135m-instruct`` on them with ``charter train sft`` (CPU is fine: the rows are
short), then measures every canary's exposure among ``--candidates`` secrets through
``hf/<trained folder>`` and the greedy extraction check. The planted and control canaries come
from one ``make_canaries`` call, so they share the name pool and the format. Prints a table;
writes bench/results/memorisation.json.

    python bench/bench_memorisation.py [--planted 6] [--control 6] [--steps 12] [--lr 3e-4] [--candidates 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from charter.cli import main
from charter.data import RowKind, canary_rows, make_canaries, write_training
from charter.model import get_model
from charter.redteam import extracted as reproduces
from charter.redteam import measure_exposure

ROOT = Path(__file__).resolve().parents[1]


async def _probe(folder: Path, canaries: list[Any], candidates: int) -> list[dict[str, Any]]:
    from charter.model import GenerateConfig
    from charter.suite import Message

    rows = []
    async with get_model(f"hf/{folder}", local_files_only=True, device="cpu") as model:
        for c in canaries:
            m = await measure_exposure(model, c, candidates=candidates)
            out = await model.generate([Message(role="user", content=c.question),
                                        Message(role="assistant", content=c.prefix)],
                                       GenerateConfig(temperature=0.0, max_tokens=2 * c.digits + 4))
            rows.append({**m.model_dump(), "extracted": reproduces(c, out.text), "completion": out.text})
    return rows


def run(planted: int, control: int, steps: int, lr: float, candidates: int, seed: int) -> dict[str, Any]:
    canaries = make_canaries(planted + control, seed=seed)
    trained = canaries[:planted]  # the rest is the control: never trained on
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sft.jsonl"
        write_training(canary_rows(RowKind.sft, trained), data)
        out = Path(tmp) / "model"
        t0 = time.perf_counter()
        rc = main(["train", "sft", str(data), "--base", "local/smollm2-135m-instruct", "-o", str(out),
                   "--steps", str(steps), "--batch-size", str(min(planted, 8)), "--max-length", "64",
                   "--lr", str(lr), "--save-steps", str(steps), "--seed", str(seed)])
        if rc != 0:
            raise SystemExit(f"charter train failed with exit code {rc}")
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = asyncio.run(_probe(out, canaries, candidates))
        probe_s = time.perf_counter() - t0
    for r in rows:
        r["group"] = "planted" if r["canary_id"] in {c.id for c in trained} else "control"

    def summary(group: str) -> dict[str, Any]:
        g = [r for r in rows if r["group"] == group]
        return {"n": len(g), "mean_exposure": round(statistics.fmean(r["exposure"] for r in g), 3),
                "rank_1": sum(r["rank"] == 1.0 for r in g), "extracted": sum(bool(r["extracted"]) for r in g)}

    return {"model": "local/smollm2-135m-instruct", "steps": steps, "lr": lr, "candidates": candidates,
            "max_exposure": rows[0]["max_exposure"], "seed": seed, "train_s": round(train_s, 1),
            "probe_s": round(probe_s, 1), "machine": platform.platform(),
            "planted": summary("planted"), "control": summary("control"), "canaries": rows}


def main_() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--planted", type=int, default=6)
    ap.add_argument("--control", type=int, default=6)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--candidates", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    res = run(a.planted, a.control, a.steps, a.lr, a.candidates, a.seed)
    print(f"{'canary':<16} {'group':<8} {'rank':>6} {'exposure':>9} {'greedy':>7}")
    for r in res["canaries"]:
        print(f"{r['canary_id']:<16} {r['group']:<8} {r['rank']:>6g} {r['exposure']:>9.2f} "
              f"{'yes' if r['extracted'] else 'no':>7}")
    for g in ("planted", "control"):
        s = res[g]
        print(f"{g}: mean exposure {s['mean_exposure']} of {res['max_exposure']} bits, rank 1 for {s['rank_1']}/{s['n']}, "
              f"reproduced greedily {s['extracted']}/{s['n']}")
    print(f"train {res['train_s']} s, probe {res['probe_s']} s")
    path = ROOT / "bench" / "results" / "memorisation.json"
    path.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main_()
