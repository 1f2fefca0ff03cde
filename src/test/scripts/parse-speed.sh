#!/usr/bin/env bash
# Parse-only and parse-and-classify speed of each format on one core (CPU time of the parsing thread,
# best of five passes over a bundled sample log repeated to about half a million lines).
# Usage: src/test/scripts/parse-speed.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
mvn -q -B test-compile >&2
cp=target/jmh.classpath
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
exec java -cp "target/test-classes:target/classes:$(cat "$cp")" dev.mailblocks.jmh.FormatSpeed
