#!/usr/bin/env bash
# The main job, end to end, on the built-in `local` environment (README's first command):
#   build the SDK and templates from source, scaffold a team repo, build it (C# pipelines -> KFP IR), test it,
#   train locally, package the trained model, publish everything to `local`, then install the published model
#   package with pip and run the prediction pipeline with it; publish a second team (samples/Ltv) the same way,
#   scaffold an aggregator that composes both teams' published prediction pipelines at pinned versions, build
#   it and run it. Then, on four environments of loopback services (eng/demo/environments.sh), publish the team to
#   dataops, submit its training pipeline to dataops' Vertex AI (a contract server that runs the steps), wait for
#   it, publish the model of that run, and promote the same bytes to dev, staging and prod (approved), recording what
#   every registry reported in release.json, checked with skopeo and pip. Prints where each artifact went.
# Needs the .NET SDK and python3 (with venv). Usage: eng/demo.sh [work-folder]   (default: a new temp folder)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d -t mlops-demo-XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
version="$(sed -n 's:.*<MlopsSdkVersion[^>]*>\(.*\)</MlopsSdkVersion>.*:\1:p' "$repo/eng/Versions.props")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
# Everything this demo makes stays in its folder: the MLOps home (runs, caches, local registries) and NuGet's cache.
export MLOPS_HOME="$work/mlops-home" NUGET_PACKAGES="$work/nuget-packages"

step() { printf '\n==> %s\n' "$*"; }

step "Build and pack the SDK, its libraries and the templates from source"
# The integration tests run this script against the packages eng/test.sh has just built: MLOPS_DEMO_NO_BUILD=1.
if [[ "${MLOPS_DEMO_NO_BUILD:-}" != "1" ]]; then
  bash "$repo/eng/build.sh" >/dev/null
fi

step "Install the template pack and scaffold a team repo: dotnet new mlops-subpipeline -n Churn"
dotnet new install "$repo/artifacts/packages/Mlops.Templates.$version.nupkg" --debug:custom-hive "$work/hive" >/dev/null
dotnet new mlops-subpipeline -n Churn -o "$work/Churn" --feed "$repo/artifacts/packages" --debug:custom-hive "$work/hive" >/dev/null
cd "$work/Churn"

step "dotnet build (compiles the C# pipelines to Kubeflow Pipelines IR)"
dotnet build -nologo -v:q
ls bin/Debug/net10.0/pipelines/*.yaml

step "dotnet test (the team's tests of the pipelines' shape)"
dotnet test -nologo -v:q

step "dotnet run -- run churn-training (trains on the local runner)"
dotnet run --no-build -- run churn-training

step "dotnet pack (packages the model of the latest training run)"
dotnet pack -nologo -v:q -p:ModelFrom=latest
ls bin/Release/*.whl bin/Release/*.nupkg

step "dotnet publish -p:Environment=local (pipelines, model packages and images to the local registries)"
dotnet publish -nologo -p:Environment=local | grep -v ' -> .*Churn.dll$' | grep -v 'publish/$'

step "pip installs the published model package from the local index"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --index-url "file://$MLOPS_HOME/registries/pypi/simple" churn-model
"$work/venv/bin/python" -c "import churn_model; card = churn_model.model_card(); print('churn_model', card['model_version'], 'from run', card['run_id'], 'sha256', card['model_sha256'][:12])"

step "dotnet run -- run churn-prediction, scoring with the published model package"
PATH="$work/venv/bin:$PATH" dotnet run --no-build -- run churn-prediction --param model_uri=package:churn_model

step "A second team, samples/Ltv: train and publish ltv-prediction 2.1.0"
cp -r "$repo/samples/Ltv" "$work/Ltv"
sed -i "s|../../artifacts/packages|$repo/artifacts/packages|" "$work/Ltv/nuget.config"
(cd "$work/Ltv" && dotnet build -nologo -v:q >/dev/null && dotnet run --no-build -- run ltv-training >/dev/null \
  && dotnet publish -nologo -p:Environment=local | grep -E '^ +(model|pipeline) ')
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --index-url "file://$MLOPS_HOME/registries/pypi/simple" ltv-model

step "dotnet new mlops-aggregator: compose both teams' published prediction pipelines"
dotnet new mlops-aggregator -n CustomerScoring -o "$work/CustomerScoring" --feed "$repo/artifacts/packages" --debug:custom-hive "$work/hive" >/dev/null
cd "$work/CustomerScoring"
dotnet build -nologo -v:q
echo "mlops.lock.json pins:"
sed -n 's/.*"\(resolved\|digest\)": "\(.*\)".*/  \1 \2/p' mlops.lock.json

step "dotnet run -- run customer-scoring (the composed pipeline, each team a nested DAG)"
PATH="$work/venv/bin:$PATH" dotnet run --no-build -- run customer-scoring

step "Four environments on loopback: dataops (trains), dev, staging, prod; two OCI registries with a password, KFP-format and Python registries, an engine"
# Stopped when the demo ends, whatever happens; their storage stays under $work/services.
trap 'bash "$repo/eng/demo/environments.sh" stop "$work/services"' EXIT
bash "$repo/eng/demo/environments.sh" start "$work/services" "$work/Churn/components"
source "$work/services/env"
# The company's environments file, usually one per company, filled in with the loopback services.
cp "$ENVIRONMENTS_FILE" "$work/mlops.environments.json"
# What the team's CI does, with the credentials CI has (docker's config.json, a Google service account's key) and a
# home of its own: no local training run is at hand there.
ci() {
  (cd "$work/Churn" && DOCKER_HOST=$ENVIRONMENTS_DOCKER_HOST DOCKER_CONFIG=$ENVIRONMENTS_DOCKER_CONFIG MLOPS_HOME="$work/ci-home" \
    GOOGLE_APPLICATION_CREDENTIALS=$ENVIRONMENTS_GOOGLE_APPLICATION_CREDENTIALS STORAGE_EMULATOR_HOST=$ENVIRONMENTS_STORAGE_EMULATOR_HOST "$@")
}
publish() {
  ci dotnet publish -nologo -p:MlopsEnvironmentsFile="$work/mlops.environments.json" -p:MlopsReleaseFile="$work/release.json" "$@" \
    | grep -E '^ +(image|model|pipeline|recorded|ledger|Promoting|Publishing) |warning|error'
}

step "dotnet publish -p:Environment=dataops (images pinned by digest, the pipelines; the model is trained on dataops' runner)"
publish -p:Environment=dataops

step "dotnet run -- submit churn-training -e dataops --wait: the published template, by its sha256, on dataops' Vertex AI"
ci dotnet run --no-build -- submit churn-training -e dataops --wait --poll-seconds 1 --environments-file "$work/mlops.environments.json" | tee "$work/submit.log"
job=$(grep -oE 'projects/[^ ]+/pipelineJobs/[a-z0-9-]+' "$work/submit.log" | head -n 1)
[[ -n "$job" ]] || { echo "submit printed no job name" >&2; exit 1; }
ci dotnet run --no-build -- runs -e dataops --environments-file "$work/mlops.environments.json"

step "dotnet publish -p:Environment=dataops -p:ModelFrom=$job: the model of that run (from Cloud Storage), the release made whole"
publish -p:Environment=dataops -p:ModelFrom="$job"

step "dotnet publish -p:Environment=dev, then staging, then prod: promotion of the same bytes, nothing built or retrained"
publish -p:Environment=dev
publish -p:Environment=staging
publish -p:Environment=prod -p:MlopsApproval=demo-approver
echo "release.json:"
cat "$work/release.json"

step "dotnet build -t:MlopsReleases: the ledger each environment keeps in its own registry, what is live where"
(cd "$work/Churn" && DOCKER_CONFIG=$ENVIRONMENTS_DOCKER_CONFIG MLOPS_HOME="$work/ci-home" \
  dotnet build -nologo -v:m -t:MlopsReleases -p:MlopsEnvironmentsFile="$work/mlops.environments.json" | grep -vE '^(Build succeeded|Time Elapsed|  *[0-9]+ (Warning|Error)\(s\))' | sed '/^$/d')

step "Independent clients check what each environment stored: skopeo (each image digest), pip (prod's wheel, with credentials)"
python3 - "$work/release.json" <<'PY' | while read -r environment repository digest; do
import json, sys
for environment, release in json.load(open(sys.argv[1]))["environments"].items():
    for repository, digest in release["images"].items():
        print(environment, repository, digest)
PY
  served=$(skopeo inspect --tls-verify=false --creds "$ENVIRONMENTS_USER:$ENVIRONMENTS_PASSWORD" --format '{{.Digest}}' "docker://$repository@$digest")
  [[ "$served" == "$digest" ]] || { echo "skopeo: $repository serves $served, release.json says $digest" >&2; exit 1; }
  echo "  skopeo: $environment $repository@$digest"
done
python3 -m venv "$work/venv-prod"
index="${PROD_PYTHON/http:\/\//http://$ENVIRONMENTS_USER:$ENVIRONMENTS_PASSWORD@}simple/"
"$work/venv-prod/bin/python" -m pip install -q --disable-pip-version-check --index-url "$index" churn-model
"$work/venv-prod/bin/python" - "$job" <<'PY'
import sys, churn_model
card = churn_model.model_card()
assert card["run_id"] == sys.argv[1], f"prod's model card names run {card['run_id']}, not {sys.argv[1]}"
churn_model.load()
print("  pip: churn_model", card["model_version"], "from the prod index, trained by", card["run_id"])
PY
python3 - "$work/release.json" "$job" <<'PY'
import json, sys
for environment, release in json.load(open(sys.argv[1]))["environments"].items():
    assert release["trainingRun"] == sys.argv[2], f"{environment}'s release names training run {release['trainingRun']}"
print("  release.json: every environment's release names training run", sys.argv[2])
PY

step "Where everything went"
echo "team repos:            $work/Churn, $work/Ltv"
echo "aggregator:            $work/CustomerScoring (composed IR: bin/Debug/net10.0/pipelines/customer-scoring.yaml)"
echo "runs:                  $MLOPS_HOME/runs (local), $job (dataops' Vertex AI)"
echo "pipeline templates:    $MLOPS_HOME/registries/kfp  ($(ls "$MLOPS_HOME/registries/kfp" | tr '\n' ' '))"
echo "Python package index:  $MLOPS_HOME/registries/pypi/simple"
echo "NuGet feed:            $MLOPS_HOME/registries/nuget"
echo "environments:          $work/mlops.environments.json; services in $work/services (registry/ registry-b/ kfp/ pypi/ engine/)"
echo "release.json:          $work/release.json"
echo "predictions:           $(find "$MLOPS_HOME/runs/churn-prediction" -path '*predict/artifacts/predictions' | head -n 1)"
echo "ranking:               $(find "$MLOPS_HOME/runs/customer-scoring" -path '*prioritize/artifacts/ranking' | head -n 1)"
