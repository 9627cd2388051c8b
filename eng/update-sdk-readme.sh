#!/usr/bin/env bash
# Rewrites the property and item tables of sdk/Mlops.Sdk/README.md from sdk/Mlops.Sdk/build/Mlops.Properties.xml
# (between its <!-- catalog:... --> markers). The writer is the test that checks them (tests/Mlops.Sdk.Tests,
# SdkReadmeTests), run in its writing mode, so what is written is exactly what the test expects.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MLOPS_WRITE_SDK_README=1 dotnet test tests/Mlops.Sdk.Tests -nologo \
  --filter "FullyQualifiedName~Mlops.Sdk.Tests.Catalog.SdkReadmeTests.The_README_tables_are_what_the_catalog_writes"
git --no-pager diff --stat -- sdk/Mlops.Sdk/README.md
