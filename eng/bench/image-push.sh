#!/usr/bin/env bash
# Pushing a component image to an OCI registry: our client (OciRegistryClient, the blobs of the image the engine
# exported, then the manifest) against `skopeo copy` of the same image (the same docker archive) to the same
# registry, each into a fresh repository; then a republish of the unchanged image: bytes uploaded (must be 0) and its
# time against one `skopeo inspect`. Uses the test services (eng/services/start.sh: docker-registry and podman's API).
# Usage: eng/bench/image-push.sh [size-in-MiB]   (default 200)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mib="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

bash "$repo/eng/services/start.sh" >/dev/null
source "${MLOPS_SERVICES_DIR:-$repo/artifacts/services}/env"
registry=$MLOPS_TEST_REGISTRY
run=$(date +%s)

echo "a component of ${size_mib} MiB (random data, so nothing compresses or is shared)..."
mkdir -p "$work/component"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/component/weights.bin"
printf 'FROM localhost/mlops-test/busybox:1\nCOPY weights.bin /app/\n' > "$work/component/Dockerfile"

mkdir -p "$work/pusher"
cat > "$work/pusher/Pusher.csproj" <<XML
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
cat > "$work/pusher/Program.cs" <<'CS'
using System.Diagnostics;
using Mlops;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Oci;

// Pusher ENGINE REGISTRY REPOSITORY COMPONENT_FOLDER WORK: builds and exports (not timed), then pushes (timed).
var (engineUri, registry, repository, folder, work) = (new Uri(args[0]), args[1], args[2], args[3], args[4]);
using var engine = new ComponentImageBuilder(DockerEndpoint.At(engineUri));
var component = new ComponentImage("bench", folder, ImageReference.Parse("localhost/bench/bench:1"));
await engine.BuildAsync(component, CancellationToken.None);
var image = await engine.ExportAsync(component, work, CancellationToken.None);
using var client = new OciRegistryClient(registry, plainHttp: true);
foreach (var pass in new[] { "push", "republish" })
{
    var clock = Stopwatch.StartNew();
    long uploaded = 0;
    foreach (var layer in image.Layers)
    {
        uploaded += await client.PushBlobAsync(repository, layer.Digest, layer.Size, () => File.OpenRead(layer.Path));
    }
    uploaded += await client.PushBlobAsync(repository, ContentDigest.Compute(image.Config), image.Config.Length, () => new MemoryStream(image.Config));
    var manifest = image.Manifest(new Dictionary<string, string>());
    var digest = await client.PutManifestAsync(repository, "1", manifest);
    Console.WriteLine($"{pass} {clock.Elapsed.TotalSeconds:0.000} {uploaded} {digest}");
}
CS
dotnet build "$work/pusher" -c Release -o "$work/pusher/bin" >/dev/null

echo "ours: build and export (not timed), then push, then republish..."
dotnet "$work/pusher/bin/Pusher.dll" "$MLOPS_TEST_DOCKER_HOST" "$registry" "bench/ours-$run" "$work/component" "$work/export" > "$work/ours.txt"
read -r _ push_s push_bytes digest < <(grep '^push ' "$work/ours.txt")
read -r _ again_s again_bytes _ < <(grep '^republish ' "$work/ours.txt")

echo "skopeo: copy of the same image (docker archive from the engine) to a fresh repository..."
curl -fsS --unix-socket "${MLOPS_TEST_DOCKER_HOST#unix://}" -o "$work/image.tar" "http://engine/images/localhost/bench/bench:1/get"
start=$(date +%s.%N)
skopeo copy --quiet --dest-tls-verify=false "docker-archive:$work/image.tar" "docker://$registry/bench/skopeo-$run:1"
skopeo_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
skopeo inspect --tls-verify=false --raw "docker://$registry/bench/ours-$run:1" >/dev/null
inspect_s=$(echo "$(date +%s.%N) - $start" | bc)
served=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$registry/bench/ours-$run:1")

printf 'push of %s MiB:      ours %.2f s (%s bytes), skopeo copy %.2f s, ratio %.2f (target <= 1.0)\n' "$size_mib" "$push_s" "$push_bytes" "$skopeo_s" "$(echo "$push_s / $skopeo_s" | bc -l)"
printf 'republish unchanged: ours %.3f s (%s bytes uploaded, target 0), one skopeo inspect %.3f s, ratio %.2f\n' "$again_s" "$again_bytes" "$inspect_s" "$(echo "$again_s / $inspect_s" | bc -l)"
[[ "$served" == "$digest" ]] || { echo "error: the registry serves $served, our push reported $digest" >&2; exit 1; }
echo "skopeo confirms the pushed manifest digest: $digest"
(( again_bytes == 0 )) || { echo "error: a republish uploaded $again_bytes bytes" >&2; exit 1; }
