#!/usr/bin/env bash
# Offline SRPO from the shipped one-shot checkpoints (datasets/one-shot-sft/), the study in results/offline-srpo/.
#   tools/offline-srpo.sh [SUITE...]     default: all four suites
# Per suite: one buffer of rollouts of the one-shot policy on training layouts (runs/offline/buffers/<suite>), then
# offline SRPO, binary AWR and filtered BC trained on that same buffer (runs/offline/<suite>-<method>), greedy
# evaluation on all 500 evaluation episodes after every pass. A buffer or run that exists is continued. Then
# `srpo offline report` writes results/offline-srpo/, comparing costs with the online runs of results/srpo-vs-grpo.
# Env: SRPO (default bin/srpo), SRPO_JAVA_OPTS (default -Xmx6g), JOBS (suites at a time, default 1), METHODS
# (default "srpo binary-awr filtered-bc"; "stage-awr" and "progress-awr" add the ablations with the simulator's own
# stages or dense task progress as progress),
# COLLECT_SETS and SETS (extra keys for collection and training, e.g.
# "passes=6"), RUNS (default runs/offline), RESULTS (default results/offline-srpo; <RUNS>-report when RUNS is set, so
# that another study's runs never overwrite the committed report).
set -euo pipefail
cd "$(dirname "$0")/.."
SRPO=${SRPO:-bin/srpo}
JOBS=${JOBS:-1}
METHODS=${METHODS:-srpo binary-awr filtered-bc}
COLLECT_SETS=${COLLECT_SETS:-}
SETS=${SETS:-}
if [ -n "${RUNS:-}" ]; then RESULTS=${RESULTS:-${RUNS%/}-report}; else RESULTS=${RESULTS:-results/offline-srpo}; fi
RUNS=${RUNS:-runs/offline}
export SRPO_JAVA_OPTS=${SRPO_JAVA_OPTS:--Xmx6g}
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(libero_10 libero_object libero_spatial libero_goal)
mkdir -p "$RUNS/buffers"

suite() { # suite: collect, then every method on the same buffer
  local s=$1 init=datasets/one-shot-sft/$1.vla buffer=$RUNS/buffers/$1 args
  args=(offline collect --init "$init" --suite "$s" --out "$buffer" --seed 1)
  for kv in $COLLECT_SETS; do args+=(--set "$kv"); done
  "$SRPO" "${args[@]}" >> "$buffer.log" 2>&1 || { echo "offline-srpo: collecting $s failed, see $buffer.log" >&2; return 1; }
  for m in $METHODS; do
    local out=$RUNS/$s-$m resume=()
    [ -f "$out/run.json" ] && resume=(--resume)
    args=(offline train --buffer "$buffer" --init "$init" --method "$m" --out "$out" --seed 1)
    for kv in $SETS; do args+=(--set "$kv"); done
    "$SRPO" "${args[@]}" "${resume[@]}" >> "$out.log" 2>&1 \
      || "$SRPO" "${args[@]}" --resume >> "$out.log" 2>&1 \
      || { echo "offline-srpo: $s $m failed twice, see $out.log" >&2; return 1; }
    echo "offline-srpo: $s $m done ($out)"
  done
}
export -f suite; export SRPO METHODS COLLECT_SETS SETS RUNS
status=0
printf '%s\n' "${suites[@]}" | xargs -P "$JOBS" -L 1 bash -c 'suite "$0"' || status=$?
runs=(); for d in "$RUNS"/*-*/; do [ -f "$d/run.json" ] && runs+=("${d%/}"); done
[ ${#runs[@]} -eq 0 ] || "$SRPO" offline report --out "$RESULTS" "${runs[@]}"
exit $status
