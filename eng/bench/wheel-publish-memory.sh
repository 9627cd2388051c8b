#!/usr/bin/env bash
# Peak memory of publishing a 1 GiB model wheel with PythonUploadIndex: the file must stream from disk (hashing and
# the multipart upload), so the publisher's peak RSS stays < 200 MiB whatever the wheel's size.
# Starts the Python contract server ("pypi") as a program, publishes with a small console built on Mlops.Registries,
# measures it with /usr/bin/time -v. Usage: eng/bench/wheel-publish-memory.sh [size-in-MiB]   (default 1024)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mib="${1:-1024}"
limit_kib=$((200 * 1024))

work="$(mktemp -d)"
server_pid=""
# The server ends before its folder goes: removed under it, it aborted while shutting down.
cleanup() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

echo "making a ${size_mib} MiB wheel (random model file, stored uncompressed)..."
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/model.bin"
python3 - "$work" <<'PY'
import base64, hashlib, sys, zipfile, os
work = sys.argv[1]
dist = "churn_model-1.0.0.dist-info"
files = {
    "churn_model/__init__.py": b"MODEL = 'model.bin'\n",
    f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: churn-model\nVersion: 1.0.0\nSummary: benchmark model\n",
    f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}
def digest(data): return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
model = os.path.join(work, "model.bin")
h = hashlib.sha256()
with open(model, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
record = "".join(f"{p},sha256={digest(d)},{len(d)}\n" for p, d in files.items())
record += f"churn_model/model.bin,sha256={base64.urlsafe_b64encode(h.digest()).rstrip(b'=').decode()},{os.path.getsize(model)}\n{dist}/RECORD,,\n"
with zipfile.ZipFile(os.path.join(work, "churn_model-1.0.0-py3-none-any.whl"), "w", zipfile.ZIP_STORED, allowZip64=True) as z:
    for p, d in files.items(): z.writestr(p, d)
    z.write(model, "churn_model/model.bin")
    z.writestr(f"{dist}/RECORD", record)
PY
rm "$work/model.bin"
wheel="$work/churn_model-1.0.0-py3-none-any.whl"

echo "building the contract servers and the publisher..."
dotnet build "$repo/tests/Mlops.ContractServers" -c Release -o "$work/servers" >/dev/null
mkdir -p "$work/publisher"
cat > "$work/publisher/Publisher.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/sdk/Mlops.Registries/Mlops.Registries.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$work/publisher/Program.cs" <<'CS'
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Python;

var (url, wheel, user, password) = (new Uri(args[0]), args[1], args[2], args[3]);
using var http = RegistryHttpClient.Create();
var index = new PythonUploadIndex(url, http, new OneCredential(url.Authority, RegistryCredential.Basic(user, password, "command line")));
var published = await index.PushAsync(wheel);
Console.WriteLine($"published {published.FileName} sha256 {published.Sha256}");

sealed class OneCredential(string host, RegistryCredential credential) : IRegistryCredentialProvider
{
    public Task<RegistryCredential?> GetAsync(string h, CancellationToken c = default) => Task.FromResult(h == host ? credential : null);
}
CS
dotnet build "$work/publisher" -c Release -o "$work/publisher/bin" >/dev/null

mkdir -p "$work/storage"
dotnet "$work/servers/Mlops.ContractServers.dll" pypi --port 0 --storage "$work/storage" --user bench --password bench-password \
  --path-prefix /acme-dataops/models/ > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
base="$(sed -n 's/^listening on //p' "$work/server.log")"
[[ -n "$base" ]] || { echo "error: the contract server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

echo "publishing $(du -h "$wheel" | cut -f1) to ${base}acme-dataops/models/ ..."
/usr/bin/time -v dotnet "$work/publisher/bin/Publisher.dll" "${base}acme-dataops/models/" "$wheel" bench bench-password 2> "$work/time.log"
peak_kib="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.log")"
seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.log")"
echo "peak RSS of the publisher: $((peak_kib / 1024)) MiB (limit 200 MiB), wall clock $seconds"
if (( peak_kib >= limit_kib )); then
  echo "error: publishing a ${size_mib} MiB wheel took $((peak_kib / 1024)) MiB: the upload is not streamed" >&2
  exit 1
fi
