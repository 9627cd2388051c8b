#!/usr/bin/env bash
# Emit of a large aggregator: 14 team pipelines of 30 to 60 components each, every component run twice (1,262 tasks
# and about 7 MB of IR), published to a local registry, composed by one aggregator. Measures, median of N runs:
#   - the emit step alone: the aggregator's program, `dotnet bin/Debug/net10.0/Scoring.dll emit --output DIR`
#     (wall time and peak RSS from /usr/bin/time -v);
#   - the edit-then-build loop: change a default in the aggregator's Pipelines.cs, `dotnet build`.
# Everything it makes stays in a temporary folder (its MLOps home, its NuGet cache); the SDK comes from eng/build.sh.
# Usage: eng/bench/large-aggregator.sh [runs]   (default 5; needs eng/build.sh to have run)
#   KEEP=1 keeps the work folder; SAVE_IR=FILE copies the composed IR there (to compare two SDK builds' bytes)
set -euo pipefail
# The tool the SDK runs out of process (restore, pack-model, publish).
tool="${MLOPS_TOOL_NAME:-Mlops.Sdk.Tool}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
teams=14
feed="$repo/artifacts/packages"
version="$(sed -n 's:.*<MlopsSdkVersion[^>]*>\(.*\)</MlopsSdkVersion>.*:\1:p' "$repo/eng/Versions.props")"
[[ -f "$feed/Mlops.Templates.$version.nupkg" ]] || { echo "error: $feed has no Mlops.Templates.$version.nupkg; run eng/build.sh first" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time (GNU time) is needed for the peak RSS" >&2; exit 1; }

work="$(mktemp -d -t mlops-large-aggregator-XXXXXX)"
if [[ "${KEEP:-}" == "1" ]]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
export NUGET_PACKAGES="$work/nuget" MLOPS_HOME="$work/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1
hive=(--debug:custom-hive "$work/hive")
dotnet new install "$feed/Mlops.Templates.$version.nupkg" "${hive[@]}" >/dev/null

# --- The teams: one repository with 14 pipelines, published together to the local environment. ---------------------
dotnet new mlops-subpipeline -n Teams -o "$work/Teams" --feed "$feed" "${hive[@]}" >/dev/null
rm -rf "$work/Teams/Pipelines.cs" "$work/Teams/Steps" "$work/Teams/components" "$work/Teams/tests"
# The benchmark's own team pipelines (eng/bench/Mlops.Pipelines.Benchmarks/LargeComposition), so both measure one shape.
fixture="$repo/eng/bench/Mlops.Pipelines.Benchmarks/LargeComposition"
cp "$fixture/StepSource.cs" "$fixture/LargeStep.cs" "$fixture/Steps.cs" "$fixture/TeamPipeline.cs" "$fixture/Teams.cs" "$work/Teams/"
echo "==> the teams: build and publish $teams pipelines to the local environment ($MLOPS_HOME)"
dotnet build "$work/Teams/Teams.csproj" -nologo -v:q >/dev/null
dotnet publish "$work/Teams/Teams.csproj" -nologo -v:q -p:Environment=local >/dev/null
published=$(ls "$MLOPS_HOME/registries/kfp" | wc -l)
[[ "$published" == "$teams" ]] || { echo "error: $published pipelines published, expected $teams" >&2; exit 1; }

# --- The aggregator: 14 references, one pipeline that chains the teams. ---------------------------------------------
dotnet new mlops-aggregator -n Scoring -o "$work/Scoring" --feed "$feed" "${hive[@]}" >/dev/null
rm -rf "$work/Scoring/Pipelines.cs" "$work/Scoring/Steps" "$work/Scoring/components"
{
  echo '<Project Sdk="Mlops.Sdk">'
  echo '  <PropertyGroup><Version>1.0.0</Version><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>'
  echo '  <ItemGroup>'
  for t in $(seq -w 1 "$teams"); do echo "    <SubPipelineReference Include=\"team-$t-scoring\" Version=\"1.*\" />"; done
  echo '  </ItemGroup>'
  echo '</Project>'
} >"$work/Scoring/Scoring.csproj"
{
  echo 'using Mlops.Pipelines;'
  echo 'using Scoring.SubPipelines;'
  echo 'namespace Scoring;'
  echo '[Pipeline("large-scoring", Description = "Every team in a row, each one fed the previous one'"'"'s summary.")]'
  echo 'public sealed class LargeScoring : Pipeline'
  echo '{'
  echo '    public Input<string> Start { get; init; } = "edit-0";'
  echo '    protected override void Build()'
  echo '    {'
  echo '        var t01 = Run(new Team01Scoring { Upstream = Start });'
  for t in $(seq 2 $((teams - 1))); do printf '        var t%02d = Run(new Team%02dScoring { Upstream = t%02d.Outputs.Summary });\n' "$t" "$t" $((t - 1)); done
  printf '        Run(new Team%02dScoring { Upstream = t%02d.Outputs.Summary });\n' "$teams" $((teams - 1))
  echo '    }'
  echo '}'
} >"$work/Scoring/Pipelines.cs"
echo "==> the aggregator: restore ($tool) and build"
dotnet build "$work/Scoring/Scoring.csproj" -nologo -v:q >/dev/null
[[ -f "$NUGET_PACKAGES/mlops.sdk/$version/tools/net10.0/$tool.dll" ]] || { echo "error: the SDK package has no tools/net10.0/$tool.dll; set MLOPS_TOOL_NAME" >&2; exit 1; }
program="$work/Scoring/bin/Debug/net10.0/Scoring.dll"
ir="$work/Scoring/bin/Debug/net10.0/pipelines/large-scoring.yaml"
tasks=$(grep -c "componentRef:" "$ir")
bytes=$(wc -c <"$ir")
[[ -z "${SAVE_IR:-}" ]] || cp "$ir" "$SAVE_IR"   # to compare the bytes another SDK build emits
sub_bytes=$(cat "$work/Scoring/obj/mlops/subpipelines/"*.subpipeline.yaml | wc -c)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The emit step alone, into a fresh folder each time (so every run writes the file).
emit_runs="$work/emit-runs.txt"
: >"$emit_runs"
for i in $(seq "$runs"); do
  rm -rf "$work/emitted"
  /usr/bin/time -v dotnet "$program" emit --output "$work/emitted" >/dev/null 2>"$work/time.txt"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s}')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$work/time.txt" | awk '{s += $1} END {printf "%.2f", s}')
  echo "$wall $rss $cpu" >>"$emit_runs"
done
cmp -s "$work/emitted/large-scoring.yaml" "$ir" || { echo "error: the emit verb wrote other bytes than the build's emit" >&2; exit 1; }
emit_wall=$(cut -d' ' -f1 "$emit_runs" | median)
emit_rss=$(cut -d' ' -f2 "$emit_runs" | median | awk '{printf "%.0f", $1 / 1024}')
emit_cpu=$(cut -d' ' -f3 "$emit_runs" | median)

# The edit-then-build loop: a changed default changes the program and its IR.
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", e - s}'; }
loop=$(for i in $(seq "$runs"); do
  sed -i "s/\"edit-[0-9]*\"/\"edit-$i\"/" "$work/Scoring/Pipelines.cs"
  seconds dotnet build "$work/Scoring/Scoring.csproj" -nologo -v:q
done | median)
grep -q "edit-$runs" "$ir" || { echo "error: the last build did not emit the edited pipeline" >&2; exit 1; }
noop=$(for _ in $(seq "$runs"); do seconds dotnet build "$work/Scoring/Scoring.csproj" -nologo -v:q; done | median)

echo "aggregator of $teams sub-pipelines: $tasks tasks, $((bytes / 1024)) KiB of composed IR ($((sub_bytes / 1024)) KiB of sub-pipeline IR embedded), median of $runs runs:"
echo "  emit (dotnet Scoring.dll emit --output DIR):  ${emit_wall}s wall, ${emit_cpu}s CPU (user + sys), peak RSS ${emit_rss} MiB   (target <= 1 s, <= 150 MiB)"
echo "  edit-then-build (dotnet build):               ${loop}s"
echo "  no-op rebuild (dotnet build):                 ${noop}s"
echo "  (wall times depend on what else the machine runs: load average $(cut -d' ' -f1 /proc/loadavg) now)"
