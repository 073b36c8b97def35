#!/usr/bin/env bash
# What a user sees of the local stack, checked in a real browser: starts bin/accelmon-stack (its own folder under
# target/), waits until Prometheus has scraped every target, then opens in headless Chromium (Debian's `chromium`)
# the Prometheus targets, alerts and rules pages and every exporter's landing page, and checks the rendered pages:
# every target UP, every alerting and recording rule of the kit loaded, each landing page naming its exporter and
# linking its metrics. Screenshots and the pages' DOM go to target/stack-browser-check/. Exit 0 when all hold.
# Needs: the jars (mvn -B package, or bin/accelmon-stack builds them), prometheus, prometheus-alertmanager, chromium.
# Usage: bench/stack-browser-check.sh [CLUSTER_FILE]    (default examples/local-cluster.yaml; loopback only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cluster="${1:-examples/local-cluster.yaml}"
out="$root/target/stack-browser-check"
stack_dir="$out/stack"
started=$(date +%s)
failures=0

say() { printf '[stack-browser-check %3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
ok() { say "ok: $*"; }
count() { { grep -oE "$1" || true; } | wc -l; }   # matches of an extended regex on stdin (0 is not an error)

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "stack-browser-check: no chromium (apt-get install chromium)" >&2; exit 2; }
for tool in prometheus curl; do
  command -v "$tool" >/dev/null || { echo "stack-browser-check: $tool not installed" >&2; exit 2; }
done

rm -rf "$out"
mkdir -p "$out"
eval "$(java -cp provisioning/target/accelmon.jar io.accelmon.provisioning.check.StackPlan "$cluster" 2>/dev/null ||
  echo 'PROMETHEUS_PORT=19090')"
prom="http://127.0.0.1:$PROMETHEUS_PORT"
if curl -s -o /dev/null "$prom/-/ready"; then
  echo "stack-browser-check: something already answers at $prom (a running stack?); stop it first" >&2
  exit 2
fi

ACCELMON_STACK_DIR="$stack_dir" setsid bin/accelmon-stack up "$cluster" >"$out/stack.out" 2>&1 &
stack_pid=$!
stop_stack() {
  kill -TERM "$stack_pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 -- "-$stack_pid" 2>/dev/null || true
}
trap stop_stack EXIT

# The stack prints its summary once everything it starts has answered (a first build can take minutes).
for _ in $(seq 1 1800); do
  grep -q '^accelmon stack is up' "$out/stack.out" 2>/dev/null && break
  kill -0 "$stack_pid" 2>/dev/null || { cat "$out/stack.out"; echo "stack-browser-check: the stack exited" >&2; exit 1; }
  sleep 0.2
done
grep -q '^accelmon stack is up' "$out/stack.out" || { cat "$out/stack.out"; echo "stack-browser-check: no stack after 6 min" >&2; exit 1; }
say "stack up"
ui=$(sed -n 's/^  Prometheus     targets \(.*\)\/targets .*/\1/p' "$out/stack.out")
[ -n "$ui" ] || { cat "$out/stack.out"; echo "stack-browser-check: the stack printed no Prometheus UI path" >&2; exit 1; }

# Every target scraped once and up (before that the page says UNKNOWN).
expected=0
for _ in $(seq 1 120); do
  targets=$(curl -fsS "$prom/api/v1/targets?state=active" || true)
  expected=$(count '"health":"[a-z]*"' <<<"$targets")
  up=$(count '"health":"up"' <<<"$targets")
  [ "$expected" -gt 0 ] && [ "$up" = "$expected" ] && break
  sleep 1
done
say "Prometheus API: $up of $expected targets up"

# page NAME URL: screenshot and DOM after the page's scripts ran.
page() {
  local name="$1" url="$2"
  DBUS_SESSION_BUS_ADDRESS=disabled: "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --hide-scrollbars --window-size=1400,1000 --virtual-time-budget=3000 \
    --screenshot="$out/$name.png" --dump-dom "$url" >"$out/$name.html" 2>"$out/$name.browser.log" || true
  if [ -s "$out/$name.html" ] && [ -s "$out/$name.png" ]; then return 0; fi
  fail "$name: the browser rendered nothing for $url (see $out/$name.browser.log)"
  return 1
}

if page targets "$ui/targets"; then
  jobs_up=$(count '\(([0-9]+)/\1 up\)' <"$out/targets.html")
  jobs_all=$(count '\([0-9]+/[0-9]+ up\)' <"$out/targets.html")
  states_up=$(count 'state_indicator[^>]*>[Uu][Pp]<' <"$out/targets.html")
  if [ "$jobs_all" -gt 0 ] && [ "$jobs_up" = "$jobs_all" ] && [ "$states_up" = "$expected" ] &&
     ! grep -qiE 'state_indicator[^>]*>(down|unknown)<' "$out/targets.html"; then
    ok "targets page: $jobs_all jobs, $states_up of $expected targets UP"
  else
    fail "targets page: $jobs_up of $jobs_all jobs fully up, $states_up targets UP, $expected expected"
  fi
fi

kit="$stack_dir/kit/prometheus/rules"
alerts=$(sed -n 's/^ *- alert: *"\{0,1\}\([A-Za-z0-9_:]*\)"\{0,1\} *$/\1/p' "$kit"/*.yml | sort -u)
records=$(sed -n 's/^ *- record: *"\{0,1\}\([A-Za-z0-9_:]*\)"\{0,1\} *$/\1/p' "$kit"/*.yml | sort -u)
check_names() {  # check_names PAGE KIND NAMES...
  local name="$1" kind="$2" n missing=() count=0; shift 2
  for n in "$@"; do count=$((count + 1)); grep -qF "$n" "$out/$name.html" || missing+=("$n"); done
  if [ "$count" -gt 0 ] && [ ${#missing[@]} -eq 0 ]; then ok "$name page: all $count $kind of the kit loaded"
  else fail "$name page: $count $kind in the kit, missing: ${missing[*]:-none in the kit}"; fi
}
# shellcheck disable=SC2086 # one name per word
if page alerts "$ui/alerts"; then check_names alerts "alerting rules" $alerts; fi
# shellcheck disable=SC2086
if page rules "$ui/rules"; then check_names rules "recording rules" $records; fi

# Each exporter's landing page: its name, its version and a link to its metrics.
while read -r entry; do
  name="${entry%%=*}"; url="${entry#*=}"
  case "$name" in node-*|gpu-*|npu-*) ;; *) continue ;; esac
  base="${url%/metrics}"
  exporter=$(case "$name" in node-*) echo node-collector ;; gpu-*) echo gpu-exporter ;; npu-*) echo npu-exporter ;; esac)
  if page "landing-$name" "$base/"; then
    if grep -q "accelmon $exporter" "$out/landing-$name.html" && grep -q 'href="/metrics"' "$out/landing-$name.html"; then
      ok "landing page of $name ($base/): names $exporter, links /metrics"
    else
      fail "landing page of $name ($base/) does not name $exporter or link /metrics"
    fi
  fi
done < <(printf '%s\n' "${ALL_TARGETS[@]}")

say "screenshots: $(cd "$out" && ls ./*.png | tr '\n' ' ')"
say "in $out"
if [ "$failures" -gt 0 ]; then say "$failures check(s) failed"; exit 1; fi
say "all checks passed"
