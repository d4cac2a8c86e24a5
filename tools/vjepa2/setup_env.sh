#!/usr/bin/env bash
# Creates (or brings up to date) .venv-export, the Python environment that exports V-JEPA 2 to TorchScript:
# torch 2.7.1 and transformers, pinned by tools/vjepa2/requirements.txt and constraints.txt. It is separate from
# the project's .venv (JupyterLab and the kernel) because it is large: PyPI's torch wheel for Linux brings its
# CUDA libraries, about 2.8 GB to download and 5.4 GB on disk. A second run does nothing unless the pins changed.
#
#   tools/vjepa2/setup_env.sh          (make vjepa2-env)
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python3}
VENV=.venv-export
say() { printf '\033[1mvjepa2-env:\033[0m %s\n' "$*"; }

. tools/venv.sh
pins=(tools/vjepa2/requirements.txt tools/vjepa2/constraints.txt)
venv_current "$VENV" "${pins[@]}" && exit 0
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
  || { echo "vjepa2-env: $PYTHON cannot create virtualenvs: install python3-venv" >&2; exit 1; }
free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
[ "${free_kb:-0}" -gt $((8 * 1024 * 1024)) ] \
  || { echo "vjepa2-env: needs about 8 GB free disk (5.4 GB installed plus download space), $((free_kb / 1024)) MB free here" >&2; exit 1; }
say "creating $VENV (torch 2.7.1 + transformers; about 2.8 GB to download, 5.4 GB installed)"
start=$(date +%s)
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
  -r tools/vjepa2/requirements.txt -c tools/vjepa2/constraints.txt
venv_built "$VENV" "${pins[@]}"
say "ready in $(( $(date +%s) - start )) s: $("$VENV/bin/python" -c 'import torch, transformers; print("torch", torch.__version__, "transformers", transformers.__version__)')"
