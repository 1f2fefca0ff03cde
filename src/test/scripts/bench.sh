#!/usr/bin/env bash
# The benchmark: generates realistic logs of N lines for each format (LogGenerator, fixed seed),
# runs the full job as a user would (./mailblocks run: ingest + classify + store + report) on a
# fresh store, and prints one table. For Postfix, pflogsumm and grep -c run on the same lines in
# the same run. Then the nightly rerun with nothing new, and a report over a year of stored data.
#
#   src/test/scripts/bench.sh [--lines 1000000,5000000] [--formats postfix,exim,exchange,esp] [--year-lines 2000000]
#                             [--no-compare]
#
# --no-compare leaves out pflogsumm and grep (minutes on tens of millions of lines); --year-lines 0 leaves
# out the report over a year. Memory at growing sizes, with the heap cap the issue names:
#   MAILBLOCKS_JAVA_OPTS=-Xmx512m src/test/scripts/bench.sh --lines 5000000,20000000,50000000 --formats postfix \
#     --no-compare --year-lines 0
#
# Everything it writes goes under target/bench/ (generated logs are kept for reruns).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
lines_list="1000000,5000000"
formats="postfix,exim,exchange,esp"
year_lines=2000000
compare=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines_list="$2"; shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
    --year-lines) year_lines="$2"; shift 2 ;;
    --no-compare) compare=no; shift ;;
    *) echo "usage: $0 [--lines N,N] [--formats postfix,exim,exchange,esp] [--year-lines N] [--no-compare]" >&2; exit 2 ;;
  esac
done
# MAILBLOCKS_CMD runs another build (an older release, for before/after figures)
cmd="${MAILBLOCKS_CMD:-./mailblocks}"
"$cmd" --version >/dev/null          # builds the jar when needed
# no DNS checks: a benchmark sends nothing beyond loopback (an older build without the option needs none)
nodns=()
if "$cmd" run --help 2>/dev/null | grep -q -- '--no-dns'; then nodns=(--no-dns); fi
mvn -q -B test-compile >&2
root="${BENCH_DIR:-target/bench}"   # stores and reports; generated logs are shared in target/bench/logs
logs=target/bench/logs
mkdir -p "$root" "$logs"
# the first run after a build archives the classes it loaded (the wrapper's class data sharing), which takes
# seconds at its end: one on the sample logs makes the archive before anything is measured
"$cmd" run sample-logs --db "$root/warm-up.duckdb" --out "$root/warm-up-reports" --year 2026 --timezone UTC \
  "${nodns[@]}" >/dev/null 2>&1 || true
rm -rf "$root/warm-up.duckdb"* "$root/warm-up-reports"

# wall seconds and peak RSS (KiB) of a command: GNU time when installed, else polling /proc. Its output
# goes to a file, not /dev/null: GNU grep stops at the first match when it writes to /dev/null
measure() {
  local out="$1"; shift
  if [ -x /usr/bin/time ]; then
    # an exit code other than 0 is shown, not fatal (GNU time then writes its own line first)
    /usr/bin/time -f '%e %M' -o "$out.raw" "$@" >"$out.stdout" 2>"$out.err" || tail -3 "$out.err" >&2
    tail -1 "$out.raw" >"$out"
  else
    local start end peak=0 pid
    start=$(date +%s.%N)
    "$@" >"$out.stdout" 2>"$out.err" & pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
        r=$(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0)
        [ "${r:-0}" -gt "$peak" ] && peak=$r
      done
      sleep 0.05
    done
    wait "$pid" || tail -3 "$out.err" >&2
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) $peak" >"$out"
  fi
}

generate() { # format lines folder [days]
  if [ ! -f "$3/.done" ]; then
    rm -rf "$3"; mkdir -p "$3"
    java -cp target/test-classes dev.mailblocks.bench.LogGenerator "$1" "$2" "$3" "${4:-7}" >/dev/null
    touch "$3/.done"
  fi
}

content() { # every input of a folder, decompressed, oldest first
  for f in $(ls "$1" | sort -r); do
    case "$f" in *.gz) zcat "$1/$f" ;; *) cat "$1/$f" ;; esac
  done
}

printf '%-9s %10s %8s %12s %8s %10s %12s  %s\n' format lines "wall s" "lines/s" "MB/s" "peak RSS" "store MB/M" "compared on the same lines"
for n in ${lines_list//,/ }; do
  for fmt in ${formats//,/ }; do
    dir="$logs/$fmt-$n"
    generate "$fmt" "$n" "$dir"
    real_lines=$(content "$dir" | wc -l)
    mb=$(content "$dir" | wc -c | awk '{printf "%.1f", $1 / 1048576}')
    db="$root/$fmt-$n.duckdb"
    rm -rf "$db" "$db.wal" "$db.tmp" "$root/$fmt-$n-reports"
    measure "$root/run.t" "$cmd" run "$dir" --db "$db" --out "$root/$fmt-$n-reports" --year 2026 --timezone UTC "${nodns[@]}"
    read -r wall rss <"$root/run.t"
    store=$(du -k "$db" | awk '{print $1}')
    extra=""
    if [ "$fmt" = postfix ] && [ "$compare" = yes ]; then
      content "$dir" >"$root/postfix-$n.log"
      measure "$root/grep.t" grep -c -E 'status=(bounced|deferred)|reject:' "$root/postfix-$n.log"
      read -r gwall _ <"$root/grep.t"
      if [ -x /usr/sbin/pflogsumm ] || command -v pflogsumm >/dev/null 2>&1; then
        measure "$root/pfl.t" "$(command -v pflogsumm || echo /usr/sbin/pflogsumm)" --problems-first "$root/postfix-$n.log"
        read -r pwall prss <"$root/pfl.t"
        extra=$(awk -v w="$wall" -v p="$pwall" -v r="$prss" 'BEGIN {printf "pflogsumm %.1f s (%.0f MB): mailblocks %.1fx faster; ", p, r/1024, p/w}')
      else
        extra="pflogsumm not installed; "
      fi
      extra="$extra$(awk -v w="$wall" -v g="$gwall" 'BEGIN {printf "grep -c %.2f s: mailblocks %.1fx slower", g, w/(g>0?g:0.01)}')"
      rm -f "$root/postfix-$n.log"
    fi
    printf '%-9s %10d %8.1f %12.0f %8.1f %7.0f MB %12.1f  %s\n' "$fmt" "$real_lines" "$wall" \
      "$(echo "$real_lines / $wall" | bc -l)" "$(echo "$mb / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
      "$(echo "$store / 1024 / ($real_lines / 1000000)" | bc -l)" "$extra"
    # the nightly rerun: the same inputs, nothing new
    measure "$root/again.t" "$cmd" run "$dir" --db "$db" --out "$root/$fmt-$n-reports" --year 2026 --timezone UTC "${nodns[@]}"
    read -r again arss <"$root/again.t"
    printf '%-9s %10s %8.1f  nightly rerun with nothing new (peak RSS %.0f MB)\n' "$fmt" "" "$again" "$(echo "$arss / 1024" | bc -l)"
  done
done

# a report over a year of stored data
if [ "$year_lines" = 0 ]; then
  exit 0
fi
dir="$logs/postfix-year-$year_lines"
generate postfix "$year_lines" "$dir" 365
db="$root/postfix-year-$year_lines.duckdb"
if [ ! -f "$db.done" ]; then
  rm -rf "$db" "$db.wal"
  "$cmd" ingest "$dir" --db "$db" --year 2026 --timezone UTC >/dev/null
  touch "$db.done"
fi
measure "$root/report.t" "$cmd" report --db "$db" --out "$root/year-reports"
read -r rwall rrss <"$root/report.t"
printf 'report over a year (%s Postfix lines, 365 days): %.1f s, peak RSS %.0f MB\n' "$year_lines" "$rwall" "$(echo "$rrss / 1024" | bc -l)"
