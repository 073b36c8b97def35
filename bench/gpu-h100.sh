#!/usr/bin/env bash
# gpu-exporter on a real GPU host: value comparison with nvidia-smi under load, and scrape latency per backend.
#
#   bench/gpu-h100.sh runtime            # on the build host: jlink a Java runtime into gpu-exporter/target/gpu-runtime
#   bench/gpu-h100.sh [compare] [latency] [gpm] [nvlink]
#                                        # on the GPU host (default: all); copy the runtime, the jar and bench/
#     gpm     GPM profiling ratios and PCIe/NVLink rates vs `nvidia-smi dmon --gpm-metrics` over the same seconds
#     nvlink  per-link state and data counters vs `nvidia-smi nvlink -s` / `nvidia-smi nvlink -gt d`
#
# Environment:
#   JAVA       java binary (default: gpu-exporter/target/gpu-runtime/bin/java, else java on PATH)
#   JAR        exporter jar (default: gpu-exporter/target/gpu-exporter.jar)
#   SMI        nvidia-smi (default: nvidia-smi on PATH)
#   NVML_LIB   NVML library (default: libnvidia-ml.so.1)
#   SCRAPES    scrapes per backend for the latency table (default 1000)
#   SCRAPES_SMI  scrapes for the nvidia-smi backend (default: SCRAPES)
#   FAKE=1     use the test build's fake libnvidia-ml and fake nvidia-smi instead (no GPU needed; figures are
#              then of the exporter and the fakes, not of a GPU)
# Needs python3 (on the GPU host); a GPU load runs during "compare" when python3 can import torch.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
JAR="${JAR:-$root/gpu-exporter/target/gpu-exporter.jar}"
SCRAPES="${SCRAPES:-1000}"
SCRAPES_SMI="${SCRAPES_SMI:-$SCRAPES}"
if [ -z "${JAVA:-}" ]; then
  if [ -x "$root/gpu-exporter/target/gpu-runtime/bin/java" ]; then JAVA="$root/gpu-exporter/target/gpu-runtime/bin/java"; else JAVA=java; fi
fi
if [ "${FAKE:-0}" = 1 ]; then
  SMI="$root/gpu-exporter/src/test/fake/nvidia-smi"
  NVML_LIB="$root/gpu-exporter/target/fake-nvml/libnvidia-ml.so.1"
  export FAKE_NVIDIA_SMI_MODE=loaded FAKE_NVML_MODE=loaded
  label="FAKE backends (fake libnvidia-ml / fake nvidia-smi script) — not GPU figures"
else
  SMI="${SMI:-$(command -v nvidia-smi || echo nvidia-smi)}"
  NVML_LIB="${NVML_LIB:-libnvidia-ml.so.1}"
  label="real GPU: $("$SMI" --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -n1)"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_exporter BACKEND EXTRA_ARGS... ; sets $port and $exporter_pid
start_exporter() {
  local backend="$1"; shift
  port="$(free_port)"
  "$JAVA" -jar "$JAR" --web.listen-address="127.0.0.1:$port" --backend="$backend" \
    --nvml.library="$NVML_LIB" --nvidia-smi.path="$SMI" "$@" >"/tmp/gpu-bench-$backend.log" 2>&1 &
  exporter_pid=$!
  pids+=("$exporter_pid")
  for _ in $(seq 1 150); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/metrics', timeout=5)" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "exporter ($backend) did not come up:"; cat "/tmp/gpu-bench-$backend.log"; exit 1
}

stop_exporter() { kill "$exporter_pid"; wait "$exporter_pid" 2>/dev/null || true; }

# start_load: a torch matmul loop for 120 s when python3 has torch with CUDA; sets $load_pid ("" without)
start_load() {
  load_pid=""
  if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    python3 - <<'PY' &
import time, torch
a = torch.randn(8192, 8192, device="cuda", dtype=torch.float16); b = torch.randn(8192, 8192, device="cuda", dtype=torch.float16)
end = time.time() + 120
while time.time() < end:
    (a @ b).sum().item()
PY
    load_pid=$!; pids+=("$load_pid"); sleep 8
    echo "GPU load: torch fp16 8192x8192 matmul loop (pid $load_pid)"
  else
    echo "no torch with CUDA: comparing an idle GPU"
  fi
}

runtime() {
  local out="$root/gpu-exporter/target/gpu-runtime"
  rm -rf "$out"
  jlink --add-modules java.base,java.desktop,java.logging,java.management,jdk.httpserver,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out"
  echo "runtime in $out ($(du -sh "$out" | cut -f1)); copy it with $JAR and bench/ to the GPU host"
}

compare() {
  local load_pid=""
  if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    python3 - <<'PY' &
import time, torch
a = torch.randn(8192, 8192, device="cuda"); b = torch.randn(8192, 8192, device="cuda")
end = time.time() + 120
while time.time() < end:
    (a @ b).sum().item()
PY
    load_pid=$!; pids+=("$load_pid"); sleep 8
    echo "GPU load: torch 8192x8192 matmul loop (pid $load_pid)"
  else
    echo "no torch with CUDA: comparing an idle GPU"
  fi
  start_exporter nvml
  SMI="$SMI" PORT="$port" python3 - <<'PY'
import os, re, subprocess, urllib.request
fields = ["index", "utilization.gpu", "utilization.memory", "memory.used", "memory.total", "memory.free",
          "memory.reserved", "temperature.gpu", "temperature.memory", "power.draw", "enforced.power.limit",
          "clocks.current.sm", "clocks.current.memory", "pstate", "ecc.errors.corrected.aggregate.total",
          "ecc.errors.uncorrected.aggregate.total", "utilization.encoder", "utilization.decoder", "fan.speed"]
MIB = 1048576.0
# exporter family -> (nvidia-smi field, factor smi->family unit, absolute tolerance in the family unit, why)
shared = {
    "gpu_utilization": ("utilization.gpu", 1, 10, "sampled over different windows"),
    "gpu_memory_utilization": ("utilization.memory", 1, 10, "sampled over different windows"),
    "gpu_memory_used_bytes": ("memory.used", MIB, 64 * MIB, "MiB rounding, allocator churn"),
    "gpu_memory_total_bytes": ("memory.total", MIB, 1 * MIB, "MiB rounding"),
    "gpu_memory_free_bytes": ("memory.free", MIB, 64 * MIB, "MiB rounding, allocator churn"),
    "gpu_memory_reserved_bytes": ("memory.reserved", MIB, 1 * MIB, "MiB rounding"),
    "gpu_temperature_celsius": ("temperature.gpu", 1, 2, "1 s sensor updates"),
    "gpu_memory_temperature_celsius": ("temperature.memory", 1, 2, "1 s sensor updates"),
    "gpu_power_draw_watts": ("power.draw", 1, 60, "1 s averaging under a fluctuating load"),
    "gpu_power_limit_watts": ("enforced.power.limit", 1, 0.01, "static"),
    "gpu_sm_clock_hertz": ("clocks.current.sm", 1e6, 120e6, "boost clock moves under load"),
    "gpu_memory_clock_hertz": ("clocks.current.memory", 1e6, 1e6, "static"),
    "gpu_pstate": ("pstate", 1, 0, "exact"),
    "gpu_ecc_corrected_errors_total": ("ecc.errors.corrected.aggregate.total", 1, 0, "exact"),
    "gpu_ecc_uncorrected_errors_total": ("ecc.errors.uncorrected.aggregate.total", 1, 0, "exact"),
    "gpu_encoder_utilization": ("utilization.encoder", 1, 5, "sampled"),
    "gpu_decoder_utilization": ("utilization.decoder", 1, 5, "sampled"),
    "gpu_fan_speed_percent": ("fan.speed", 1, 5, "sampled"),
}
body = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % os.environ["PORT"], timeout=10).read().decode()
smi = subprocess.run([os.environ["SMI"], "--query-gpu=" + ",".join(fields), "--format=csv,noheader,nounits"],
                     capture_output=True, text=True, timeout=30).stdout
rows = {}
for line in smi.strip().splitlines():
    cells = [c.strip() for c in line.split(",")]
    rows[cells[0]] = dict(zip(fields, cells))
metrics = {}
for line in body.splitlines():
    m = re.match(r'^(\w+)\{([^}]*)\} (\S+)$', line)
    if m:
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
        if "gpu" in labels and len(labels) == 3:
            metrics[(m.group(1), labels["gpu"])] = float(m.group(3))
fails = 0
print("| gpu | family | exporter | nvidia-smi | tolerance | ok |")
print("|---|---|---|---|---|---|")
for gpu, row in sorted(rows.items()):
    for family, (field, factor, tol, why) in shared.items():
        raw = row.get(field, "")
        exp = metrics.get((family, gpu))
        if raw.startswith("[") or raw in ("", "N/A"):
            ok = exp is None
            print(f"| {gpu} | {family} | {exp} | {raw} | absent both | {'yes' if ok else 'NO'} |")
        else:
            want = float(raw[1:]) if field == "pstate" else float(raw) * factor
            ok = exp is not None and abs(exp - want) <= tol
            print(f"| {gpu} | {family} | {exp} | {want:g} | ±{tol:g} ({why}) | {'yes' if ok else 'NO'} |")
        fails += 0 if ok else 1
print(f"\n{fails} field(s) outside tolerance")
PY
  stop_exporter
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
}

gpm() {
  start_load
  start_exporter nvml --gpm.interval=1s
  sleep 3
  # GPM metric ids (nvmlGpmMetricId_t) and the exporter family each is compared with, in dmon's column order
  SMI="$SMI" PORT="$port" python3 - <<'PY'
import os, re, subprocess, threading, time, urllib.request
ids = [1, 2, 3, 5, 10, 11, 12, 13, 20, 21, 60, 61]
family = {1: ("gpu_graphics_engine_active_ratio", 0.01), 2: ("gpu_sm_active_ratio", 0.01),
          3: ("gpu_sm_occupancy_ratio", 0.01), 5: ("gpu_tensor_active_ratio", 0.01),
          10: ("gpu_dram_active_ratio", 0.01), 11: ("gpu_fp64_active_ratio", 0.01),
          12: ("gpu_fp32_active_ratio", 0.01), 13: ("gpu_fp16_active_ratio", 0.01),
          20: ("gpu_pcie_transmit_bytes_per_second", 1048576.0), 21: ("gpu_pcie_receive_bytes_per_second", 1048576.0),
          60: ("gpu_nvlink_receive_bytes_per_second", 1048576.0), 61: ("gpu_nvlink_transmit_bytes_per_second", 1048576.0)}
samples = {}
def scrape_loop(stop):
    while not stop.is_set():
        body = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % os.environ["PORT"], timeout=10).read().decode()
        for line in body.splitlines():
            m = re.match(r'^(\w+)\{([^}]*)\} (\S+)$', line)
            if m and m.group(1) in {f for f, _ in family.values()}:
                gpu = re.search(r'gpu="(\d+)"', m.group(2)).group(1)
                samples.setdefault((m.group(1), gpu), []).append(float(m.group(3)))
        time.sleep(1)
stop = threading.Event(); t = threading.Thread(target=scrape_loop, args=(stop,)); t.start()
dmon = subprocess.run([os.environ["SMI"], "dmon", "--gpm-metrics", ",".join(map(str, ids)), "-c", "10", "-d", "1"],
                      capture_output=True, text=True, timeout=60).stdout
stop.set(); t.join()
print("raw nvidia-smi dmon --gpm-metrics output:\n" + dmon)
rows = {}
for line in dmon.splitlines():
    if line.startswith("#") or not line.strip():
        continue
    cells = line.split()
    # dmon prints the GPU index first and the requested GPM metrics as the last len(ids) columns
    vals = cells[-len(ids):]
    rows.setdefault(cells[0], []).append(vals)
print("| gpu | GPM id | exporter family | exporter mean | dmon mean (scaled) | diff |")
print("|---|---|---|---|---|---|")
for gpu, lines in sorted(rows.items()):
    for i, mid in enumerate(ids):
        fam, scale = family[mid]
        dm = [float(v[i]) * scale for v in lines if re.match(r'^-?[0-9.]+$', v[i])]
        ex = samples.get((fam, gpu), [])
        dmean = sum(dm) / len(dm) if dm else None
        emean = sum(ex) / len(ex) if ex else None
        diff = "" if dmean is None or emean is None else "%.3g" % (emean - dmean)
        print(f"| {gpu} | {mid} | {fam} | {emean} | {dmean} | {diff} |")
PY
  stop_exporter
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
}

nvlink() {
  start_exporter nvml
  echo "nvidia-smi nvlink -s (link state and speed):"
  "$SMI" nvlink -s || true
  echo "nvidia-smi nvlink -gt d (data throughput counters, KiB):"
  "$SMI" nvlink -gt d || true
  echo "exporter (gpu_nvlink_up, gpu_nvlink_*_bytes_total in bytes = KiB * 1024, gpu_nvlink_errors_total):"
  python3 -c "import urllib.request; print('\n'.join(l for l in urllib.request.urlopen('http://127.0.0.1:$port/metrics', timeout=10).read().decode().splitlines() if l.startswith('gpu_nvlink')))"
  stop_exporter
}

latency() {
  echo "scrape latency, sequential keep-alive scrapes: $SCRAPES with nvml, $SCRAPES_SMI with nvidia-smi ($label)"
  echo "| backend | p50 ms | p90 ms | p99 ms | max ms | collector failures |"
  echo "|---|---|---|---|---|---|"
  # nvml samples GPM in the background every second (the default) on Hopper: the p99 shows it never blocks a scrape
  for backend in nvml nvidia-smi; do
    start_exporter "$backend" --collector.timeout=10s --gpm.interval=1s
    n="$SCRAPES"; [ "$backend" = nvidia-smi ] && n="$SCRAPES_SMI"
    PORT="$port" N="$n" BACKEND="$backend" python3 - <<'PY'
import http.client, os, time
n = int(os.environ["N"]); conn = http.client.HTTPConnection("127.0.0.1", int(os.environ["PORT"]), timeout=30)
def scrape():
    conn.request("GET", "/metrics"); r = conn.getresponse(); return r.read().decode()
for _ in range(20):  # warm-up (JIT), not counted
    scrape()
times, failures = [], 0
for _ in range(n):
    t = time.perf_counter(); body = scrape(); times.append((time.perf_counter() - t) * 1000)
    if 'gpu_exporter_collector_success{collector="%s"} 1.0' % os.environ["BACKEND"] not in body:
        failures += 1
times.sort()
q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(f"| {os.environ['BACKEND']} | {q(0.5):.2f} | {q(0.9):.2f} | {q(0.99):.2f} | {times[-1]:.2f} | {failures} |")
PY
    stop_exporter
  done
}

[ $# -eq 0 ] && set -- compare latency gpm nvlink
for step in "$@"; do
  case "$step" in
    runtime) runtime ;;
    compare) compare ;;
    latency) latency ;;
    gpm) gpm ;;
    nvlink) nvlink ;;
    *) echo "unknown step '$step' (runtime, compare, latency, gpm, nvlink)"; exit 2 ;;
  esac
done
