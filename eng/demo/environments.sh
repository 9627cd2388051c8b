#!/usr/bin/env bash
# The demo's four environments (dataops trains; dev, staging and prod take releases by promotion), made of loopback
# services with their storage under FOLDER (eng/demo.sh runs it):
#   - images:    two Docker distribution registries (`docker-registry`) with htpasswd authentication: one holds
#                dataops' and dev's repositories (a promotion between them mounts blobs), the other staging's and
#                prod's (dev to staging streams across hosts);
#   - pipelines: the KFP-format registry contract server (Artifact Registry's protocol, generic host form), one
#                repository per environment;
#   - python:    a Python registry contract server per environment (twine's upload protocol, a PEP 503 simple index);
#   - a container engine to build the component images: podman's Docker API (eng/services/start.sh, state in FOLDER),
#     offline: the components' base image python:3.11-slim is a stand-in (busybox) tagged so in it;
#   - dataops' runner: the Vertex AI Pipelines contract server, which runs a job's steps with the local runner from the
#     team's component folders (COMPONENTS, the third argument), its artifacts in the Cloud Storage contract server
#     (STORAGE_EMULATOR_HOST), and Google's token endpoint contract server, which signs in a service account whose
#     key file FOLDER/google/service-account.json is (GOOGLE_APPLICATION_CREDENTIALS).
# Each service requires the credentials in FOLDER/env; `start` writes FOLDER/env (addresses, user, DOCKER_HOST),
# FOLDER/docker/config.json (docker's credential file, what `docker login` writes) and
# FOLDER/mlops.environments.json (the company's environments file, filled in with these services); `stop` stops them.
# Usage: eng/demo/environments.sh start|stop FOLDER [COMPONENTS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
action=${1:?usage: environments.sh start|stop FOLDER}
folder=${2:?usage: environments.sh start|stop FOLDER [COMPONENTS]}
components=${3:-}
mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
user=release-publisher
environments=(dataops dev staging prod)
say() { echo "eng/demo/environments.sh: $*" >&2; }

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
  for pidfile in "$folder"/*.pid; do [[ -e "$pidfile" ]] && stop_pid "$pidfile"; done
  MLOPS_SERVICES_DIR="$folder/engine" bash "$repo/eng/services/stop.sh" >/dev/null 2>&1 || true
  exit 0
fi
[[ "$action" == start ]] || { say "usage: environments.sh start|stop FOLDER"; exit 2; }

# A new password per start: nothing here is a secret worth keeping, and nothing may depend on one.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

# The container engine (and the base images the test services build), in a state folder of the demo's own.
engine_registry_port=$(free_port)
MLOPS_SERVICES_DIR="$folder/engine" MLOPS_REGISTRY_PORT=$engine_registry_port bash "$repo/eng/services/start.sh" >/dev/null
source "$folder/engine/env"
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

# registry NAME: a docker-registry with htpasswd on a free port; prints its port.
registry() {
  local name=$1 port
  port=$(free_port)
  mkdir -p "$folder/$name/data"
  htpasswd -Bbn "$user" "$password" >"$folder/$name/htpasswd"
  cat >"$folder/$name/config.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $folder/$name/data
  delete:
    enabled: true
auth:
  htpasswd:
    realm: $name
    path: $folder/$name/htpasswd
http:
  secret: mlops-demo-$name
  addr: 127.0.0.1:$port
YAML
  start "$name" docker-registry serve "$folder/$name/config.yml"
  wait_for "$name" "http://127.0.0.1:$port/v2/"
  echo "$port"
}
registry_a=$(registry registry)
registry_b=$(registry registry-b)

servers="$folder/bin/Mlops.ContractServers.dll"
if [[ ! -f "$servers" ]]; then
  dotnet build "$repo/tests/Mlops.ContractServers/Mlops.ContractServers.csproj" -c Release -nologo -v:q -o "$folder/bin" >"$folder/build.log" 2>&1 \
    || { tail -n 20 "$folder/build.log" >&2; say "building the contract servers failed"; exit 1; }
fi
kfp_port=$(free_port)
start kfp dotnet "$servers" kfp --port "$kfp_port" --storage "$folder/kfp" --user "$user" --password "$password"
wait_for kfp "http://127.0.0.1:$kfp_port/"
declare -A pypi_port images_host
for name in "${environments[@]}"; do
  pypi_port[$name]=$(free_port)
  start "pypi-$name" dotnet "$servers" pypi --port "${pypi_port[$name]}" --storage "$folder/pypi/$name" --user "$user" --password "$password" \
    --path-prefix "/acme-$name/models/"
done
for name in "${environments[@]}"; do wait_for "pypi-$name" "http://127.0.0.1:${pypi_port[$name]}/"; done
# dataops' runner: Vertex AI (its steps run from the team's component folders), Cloud Storage, Google's token endpoint.
google_token=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
service_account=publisher@acme-dataops.iam.gserviceaccount.com
mkdir -p "$folder/google"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$folder/google/key.pem" 2>/dev/null
openssl pkey -in "$folder/google/key.pem" -pubout -out "$folder/google/public.pem"
google_port=$(free_port) vertex_port=$(free_port) gcs_port=$(free_port)
start google dotnet "$servers" google --port "$google_port" --token "$google_token" --service-account "$service_account" --public-key "$folder/google/public.pem"
start vertex dotnet "$servers" vertex --port "$vertex_port" --storage "$folder/gcs-storage" --token "$google_token" ${components:+--execute "$components"}
start gcs dotnet "$servers" gcs --port "$gcs_port" --storage "$folder/gcs-storage" --token "$google_token"
for name in google vertex gcs; do port_var=${name}_port; wait_for "$name" "http://127.0.0.1:${!port_var}/"; done
python3 - "$folder/google/key.pem" "$service_account" "http://127.0.0.1:$google_port/token" >"$folder/google/service-account.json" <<'PY'
import json, sys
key, email, token_uri = sys.argv[1:4]
print(json.dumps({"type": "service_account", "project_id": "acme-dataops", "private_key_id": "demo", "private_key": open(key).read(),
                  "client_email": email, "client_id": "100000000000000000001", "token_uri": token_uri}))
PY
chmod 600 "$folder/google/key.pem" "$folder/google/service-account.json"

images_host=([dataops]=127.0.0.1:$registry_a [dev]=127.0.0.1:$registry_a [staging]=127.0.0.1:$registry_b [prod]=127.0.0.1:$registry_b)

# The credentials, as users have them: docker's config.json (`auths`, base64 user:password per host).
mkdir -p "$folder/docker"
auth=$(printf '%s:%s' "$user" "$password" | base64 -w0)
{
  echo '{ "auths": {'
  for port in "$registry_a" "$registry_b" "$kfp_port"; do echo "  \"127.0.0.1:$port\": { \"auth\": \"$auth\" },"; done
  for name in "${environments[@]}"; do
    echo "  \"127.0.0.1:${pypi_port[$name]}\": { \"auth\": \"$auth\" }$([[ $name == prod ]] || echo ,)"
  done
  echo '} }'
} >"$folder/docker/config.json"
chmod 600 "$folder/docker/config.json"

# The company's environments file, filled in with these services (the templates scaffold it with Google's hosts).
declare -A from=([dev]=dataops [staging]=dev [prod]=staging)
{
  echo '{ "environments": {'
  for name in "${environments[@]}"; do
    echo "  \"$name\": {"
    echo "    \"project\": \"acme-$name\", \"region\": \"europe-west4\","
    [[ $name == dataops ]] && echo '    "training": true,'
    [[ -n "${from[$name]:-}" ]] && echo "    \"promotesFrom\": \"${from[$name]}\","
    [[ $name == prod ]] && echo '    "requiresApproval": true,'
    echo '    "registries": {'
    echo "      \"images\": \"http://${images_host[$name]}/acme-$name/components\","
    echo "      \"pipelines\": \"http://127.0.0.1:$kfp_port/acme-$name/pipelines\","
    echo "      \"python\": \"http://127.0.0.1:${pypi_port[$name]}/acme-$name/models/\""
    echo "    }$([[ $name == dataops ]] && echo ,)"
    [[ $name == dataops ]] && echo "    \"runner\": { \"kind\": \"vertex\", \"endpoint\": \"http://127.0.0.1:$vertex_port/\", \"pipelineRoot\": \"gs://acme-dataops-pipelines/root\", \"serviceAccount\": \"pipelines@acme-dataops.iam.gserviceaccount.com\" }"
    echo "  }$([[ $name == prod ]] || echo ,)"
  done
  echo '} }'
} >"$folder/mlops.environments.json"

cat >"$folder/env" <<ENV
export DATAOPS_IMAGES=${images_host[dataops]}/acme-dataops/components
export DATAOPS_PIPELINES=http://127.0.0.1:$kfp_port/acme-dataops/pipelines
export DATAOPS_VERTEX=http://127.0.0.1:$vertex_port/
export DATAOPS_PYTHON=http://127.0.0.1:${pypi_port[dataops]}/acme-dataops/models/
export PROD_PYTHON=http://127.0.0.1:${pypi_port[prod]}/acme-prod/models/
export ENVIRONMENTS_USER=$user
export ENVIRONMENTS_PASSWORD=$password
export ENVIRONMENTS_GOOGLE_TOKEN=$google_token
export ENVIRONMENTS_DOCKER_HOST=$MLOPS_TEST_DOCKER_HOST
export ENVIRONMENTS_DOCKER_CONFIG=$folder/docker
export ENVIRONMENTS_FILE=$folder/mlops.environments.json
export ENVIRONMENTS_GOOGLE_APPLICATION_CREDENTIALS=$folder/google/service-account.json
export ENVIRONMENTS_STORAGE_EMULATOR_HOST=127.0.0.1:$gcs_port
export ENVIRONMENTS_GCS_STORAGE=$folder/gcs-storage
ENV
say "images 127.0.0.1:$registry_a (dataops, dev) and 127.0.0.1:$registry_b (staging, prod), pipelines :$kfp_port, python :${pypi_port[dataops]} :${pypi_port[dev]} :${pypi_port[staging]} :${pypi_port[prod]}, engine $MLOPS_TEST_DOCKER_HOST, vertex :$vertex_port, gcs :$gcs_port, google :$google_port"
