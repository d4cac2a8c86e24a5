#!/usr/bin/env bash
# Runs a command inside a fresh network namespace whose only interface is loopback, so that any connection to
# the outside world (DJL's telemetry, a model download, a dependency fetch) fails loudly instead of going out.
# Loopback stays up because Jupyter talks to its kernels over 127.0.0.1.
#
#   tools/offline.sh mvn -o test
#
# Root uses `unshare -n`; other users `unshare -rn` (unprivileged user namespaces). Where neither is possible
# the command runs with the network, after a warning; under CI that is an error instead.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: tools/offline.sh <command> [args...]" >&2; exit 2; }

ip_cmd=$(command -v ip || echo /usr/sbin/ip)
inner="$ip_cmd link set lo up && exec \"\$@\""
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c "$inner" offline "$@"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn -- bash -c "$inner" offline "$@"
elif [ "${CI:-}" = true ]; then
  echo "offline.sh: cannot create a network namespace here (unshare failed); CI must run the tests without network" >&2
  exit 1
else
  echo "offline.sh: warning: cannot create a network namespace (unshare); running with the network" >&2
  exec "$@"
fi
