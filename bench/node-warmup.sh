#!/usr/bin/env bash
# Benchmark (not a test): how a fresh node-collector's CPU per scrape falls as the JIT warms up, next to a fresh
# node_exporter with its defaults, both scraped with Prometheus 2.42's headers (see bench/node-vs-node-exporter.sh).
#
#   bench/node-warmup.sh [BATCHES...]     default: 1 9 10 30 50 100 300 500 1000
#
# Prints the CPU (utime+stime) each process spent starting up (until its first scrape was answered), then for each
# batch of back-to-back scrapes the CPU milliseconds per scrape, and the running CPU per scrape since start.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib-proc.sh

BATCHES=("$@")
[ ${#BATCHES[@]} -gt 0 ] || BATCHES=(1 9 10 30 50 100 300 500 1000)
JAR=node-collector/target/node-collector.jar
NE=${NODE_EXPORTER_BIN:-$(command -v prometheus-node-exporter || echo /usr/bin/prometheus-node-exporter)}
[ -f "$JAR" ] || { echo "build node-collector first: mvn -B -q -pl node-collector package -DskipTests" >&2; exit 2; }
[ -x "$NE" ] || { echo "missing node_exporter: apt-get install -y prometheus-node-exporter" >&2; exit 2; }
mapfile -t JVM_OPTS < <(grep -v '^\s*\(#\|$\)' node-collector/src/main/dist/jvm.options)
HEADERS=("${PROMETHEUS_SCRAPE_HEADERS[@]}")

bench_work_dir
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

curve() { # name command...
  local name=$1 port pid before after served=1 n; shift
  port=$(free_port)
  "$@" --web.listen-address="127.0.0.1:$port" --collector.textfile.directory="$WORK/textfile" >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  await_metrics "$port"
  before=$(proc_cpu_seconds "$pid")
  printf '%s: start-up and first scrape %.0f ms CPU\n' "$name" "$(awk -v b="$before" 'BEGIN { print b * 1000 }')"
  printf '  %-16s %18s %24s\n' scrapes "CPU ms per scrape" "CPU ms per scrape since start"
  for n in "${BATCHES[@]}"; do
    python3 bench/lib-scrape-count.py "$port" "$n" "${HEADERS[@]}" >/dev/null
    after=$(proc_cpu_seconds "$pid")
    printf '  %-16s %18.2f %24.2f\n' "$((served + 1))-$((served + n))" \
      "$(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN { print (a - b) * 1000 / n }')" \
      "$(awk -v a="$after" -v n="$((served + n))" 'BEGIN { print a * 1000 / n }')"
    served=$((served + n))
    before=$after
  done
  kill "$pid"
}
curve node-collector java "${JVM_OPTS[@]}" -jar "$JAR"
curve ne-default "$NE"
