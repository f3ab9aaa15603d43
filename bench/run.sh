#!/usr/bin/env bash
# Runs ours and the peers (../shared/bench: XGBoost and scikit-learn from Debian packages) on the same CSV
# files in one run and prints one table. Usage: bench/run.sh   (SIZES="100000 1000000" MODELS=... PAIRS=3 to change)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
KIT=${KIT:-$(cd "$ROOT/../shared/bench" && pwd)}
XEDU=${XEDU:-$ROOT/../shared/datasets/x-education-leads/Leads.csv}
PY=${PYTHON:-/usr/bin/python3}
SIZES=${SIZES:-"100000 1000000"}
MODELS=${MODELS:-hgb,xgb_onehot,xgb_native,lr}
# Our learners measured in-process with the kit's settings, besides the whole train command (which uses the default,
# lightgbm); then lightgbm once more with the trainer's own default settings, which the accuracy targets are about.
LEARNERS=${LEARNERS:-"lightgbm fasttree logistic"}
OUT=$HERE/out/$(date +%Y-%m-%d-%H%M)
DATA=$HERE/data
mkdir -p "$OUT" "$DATA"
RESULTS=$OUT/results.jsonl

dotnet build "$ROOT/bench/PredictiveLeads.Bench" -c Release -v quiet -nologo >/dev/null
dotnet build "$ROOT/src/PredictiveLeads.Trainer" -c Release -v quiet -nologo >/dev/null
BENCH="$ROOT/bench/PredictiveLeads.Bench/bin/Release/net10.0/PredictiveLeads.Bench"
TRAINER="$ROOT/src/PredictiveLeads.Trainer/bin/Release/net10.0/PredictiveLeads.Trainer"
SETTINGS=(--trees 200 --learning-rate 0.1 --max-leaves 63 --max-depth 6 --max-bins 255 --threads 2)

# The whole train command (CSV parse included), timed from outside with its peak memory.
train_command() { # tag label out -- trainer args...
  local tag=$1 label=$2 model=$3; shift 3
  local timing
  timing=$( { /usr/bin/time -f '%e %M' "$TRAINER" train --label "$label" --out "$model" --quiet "${SETTINGS[@]}" "$@" >/dev/null; } 2>&1 | tail -n 1)
  echo "{\"model\": \"ours: train command\", \"tag\": \"$tag\", \"train_command_s\": ${timing% *}, \"peak_rss_mb\": $(( ${timing#* } / 1024 ))}" >> "$RESULTS"
}

for n in $SIZES; do
  train=$DATA/train_$n.csv
  test=$DATA/test_$n.csv
  [ -f "$train" ] || "$PY" "$KIT/gen_leads.py" "$n" 11 "$train" >/dev/null
  [ -f "$test" ] || "$PY" "$KIT/gen_leads.py" 50000 22 "$test" --accounts $((n / 4)) >/dev/null
  echo "== $n rows: peers" >&2
  "$PY" "$KIT/peer_bench.py" "$train" "$test" became_sql --models "$MODELS" --threads 2 --out-jsonl "$RESULTS" --tag "n_train=$n" >/dev/null
  echo "== $n rows: ours" >&2
  for learner in $LEARNERS; do
    "$BENCH" "$train" "$test" became_sql --id lead_id --drop account_id --early-stopping 50 --learner "$learner" --name "ours: $learner" --tag "n_train=$n" >> "$RESULTS"
  done
  "$BENCH" "$train" "$test" became_sql --id lead_id --drop account_id --settings product --name "ours: lightgbm, default settings" --tag "n_train=$n" >> "$RESULTS"
  train_command "n_train=$n" became_sql "$OUT/model-$n" --data "$train" --id lead_id --ignore account_id --no-rules
done

# The machine's speed drifts within minutes, and the table's HistGradientBoosting time is taken several minutes before the
# train command's: PAIRS back-to-back pairs on the largest file, HistGradientBoosting's parse + train then the train command.
PAIRS=${PAIRS:-3}
largest=${SIZES##* }
for _ in $(seq 1 "$PAIRS"); do
  echo "== $largest rows: a back-to-back pair" >&2
  "$PY" "$KIT/peer_bench.py" "$DATA/train_$largest.csv" "$DATA/test_$largest.csv" became_sql --models hgb --threads 2 --out-jsonl "$RESULTS" --tag "pairs n_train=$largest" >/dev/null
  train_command "pairs n_train=$largest" became_sql "$OUT/model-pair" --data "$DATA/train_$largest.csv" --id lead_id --ignore account_id --no-rules
done

if [ -f "$XEDU" ]; then
  echo "== X Education: stratified 80/20 split (seed 42)" >&2
  "$PY" "$HERE/split_stratified.py" "$XEDU" Converted 0.2 42 "$DATA/xedu_train.csv" "$DATA/xedu_test.csv"
  LEAKY="Tags,Lead Quality,Lead Profile,Asymmetrique Activity Index,Asymmetrique Profile Index,Asymmetrique Activity Score,Asymmetrique Profile Score,Last Activity,Last Notable Activity"
  "$PY" "$KIT/peer_bench.py" "$DATA/xedu_train.csv" "$DATA/xedu_test.csv" Converted --models "$MODELS" --threads 2 \
      --drop-cols "Prospect ID,Lead Number,$LEAKY" --date-cols "" --out-jsonl "$RESULTS" --tag "x-education" >/dev/null
  for learner in $LEARNERS; do
    "$BENCH" "$DATA/xedu_train.csv" "$DATA/xedu_test.csv" Converted --id "Prospect ID" --drop "Lead Number,$LEAKY" \
        --missing Select --early-stopping 50 --learner "$learner" --name "ours: $learner" --tag "x-education" >> "$RESULTS"
  done
  "$BENCH" "$DATA/xedu_train.csv" "$DATA/xedu_test.csv" Converted --id "Prospect ID" --drop "Lead Number,$LEAKY" \
      --missing Select --settings product --name "ours: lightgbm, default settings" --tag "x-education" >> "$RESULTS"
  train_command "x-education" Converted "$OUT/model-xedu" --data "$DATA/xedu_train.csv" --id "Prospect ID" --ignore "Lead Number,$LEAKY" --missing Select --no-rules
fi

"$PY" "$HERE/compare.py" "$RESULTS" | tee "$OUT/table.md"
