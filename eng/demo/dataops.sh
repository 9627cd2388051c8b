#!/usr/bin/env bash
# The demo's `dataops` environment, made of loopback services, with their storage under FOLDER (eng/demo.sh runs it):
#   - images:    a Docker distribution registry (`docker-registry`) with htpasswd authentication;
#   - pipelines: the KFP-format registry contract server (Artifact Registry's protocol, generic host form);
#   - python:    the Python registry contract server (twine's upload protocol, a PEP 503 simple index);
#   - a container engine to build the component images: podman's Docker API (eng/services/start.sh, state in FOLDER),
#     offline: the components' base image python:3.11-slim is a stand-in (busybox) tagged so in it.
# Each service requires the credentials in FOLDER/env; `start` writes FOLDER/env (ports, user, DOCKER_HOST) and
# FOLDER/docker/config.json (docker's credential file, what `docker login` writes), `stop` stops them all.
# Usage: eng/demo/dataops.sh start|stop FOLDER
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
action=${1:?usage: dataops.sh start|stop FOLDER}
folder=${2:?usage: dataops.sh start|stop FOLDER}
mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
user=dataops-publisher
say() { echo "eng/demo/dataops.sh: $*" >&2; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop_pid() {
  local file=$1 pid
  pid=$(cat "$file" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

if [[ "$action" == stop ]]; then
  for name in registry kfp pypi; do stop_pid "$folder/$name.pid"; done
  MLOPS_SERVICES_DIR="$folder/engine" bash "$repo/eng/services/stop.sh" >/dev/null 2>&1 || true
  exit 0
fi
[[ "$action" == start ]] || { say "usage: dataops.sh start|stop FOLDER"; exit 2; }

# A new password per start: nothing here is a secret worth keeping, and nothing may depend on one.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

# The container engine (and the base images the test services build), in a state folder of the demo's own.
engine_registry_port=$(free_port)
MLOPS_SERVICES_DIR="$folder/engine" MLOPS_REGISTRY_PORT=$engine_registry_port bash "$repo/eng/services/start.sh" >/dev/null
source "$folder/engine/env"
# The engine has no internet: the components' base image python:3.11-slim is a local stand-in (busybox) in it.
curl -fsS --unix-socket "${MLOPS_TEST_DOCKER_HOST#unix://}" -X POST \
  "http://engine/images/localhost/mlops-test/busybox:1/tag?repo=docker.io/library/python&tag=3.11-slim"

# start NAME COMMAND...: detached, its pid in FOLDER/NAME.pid, its output in FOLDER/NAME.log.
start() {
  local name=$1; shift
  rm -f "$folder/$name.pid"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$folder/$name.pid" "$@" </dev/null >"$folder/$name.log" 2>&1 &
  for _ in $(seq 1 100); do [[ -s "$folder/$name.pid" ]] && return 0; sleep 0.05; done
  say "$name did not start (log: $folder/$name.log)"; exit 1
}
# wait_for NAME URL: up to 60 s for URL to answer (any HTTP status).
wait_for() {
  for _ in $(seq 1 600); do
    curl -s -m 2 -o /dev/null "$2" && return 0
    kill -0 "$(cat "$folder/$1.pid")" 2>/dev/null || { tail -n 20 "$folder/$1.log" >&2; say "$1 exited at start"; exit 1; }
    sleep 0.1
  done
  say "$1 did not answer within 60 s (log: $folder/$1.log)"; exit 1
}

registry_port=$(free_port)
mkdir -p "$folder/registry/data"
htpasswd -Bbn "$user" "$password" >"$folder/registry/htpasswd"
cat >"$folder/registry/config.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $folder/registry/data
  delete:
    enabled: true
auth:
  htpasswd:
    realm: dataops
    path: $folder/registry/htpasswd
http:
  secret: mlops-demo-dataops
  addr: 127.0.0.1:$registry_port
YAML
start registry docker-registry serve "$folder/registry/config.yml"
wait_for registry "http://127.0.0.1:$registry_port/v2/"

servers="$folder/bin/Mlops.ContractServers.dll"
if [[ ! -f "$servers" ]]; then
  dotnet build "$repo/tests/Mlops.ContractServers/Mlops.ContractServers.csproj" -c Release -nologo -v:q -o "$folder/bin" >"$folder/build.log" 2>&1 \
    || { tail -n 20 "$folder/build.log" >&2; say "building the contract servers failed"; exit 1; }
fi
kfp_port=$(free_port)
start kfp dotnet "$servers" kfp --port "$kfp_port" --storage "$folder/kfp" --user "$user" --password "$password"
wait_for kfp "http://127.0.0.1:$kfp_port/"
pypi_port=$(free_port)
start pypi dotnet "$servers" pypi --port "$pypi_port" --storage "$folder/pypi" --user "$user" --password "$password" --path-prefix /acme-dataops/models/
wait_for pypi "http://127.0.0.1:$pypi_port/"

# The credentials, as users have them: docker's config.json (`auths`, base64 user:password per host).
mkdir -p "$folder/docker"
auth=$(printf '%s:%s' "$user" "$password" | base64 -w0)
cat >"$folder/docker/config.json" <<JSON
{
  "auths": {
    "127.0.0.1:$registry_port": { "auth": "$auth" },
    "127.0.0.1:$kfp_port": { "auth": "$auth" },
    "127.0.0.1:$pypi_port": { "auth": "$auth" }
  }
}
JSON
chmod 600 "$folder/docker/config.json"

cat >"$folder/env" <<ENV
export DATAOPS_IMAGES=127.0.0.1:$registry_port
export DATAOPS_PIPELINES=http://127.0.0.1:$kfp_port/acme-dataops/pipelines
export DATAOPS_PYTHON=http://127.0.0.1:$pypi_port/acme-dataops/models/
export DATAOPS_USER=$user
export DATAOPS_PASSWORD=$password
export DATAOPS_DOCKER_HOST=$MLOPS_TEST_DOCKER_HOST
export DATAOPS_DOCKER_CONFIG=$folder/docker
ENV
say "images 127.0.0.1:$registry_port, pipelines :$kfp_port, python :$pypi_port, engine $MLOPS_TEST_DOCKER_HOST"
