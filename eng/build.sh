#!/usr/bin/env bash
# Builds and packs what this repository ships into artifacts/packages/:
#   what a team's program references (Mlops.Hosting: list, emit, run; on Mlops.Pipelines, Mlops.Runner, Mlops.Core),
#   Mlops.Sdk (the MSBuild SDK, with its tasks and, under tools/net10.0/, its tool sdk/Mlops.Sdk.Tool published with
#   the engine libraries: restore, pack-model, publish; under tools/linux-x64/ the same tool compiled ahead of time), Mlops.Templates (dotnet new templates). All carry $(MlopsSdkVersion) from eng/Versions.props.
# Usage: eng/build.sh [-c Debug|Release]   (default Release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration=Release
if [[ "${1:-}" == "-c" && -n "${2:-}" ]]; then configuration="$2"; fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Only what this script packs: a failed pack must not leave an older package of the same name behind.
rm -f artifacts/packages/Mlops.Core.[0-9]*.nupkg artifacts/packages/Mlops.Runner.[0-9]*.nupkg artifacts/packages/Mlops.Hosting.[0-9]*.nupkg artifacts/packages/Mlops.Registries.[0-9]*.nupkg artifacts/packages/Mlops.Packaging.[0-9]*.nupkg artifacts/packages/Mlops.Pipelines.[0-9]*.nupkg artifacts/packages/Mlops.Sdk.[0-9]*.nupkg artifacts/packages/Mlops.Templates.[0-9]*.nupkg

# The SDK package also carries its tool compiled ahead of time for linux-x64, which needs a C compiler and linker
# (MLOPS_BUILD_NATIVE_TOOL=false leaves it out: the targets then run the portable tool on the dotnet host).
pack_properties=()
if [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]]; then
  if [[ "${MLOPS_BUILD_NATIVE_TOOL:-}" == false ]]; then
    pack_properties+=(-p:MlopsBuildNativeTool=false)
  elif ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
    echo "warning: no clang or gcc on PATH: Mlops.Sdk is packed without its native tool (tools/linux-x64/); the portable one runs instead." >&2
    pack_properties+=(-p:MlopsBuildNativeTool=false)
  fi
fi

for project in sdk/Mlops.Core/Mlops.Core.csproj sdk/Mlops.Pipelines/Mlops.Pipelines.csproj sdk/Mlops.Runner/Mlops.Runner.csproj sdk/Mlops.Hosting/Mlops.Hosting.csproj sdk/Mlops.Sdk/Mlops.Sdk.csproj templates/Mlops.Templates.csproj; do
  echo "==> dotnet pack $project -c $configuration"
  dotnet pack "$project" -c "$configuration" -nologo -v:q -tl:false ${pack_properties[@]+"${pack_properties[@]}"}
done

echo "==> artifacts/packages:"
ls -1 artifacts/packages/*.nupkg
