#!/usr/bin/env bash
# The test pipeline of `make test` (after `make setup setup-libero`), run by tools/offline.sh in a network namespace
# with loopback only. Every stage runs even when one fails, so every summary is printed; the status is the worst.
#   1. V-JEPA 2 (where .venv-export exists; CI makes it): a tiny random export made afresh with Python's embeddings
#      of test episodes, so the Java parity test (VJepa2EncoderTest) checks against those, and the export script's
#      own tests; without it the parity test uses the export shipped in the test resources
#   2. the Java tests (mvn -o install)
#   3. the tests of the notebook tooling and the project's scripts (tools/tests)
#   4. the LIBERO bridge's Python tests (where .venv-libero exists)
#   5. every notebook at CI scale
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
EXPORT_PY=.venv-export/bin/python
TINY=target/vjepa2-tiny
status=0
vjepa2=()

if [ -x "$EXPORT_PY" ]; then
  if HF_HUB_OFFLINE=1 "$EXPORT_PY" tools/vjepa2/export_vjepa2.py export --random-tiny \
      --out "$TINY/vjepa2-tiny.pt" --reference "$TINY/vjepa2-tiny-reference.json"; then
    vjepa2=(-Dsrpo.vjepa2.dir="$PWD/$TINY")
  else
    status=1
  fi
  HF_HUB_OFFLINE=1 "$EXPORT_PY" -m unittest discover -s tools/vjepa2 || status=1
else
  echo "test: no $EXPORT_PY (make vjepa2-env): the V-JEPA 2 parity test uses the shipped export"
fi
mvn -B -o --no-transfer-progress install "${vjepa2[@]}" || status=1
"$PY" -m unittest discover -s tools/tests || status=1
if [ -x .venv-libero/bin/python ]; then
  .venv-libero/bin/python -m unittest discover -s environments/libero-server/tests -t environments/libero-server \
    || status=1
fi
"$PY" tools/run_notebooks.py --profile ci || status=1
exit $status
