#!/usr/bin/env bash
# Renders report.html and an escalation brief of the sample logs in headless Chromium at desktop
# and phone widths, writes screenshots to target/screenshots/, and fails on any console error or
# network request. The sample run's DNS checks ask the fixture DNS server of the tests (127.0.0.1).
# Needs Debian's chromium (apt-get install chromium) and node with npm.
#   src/test/scripts/screenshots.sh [REPORT_DIR]
# Without REPORT_DIR it runs the sample logs into target/screenshots/report first.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "screenshots: chromium not found (apt-get install chromium)" >&2; exit 2; }
out=target/screenshots
mkdir -p "$out"
reports=${1:-}
if [ -z "$reports" ]; then
  reports=$out/report
  rm -rf "$reports"
  # the sending-side DNS evidence comes from the tests' fixture DNS server on 127.0.0.1, never the network
  mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath >/dev/null
  coproc DNS { exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
    dev.mailblocks.check.FixtureDnsServer; }
  read -r resolver <&"${DNS[0]}"
  ./mailblocks run sample-logs/ --year 2026 --db "$reports/mailblocks.duckdb" --out "$reports" --since 3d \
    --resolver "$resolver" --dkim-selectors s1 --sending-ips 192.0.2.44 >/dev/null
  exec {DNS[1]}>&-
  wait "$DNS_PID" 2>/dev/null || true
fi
# the brief of an authentication refusal shows a DNS check disagreeing with the receiver
brief=$(ls "$reports"/escalation-gmail.com.html 2>/dev/null || ls "$reports"/escalation-*.html | head -1)
(cd src/test/scripts/browser && npm install --no-audit --no-fund --silent)
# the check must catch a request: a page that loads an image from loopback has to fail it
probe=$(mktemp -d)
printf '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/probe.png"></body></html>\n' > "$probe/probe.html"
if node src/test/scripts/browser/shoot.mjs "$probe" "$probe/probe.html" >/dev/null 2>&1; then
  echo "screenshots: the request check missed a request; not trusting it" >&2; exit 1
fi
rm -rf "$probe"
node src/test/scripts/browser/shoot.mjs "$out" "$reports/report.html" "$brief"
