#!/usr/bin/env bash
# Publishing a release again with nothing changed, to a dataops environment of loopback services (eng/demo/environments.sh:
# docker-registry with htpasswd, the KFP-format and Python registry contract servers): a scaffolded team is built,
# trained locally and published once; then it is published again, and this measures
#   - the requests that would have uploaded anything, as the services logged them (must be 0: nothing is sent twice);
#   - the time of the publish step (the SDK tool's publish, what `dotnet publish` runs after its build; from MSBuild's
#     task performance summary) and of the whole `dotnet publish`, each against one `skopeo inspect` per artifact of
#     the release (target for the publish step: <= 1.5).
# Needs the packages of eng/build.sh (built when missing). Usage: eng/bench/noop-publish.sh  (MLOPS_BENCH_RUNS=N: timings
# of the tool alone and of skopeo are the median of N runs, default 5; MLOPS_BENCH_TOOL=portable: the portable tool on
# the dotnet host instead of the package's native one)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$(sed -n 's:.*<MlopsSdkVersion[^>]*>\(.*\)</MlopsSdkVersion>.*:\1:p' "$repo/eng/Versions.props")"
work="$(mktemp -d -t mlops-bench-XXXXXX)"
# MLOPS_BENCH_KEEP=1 keeps the folder and its services running (stop them with eng/demo/environments.sh stop FOLDER/services).
trap '[[ -n "${MLOPS_BENCH_KEEP:-}" ]] || { bash "$repo/eng/demo/environments.sh" stop "$work/services"; rm -rf "$work"; }' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1
export MLOPS_HOME="$work/mlops-home" NUGET_PACKAGES="$work/nuget-packages"
if [[ "${MLOPS_BENCH_TOOL:-native}" == portable ]]; then export MlopsUseNativeSdkTool=false; fi

[[ -f "$repo/artifacts/packages/Mlops.Templates.$version.nupkg" ]] || bash "$repo/eng/build.sh" >/dev/null
bash "$repo/eng/demo/environments.sh" start "$work/services"
echo "work folder: $work"
source "$work/services/env"
cp "$ENVIRONMENTS_FILE" "$work/mlops.environments.json"

echo "scaffold, build and train a team (not timed)..."
dotnet new install "$repo/artifacts/packages/Mlops.Templates.$version.nupkg" --debug:custom-hive "$work/hive" >/dev/null
dotnet new mlops-subpipeline -n Churn -o "$work/Churn" --feed "$repo/artifacts/packages" --debug:custom-hive "$work/hive" >/dev/null
cd "$work/Churn"
dotnet build -nologo -v:q >/dev/null
dotnet run --no-build -- run churn-training >/dev/null
# What a CI job of the environment has: its registries' logins and Google credentials (dataops has a Vertex runner).
export DOCKER_HOST=$ENVIRONMENTS_DOCKER_HOST DOCKER_CONFIG=$ENVIRONMENTS_DOCKER_CONFIG \
  GOOGLE_APPLICATION_CREDENTIALS=$ENVIRONMENTS_GOOGLE_APPLICATION_CREDENTIALS STORAGE_EMULATOR_HOST=$ENVIRONMENTS_STORAGE_EMULATOR_HOST
publish() {
  dotnet publish -nologo -p:Environment=dataops \
    -p:MlopsEnvironmentsFile="$work/mlops.environments.json" -p:MlopsReleaseFile="$work/release.json" "$@"
}
echo "first publish (not timed)..."
publish -v:q >"$work/first.log" || { cat "$work/first.log" >&2; exit 1; }

services=(registry kfp pypi-dataops)
declare -A before
for name in "${services[@]}"; do before[$name]=$(wc -l <"$work/services/$name.log"); done
echo "publish again, nothing changed..."
start=$(date +%s.%N)
publish -clp:PerformanceSummary >"$work/again.log" || { cat "$work/again.log" >&2; exit 1; }
whole_s=$(echo "$(date +%s.%N) - $start" | bc)
step_ms=$(sed -n 's/^ *\([0-9]*\) ms  *RunSdkTool .*/\1/p' "$work/again.log" | tail -n 1)
uploads=$(for name in "${services[@]}"; do tail -n +"$((before[$name] + 1))" "$work/services/$name.log"; done \
  | grep -E 'msg="response completed".*http\.request\.method=(PUT|PATCH|POST|DELETE)|^request (PUT|PATCH|POST|DELETE) ' || true)

# The middle one of several timings (a shared machine's timings are noisy: the median, not the best, is reported).
median() { sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
runs=${MLOPS_BENCH_RUNS:-5}

# The publish step alone, as MSBuild runs it (its command line from a normal-verbosity log).
publish -v:n >"$work/normal.log"
tool=$(grep -m1 -E '^ +([^ ]*dotnet[^ ]* .*Mlops\.Sdk\.Tool\.dll"?|"?[^ ]*/tools/[a-z0-9-]+/Mlops\.Sdk\.Tool"?) publish ' "$work/normal.log" | sed 's/^ *//')
[[ -n "$tool" ]] || { echo "error: no tool command line in $work/normal.log" >&2; exit 1; }
tool_s=$(for _ in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  eval "$tool" >/dev/null
  echo "$(date +%s.%N) - $start" | bc
done | median)

artifacts=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["environments"]["dataops"]; print(len(e["images"])+len(e["pipelines"])+len(e["wheels"]))' "$work/release.json")
image=$(python3 -c 'import json,sys; r,d=next(iter(json.load(open(sys.argv[1]))["environments"]["dataops"]["images"].items())); print(f"{r}@{d}")' "$work/release.json")
inspect_s=$(for _ in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  for _ in $(seq 1 "$artifacts"); do
    skopeo inspect --tls-verify=false --creds "$ENVIRONMENTS_USER:$ENVIRONMENTS_PASSWORD" --raw "docker://$image" >/dev/null
  done
  echo "$(date +%s.%N) - $start" | bc
done | median)

printf 'publish with nothing changed: %s requests that upload (target 0)\n' "$(grep -c . <<<"$uploads" || true)"
printf '  publish step %.3f s (the tool alone, median of %s: %.3f s), whole dotnet publish %.2f s; %s x skopeo inspect %.3f s (median of %s)\n' \
  "$(echo "$step_ms / 1000" | bc -l)" "$runs" "$tool_s" "$whole_s" "$artifacts" "$inspect_s" "$runs"
printf '  ratio: the tool alone %.2f (target <= 1.5), the publish step in MSBuild %.2f, whole dotnet publish %.2f\n' \
  "$(echo "$tool_s / $inspect_s" | bc -l)" "$(echo "$step_ms / 1000 / $inspect_s" | bc -l)" "$(echo "$whole_s / $inspect_s" | bc -l)"
[[ -z "$uploads" ]] || { printf 'error: a publish with nothing changed sent:\n%s\n' "$uploads" >&2; exit 1; }
