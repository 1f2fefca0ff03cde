#!/usr/bin/env bash
# JMH micro-benchmarks of the inner parts of parsing and classification (src/test/java/dev/mailblocks/jmh):
# line typing, result-field scanning, template normalisation and the template cache (hit and miss).
# Usage: src/test/scripts/jmh.sh [JMH options...], e.g. jmh.sh postfix -wi 5 -i 10 for longer runs.
# The default is short (2 warm-up and 3 measured iterations of 1 s, one fork): figures in ns per line or diagnostic.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
mvn -q -B test-compile >&2
cp=target/jmh.classpath
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
exec java -cp "target/test-classes:target/classes:$(cat "$cp")" org.openjdk.jmh.Main "${@:-ParseBenchmarks}"
