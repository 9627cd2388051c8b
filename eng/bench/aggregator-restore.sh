#!/usr/bin/env bash
# Restore + build of an aggregator of N sub-pipelines (default 50), from a clean obj/ and bin/ (NuGet's package
# cache warm in both): cold (no lock file, empty IR cache) and warm (lock file and IR cache present). Each sub-pipeline is a team's published prediction
# pipeline (the scaffolded template's churn-prediction IR) under its own package name in a folder registry.
# Usage: eng/bench/aggregator-restore.sh [N] [runs]   (needs eng/build.sh to have run; reports medians)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-50}"
runs="${2:-3}"
feed="$repo/artifacts/packages"
version="$(sed -n 's:.*<MlopsSdkVersion[^>]*>\(.*\)</MlopsSdkVersion>.*:\1:p' "$repo/eng/Versions.props")"
[[ -f "$feed/Mlops.Templates.$version.nupkg" ]] || { echo "error: run eng/build.sh first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget" MLOPS_HOME="$work/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

# One team's compiled prediction pipeline, published N times under other names (layout of the local KFP registry).
dotnet new install "$feed/Mlops.Templates.$version.nupkg" --debug:custom-hive "$work/hive" >/dev/null
dotnet new mlops-subpipeline -n Churn -o "$work/Churn" --feed "$feed" --debug:custom-hive "$work/hive" >/dev/null
dotnet build "$work/Churn/Churn.csproj" -nologo -v:q >/dev/null
ir="$work/Churn/bin/Debug/net10.0/pipelines/churn-prediction.yaml"
digest="$(sha256sum "$ir" | cut -d' ' -f1)"
for i in $(seq -w 1 "$count"); do
  mkdir -p "$work/registry/kfp/team-$i/versions" "$work/registry/kfp/team-$i/tags"
  cp "$ir" "$work/registry/kfp/team-$i/versions/sha256-$digest.yaml"
  printf 'sha256:%s\n' "$digest" >"$work/registry/kfp/team-$i/tags/1.0.$((10#$i))"
done

# The aggregator: N references and a pipeline that runs each once.
dotnet new mlops-aggregator -n Scoring -o "$work/Scoring" --feed "$feed" --debug:custom-hive "$work/hive" >/dev/null
rm "$work/Scoring/Pipelines.cs"
{
  echo '<Project Sdk="Mlops.Sdk">'
  echo '  <ItemGroup>'
  for i in $(seq -w 1 "$count"); do echo "    <SubPipelineReference Include=\"team-$i\" Version=\"1.*\" Registry=\"$work/registry\" />"; done
  echo '  </ItemGroup>'
  echo '</Project>'
} >"$work/Scoring/Scoring.csproj"
{
  echo 'using Mlops.Pipelines; using Scoring.SubPipelines;'
  echo 'namespace Scoring;'
  echo '[Pipeline("scoring")] public sealed class ScoringPipeline : Pipeline { protected override void Build() {'
  for i in $(seq -w 1 "$count"); do echo "  Run(new Team$i { Table = \"t$i\" });"; done
  echo '} }'
} >"$work/Scoring/Pipelines.cs"
dotnet build "$work/Scoring/Scoring.csproj" -nologo -v:q >/dev/null   # fills NuGet's cache; checks it builds

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", e - s}'; }
build() { dotnet build "$work/Scoring/Scoring.csproj" -nologo -v:q; }

cold=$(for _ in $(seq "$runs"); do
  rm -rf "$work/Scoring/obj" "$work/Scoring/bin" "$work/Scoring/mlops.lock.json" "$MLOPS_HOME/cache"
  seconds build
done | median)
warm=$(for _ in $(seq "$runs"); do
  rm -rf "$work/Scoring/obj" "$work/Scoring/bin"
  seconds build
done | median)
tasks=$(grep -c "componentRef:" "$work/Scoring/bin/Debug/net10.0/pipelines/scoring.yaml")
echo "aggregator of $count sub-pipelines ($tasks tasks in the composed IR), restore + build, median of $runs:"
echo "  cold (no lock file, empty IR cache):  ${cold}s"
echo "  warm (lock file and IR cache present): ${warm}s"
