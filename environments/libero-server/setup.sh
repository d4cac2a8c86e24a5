#!/usr/bin/env bash
# Builds the LIBERO bridge server's own virtualenv, .venv-libero at the repository root: LIBERO (with its assets),
# robosuite 1.4, MuJoCo 2.3.7, and this server, pinned by requirements.txt. Kept apart from the notebook venv
# (.venv) so notebooks stay light. Idempotent: a second run only checks. Rendering is headless MuJoCo through
# Mesa's EGL (software llvmpipe on a machine without a GPU).
#   SRPO_SKIP_LIBERO=1   skip (the bridge tests then skip, saying why)
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
VENV=.venv-libero
say() { printf '\033[1msetup-libero:\033[0m %s\n' "$*"; }
missing() { printf 'setup-libero: %s\n' "$*" >&2; exit 1; }

if [ -n "${SRPO_SKIP_LIBERO:-}" ]; then say "SRPO_SKIP_LIBERO is set: not building $VENV"; exit 0; fi

# --- prerequisites: Python 3.10/3.11 (MuJoCo 2.3.7 has no wheels for 3.12+) and Mesa's EGL ------------------------
"$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 11)))' \
  || missing "$("$PYTHON" --version 2>&1) found; the LIBERO stack (MuJoCo 2.3.7) needs Python 3.10 or 3.11: set PYTHON=/path/to/python3.11"
libs=$( (command -v ldconfig >/dev/null && ldconfig -p) || /sbin/ldconfig -p )
for lib in libEGL.so.1 libEGL_mesa.so.0 libOpenGL.so.0; do
  grep -q "$lib" <<<"$libs" \
    || missing "no $lib: install Mesa's EGL for headless rendering (Debian/Ubuntu: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri libopengl0)"
done

. tools/venv.sh
pins=(environments/libero-server/requirements.txt environments/libero-server/pyproject.toml)
if ! venv_current "$VENV" "${pins[@]}"; then
  say "creating $VENV (LIBERO, robosuite, MuJoCo; about 0.9 GB to download) from environments/libero-server/requirements.txt"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --progress-bar off \
    -r environments/libero-server/requirements.txt
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e environments/libero-server
  venv_built "$VENV" "${pins[@]}"
fi
# a real import and a headless GL context: fails here, with the cause, rather than in a test
MUJOCO_GL=egl PYOPENGL_PLATFORM=egl "$VENV/bin/python" - <<'PY' 2>&1 | grep -v WARNING || { echo "setup-libero: the LIBERO venv does not work (above)" >&2; exit 1; }
import mujoco, robosuite, libero.libero, srpo_libero_server
from mujoco.egl import GLContext
ctx = GLContext(16, 16); ctx.make_current(); ctx.free()
print(f"setup-libero: ready: mujoco {mujoco.__version__}, robosuite {robosuite.__version__}, srpo-libero-server {srpo_libero_server.__version__}, EGL ok")
PY
