#!/usr/bin/env bash
# Benchmark (not a test): node-collector vs Debian's prometheus-node-exporter, side by side on loopback.
#
#   bench/node-vs-node-exporter.sh [SECONDS] [COUNT]
#   SCRAPE_HEADERS=none bench/node-vs-node-exporter.sh ...   # bare GETs instead of Prometheus' headers
#
# Starts node-collector (java with node-collector/src/main/dist/jvm.options, or $NC_JVM_OPTS) and two node_exporters:
# one with the same collectors as node-collector's defaults ("ne-same") and one with Debian's defaults ("ne-default").
# For each, one after the other over one connection: warm-up scrapes, WARMUP (default 10000) for node-collector, whose
# C2 JIT compiles methods run once per scrape only after thousands of scrapes (bench/node-warmup.sh: its CPU per scrape
# falls below node_exporter's by ~1000, to half of it by ~4000, and settles by ~9000), and NE_WARMUP (default 500)
# for each node_exporter (no JIT: flat from its second scrape); "incl. start-up, warm-up" below counts all of them.
# Then SECONDS of back-to-back wrk scrapes (p50/p99 latency, throughput). Then exactly COUNT scrapes of each,
# round-robin over the three (bench/lib-scrape-count.py), with each process's CPU time (utime+stime from /proc) read
# before and after. Prints p50/p99, CPU seconds per 1000 scrapes (and the same with the
# process's start-up and JIT warm-up included: all its CPU since it started over all scrapes it served), RSS after the
# run, series count, and node-collector's ratios.
# Every scrape sends the headers Prometheus 2.42 sends (captured from /usr/bin/prometheus): its Accept list, which
# node-collector answers in OpenMetrics and node_exporter in the text format, and Accept-Encoding: gzip, which both
# honour. With SCRAPE_HEADERS=none the scrapes are bare GETs (text format, no compression) for both.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib-proc.sh

SECONDS_RUN=${1:-20}
COUNT=${2:-2000}
WARMUP=${WARMUP:-10000}
NE_WARMUP=${NE_WARMUP:-500}
JAR=node-collector/target/node-collector.jar
NE=${NODE_EXPORTER_BIN:-$(command -v prometheus-node-exporter || echo /usr/bin/prometheus-node-exporter)}

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing $1: apt-get install -y $2" >&2; exit 2; }; }
need wrk wrk
need curl curl
need java openjdk-17-jre-headless
[ -x "$NE" ] || { echo "missing node_exporter: apt-get install -y prometheus-node-exporter" >&2; exit 2; }
[ -f "$JAR" ] || mvn -B -q -pl node-collector package -DskipTests

if [ -n "${NC_JVM_OPTS:-}" ]; then
  read -r -a JVM_OPTS <<<"$NC_JVM_OPTS"
else
  mapfile -t JVM_OPTS < <(grep -v '^\s*\(#\|$\)' node-collector/src/main/dist/jvm.options)
fi

HEADERS=()
if [ "${SCRAPE_HEADERS:-prometheus}" = prometheus ]; then
  HEADERS=("${PROMETHEUS_SCRAPE_HEADERS[@]}")
fi
WRK_HEADERS=()
for h in "${HEADERS[@]}"; do WRK_HEADERS+=(-H "$h"); done

bench_work_dir

# node-collector's default set (catalog/CollectorCatalog.java, enabled ones)
SAME_COLLECTORS=(--collector.disable-defaults --collector.arp --collector.bonding --collector.conntrack
  --collector.cpu --collector.cpufreq --collector.diskstats --collector.dmi --collector.edac --collector.entropy --collector.fibrechannel
  --collector.filefd --collector.filesystem --collector.hwmon --collector.infiniband --collector.loadavg
  --collector.mdadm --collector.meminfo --collector.netclass --collector.netdev --collector.netstat --collector.nfs --collector.nfsd --collector.nvme
  --collector.os --collector.powersupplyclass --collector.pressure --collector.rapl --collector.schedstat --collector.sockstat --collector.softnet
  --collector.stat --collector.tapestats --collector.textfile --collector.thermal_zone --collector.time --collector.timex
  --collector.udp_queues --collector.uname --collector.vmstat --collector.xfs)

declare -A PORT PID
start() { # name command...
  local name=$1; shift
  PORT[$name]=$(free_port)
  "$@" --web.listen-address="127.0.0.1:${PORT[$name]}" --collector.textfile.directory="$WORK/textfile" \
    >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=("$!")
}
start node-collector java "${JVM_OPTS[@]}" -jar "$JAR"
start ne-same "$NE" "${SAME_COLLECTORS[@]}"
start ne-default "$NE"
for name in node-collector ne-same ne-default; do await_metrics "${PORT[$name]}"; done

echo "node-collector JVM flags: ${JVM_OPTS[*]}"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $WARMUP warm-up scrapes for node-collector, $NE_WARMUP for node_exporter, $SECONDS_RUN s run + $COUNT counted scrapes each, wrk -t1 -c1"
echo "scrape headers: ${HEADERS[*]:-none (bare GET)}"

wrk_result() { # port seconds -> RESULT line
  wrk -t1 -c1 -d"$2"s --timeout 10s --latency "${WRK_HEADERS[@]}" -s bench/lib-wrk-stats.lua \
    "http://127.0.0.1:$1/metrics" \
    | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

declare -A P50 P99 CPU CPUALL RSS SERIES REQ CP50 CP99 BEFORE
declare -A WARM=([node-collector]=$WARMUP [ne-same]=$NE_WARMUP [ne-default]=$NE_WARMUP)
for name in node-collector ne-same ne-default; do
  port=${PORT[$name]}
  python3 bench/lib-scrape-count.py "$port" "${WARM[$name]}" "${HEADERS[@]}" >/dev/null
  r=$(wrk_result "$port" "$SECONDS_RUN")
  P50[$name]=$(awk -v us="$(field p50_us "$r")" 'BEGIN { printf "%.2f", us / 1000 }')
  P99[$name]=$(awk -v us="$(field p99_us "$r")" 'BEGIN { printf "%.2f", us / 1000 }')
  REQ[$name]=$(field requests "$r")
done

# The counted scrapes go round-robin over the three, so a burst of load on this machine hits all of them alike.
for name in node-collector ne-same ne-default; do BEFORE[$name]=$(proc_cpu_seconds "${PID[$name]}"); done
counted=$(python3 bench/lib-scrape-count.py "${PORT[node-collector]},${PORT[ne-same]},${PORT[ne-default]}" "$COUNT" \
  "${HEADERS[@]}")
for name in node-collector ne-same ne-default; do
  after=$(proc_cpu_seconds "${PID[$name]}")
  CPU[$name]=$(awk -v a="$after" -v b="${BEFORE[$name]}" -v n="$COUNT" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')
  # every scrape it served: await_metrics' one, the warm-up, wrk's and the counted ones
  served=$(( 1 + WARM[$name] + REQ[$name] + COUNT ))
  CPUALL[$name]=$(awk -v a="$after" -v n="$served" 'BEGIN { printf "%.3f", a * 1000 / n }')
  RSS[$name]=$(proc_rss_mib "${PID[$name]}")
  SERIES[$name]=$(series_count "${PORT[$name]}")
  c=$(grep "port=${PORT[$name]} " <<<"$counted")
  CP50[$name]=$(awk -v us="$(field p50_us "$c")" 'BEGIN { printf "%.2f", us / 1000 }')
  CP99[$name]=$(awk -v us="$(field p99_us "$c")" 'BEGIN { printf "%.2f", us / 1000 }')
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
printf '\n%-34s %14s %14s %14s %12s %12s\n' "" node-collector ne-same ne-default "nc/ne-same" "nc/ne-default"
row() { # label key
  local -n m=$2
  printf '%-34s %14s %14s %14s %12s %12s\n' "$1" "${m[node-collector]}" "${m[ne-same]}" "${m[ne-default]}" \
    "$(ratio "${m[node-collector]}" "${m[ne-same]}")" "$(ratio "${m[node-collector]}" "${m[ne-default]}")"
}
row "wrk p50 (ms), one after the other" P50
row "wrk p99 (ms), one after the other" P99
row "scrapes in ${SECONDS_RUN}s (wrk)" REQ
row "p50 (ms), $COUNT round-robin scrapes" CP50
row "p99 (ms), $COUNT round-robin scrapes" CP99
row "CPU seconds per 1000 scrapes" CPU
row "the same incl. start-up, warm-up" CPUALL
row "RSS after the run (MiB)" RSS
row "series per scrape" SERIES
echo
echo "targets (both with their default collectors, nc/ne-default): p99 <= 0.5x, CPU per 1000 scrapes <= 0.5x"
echo "(measured on the round-robin scrapes: wrk runs the exporters one after the other, so a burst of load on a shared"
echo " machine during one exporter's turn shows in its wrk p99 alone)"
