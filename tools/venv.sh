# Sourced by the three virtualenv scripts (tools/setup.sh: .venv, environments/libero-server/setup.sh:
# .venv-libero, tools/vjepa2/setup_env.sh: .venv-export): a virtualenv is rebuilt only when its pins change.
#   venv_current VENV FILE...   true when VENV exists and was built from exactly these FILES (their hash)
#   venv_built VENV FILE...     records that VENV is built from FILES; call it last, so an interrupted install is
#                               redone next time
venv_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }
venv_current() {
  local venv=$1; shift
  [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$(venv_hash "$@")" ]
}
venv_built() {
  local venv=$1; shift
  venv_hash "$@" > "$venv/.requirements.sha256"
}
