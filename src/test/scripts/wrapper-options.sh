#!/usr/bin/env bash
# Checks that the wrapper starts the JVM with the options a user may give in MAILBLOCKS_JAVA_OPTS
# beside its own defaults (a clash, such as a MinHeapFreeRatio above our MaxHeapFreeRatio, would stop
# the JVM before mailblocks runs). Builds the jar first when it is stale, as the wrapper does.
# Usage: src/test/scripts/wrapper-options.sh   (exit 1 if any case fails)
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
fail=0
for opts in "" "-XX:MinHeapFreeRatio=60" "-XX:MinHeapFreeRatio=70 -XX:MaxHeapFreeRatio=90" \
    "-XX:-UseAdaptiveSizePolicy" "-XX:+UseParallelGC" "-XX:+UseG1GC -XX:MinHeapFreeRatio=60" "-Xmx300m" \
    "-XX:Tier4InvocationThreshold=5000" "-XX:-TieredCompilation" "-XX:TieredStopAtLevel=1"; do
  for cmd in ingest report; do
    if out=$(MAILBLOCKS_JAVA_OPTS="$opts" MAILBLOCKS_CDS=0 "$here/mailblocks" "$cmd" --help 2>&1); then
      echo "ok   $cmd MAILBLOCKS_JAVA_OPTS='$opts'"
    else
      echo "FAIL $cmd MAILBLOCKS_JAVA_OPTS='$opts': $(echo "$out" | head -1)"
      fail=1
    fi
  done
done
# the value the JVM runs with: ours for run/ingest, the user's where it names the same option, none for report
flag() { # COMMAND OPTS FLAG
  MAILBLOCKS_JAVA_OPTS="$2 -XX:+PrintFlagsFinal" MAILBLOCKS_CDS=0 "$here/mailblocks" "$1" --help 2>/dev/null \
    | awk -v f="$3" '$2 == f {print $4}'
}
for check in "ingest||Tier4InvocationThreshold|50000" "ingest||Tier4BackEdgeThreshold|400000" \
    "ingest|-XX:Tier4InvocationThreshold=5000|Tier4InvocationThreshold|5000" \
    "ingest|-XX:Tier4InvocationThreshold=5000|Tier4CompileThreshold|60000" \
    "report||Tier4InvocationThreshold|5000" "report||TieredStopAtLevel|1"; do
  IFS='|' read -r cmd opts name want <<<"$check"
  got=$(flag "$cmd" "$opts" "$name")
  if [ "$got" = "$want" ]; then
    echo "ok   $cmd MAILBLOCKS_JAVA_OPTS='$opts': $name=$got"
  else
    echo "FAIL $cmd MAILBLOCKS_JAVA_OPTS='$opts': $name=$got, expected $want"
    fail=1
  fi
done
exit $fail
