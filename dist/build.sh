#!/usr/bin/env bash
# Packages each exporter as a self-contained tarball (jar + jlink runtime + launcher + sha256) and a .deb.
# Called by the dist module's pom (exec plugin, package phase):  dist/build.sh VERSION [EXPORTER...]
# Input jars: <repo>/<exporter>/target/<exporter>.jar (ACCELMON_DIST_JAR_<exporter with _> overrides one path).
# Output: dist/target/accelmon-<exporter>-<version>-linux-amd64.tar.gz(.sha256) and accelmon-<exporter>_<debver>_amd64.deb.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
version=${1:?usage: build.sh VERSION [EXPORTER...]}
shift
exporters=("$@")
[ ${#exporters[@]} -gt 0 ] || exporters=(node-collector gpu-exporter npu-exporter)
out="$here/target"
work="$out/dist-work"
mkdir -p "$out" "$work"
# Debian versions must start with a digit and sort pre-releases first: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT.
debver=${version//-/\~}

# The JVM flags of a conf/jvm.options, one per word (comments dropped), as the launcher reads them.
jvm_options() {
  sed -e 's/#.*//' "$1"
}

jar_of() {
  local var="ACCELMON_DIST_JAR_${1//-/_}"
  echo "${!var:-$repo/$1/target/$1.jar}"
}

# Device access per exporter: none for the host collector; the NVIDIA / Ascend character devices otherwise
# (device group names from /proc/devices, glob-matched by systemd).
devices_of() {
  case "$1" in
    gpu-exporter) printf 'DevicePolicy=closed\nDeviceAllow=char-nvidia* rw\n' ;;
    npu-exporter) printf 'DevicePolicy=closed\nDeviceAllow=char-davinci* rw\nDeviceAllow=char-devmm_svm rw\nDeviceAllow=char-hisi_hdc rw\n' ;;
    *) printf 'PrivateDevices=yes\n' ;;
  esac
}

missing=()
for e in "${exporters[@]}"; do
  [ -f "$(jar_of "$e")" ] || missing+=("$(jar_of "$e")")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "dist: missing exporter jar(s): ${missing[*]} - build the exporter modules first (mvn -B package)" >&2
  exit 1
fi

# One runtime for all exporters: the union of what jdeps finds plus what is only reached by reflection
# (client_java's process collector reads com.sun.management via reflection; TLS with EC keys needs jdk.crypto.ec).
modules="java.base,java.logging,java.management,jdk.httpserver,jdk.unsupported,jdk.management,jdk.crypto.ec"
for e in "${exporters[@]}"; do
  found=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$(jar_of "$e")" 2>/dev/null || true)
  [ -n "$found" ] && modules="$modules,$found"
done
modules=$(echo "$modules" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
runtime="$out/runtime"
# CDS archives (JDK classes in the runtime, one per exporter) make the first scrape come < 1 s after start, but
# JDK 17 does not write them byte for byte the same twice, so the tarballs' sha256 would change on every build:
# opt-in with ACCELMON_DIST_CDS=1 (ansible/README.md, "Size and start time").
cds=${ACCELMON_DIST_CDS:-0}
[ "$cds" = 1 ] || echo "dist: no CDS archives (reproducible packages; ACCELMON_DIST_CDS=1 for < 1 s starts)"
# .modules keys the cached runtime: the module list, and "+cds" when the runtime carries its CDS archive.
key="$modules"; [ "$cds" != 1 ] || key="$modules +cds"
if [ "$(cat "$runtime/.modules" 2>/dev/null)" != "$key" ]; then
  rm -rf "$runtime"
  if [ "$cds" != 1 ]; then
    jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$runtime"
  # The JDK classes' CDS archive (lib/server/classes.jsa) saves ~0.5 s of every start; jlink makes it where it
  # can (JDK >= 17 with the plugin), else the runtime's own -Xshare:dump; without one the runtime still works.
  elif ! jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive --output "$runtime" 2>"$out/jlink.err"; then
    echo "dist: jlink --generate-cds-archive failed ($(head -n1 "$out/jlink.err")), dumping with -Xshare:dump"
    rm -rf "$runtime"
    jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --output "$runtime"
    "$runtime/bin/java" -Xshare:dump >"$out/xshare-dump.log" 2>&1 ||
      echo "dist: no base CDS archive for the runtime (-Xshare:dump failed, see $out/xshare-dump.log); starts are slower"
  fi
  echo "$key" >"$runtime/.modules"
fi
echo "dist: runtime modules: $modules ($(du -sh "$runtime" | cut -f1))"

# Per exporter, an AppCDS archive of the classes one start and one scrape load (lib/<exporter>.jsa): the exporter
# runs once from the staging folder on loopback with the flags of conf/jvm.options (an archive is only valid with
# the flags it was made with), is scraped, and stopped with SIGTERM, when the JVM writes the archive. The jar is
# run as /dev/fd/9, as the launcher does, so the archive holds a class path that is the same wherever the tarball
# is unpacked; its mtime is the one tar gives it. Anything that fails leaves a package without the archive.
cds_archive() {
  local e=$1 stage=$2 port pid i ok=""
  local jsa="$stage/lib/$e.jsa" log="$work/cds-$e.log"
  [ "$cds" = 1 ] || return 0
  [ -f "$runtime/lib/server/classes.jsa" ] || { echo "dist: $e: no CDS archive (the runtime has no base archive)"; return 0; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000)))
  rm -f "$jsa"
  # shellcheck disable=SC2046 # one flag per word
  (cd "$work" && exec 9<"$stage/lib/$e.jar" && exec "$stage/runtime/bin/java" \
    $(jvm_options "$stage/conf/jvm.options") -XX:ArchiveClassesAtExit="$jsa" -Djna.tmpdir="$work" \
    -jar /dev/fd/9 --web.listen-address="127.0.0.1:$port") >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -z "$ok" ] || curl -sf -o /dev/null "http://127.0.0.1:$port/metrics" || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "$ok" ] && [ -s "$jsa" ]; then
    echo "dist: $e: CDS archive lib/$e.jsa ($(du -h "$jsa" | cut -f1))"
  else
    rm -f "$jsa"
    echo "dist: $e: no CDS archive (the training run on 127.0.0.1:$port failed, see $log); the package starts without it"
  fi
}

# Reproducible archives: fixed owner and mtime.
mtime="@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)}"

for e in "${exporters[@]}"; do
  name="accelmon-$e-$version-linux-amd64"
  stage="$work/$name"
  rm -rf "$stage"
  mkdir -p "$stage/bin" "$stage/lib" "$stage/conf"
  cp -a "$runtime" "$stage/runtime"
  rm -f "$stage/runtime/.modules"
  cp "$(jar_of "$e")" "$stage/lib/$e.jar"
  sed "s/@EXPORTER@/$e/g" "$here/src/main/sh/launcher.sh" >"$stage/bin/$e"
  chmod 0755 "$stage/bin/$e"
  if [ -f "$repo/$e/src/main/dist/jvm.options" ]; then
    cp "$repo/$e/src/main/dist/jvm.options" "$stage/conf/jvm.options"
  else
    printf '# JVM flags for %s, one or more per line; the launcher passes them before -jar.\n' "$e" >"$stage/conf/jvm.options"
  fi
  # The runtime is the build's JDK: a flag it refuses (TrimNativeHeapInterval needs 17.0.9 or later) would stop every
  # start of the package, so the build stops here instead.
  # shellcheck disable=SC2046 # one flag per word
  if ! refused=$("$stage/runtime/bin/java" $(jvm_options "$stage/conf/jvm.options") -version 2>&1); then
    echo "dist: $e: the runtime jlinked from this JDK refuses conf/jvm.options ($repo/$e/src/main/dist/jvm.options):" \
      "$(head -n1 <<<"$refused")" >&2
    exit 1
  fi
  echo "$version" >"$stage/VERSION"
  touch -h -d "$mtime" "$stage/lib/$e.jar"
  cds_archive "$e" "$stage"
  # Written aside and renamed: a reader never sees a tarball that does not match its .sha256.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$work" -czf "$work/$name.tar.gz" "$name"
  (cd "$work" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
  mv -f "$work/$name.tar.gz" "$out/$name.tar.gz"
  mv -f "$work/$name.tar.gz.sha256" "$out/$name.tar.gz.sha256"
  echo "dist: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"

  # .deb: the same tree under /opt/accelmon/<exporter>, the hardened unit, a postinst that adds the system user.
  deb="$work/deb-$e"
  rm -rf "$deb"
  mkdir -p "$deb/DEBIAN" "$deb/opt/accelmon" "$deb/lib/systemd/system" "$deb/etc/accelmon"
  cp -a "$stage" "$deb/opt/accelmon/$e"
  devices_of "$e" >"$work/devices"
  sed -e "s/@EXPORTER@/$e/g" -e "/@DEVICES@/{r $work/devices" -e 'd}' "$here/src/main/deb/accelmon-exporter.service" \
    >"$deb/lib/systemd/system/accelmon-$e.service"
  sed "s/@EXPORTER@/$e/g" "$here/src/main/deb/exporter.flags" >"$deb/etc/accelmon/$e.flags"
  size=$(du -sk "$deb/opt" | cut -f1)
  cat >"$deb/DEBIAN/control" <<CONTROL
Package: accelmon-$e
Version: $debver
Architecture: amd64
Maintainer: accelmon <accelmon@localhost>
Installed-Size: $size
Section: admin
Priority: optional
Depends: adduser, systemd
Description: accelmon $e Prometheus exporter
 Self-contained: the exporter jar with its own trimmed Java runtime,
 run by systemd as the unprivileged user accelmon.
CONTROL
  echo "/etc/accelmon/$e.flags" >"$deb/DEBIAN/conffiles"
  for s in postinst prerm postrm; do
    sed "s/@EXPORTER@/$e/g" "$here/src/main/deb/$s" >"$deb/DEBIAN/$s"
    chmod 0755 "$deb/DEBIAN/$s"
  done
  find "$deb" -exec touch -h -d "$mtime" {} +
  dpkg-deb --root-owner-group -Zgzip --build "$deb" "$out/accelmon-${e}_${debver}_amd64.deb" >/dev/null
  echo "dist: $out/accelmon-${e}_${debver}_amd64.deb ($(du -h "$out/accelmon-${e}_${debver}_amd64.deb" | cut -f1))"
done
