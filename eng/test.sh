#!/usr/bin/env bash
# THE test command of this repository (CI runs it through .ci/run):
#   1. eng/build.sh packs Mlops.Pipelines, Mlops.Sdk and Mlops.Templates into artifacts/packages/;
#   2. dotnet test Mlops.Sdk.sln (unit tests and integration tests, the latter use those packages),
#      one trx file per test project in artifacts/test-results/;
#   3. prints the totals read from the trx files as the last line: "N passed, N failed".
# Exits non-zero when a test failed, when the test run failed, or when no test ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node or build server outlives this script.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

# The container and registry tests (tests/Mlops.Runner.Tests) need real services: eng/services/start.sh
# starts them (installing what is missing) and writes their addresses to its env file; they stop when this
# script ends. In CI they must start; elsewhere a failure is a warning, and those tests say they did not run.
trap 'bash eng/services/stop.sh >/dev/null 2>&1 || true' EXIT
if bash eng/services/start.sh; then
  source "${MLOPS_SERVICES_DIR:-artifacts/services}/env"
elif [[ "${CI:-}" == true ]]; then
  echo "eng/services/start.sh failed: CI needs the services it starts." >&2
  exit 1
else
  echo "warning: eng/services/start.sh failed; the tests that need a Docker API and a registry will not run." >&2
fi

started=$SECONDS
bash eng/build.sh
built=$SECONDS

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test Mlops.Sdk.sln -c Release -nologo -tl:false \
  --logger trx --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?
dotnet build-server shutdown >/dev/null 2>&1 || true

passed=0; failed=0; skipped=0; files=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(count passed); f=$(count failed); t=$(count total); e=$(count executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
  echo "$(basename "$trx"): ${p:-0} passed, ${f:-0} failed, total ${t:-0}"
done

echo "eng/build.sh took $((built - started)) s, dotnet test $((SECONDS - built)) s (${files} trx files in $results)"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"

if (( status != 0 || failed > 0 || passed == 0 )); then
  if (( passed == 0 && failed == 0 )); then echo "No test ran." >&2; fi
  exit 1
fi
