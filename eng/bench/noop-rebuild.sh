#!/usr/bin/env bash
# No-op rebuild of a scaffolded team repo vs a plain class library with the same C# code.
# A no-op build must cost (almost) nothing extra: emit is skipped by Inputs/Outputs when nothing changed.
# Usage: eng/bench/noop-rebuild.sh [runs]   (needs eng/build.sh to have run; default 7 runs, the median is reported)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
feed="$repo/artifacts/packages"
version="$(sed -n 's:.*<MlopsSdkVersion[^>]*>\(.*\)</MlopsSdkVersion>.*:\1:p' "$repo/eng/Versions.props")"
[[ -f "$feed/Mlops.Templates.$version.nupkg" ]] || { echo "error: $feed has no Mlops.Templates.$version.nupkg; run eng/build.sh first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

dotnet new install "$feed/Mlops.Templates.$version.nupkg" --debug:custom-hive "$work/hive" >/dev/null
dotnet new mlops-subpipeline -n Churn -o "$work/Churn" --feed "$feed" --debug:custom-hive "$work/hive" >/dev/null

mkdir -p "$work/Plain"
cp "$work/Churn/nuget.config" "$work/Plain/"
(cd "$work/Churn" && find . -name '*.cs' -not -path './tests/*' -not -path './obj/*' -not -path './bin/*' -exec cp --parents {} "$work/Plain/" \;)
cat > "$work/Plain/Plain.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Mlops.Pipelines" Version="$version" />
  </ItemGroup>
</Project>
XML

# The same code again, as an Exe on the plain SDK with the same package the SDK brings (Mlops.Hosting): what is
# left of the difference is the SDK's own cost (its resolution, evaluation and targets).
mkdir -p "$work/PlainHost"
cp -r "$work/Plain/." "$work/PlainHost/"
rm "$work/PlainHost/Plain.csproj"
cat > "$work/PlainHost/PlainHost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Mlops.Hosting" Version="$version" />
  </ItemGroup>
</Project>
XML
echo 'internal static class Program { public static System.Threading.Tasks.Task<int> Main(string[] args) => Mlops.Pipelines.Hosting.PipelineHost.RunAsync(typeof(Program).Assembly, args); }' > "$work/PlainHost/Program.cs"

median_build_seconds() {
  local project="$1" times=()
  dotnet build "$project" -nologo -v:q >/dev/null   # restore + first build
  dotnet build "$project" -nologo -v:q --no-restore >/dev/null
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    dotnet build "$project" -nologo -v:q --no-restore >/dev/null
    end=$(date +%s.%N)
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

team=$(median_build_seconds "$work/Churn/Churn.csproj")
plain=$(median_build_seconds "$work/Plain/Plain.csproj")
host=$(median_build_seconds "$work/PlainHost/PlainHost.csproj")
ratio() { awk -v t="$1" -v p="$2" 'BEGIN {printf "%.3f", t / p}'; }
echo "no-op rebuild, median of $runs runs:"
echo "  team repo (Mlops.Sdk)                          ${team}s"
echo "  plain classlib, same code, Mlops.Pipelines     ${plain}s   ratio $(ratio "$team" "$plain") (target <= 1.15)"
echo "  plain Exe, same code, Mlops.Hosting            ${host}s   ratio $(ratio "$team" "$host") (the SDK's own cost)"
