#!/usr/bin/env bash
# Counts the series each accelmon exporter serves, the numbers behind `accelmon validate --sizing`
# (provisioning/src/main/java/io/accelmon/provisioning/sizing/SeriesCounts.java).
# Runs the built jars on loopback against the test fakes (nvidia-smi replaying an H100 capture, npu-smi replaying
# 910B captures) and counts the sample lines of one scrape; per-device figures are the difference between two
# device counts. Usage: provisioning/sizing/measure-series.sh   (from the repository root, jars built)
set -euo pipefail
cd "$(dirname "$0")/../.."
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

series() { # PORT -> sample lines of one scrape, after the exporter answers
  for _ in $(seq 1 400); do
    if out=$(curl -sf "http://127.0.0.1:$1/metrics"); then
      sleep 3 # one background cycle for exporters that collect asynchronously
      curl -sf "http://127.0.0.1:$1/metrics" | grep -vc '^#'
      return
    fi
    sleep 0.3
  done
  echo "no answer on :$1" >&2; exit 1
}

start() { # PORT ENV... -- JAR ARGS...
  local port=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  env "${envs[@]}" java -jar "$@" --web.listen-address=127.0.0.1:"$port" >"${TMPDIR:-/tmp}/measure-$port.log" 2>&1 &
  pids+=($!)
}

start 29100 X=1 -- node-collector/target/node-collector.jar
start 29835 FAKE_GPU_COUNT=1 -- gpu-exporter/target/gpu-exporter.jar --backend=nvidia-smi \
  --nvidia-smi.path=gpu-exporter/src/test/fake/nvidia-smi
start 29836 FAKE_GPU_COUNT=8 -- gpu-exporter/target/gpu-exporter.jar --backend=nvidia-smi \
  --nvidia-smi.path=gpu-exporter/src/test/fake/nvidia-smi
start 29082 FAKE_NPU_SMI_CAPTURE=npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt -- \
  npu-exporter/target/npu-exporter.jar --npu-smi.path=npu-exporter/src/test/fake/npu-smi
start 29083 FAKE_NPU_SMI_CAPTURE=npu-smi-info_910B3_8chips_procs-emptyname.txt -- \
  npu-exporter/target/npu-exporter.jar --npu-smi.path=npu-exporter/src/test/fake/npu-smi

start 29180 X=1 -- examples/demo-api/target/demo-api.jar
tmp=$(mktemp -d); pids+=(); trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
printf 'global: {scrape_interval: 15s}\n' > "$tmp/prometheus.yml"
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" --web.listen-address=127.0.0.1:29090 \
  >/dev/null 2>&1 & pids+=($!)
printf 'route: {receiver: none}\nreceivers: [{name: none}]\n' > "$tmp/am.yml"
prometheus-alertmanager --config.file="$tmp/am.yml" --storage.path="$tmp/am" --web.listen-address=127.0.0.1:29093 \
  --cluster.listen-address= >/dev/null 2>&1 & pids+=($!)

node=$(series 29100); cpus=$(nproc)
per_cpu=$(( $(curl -sf http://127.0.0.1:29100/metrics | grep -v '^#' | grep -c 'cpu="') / cpus ))
series 29180 >/dev/null # the demo API is up: traffic on every route, one failing request
for _ in 1 2 3; do
  curl -sf http://127.0.0.1:29180/v1/models >/dev/null
  curl -sf -X POST -d '{"messages":[{"role":"user","content":"hi"}],"max_tokens":2}' \
    http://127.0.0.1:29180/v1/chat/completions >/dev/null
  curl -s -X POST -d 'not json' http://127.0.0.1:29180/v1/chat/completions >/dev/null
  curl -s http://127.0.0.1:29180/users/1 >/dev/null
done
api=$(series 29180); prom=$(series 29090); am=$(series 29093)
 gpu1=$(series 29835); gpu8=$(series 29836); npu2=$(series 29082); npu8=$(series 29083)
per_gpu=$(( (gpu8 - gpu1) / 7 )); per_chip=$(( (npu8 - npu2) / 6 ))
echo "node-collector (default collectors, $cpus CPUs): $node -> base $(( node - per_cpu * cpus )) + $per_cpu per CPU"
echo "demo API after traffic: $api; prometheus itself: $prom; alertmanager: $am"
echo "gpu-exporter: 1 GPU $gpu1, 8 GPUs $gpu8 -> base $(( gpu1 - per_gpu )) + $per_gpu per GPU"
echo "npu-exporter: 2 chips $npu2, 8 chips $npu8 -> base $(( npu2 - 2 * per_chip )) + $per_chip per chip"
