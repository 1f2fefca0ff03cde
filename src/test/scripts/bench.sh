#!/usr/bin/env bash
# Speed and memory benchmark: parsing, classification with and without the template cache, and a
# full ingest into DuckDB, on a generated Postfix log. Usage: src/test/scripts/bench.sh [LINES] (default 1000000).
# The heap is capped at 128 MB to show that memory stays bounded whatever the input size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
./mailblocks --version >/dev/null          # builds the jar when needed
mvn -q -B test-compile >&2
exec java -Xmx128m -cp target/mailblocks.jar:target/test-classes dev.mailblocks.bench.PipelineBenchmark "${1:-1000000}"
