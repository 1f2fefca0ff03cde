#!/usr/bin/env bash
# Parse-only and parse-and-classify speed of each format on one core (CPU time of the parsing thread).
# Usage: src/test/scripts/parse-speed.sh
#        best of five passes over a bundled sample log repeated to about half a million lines.
# With FORMAT FILE: one generated log (bench.sh writes them under target/bench/logs/), parsed, then parsed
# and classified with a fresh classifier (cache misses as in a real run), three passes:
#        src/test/scripts/parse-speed.sh postfix target/bench/logs/postfix-1000000/maillog
# With --generated [LINES] [FORMATS]: the benchmark's generated logs of LINES lines (1000000 by default;
# generated as bench.sh generates them when missing) for each of FORMATS (postfix,exim,exchange,esp), and
# a table of the best of three passes of each, before (the parsers as they were before their byte paths,
# kept in tests as Legacy*; not for Postfix) and after, run one after the other in the same run:
#        src/test/scripts/parse-speed.sh --generated 1000000 exim,exchange,esp
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
mvn -q -B test-compile >&2
cp=target/jmh.classpath
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
run() { # format file
  java -Xmx512m -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$cp")" \
    dev.mailblocks.jmh.GeneratedLogSpeed "$1" "$2"
}
best() { # what GeneratedLogSpeed printed -> the best lines/s of the parse passes, then of the parse+classify passes
  awk '{ for (i = 1; i <= NF; i++) if ($i == "lines/s" || $i == "lines/s,") { v = $(i - 1); gsub(",", "", v); v = v + 0 } }
       $3 == "parse" && v > p + 0 { p = v }
       $3 == "parse+classify" && v > c + 0 { c = v }
       END { printf "%d %d\n", p, c }'
}
if [ "${1:-}" = "--generated" ]; then
  lines="${2:-1000000}"
  formats="${3:-postfix,exim,exchange,esp}"
  printf '%-9s %9s %14s %14s %8s %16s %16s\n' format lines "before parse" "after parse" "x" "before +classify" \
    "after +classify"
  for fmt in ${formats//,/ }; do
    dir="target/bench/logs/$fmt-$lines"
    if [ ! -f "$dir/.done" ]; then
      rm -rf "$dir"; mkdir -p "$dir"
      java -cp target/test-classes dev.mailblocks.bench.LogGenerator "$fmt" "$lines" "$dir" 7 >/dev/null
      touch "$dir/.done"
    fi
    file=$(ls -S "$dir" | grep -v '\.gz$' | head -1)   # the current file; the rotated one is compressed
    n=$(wc -l <"$dir/$file")
    before="- -"
    if [ "$fmt" != postfix ]; then   # the parsers before their byte paths, in the same run (Postfix: see README)
      out=$(run "legacy-$fmt" "$dir/$file"); echo "$out" | sed 's/^/before /' >&2
      before=$(echo "$out" | best)
    fi
    out=$(run "$fmt" "$dir/$file"); echo "$out" | sed 's/^/after  /' >&2
    after=$(echo "$out" | best)
    echo "$fmt $n $before $after" | awk '{ x = $3 == "-" ? "-" : sprintf("%.2f", $5 / $3)
      printf "%-9s %9d %14s %14s %8s %16s %16s\n", $1, $2, $3 == "-" ? "-" : sprintf("%\047d/s", $3),
        sprintf("%\047d/s", $5), x, $4 == "-" ? "-" : sprintf("%\047d/s", $4), sprintf("%\047d/s", $6) }'
  done
  exit 0
fi
if [ $# -eq 2 ]; then
  run "$1" "$2"
  exit 0
fi
exec java -cp "target/test-classes:target/classes:$(cat "$cp")" dev.mailblocks.jmh.FormatSpeed
