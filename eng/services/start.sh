#!/usr/bin/env bash
# Starts the real services that the runner's tests use, all on this machine, and says where they are:
#   - an OCI registry: Docker distribution (`docker-registry serve`) on 127.0.0.1:$MLOPS_REGISTRY_PORT (default 5055),
#     filesystem storage in the state folder, delete enabled, no auth;
#   - a Docker Engine API: `podman system service` on unix://STATE/podman.sock (in /tmp when that path is too
#     long for a socket), with containers.conf, registries.conf (the loopback registry is insecure) and storage
#     (images, containers) of its own in the state folder, so it neither uses nor changes the machine's podman state;
#   - the base image localhost/mlops-test/busybox:1: FROM scratch, Debian's busybox-static as /bin/busybox with
#     its applets installed in /bin (so /bin/sh works), built once with `podman build` into that storage.
# Then writes STATE/env (`source` it) and prints it:
#   MLOPS_TEST_REGISTRY=127.0.0.1:PORT and MLOPS_TEST_DOCKER_HOST=unix:///abs/podman.sock.
# The image is built here rather than by the tests: the tests then only run what a step runs, and
# tests/Mlops.Testing/TestServices.cs names the image.
# Idempotent and fast when warm: installs only missing packages (apt-get), starts only what does not answer
# (restarting the registry when MLOPS_REGISTRY_PORT changed), builds the image only when missing.
# STATE is $MLOPS_SERVICES_DIR, default artifacts/services/.
# eng/services/stop.sh stops both services.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${MLOPS_SERVICES_DIR:-$repo/artifacts/services}
port=${MLOPS_REGISTRY_PORT:-5055}
base_image=localhost/mlops-test/busybox:1
mkdir -p "$state"
state=$(cd "$state" && pwd)
sock=$state/podman.sock

say() { echo "eng/services/start.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

# --- packages ---------------------------------------------------------------------------------------------------
missing=()
for pair in docker-registry:docker-registry podman:podman runc:runc skopeo:skopeo curl:curl twine:twine htpasswd:apache2-utils openssl:openssl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
# The image needs a statically linked busybox (a scratch image has no libc): Debian's busybox-static, not busybox.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || missing+=(busybox-static)
if (( ${#missing[@]} > 0 )); then
  (( EUID == 0 )) || fail "needs ${missing[*]}; run it as root, or install them: apt-get install ${missing[*]}"
  say "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$state/apt.log" 2>&1 || { cat "$state/apt.log" >&2; fail "apt-get update failed"; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$state/apt.log" 2>&1 \
    || { tail -n 30 "$state/apt.log" >&2; fail "apt-get install ${missing[*]} failed (log: $state/apt.log)"; }
fi

# --- configuration (rewritten every time: cheap, and a changed port or folder takes effect) -------------------------
mkdir -p "$state/registry/data" "$state/podman/root" "$state/podman/run" "$state/podman/tmp"
# overlay needs a real file system under it; on overlayfs (a state folder inside a container) use vfs.
driver=${MLOPS_PODMAN_STORAGE_DRIVER:-overlay}
if [[ -z "${MLOPS_PODMAN_STORAGE_DRIVER:-}" && "$(stat -f -c %T "$state/podman/root")" == overlayfs ]]; then driver=vfs; fi

cat >"$state/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/registry/data
  delete:
    enabled: true
http:
  secret: mlops-test-registry
  addr: 127.0.0.1:$port
YAML

cat >"$state/containers.conf" <<CONF
[containers]
# runc cannot set rlimits in this kind of sandbox; keep the engine's own.
default_ulimits = []
# Steps reach nothing on the network here; "none" needs no bridge, iptables or CNI set-up.
netns = "none"

[engine]
# crun fails on this machine's cgroup layout.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$state/podman/tmp"
CONF

cat >"$state/registries.conf" <<CONF
unqualified-search-registries = []

[[registry]]
location = "127.0.0.1:$port"
insecure = true
CONF

cat >"$state/storage.conf" <<CONF
[storage]
driver = "$driver"
graphroot = "$state/podman/root"
runroot = "$state/podman/run"
CONF

export CONTAINERS_CONF=$state/containers.conf
export CONTAINERS_REGISTRIES_CONF=$state/registries.conf
export CONTAINERS_STORAGE_CONF=$state/storage.conf

# --- services ---------------------------------------------------------------------------------------------------
# running NAME WORD: the pid in STATE/NAME.pid is alive and is WORD (not a recycled pid).
running() {
  local pid
  pid=$(cat "$state/$1.pid" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && grep -qa -- "$2" "/proc/$pid/cmdline" 2>/dev/null
}
registry_answers() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; }
podman_answers() { [[ -S "$sock" ]] && curl -fsS -m 2 -o /dev/null --unix-socket "$sock" http://d/_ping 2>/dev/null; }

# start NAME COMMAND...: detached from this shell (own session, no inherited output), pid in STATE/NAME.pid.
# The service writes its own pid (exec keeps it): setsid forks when it leads a process group (a shell with job
# control), and $! would then name an exited parent, or a subshell that has not exec'ed the service yet.
start() {
  local name=$1; shift
  rm -f "$state/$name.pid"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$state/$name.pid" "$@" </dev/null >"$state/$name.log" 2>&1 &
  for _ in $(seq 1 100); do [[ -s "$state/$name.pid" ]] && return 0; sleep 0.05; done
  fail "$name did not start (log: $state/$name.log)"
}

# alive NAME: the process in STATE/NAME.pid exists (while it starts, its command line may not show its name yet).
alive() { kill -0 "$(cat "$state/$1.pid" 2>/dev/null)" 2>/dev/null; }

# wait_for NAME CHECK: up to 60 s for CHECK to pass while the process lives.
wait_for() {
  local name=$1 check=$2
  for _ in $(seq 1 600); do
    "$check" && return 0
    alive "$name" || { tail -n 30 "$state/$name.log" >&2; fail "$name exited at start (log: $state/$name.log)"; }
    sleep 0.1
  done
  tail -n 30 "$state/$name.log" >&2
  fail "$name did not answer within 60 s (log: $state/$name.log)"
}

# A unix socket's path has at most 107 bytes: under a deep checkout, use one in /tmp named after the state folder.
if (( ${#sock} >= 100 )); then sock=/tmp/mlops-podman-$(printf '%s' "$state" | md5sum | cut -c1-16).sock; fi

if running registry docker-registry && ! registry_answers; then
  # Ours, but not on this port (MLOPS_REGISTRY_PORT changed) or stuck: replace it.
  kill "$(cat "$state/registry.pid")" 2>/dev/null || true
  sleep 0.5
fi
if running registry docker-registry && registry_answers; then
  :
elif registry_answers; then
  fail "something else answers on 127.0.0.1:$port (not the registry of $state); stop it or set MLOPS_REGISTRY_PORT"
else
  start registry docker-registry serve "$state/registry/config.yml"
  wait_for registry registry_answers
  say "registry started on 127.0.0.1:$port"
fi

if ! podman_answers; then
  if running podman podman; then kill "$(cat "$state/podman.pid")" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$sock"
  start podman podman system service --time=0 "unix://$sock"
  wait_for podman podman_answers
  say "podman API started on unix://$sock"
fi

# --- base image -------------------------------------------------------------------------------------------------
if ! podman image exists "$base_image"; then
  context=$state/busybox-image
  rm -rf "$context"
  mkdir -p "$context"
  cp /bin/busybox "$context/busybox"
  cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
DOCKERFILE
  podman build --network=none -q -t "$base_image" "$context" >"$state/build.log" 2>&1 \
    || { cat "$state/build.log" >&2; fail "podman build of $base_image failed"; }
  say "built $base_image"
fi

cat >"$state/env" <<ENV
export MLOPS_TEST_REGISTRY=127.0.0.1:$port
export MLOPS_TEST_DOCKER_HOST=unix://$sock
ENV
cat "$state/env"
