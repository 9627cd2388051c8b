#!/usr/bin/env bash
# Stops the services eng/services/start.sh started (by their pid files in the state folder: $MLOPS_SERVICES_DIR,
# default artifacts/services/). Keeps the registry's data and podman's images, so the next start is fast.
# Idempotent: a service that is not running is skipped.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${MLOPS_SERVICES_DIR:-$repo/artifacts/services}
[[ -d "$state" ]] || exit 0
state=$(cd "$state" && pwd)

# stop NAME WORD: TERM the pid in STATE/NAME.pid if it is still WORD, KILL after 10 s.
stop() {
  local pid
  pid=$(cat "$state/$1.pid" 2>/dev/null) || return 0
  if [[ -n "$pid" ]] && grep -qa -- "$2" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      grep -qa -- "$2" "/proc/$pid/cmdline" 2>/dev/null || break  # gone, or a zombie (empty cmdline)
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    echo "eng/services/stop.sh: stopped $1 (pid $pid)" >&2
  fi
  rm -f "$state/$1.pid"
}

stop podman podman
stop registry docker-registry
# podman's overlay storage can leave its own folder bind-mounted on itself; unmount it, or the state folder
# (artifacts/, a CI clone) cannot be deleted.
awk -v root="$state/" 'index($2, root) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r mounted; do
  umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || true
done
sock=$state/podman.sock
if (( ${#sock} >= 100 )); then sock=/tmp/mlops-podman-$(printf '%s' "$state" | md5sum | cut -c1-16).sock; fi  # as start.sh
rm -f "$sock" "$state/env"
