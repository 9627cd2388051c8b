#!/usr/bin/env bash
# Promoting a component image registry to registry by digest, with no container engine: our OciImageCopier against
# `skopeo copy --preserve-digests docker://… docker://…` of the same image, (a) to another repository of the same registry (ours mounts
# every blob) and (b) to a second registry on another port (both stream every byte). The image (random data, so
# nothing compresses or is shared) is built and pushed to the source registry first, not timed. Each copy goes to a
# fresh repository; the digests in the targets are checked with skopeo. Uses the test services (eng/services/start.sh:
# docker-registry and podman's API; when MLOPS_TEST_REGISTRY and MLOPS_TEST_DOCKER_HOST are set, those) and starts
# the second registry itself.
# Usage: eng/bench/image-promote.sh [size-in-MiB]   (default 200)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mib="${1:-200}"
work="$(mktemp -d)"
second_pid=""
trap '[[ -n "$second_pid" ]] && kill "$second_pid" 2>/dev/null; rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

if [[ -z "${MLOPS_TEST_REGISTRY:-}" || -z "${MLOPS_TEST_DOCKER_HOST:-}" ]]; then
  bash "$repo/eng/services/start.sh" >/dev/null
  source "${MLOPS_SERVICES_DIR:-$repo/artifacts/services}/env"
fi
registry=$MLOPS_TEST_REGISTRY
run=$(date +%s)

second_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
second=127.0.0.1:$second_port
mkdir -p "$work/second/data"
cat > "$work/second/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/second/data
http:
  addr: $second
YAML
docker-registry serve "$work/second/config.yml" >"$work/second/log" 2>&1 &
second_pid=$!
for _ in $(seq 100); do curl -fsS "http://$second/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

echo "a component of ${size_mib} MiB (random data) in the source registry $registry (built and pushed, not timed)..."
mkdir -p "$work/component"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/component/weights.bin"
printf 'FROM localhost/mlops-test/busybox:1\nCOPY weights.bin /app/\n' > "$work/component/Dockerfile"

mkdir -p "$work/copier"
cat > "$work/copier/Copier.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/sdk/Mlops.Publishing/Mlops.Publishing.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$work/copier/Program.cs" <<'CS'
using System.Diagnostics;
using Mlops;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Oci;

// Copier push ENGINE REGISTRY REPOSITORY COMPONENT_FOLDER WORK     -> the digest the registry reported
// Copier copy SOURCE REPOSITORY DIGEST TARGET REPOSITORY TAG       -> seconds, bytes copied, bytes mounted, digest
if (args[0] == "push")
{
    var (engineUri, registry, repository, folder, work) = (new Uri(args[1]), args[2], args[3], args[4], args[5]);
    using var engine = new ComponentImageBuilder(DockerEndpoint.At(engineUri));
    var component = new ComponentImage("bench", folder, ImageReference.Parse("localhost/bench/bench:1"));
    var pushed = await new OciImageRegistry($"{registry}/{repository}", new OciRegistryClient(registry, plainHttp: true), engine, work, TextWriter.Null).PushAsync(component);
    Console.WriteLine(pushed.Digest);
    return;
}
using var source = new OciRegistryClient(args[1], plainHttp: true);
using var target = new OciRegistryClient(args[4], plainHttp: true);
var clock = Stopwatch.StartNew();
var copy = await new OciImageCopier(Console.Error).CopyAsync(source, args[2], ContentDigest.Parse(args[3]), target, args[5], args[6]);
Console.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} {copy.BytesCopied} {copy.BytesMounted} {copy.Digest}");
CS
dotnet build "$work/copier" -c Release -o "$work/copier/bin" >/dev/null
copier() { dotnet "$work/copier/bin/Copier.dll" "$@"; }

digest=$(copier push "$MLOPS_TEST_DOCKER_HOST" "$registry" "bench/source-$run" "$work/component" "$work/export")
source_ref="$registry/bench/source-$run/bench/bench"

# seconds OUT COMMAND…: the wall clock of a whole process (ours with dotnet's start-up, as skopeo's), its output to OUT.
seconds() { local out=$1 start; shift; start=$(date +%s.%N); "$@" >"$out" 2>/dev/null; echo "$(date +%s.%N) - $start" | bc; }
check() {
  local served
  served=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$1")
  [[ "$served" == "$digest" ]] || { echo "error: $1 serves $served, the source $digest" >&2; exit 1; }
}

echo "(a) same registry, another repository: ours (mount), then skopeo copy..."
mount_s=$(seconds "$work/mount.txt" copier copy "$registry" "bench/source-$run/bench/bench" "$digest" "$registry" "bench/ours-$run/bench" 1)
read -r mount_in mount_copied mount_mounted _ < "$work/mount.txt"
skopeo_mount_s=$(seconds /dev/null skopeo copy --quiet --preserve-digests --src-tls-verify=false --dest-tls-verify=false "docker://$source_ref@$digest" "docker://$registry/bench/skopeo-$run/bench:1")
check "$registry/bench/ours-$run/bench:1"
check "$registry/bench/skopeo-$run/bench:1"

echo "(b) a second registry on another port ($second): ours (streamed), then skopeo copy..."
stream_s=$(seconds "$work/stream.txt" copier copy "$registry" "bench/source-$run/bench/bench" "$digest" "$second" "bench/ours/bench" 1)
read -r stream_in stream_copied stream_mounted _ < "$work/stream.txt"
skopeo_stream_s=$(seconds /dev/null skopeo copy --quiet --preserve-digests --src-tls-verify=false --dest-tls-verify=false "docker://$source_ref@$digest" "docker://$second/bench/skopeo/bench:1")
check "$second/bench/ours/bench:1"
check "$second/bench/skopeo/bench:1"

echo "(c) a rerun of (b): what is missing moves (nothing)..."
again_s=$(seconds "$work/again.txt" copier copy "$registry" "bench/source-$run/bench/bench" "$digest" "$second" "bench/ours/bench" 1)
read -r again_in again_copied _ _ < "$work/again.txt"

echo "wall clock of each process (ours with dotnet's start-up; the copy alone in brackets):"
printf 'promote %s MiB, same registry:     ours %.2f s [%.2f s] (%s bytes copied, %s mounted), skopeo copy %.2f s, ratio %.2f (target << 1)\n' \
  "$size_mib" "$mount_s" "$mount_in" "$mount_copied" "$mount_mounted" "$skopeo_mount_s" "$(echo "$mount_s / $skopeo_mount_s" | bc -l)"
printf 'promote %s MiB, across registries: ours %.2f s [%.2f s] (%s bytes copied, %s mounted), skopeo copy %.2f s, ratio %.2f (target <= 1.0)\n' \
  "$size_mib" "$stream_s" "$stream_in" "$stream_copied" "$stream_mounted" "$skopeo_stream_s" "$(echo "$stream_s / $skopeo_stream_s" | bc -l)"
printf 'rerun across registries:           ours %.2f s [%.3f s] (%s bytes copied, target 0)\n' "$again_s" "$again_in" "$again_copied"
echo "skopeo confirms the digest in all four targets: $digest"
(( again_copied == 0 && mount_copied == 0 )) || { echo "error: a mount copied $mount_copied bytes, a rerun $again_copied" >&2; exit 1; }
