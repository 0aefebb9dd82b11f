"""`charter train sft|dpo|kto|reward DATA... --base MODEL -o DIR`: fine-tune on the guide's data
with TRL; `charter train card DIR --before RUN --after RUN`: add before / after results to the card.

DATA are files written by `charter data sft` (chat messages), `charter data prefs`
(prompt/chosen/rejected) or `charter data kto` (prompt/completion/label), read with their
`.meta.jsonl` sidecars. `--against SUITE` refuses rows that fail the contamination firewall
against that eval suite. The output folder holds `checkpoint-N/` (resumed when present), the
final model and tokenizer (use it as `hf/<DIR>`, or a reward model as `--judge rm/<DIR>`),
`train_log.json` and README.md, the model card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from charter.data import RowKind
from charter.errors import ConfigError

DATA = typer.Argument(..., help="Training JSONL files built by `charter data` (their .meta.jsonl sidecars are read too).")
BASE = typer.Option(..., "--base", "-b", help="Base model: hf/<hub id or folder> or local/<name> (an embedded GGUF file).")
OUT = typer.Option(..., "--out", "-o", help="Output folder: checkpoints, the trained model, README.md (model card).")
STEPS = typer.Option(100, "--steps", help="Optimizer steps.")
LR = typer.Option(None, "--lr", help="Learning rate (default: 2e-5 SFT, 5e-7 DPO, 1e-6 KTO, 1e-5 reward; "
                  "10x with --lora).")
LORA = typer.Option(False, "--lora", help="Train a LoRA adapter (peft), merged into the saved model.")
BATCH = typer.Option(2, "--batch-size", help="Examples per device per step.")
ACCUM = typer.Option(1, "--grad-accum", help="Gradient accumulation steps.")
MAXLEN = typer.Option(1024, "--max-length", help="Tokens per example; longer ones are cut.")
SAVE = typer.Option(50, "--save-steps", help="Checkpoint every N steps (and at the end).")
SEED = typer.Option(0, "--seed", help="Training seed.")
AGAINST = typer.Option(None, "--against", help="Eval suite JSONL: refuse training rows that are exact or near duplicates of its cases (repeatable).")
GUIDE = typer.Option(None, "--guide", "-g", help="The guide the data came from: named with its sha256 in the model card.")
RESUME = typer.Option(True, "--resume/--no-resume", help="Resume from the last checkpoint in --out when there is one.")
BETA = typer.Option(0.1, "--beta", help="DPO / KTO beta.")
EVAL_FRACTION = typer.Option(0.2, "--eval-fraction", help="Share of the pairs held out (by prompt group) to "
                             "score the reward model and learn its judge threshold; 0 for none.")
STORE = typer.Option(None, "--store", envvar="CHARTER_STORE", help="Run store (SQLite) holding both runs. "
                     "Default: $CHARTER_HOME/runs.db.")


def _run(kind: RowKind, data: list[Path], base: str, out: Path, steps: int, lr: float | None, lora: bool,
         batch_size: int, grad_accum: int, max_length: int, save_steps: int, seed: int,
         against: list[Path] | None, guide: Path | None, resume: bool, beta: float = 0.1,
         reward: bool = False, eval_fraction: float = 0.2) -> int:
    from pydantic import ValidationError

    from charter.guide import load_guide
    from charter.train import TrainConfig, load_training_data, train, train_reward

    try:
        cfg = TrainConfig(steps=steps, lr=lr, lora=lora, batch_size=batch_size, grad_accum=grad_accum,
                          max_length=max_length, save_steps=save_steps, seed=seed, beta=beta,
                          eval_fraction=eval_fraction)
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        raise ConfigError(f"--{str(first['loc'][0]).replace('_', '-')}: {first['msg']}",
                          hint="see `charter train --help`") from None
    g = load_guide(guide) if guide is not None else None
    td = load_training_data(list(data), kind=kind, against=list(against or []))
    typer.echo(f"training on {len(td.rows)} {kind.value} rows from {len(td.files)} file(s)"
               + (f"; firewall refused {len(td.dropped)}" if td.against else ""), err=True)
    if reward:
        result = train_reward(td, base, out, cfg, guide=g, resume=resume)
    else:
        result = train(kind, td, base, out, cfg, guide=g, resume=resume)
    if result.losses:
        (s0, l0), (s1, l1) = result.losses[0], result.losses[-1]
        typer.echo(f"loss {l0:.4f} (step {s0}) -> {l1:.4f} (step {s1})")
    if result.reward_eval is not None:
        _echo_reward_eval(result.reward_eval)
        typer.echo(f"judge: rm/{result.output_dir}")
    else:
        typer.echo(f"model: hf/{result.output_dir}")
    typer.echo(f"card:  {result.card}")
    return 0


def _echo_reward_eval(ev: dict[str, Any]) -> None:
    from charter.train import MIN_PAIRS

    def cell(r: dict[str, Any]) -> str:
        if r["n"] < MIN_PAIRS:
            return f"too few pairs (n={r['n']})"
        return f"{r['rate']:.0%} [{r['low']:.0%}, {r['high']:.0%}] (n={r['n']})"

    typer.echo(f"chosen over rejected on {ev['pairs']} {ev['source']} pairs: {cell(ev['accuracy'])}")
    for rid, r in ev["by_rule"].items():
        typer.echo(f"  {rid}: {cell(r)}")
    t = ev["threshold"]
    typer.echo(f"judge threshold {t['value']:.4f} (separates {t['separation']:.0%} of the {t['source']} responses)")


def register(app: typer.Typer) -> None:
    train = typer.Typer(help="Fine-tune a model on the guide's training data (TRL; needs the train extra).",
                        no_args_is_help=True)
    app.add_typer(train, name="train")

    @train.command("sft")
    def sft(data: list[Path] = DATA, base: str = BASE, out: Path = OUT, steps: int = STEPS,
            lr: float | None = LR, lora: bool = LORA, batch_size: int = BATCH, grad_accum: int = ACCUM,
            max_length: int = MAXLEN, save_steps: int = SAVE, seed: int = SEED,
            against: list[Path] | None = AGAINST, guide: Path | None = GUIDE, resume: bool = RESUME) -> int:
        """Supervised fine-tuning (TRL SFTTrainer) on chat-message rows from `charter data sft`."""
        return _run(RowKind.sft, data, base, out, steps, lr, lora, batch_size, grad_accum, max_length,
                    save_steps, seed, against, guide, resume)

    @train.command("dpo")
    def dpo(data: list[Path] = DATA, base: str = BASE, out: Path = OUT, steps: int = STEPS,
            lr: float | None = LR, lora: bool = LORA, batch_size: int = BATCH, grad_accum: int = ACCUM,
            max_length: int = MAXLEN, save_steps: int = SAVE, seed: int = SEED,
            against: list[Path] | None = AGAINST, guide: Path | None = GUIDE, resume: bool = RESUME,
            beta: float = BETA) -> int:
        """Direct preference optimisation (TRL DPOTrainer) on prompt/chosen/rejected rows from
        `charter data prefs`."""
        return _run(RowKind.prefs, data, base, out, steps, lr, lora, batch_size, grad_accum, max_length,
                    save_steps, seed, against, guide, resume, beta)

    @train.command("kto")
    def kto(data: list[Path] = DATA, base: str = BASE, out: Path = OUT, steps: int = STEPS,
            lr: float | None = LR, lora: bool = LORA, batch_size: int = BATCH, grad_accum: int = ACCUM,
            max_length: int = MAXLEN, save_steps: int = SAVE, seed: int = SEED,
            against: list[Path] | None = AGAINST, guide: Path | None = GUIDE, resume: bool = RESUME,
            beta: float = BETA) -> int:
        """Kahneman-Tversky optimisation (TRL KTOTrainer) on prompt/completion/label rows from
        `charter data kto` (or `charter data prefs --kto`); needs --batch-size 2 or more."""
        return _run(RowKind.kto, data, base, out, steps, lr, lora, batch_size, grad_accum, max_length,
                    save_steps, seed, against, guide, resume, beta)

    @train.command("reward")
    def reward(data: list[Path] = DATA, base: str = BASE, out: Path = OUT, steps: int = STEPS,
               lr: float | None = LR, lora: bool = LORA, batch_size: int = BATCH, grad_accum: int = ACCUM,
               max_length: int = MAXLEN, save_steps: int = SAVE, seed: int = SEED,
               against: list[Path] | None = AGAINST, guide: Path | None = GUIDE, resume: bool = RESUME,
               eval_fraction: float = EVAL_FRACTION) -> int:
        """A reward model (TRL RewardTrainer, one-output classification head) on prompt/chosen/rejected
        rows, scored on pairs held out by prompt group: accuracy of chosen over rejected overall
        and per rule, and the threshold it judges by as `--judge rm/DIR` (DIR/reward_eval.json)."""
        return _run(RowKind.prefs, data, base, out, steps, lr, lora, batch_size, grad_accum, max_length,
                    save_steps, seed, against, guide, resume, reward=True, eval_fraction=eval_fraction)

    @train.command("card")
    def card(model_dir: Path = typer.Argument(..., help="The -o folder of a `charter train` run."),
             before: str = typer.Option(..., "--before", help="Run id of the base model on the held-out suite."),
             after: str = typer.Option(..., "--after", help="Run id of the trained model on the same suite."),
             store: Path | None = STORE,
             guide: Path | None = typer.Option(None, "--guide", "-g", help="The guide the runs were scored "
                                               "against (weights the rates by rule severity as reports do).")) -> int:
        """Add the per-rule violation and false-refusal rates of a run before training and one
        after (same suite) to the model card, DIR/README.md (front matter and a section)."""
        from charter.guide import load_guide
        from charter.store import RunStore
        from charter.train import add_results

        g = load_guide(guide) if guide is not None else None
        with RunStore(store, readonly=True) as st:
            results = add_results(model_dir, st, before, after, guide=g)
        o = results["changes"]["overall"]
        typer.echo(f"{results['after']['overall']['harm_metric']}: {o['harm']['change']} "
                   f"({o['harm']['diff']:+.1%}); false-refusal rate: {o['false_refusal']['change']} "
                   f"({o['false_refusal']['diff']:+.1%})")
        typer.echo(f"card: {model_dir / 'README.md'}")
        return 0
