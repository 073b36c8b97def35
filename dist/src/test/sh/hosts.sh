#!/usr/bin/env bash
# Boots test hosts as systemd-nspawn containers on a bridge inside a network namespace this script creates.
#   hosts.sh up   WORK ROOTFS NAME=ADDR...   copies ROOTFS per host, boots it, writes WORK/<NAME>.pid (leader pid)
#   hosts.sh down WORK                       stops every host, deletes the namespace and the copied roots
# Addresses exist only inside the namespace WORK/netns names; nothing leaves the machine.
set -euo pipefail
cmd=$1 work=$2
shift 2
case "$cmd" in
up)
  rootfs=$1; shift
  ns="accelmon-it-$$"
  echo "$ns" >"$work/netns"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link add br0 type bridge
  ip netns exec "$ns" ip addr add 10.77.0.1/24 dev br0
  ip netns exec "$ns" ip link set br0 up
  for spec in "$@"; do
    name=${spec%%=*} addr=${spec#*=}
    # The shared root stays read-only; each host writes into its own overlay (ACCELMON_IT_COPY=1: full copies).
    if [ "${ACCELMON_IT_COPY:-0}" = 1 ]; then
      cp -a "$rootfs" "$work/root-$name"
      image=(-D "$work/root-$name")
    else
      mkdir -p "$work/root-$name/upper" "$work/root-$name/work" "$work/root-$name/merged"
      mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$work/root-$name/upper,workdir=$work/root-$name/work" \
        "$work/root-$name/merged"
      image=(-D "$work/root-$name/merged")
    fi
    # nsenter --net (not ip netns exec, which remounts /sys and hides the cgroup tree from nspawn).
    nsenter --net="/run/netns/$ns" setsid systemd-nspawn -b "${image[@]}" -M "$name" --hostname="$name" \
      --console=read-only --register=no --keep-unit --network-bridge=br0 >"$work/boot-$name.log" 2>&1 </dev/null &
    echo $! >"$work/$name.proc"
  done
  own_pidns=$(readlink /proc/self/ns/pid)
  for spec in "$@"; do
    name=${spec%%=*} addr=${spec#*=}
    nspawn=$(cat "$work/$name.proc")
    # The leader is nspawn's child in a new pid namespace: its first child may still be the short-lived outer
    # helper, so look again on every round. Two minutes, for a boot on a loaded two-core machine.
    leader="" state=""
    for _ in $(seq 1 600); do
      kill -0 "$nspawn" 2>/dev/null || break
      leader=""
      for child in $(pgrep -P "$nspawn" || true); do
        ns=$(readlink "/proc/$child/ns/pid" 2>/dev/null || true)
        if [ -n "$ns" ] && [ "$ns" != "$own_pidns" ]; then leader=$child; break; fi
      done
      if [ -n "$leader" ]; then
        state=$(nsenter -t "$leader" -a systemctl is-system-running 2>/dev/null || true)
        case "$state" in running|degraded) break ;; esac
      fi
      sleep 0.2
    done
    case "$state" in
      running|degraded) ;;
      *) { echo "host $name: systemd is '$state' (leader '${leader}')"; tail -n 40 "$work/boot-$name.log"; } >&2; exit 1 ;;
    esac
    echo "$leader" >"$work/$name.pid"
    nsenter -t "$leader" -n ip link set lo up
    nsenter -t "$leader" -n ip addr add "$addr/24" dev host0
    nsenter -t "$leader" -n ip link set host0 up
  done
  ;;
down)
  for f in "$work"/*.proc; do
    [ -e "$f" ] || continue
    kill -TERM "$(cat "$f")" 2>/dev/null || true
  done
  for f in "$work"/*.proc; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  [ -f "$work/netns" ] && ip netns del "$(cat "$work/netns")" 2>/dev/null || true
  for d in "$work"/root-*/merged; do
    [ -d "$d" ] && umount "$d" 2>/dev/null || true
  done
  rm -rf "$work"/root-*
  ;;
*) echo "usage: hosts.sh up|down WORK ..." >&2; exit 2 ;;
esac
