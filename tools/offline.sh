#!/usr/bin/env bash
# Runs a command inside a fresh network namespace whose only interface is loopback, so that any connection to
# the outside world (a model download, a dependency fetch) fails instead of going out. Loopback stays up because
# Jupyter talks to its kernels over 127.0.0.1.
#
#   tools/offline.sh mvn -o test
#
# Root uses `unshare -n`. Other users get a user namespace in which they are root just long enough to bring
# loopback up, then their own uid again (Java finds its home, ~/.m2 and ~/.djl.ai, from the uid). Where no
# namespace can be made the command fails, unless SRPO_ALLOW_NETWORK=1 says to run it with the network.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: tools/offline.sh <command> [args...]" >&2; exit 2; }

ip_cmd=$(command -v ip || echo /usr/sbin/ip)
if [ ! -x "$ip_cmd" ]; then
  echo "offline.sh: 'ip' is missing: install iproute2 (Debian/Ubuntu: apt-get install iproute2)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c "$ip_cmd link set lo up && exec \"\$@\"" offline "$@"
elif unshare -rn true 2>/dev/null; then
  uid=$(id -u) gid=$(id -g)
  exec unshare -rn -- bash -c \
    "$ip_cmd link set lo up && exec unshare --map-user=$uid --map-group=$gid -- \"\$@\"" offline "$@"
elif [ "${SRPO_ALLOW_NETWORK:-0}" = 1 ]; then
  echo "offline.sh: warning: cannot create a network namespace; running with the network (SRPO_ALLOW_NETWORK=1)" >&2
  exec "$@"
else
  echo "offline.sh: cannot create a network namespace here (unshare failed; user namespaces may be disabled)." >&2
  echo "offline.sh: to run the tests with the network instead, set SRPO_ALLOW_NETWORK=1" >&2
  exit 1
fi
