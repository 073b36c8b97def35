#!/usr/bin/env bash
# Builds (once) a Debian bookworm root with systemd, python3 and the Debian Prometheus/Alertmanager packages,
# cached under ${ACCELMON_ROOTFS_CACHE:-/var/tmp/accelmon-rootfs}/<hash of this script>. Prints the root's path.
# RolloutIT boots each host on an overlay of it; the cache makes the 1-3 minute debootstrap a once-per-machine cost.
# procps: Debian's prometheus.service reloads with /bin/kill, which minbase lacks (every real server has it).
# nftables: the rollout test turns the exporters' firewall on (Debian installs it by default).
set -euo pipefail
cache=${ACCELMON_ROOTFS_CACHE:-/var/tmp/accelmon-rootfs}
key=$(sha256sum "$0" | cut -c1-16)
root="$cache/$key"
if [ -f "$root/.accelmon-rootfs-ok" ]; then echo "$root"; exit 0; fi
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$root/.accelmon-rootfs-ok" ]; then echo "$root"; exit 0; fi

# The mirror apt is configured with (deb822 or one-line format); deb.debian.org when none is found.
mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v security | awk '{for(i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) {print $i; exit}}' | head -n1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

tmp="$cache/tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
debootstrap --variant=minbase \
  --include=systemd,systemd-sysv,dbus,procps,python3,ca-certificates,nftables,prometheus,prometheus-alertmanager \
  bookworm "$tmp" "$mirror" >"$cache/debootstrap.$key.log" 2>&1 \
  || { tail -n 30 "$cache/debootstrap.$key.log" >&2; exit 1; }
# Package postinsts may enable the daemons; the hub role decides what runs, so start from disabled services.
chroot "$tmp" systemctl disable prometheus.service prometheus-alertmanager.service prometheus-node-exporter.service >/dev/null 2>&1 || true
chroot "$tmp" apt-get clean
rm -rf "$tmp"/var/lib/apt/lists/*
: >"$tmp/etc/machine-id"
touch "$tmp/.accelmon-rootfs-ok"
rm -rf "$root"
mv "$tmp" "$root"
trap - EXIT
echo "$root"
