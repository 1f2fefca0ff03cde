#!/usr/bin/env bash
# Parse-only and parse-and-classify speed of each format on one core (CPU time of the parsing thread,
# best of five passes over a bundled sample log repeated to about half a million lines).
# Usage: src/test/scripts/parse-speed.sh
# With FORMAT FILE: one generated log (bench.sh writes them under target/bench/logs/), parsed, then parsed
# and classified with a fresh classifier (cache misses as in a real run), three passes:
#        src/test/scripts/parse-speed.sh postfix target/bench/logs/postfix-1000000/maillog
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
mvn -q -B test-compile >&2
cp=target/jmh.classpath
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
if [ $# -eq 2 ]; then
  exec java -Xmx512m -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$cp")" dev.mailblocks.jmh.GeneratedLogSpeed "$1" "$2"
fi
exec java -cp "target/test-classes:target/classes:$(cat "$cp")" dev.mailblocks.jmh.FormatSpeed
