#!/usr/bin/env bash
# SRPO vs GRPO from the shipped one-shot checkpoints (datasets/one-shot-sft/), the study in results/srpo-vs-grpo/.
#   tools/srpo-vs-grpo.sh [SUITE...]     default: all four suites; runs land in runs/srpo-vs-grpo/<suite>-<method>
# Same config for both methods (TrainerConfig defaults, seed 1 unless SEED), two runs at a time (one per core). A
# run that exists is resumed, so re-running with a larger STEPS extends every run; a crashed run is resumed once.
# Then `srpo report` writes results/srpo-vs-grpo/. Env: STEPS (default 200), SRPO (default bin/srpo),
# SRPO_JAVA_OPTS (default -Xmx8g; SRPO holds every rollout's video until the step's reward: a Long step of 16
# prompts x 8 needs -Xmx10g and peaks above 16 GB resident, GRPO keeps no videos and fits -Xmx4g), JOBS (default
# 2), METHODS (default "srpo grpo"; "oracle" adds the privileged progress reward of results/srpo-vs-grpo-oracle),
# SETS (extra config keys for every run, e.g. "lossAggregation=token-mean"), SEED (default 1), RUNS (default
# runs/srpo-vs-grpo), RESULTS (default results/srpo-vs-grpo; <RUNS>-report when RUNS is set, so that another study
# never overwrites it).
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${STEPS:-200}
SRPO=${SRPO:-bin/srpo}
JOBS=${JOBS:-2}
METHODS=${METHODS:-srpo grpo}
SETS=${SETS:-}
SEED=${SEED:-1}
if [ -n "${RUNS:-}" ]; then RESULTS=${RESULTS:-${RUNS%/}-report}; else RESULTS=${RESULTS:-results/srpo-vs-grpo}; fi
RUNS=${RUNS:-runs/srpo-vs-grpo}
export SRPO_JAVA_OPTS=${SRPO_JAVA_OPTS:--Xmx8g}
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(libero_10 libero_object libero_spatial libero_goal)
mkdir -p "$RUNS"

train() { # suite method
  local out=$RUNS/$1-$2 resume=()
  [ -f "$out/run.json" ] && resume=(--resume)
  local args=(train --out "$out" --init "datasets/one-shot-sft/$1.vla" --suite "$1" --reward "$2" --steps "$STEPS"
    --seed "$SEED" --set evalEvery=10 --set evalStates=50 --set checkpointEvery=10 --set threads=1)
  for kv in $SETS; do args+=(--set "$kv"); done
  "$SRPO" "${args[@]}" "${resume[@]}" >> "$out.log" 2>&1 \
    || "$SRPO" "${args[@]}" --resume >> "$out.log" 2>&1 \
    || { echo "srpo-vs-grpo: $1 $2 failed twice, see $out.log" >&2; return 1; }
  echo "srpo-vs-grpo: $1 $2 done ($out)"
}
export -f train; export STEPS SRPO SETS SEED RUNS
status=0
for s in "${suites[@]}"; do for m in $METHODS; do echo "$s $m"; done; done \
  | xargs -P "$JOBS" -L 1 bash -c 'train "$0" "$1"' || status=$? # a failed run still leaves the others to report
runs=(); for d in "$RUNS"/*/; do [ -f "$d/run.json" ] && runs+=("${d%/}"); done
# AGAINST: a study to set these runs against in the report, NAME=DIR (e.g. "no KL=results/srpo-vs-grpo"); these
# runs are named by SETS (by the report's default when SETS is empty).
against=(); [ -z "${AGAINST:-}" ] || against=(--against "$AGAINST")
[ -z "${AGAINST:-}" ] || [ -z "$SETS" ] || against+=(--name "$SETS")
[ ${#runs[@]} -eq 0 ] || "$SRPO" report --out "$RESULTS" "${against[@]}" "${runs[@]}"
exit $status
