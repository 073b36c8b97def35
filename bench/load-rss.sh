#!/usr/bin/env bash
# Benchmark (not a test): resident memory and latency of the three exporters under many concurrent scrapers, next to
# Debian's node_exporter under the same load.
#
#   bench/load-rss.sh [SECONDS] [CONNECTIONS] [MODES] [EXPORTERS]
#
#   SECONDS      length of the load (default 60)
#   CONNECTIONS  concurrent wrk connections, each scraping back to back (default 100)
#   MODES        "packaged" (the flags of <exporter>/src/main/dist/jvm.options, as the launcher passes them),
#                "plain" (`java -jar`, no flags: what most users type), or "packaged plain" (default)
#   EXPORTERS    default "node-collector gpu-exporter npu-exporter node_exporter"
#
# Per exporter and mode: start on loopback, 5 s of single scrapes, 5 s idle, RSS "at rest"; then wrk with CONNECTIONS
# connections for SECONDS while RSS is printed every 5 s; RSS right after the load and 10 s later. wrk's p50/p99 and
# non-200 answers (the exporters, like node_exporter, answer 503 past --web.max-requests=40 concurrent scrapes).
# gpu-exporter runs on the test build's fake libnvidia-ml (built by `mvn -pl gpu-exporter test-compile`), npu-exporter
# on the fake npu-smi: the figures are the exporters' own, not a device's.
# CORE_CLASSES=exporter-core/target/classes puts a freshly compiled exporter-core in front of the exporter jars.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib-proc.sh

SECONDS_RUN=${1:-60}
CONNECTIONS=${2:-100}
MODES=${3:-packaged plain}
EXPORTERS=${4:-node-collector gpu-exporter npu-exporter node_exporter}
NE=${NODE_EXPORTER_BIN:-$(command -v prometheus-node-exporter || echo /usr/bin/prometheus-node-exporter)}
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 2; }

WORK=$(mktemp -d)
PID=""
cleanup() {
  [ -z "$PID" ] || { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT

main_class() {
  case "$1" in
    node-collector) echo io.accelmon.node.NodeCollectorMain ;;
    gpu-exporter) echo io.accelmon.gpu.GpuExporterMain ;;
    npu-exporter) echo io.accelmon.npu.NpuExporterMain ;;
  esac
}

exporter_args() {
  case "$1" in
    gpu-exporter) echo "--backend=nvml --nvml.library=gpu-exporter/target/fake-nvml/libnvidia-ml.so.1" ;;
    npu-exporter) echo "--backend=npu-smi --npu-smi.path=npu-exporter/src/test/fake/npu-smi" ;;
    *) echo "" ;;
  esac
}

# start NAME MODE: starts it on a free port; sets PID and PORT
start() {
  local name=$1 mode=$2 opts=() jar
  PORT=$(free_port)
  if [ "$name" = node_exporter ]; then
    "$NE" --web.listen-address="127.0.0.1:$PORT" >"$WORK/$name.log" 2>&1 &
  else
    jar="$name/target/$name.jar"
    [ -f "$jar" ] || { echo "missing $jar: mvn -B -pl $name package -DskipTests" >&2; exit 2; }
    if [ "$mode" = packaged ]; then
      mapfile -t opts < <(sed -e 's/#.*//' -e '/^\s*$/d' "$name/src/main/dist/jvm.options")
    fi
    # shellcheck disable=SC2046 # one flag per word
    FAKE_NVML_MODE=loaded java "${opts[@]}" -cp "${CORE_CLASSES:+$CORE_CLASSES:}$jar" "$(main_class "$name")" \
      --web.listen-address="127.0.0.1:$PORT" $(exporter_args "$name") >"$WORK/$name.log" 2>&1 &
  fi
  PID=$!
  await_metrics "$PORT" || { cat "$WORK/$name.log" >&2; exit 1; }
}

stop() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}

printf '%-15s %-9s %9s %9s %9s %9s %9s %9s %8s %9s\n' exporter mode rest_MiB peak_MiB end_MiB end+10s ratio p50_ms \
  p99_ms non200
for name in $EXPORTERS; do
  for mode in $MODES; do
    if [ "$name" = node_exporter ]; then
      [ "$mode" = "${MODES%% *}" ] || continue
      mode=native
    fi
    start "$name" "$mode"
    end=$((SECONDS + 5))
    while [ $SECONDS -lt $end ]; do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/metrics"; done
    sleep 5
    rest=$(proc_rss_mib "$PID")
    peak=$rest
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --timeout 10s -s bench/lib-wrk-stats.lua \
      "http://127.0.0.1:$PORT/metrics" >"$WORK/wrk.out" 2>&1 &
    wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
      sleep 5
      now=$(proc_rss_mib "$PID")
      echo "  $name $mode t+${SECONDS}s rss=${now}MiB" >&2
      peak=$(awk -v a="$peak" -v b="$now" 'BEGIN { print (b > a ? b : a) }')
    done
    wait "$wrk_pid" || true
    after=$(proc_rss_mib "$PID")
    sleep 10
    later=$(proc_rss_mib "$PID")
    result=$(grep '^RESULT' "$WORK/wrk.out" || echo "RESULT requests=0 errors=0 p50_us=0 p99_us=0 max_us=0")
    p50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$result")
    p99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$result")
    req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
    err=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")
    printf '%-15s %-9s %9s %9s %9s %9s %9.2f %9.1f %8.1f %9s\n' "$name" "$mode" "$rest" "$peak" "$after" "$later" \
      "$(awk -v a="$after" -v r="$rest" 'BEGIN { print a / r }')" "$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" \
      "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" "$err/$req"
    stop
  done
done
