# Helpers for the bench scripts: process CPU and memory from /proc, free ports, waiting for a port, a work folder,
# and the headers Prometheus scrapes with.

# CPU seconds (utime + stime, all threads) of PID.
proc_cpu_seconds() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -v hz="$hz" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

# Resident set size of PID in MiB.
proc_rss_mib() {
  awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until http://127.0.0.1:PORT/metrics answers (max ~30 s).
await_metrics() {
  local port=$1 i
  for i in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing answers on 127.0.0.1:$port" >&2
  return 1
}

# Number of samples (non-comment lines) one scrape returns.
series_count() {
  curl -fsS "http://127.0.0.1:$1/metrics" | grep -vc '^#'
}

# What Prometheus 2.42 sends on every scrape: it asks for OpenMetrics first and accepts gzip.
PROMETHEUS_SCRAPE_HEADERS=("Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
  "Accept-Encoding: gzip")

# Makes WORK (a temporary folder with textfile/ in it) and, on exit, stops every pid in PIDS and removes WORK.
bench_work_dir() {
  WORK=$(mktemp -d)
  PIDS=()
  trap bench_cleanup EXIT
  mkdir -p "$WORK/textfile"
}

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
