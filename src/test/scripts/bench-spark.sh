#!/usr/bin/env bash
# The Spark job's benchmark: the benchmark generator's Postfix log (LogGenerator, fixed seed, as
# bench.sh), read by the single-process ./mailblocks run and by the Spark job in local[2]
# (./mailblocks-spark) on the same files; then the same lines cut into --parts files (several
# MTAs' logs: one file is one task, so parts let both cores work). Prints wall time and lines/s of
# each, with JVM and Spark start included, and the machine's load average before each run.
#
#   src/test/scripts/bench-spark.sh [--lines 1000000] [--parts 8] [--master local[2]]
#
# Everything goes under target/bench/ (the generated logs are shared with bench.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
lines=1000000
parts=8
master="local[2]"
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --parts) parts="$2"; shift 2 ;;
    --master) master="$2"; shift 2 ;;
    *) echo "usage: $0 [--lines N] [--parts N] [--master URL]" >&2; exit 2 ;;
  esac
done
./mailblocks --version >/dev/null            # builds the main jar when needed
./mailblocks-spark --help >/dev/null 2>&1 || true   # builds the job jar when needed
mvn -q -B test-compile >&2
logs=target/bench/logs
root=target/bench/spark
mkdir -p "$logs" "$root"
dir="$logs/postfix-$lines"
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  java -cp target/test-classes dev.mailblocks.bench.LogGenerator postfix "$lines" "$dir" 7 >/dev/null
  touch "$dir/.done"
fi
split_dir="$root/postfix-$lines-$parts-parts"
if [ ! -f "$split_dir/.done" ]; then
  rm -rf "$split_dir"; mkdir -p "$split_dir"
  for f in $(ls "$dir" | sort -r); do
    case "$f" in *.gz) zcat "$dir/$f" ;; *) cat "$dir/$f" ;; esac
  done >"$split_dir.all"
  split -n "l/$parts" -d "$split_dir.all" "$split_dir/mail.log.part"
  rm -f "$split_dir.all"
  touch "$split_dir/.done"
fi
count() { for f in "$1"/*; do case "$f" in *.gz) zcat "$f" ;; *) cat "$f" ;; esac; done | wc -l; }

seconds() { # wall seconds of a command; its output goes to a file
  local out="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" >"$out" 2>&1 || { tail -5 "$out" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

printf '%-34s %10s %8s %10s  %s\n' run lines "wall s" "lines/s" "load average before"
for input in "$dir" "$split_dir"; do
  n=$(count "$input")
  files=$(ls "$input" | wc -l)
  label="$(basename "$input") ($files files)"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  rm -rf "$root/local.duckdb" "$root/local.duckdb.wal" "$root/local.duckdb.tmp"
  t=$(seconds "$root/local.out" ./mailblocks run "$input" --db "$root/local.duckdb" --out "$root/local-reports" \
    --year 2026 --timezone UTC --no-dns --quiet)
  printf '%-34s %10d %8.1f %10.0f  %s\n' "mailblocks run: $label" "$n" "$t" "$(echo "$n / $t" | bc -l)" "$load"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  rm -rf "$root/pq"
  t=$(seconds "$root/spark.out" ./mailblocks-spark --master "$master" --parquet "$root/pq" "$input" --year 2026 --timezone UTC)
  printf '%-34s %10d %8.1f %10.0f  %s\n' "spark $master: $label" "$n" "$t" "$(echo "$n / $t" | bc -l)" "$load"
  t=$(seconds "$root/report.out" ./mailblocks report --parquet "$root/pq" --out "$root/spark-reports")
  printf '%-34s %10s %8.1f %10s\n' "  report --parquet of it" "" "$t" ""
  for f in "$root"/local-reports/*.csv; do
    cmp -s "$f" "$root/spark-reports/$(basename "$f")" || echo "  note: $(basename "$f") differs from the local run's" >&2
  done
done
