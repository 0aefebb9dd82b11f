#!/bin/bash
# The training paths on a GPU, end to end, timed: SFT, DPO from the SFT model, KTO, a reward
# model and a LoRA SFT of the embedded 135M model (local/smollm2-135m-instruct), then the base
# and the DPO model evaluated on a held-out suite with the hf/ provider, `charter diff` and
# `charter train card`. Prints each step's wall time and exit code and writes them, with the
# first and last logged loss of every training, to OUTDIR/train_gpu.json.
#
#   DATA=folder GUIDE=guide.yaml bash bench/train_gpu.sh OUTDIR [SCALE]
#
# DATA holds sft.jsonl, prefs.jsonl and kto.jsonl (with their .meta.jsonl sidecars, from
# `charter data`) and test.jsonl (the held-out suite, also the firewall's). SCALE multiplies the
# step counts (default 1: SFT 50, DPO 50, KTO 15, reward 30, LoRA 50); 0 means 2 steps each (a
# smoke test on CPU). EVAL_N caps the evaluated cases. Run from the repository root with Charter
# importable (`python -m charter`). The figures in docs/train.md ("Measured on a GPU") are this
# script on an H200 with the rows bench/examples_teacher.py gives for examples/isp-support.yaml.
set -u
OUTD=${1:-/tmp/gpuout}; S=${2:-1}
mkdir -p "$OUTD"; LOG="$OUTD/log.txt"; TIMES="$OUTD/times.tsv"; : > "$TIMES"
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
W="$OUTD/work"; rm -rf "$W"; mkdir -p "$W"
export CHARTER_HOME=$W/home CHARTER_CACHE_DIR=${CHARTER_CACHE_DIR:-$W/cache}
D=${DATA:?set DATA to a folder with sft.jsonl, prefs.jsonl, kto.jsonl and test.jsonl (see the header)}; G=${GUIDE:-examples/isp-support.yaml}
ch() { python3 -m charter "$@"; }
step() { local name=$1; shift; local t0=$(date +%s%N); echo "=== $name: $*" | tee -a "$LOG"
  "$@" >> "$LOG" 2>&1; local rc=$?; local t1=$(date +%s%N)
  printf "%s\t%s\t%d ms\n" "$name" "$rc" "$(( (t1 - t0) / 1000000 ))" | tee -a "$TIMES"; return $rc; }
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c "import torch,transformers,trl,peft,accelerate,datasets,pyarrow;print('torch',torch.__version__,'cuda',torch.cuda.is_available(),'bf16',torch.cuda.is_available() and torch.cuda.is_bf16_supported());print('transformers',transformers.__version__,'trl',trl.__version__,'peft',peft.__version__,'accelerate',accelerate.__version__,'datasets',datasets.__version__,'pyarrow',pyarrow.__version__)"; } 2>&1 | tee -a "$LOG"
pack() { for d in sft dpo kto rm sft_lora; do [ -d $W/$d ] && mkdir -p $OUTD/r/$d && cp $W/$d/README.md $W/$d/train_log.json $W/$d/reward_eval.json $OUTD/r/$d/ 2>/dev/null; done
  cp -r $W/runs.json $W/before.html $W/after_dpo.html $OUTD/r/ 2>/dev/null; tar czf $OUTD/results.tgz -C $OUTD r 2>/dev/null; rm -rf $OUTD/r; }
M=local/smollm2-135m-instruct
EV=$W/eval.jsonl; head -n ${EVAL_N:-1000} $D/test.jsonl > $EV
n() { if [ "$S" = 0 ]; then echo 2; else echo $(($1*S)); fi; }
step sft ch train sft $D/sft.jsonl --base $M -o $W/sft --steps $(n 50) --batch-size 8 --max-length 512 --against $D/test.jsonl --guide $G
step dpo ch train dpo $D/prefs.jsonl --base hf/$W/sft -o $W/dpo --steps $(n 50) --batch-size 8 --max-length 512 --against $D/test.jsonl --guide $G
step base_save python3 -c "
from charter.train._base import load_base, resolve_base
tok, lm = load_base(resolve_base('local/smollm2-135m-instruct'))
tok.save_pretrained('$W/base'); lm.save_pretrained('$W/base'); print('saved')"
step eval_before ch eval $G --suite $EV --target hf/$W/base --name before --max-response-tokens 96 -o $W/before.html
step eval_dpo ch eval $G --suite $EV --target hf/$W/dpo --name after-dpo --max-response-tokens 96 -o $W/after_dpo.html
ch runs -f json > $W/runs.json 2>>"$LOG"
A=$(python3 -c "import json;r=json.load(open('$W/runs.json'));r=r if isinstance(r,list) else r.get('runs',[]);print(*[x['id'] for x in r if x.get('name')=='before'][:1])")
C=$(python3 -c "import json;r=json.load(open('$W/runs.json'));r=r if isinstance(r,list) else r.get('runs',[]);print(*[x['id'] for x in r if x.get('name')=='after-dpo'][:1])")
step diff_dpo ch diff $A $C
step card_dpo ch train card $W/dpo --before $A --after $C --guide $G
pack
step kto ch train kto $D/kto.jsonl --base hf/$W/sft -o $W/kto --steps $(n 15) --batch-size 8 --max-length 512 --guide $G
step reward ch train reward $D/prefs.jsonl --base $M -o $W/rm --steps $(n 30) --batch-size 8 --max-length 512 --guide $G
step sft_lora ch train sft $D/sft.jsonl --base $M -o $W/sft_lora --steps $(n 50) --batch-size 8 --max-length 512 --lora --guide $G
nvidia-smi --query-gpu=memory.used --format=csv >> "$LOG" 2>&1
pack
python3 - "$OUTD" "$W" <<'PY'
import json, sys
from pathlib import Path
out, work = Path(sys.argv[1]), Path(sys.argv[2])
steps = []
for line in (out / "times.tsv").read_text().splitlines():
    name, rc, ms = line.split("\t")
    row = {"step": name, "exit": int(rc), "wall_s": round(int(ms.split()[0]) / 1000, 1)}
    log = work / {"reward": "rm"}.get(name, name) / "train_log.json"
    losses = [e["loss"] for e in json.loads(log.read_text()) if "loss" in e] if log.exists() else []
    if losses:
        row["loss_first"], row["loss_last"] = round(losses[0], 4), round(losses[-1], 4)
    steps.append(row)
(out / "train_gpu.json").write_text(json.dumps({"steps": steps}, indent=1) + "\n")
print(f"{'step':<12} {'exit':>4} {'wall s':>7}  loss")
for r in steps:
    loss = f"{r['loss_first']} -> {r['loss_last']}" if "loss_first" in r else ""
    print(f"{r['step']:<12} {r['exit']:>4} {r['wall_s']:>7}  {loss}")
PY
