#!/usr/bin/env bash
# Tarball size and time from start to the first /metrics served, per packaged exporter.
#   bench/package-startup.sh [EXPORTER...]   (after `mvn -B package`; ports 19100+ on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n1)
[ $# -gt 0 ] || set -- node-collector gpu-exporter npu-exporter
port=19100
for e in "$@"; do
  tgz="dist/target/accelmon-$e-$version-linux-amd64.tar.gz"
  [ -f "$tgz" ] || { echo "$e: $tgz missing (mvn -B package)"; continue; }
  dir=$(mktemp -d)
  tar -xzf "$tgz" -C "$dir"
  start=$(date +%s%N)
  "$dir"/*/bin/"$e" --web.listen-address=127.0.0.1:$port >"$dir/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; do
    kill -0 $pid 2>/dev/null || { echo "$e: exited"; cat "$dir/log"; break; }
    sleep 0.01
  done
  end=$(date +%s%N)
  printf '%s: tarball %s MB (unpacked %s), first scrape served after %d ms\n' "$e" \
    "$(( $(stat -c %s "$tgz") / 1048576 ))" "$(du -sh "$dir" | cut -f1)" "$(( (end - start) / 1000000 ))"
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  rm -rf "$dir"
  port=$((port + 1))
done
