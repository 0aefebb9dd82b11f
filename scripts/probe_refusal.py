"""Measure the refusal detector on a probe file of labelled responses, by family and by shape.

    python scripts/probe_refusal.py tests/fixtures/refusal_probe_styles.jsonl [--misses] [--json OUT]
    python scripts/probe_refusal.py tests/fixtures/refusal_probe_shapes.jsonl --misses

Each row has ``text``, ``label`` (full_compliance / full_refusal / partial_refusal) and,
optionally, ``prompt``, ``family`` and ``shape``. The detector is run four ways: the patterns
alone and the cascade (patterns + the shipped classifier), each without and with the row's
request. Binary = compliance against any refusal; three-way = the exact class. The probe is
hand-written: a second figure, never a headline.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from charter.evaluate import detect_refusal

MODES = {"patterns": (False, False), "patterns+prompt": (False, True),
         "cascade": (True, False), "cascade+prompt": (True, True)}


def _pct(k: int, n: int) -> float:
    return round(100.0 * k / n, 1) if n else 0.0


def measure(rows: list[dict[str, str]]) -> dict[str, object]:
    out: dict[str, object] = {"n": len(rows)}
    for mode, (model, with_prompt) in MODES.items():
        preds = [detect_refusal(r["text"], model=model, prompt=r.get("prompt") if with_prompt else None).label.value
                 for r in rows]
        groups: dict[str, dict[str, list[int]]] = {"family": defaultdict(lambda: [0, 0, 0]),
                                                    "shape": defaultdict(lambda: [0, 0, 0])}
        b = t = 0
        for r, p in zip(rows, preds, strict=True):
            ok_b = (p == "full_compliance") == (r["label"] == "full_compliance")
            ok_t = p == r["label"]
            b += ok_b
            t += ok_t
            for key in groups:
                g = groups[key][r.get(key, "-")]
                g[0] += 1
                g[1] += ok_b
                g[2] += ok_t
        out[mode] = {
            "binary": _pct(b, len(rows)), "three_way": _pct(t, len(rows)),
            "by_family": {k: {"n": v[0], "binary": _pct(v[1], v[0]), "three_way": _pct(v[2], v[0])}
                          for k, v in sorted(groups["family"].items())},
            "by_shape": {k: {"n": v[0], "binary": _pct(v[1], v[0]), "three_way": _pct(v[2], v[0])}
                         for k, v in sorted(groups["shape"].items())},
            "misses": [{"id": r.get("id", ""), "gold": r["label"], "got": p, "text": r["text"][:160]}
                       for r, p in zip(rows, preds, strict=True) if p != r["label"]],
        }
    return out


LABELS = ("full_compliance", "full_refusal", "partial_refusal")


def _read(path: Path) -> list[dict[str, str]]:
    """The probe's rows; a row without a text or a known label stops the run with where it is."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{n}: not JSON ({e.msg}); write one JSON object per line") from None
        if not isinstance(row, dict) or not str(row.get("text", "")).strip():
            raise SystemExit(f"{path}:{n}: no 'text'; each row needs the response as 'text'")
        if row.get("label") not in LABELS:
            raise SystemExit(f"{path}:{n}: 'label' is {row.get('label')!r}; use one of {', '.join(LABELS)}")
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("probe", type=Path)
    ap.add_argument("--misses", action="store_true", help="list every row the cascade+prompt mode gets wrong")
    ap.add_argument("--json", type=Path, help="write the full figures here")
    args = ap.parse_args()
    rows = _read(args.probe)
    res = measure(rows)
    print(f"n={res['n']}")
    for mode in MODES:
        m = res[mode]
        assert isinstance(m, dict)
        print(f"{mode:16s} binary {m['binary']:5.1f}  three-way {m['three_way']:5.1f}  misses {len(m['misses'])}")
    if args.misses:
        for mode in ("patterns", "cascade+prompt"):
            m = res[mode]
            assert isinstance(m, dict)
            print(f"\n-- {mode} misses --")
            for x in m["misses"]:
                print(f"{x['id']} gold={x['gold']} got={x['got']} | {x['text']}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
