#!/bin/sh
# Starts @EXPORTER@ on the runtime bundled next to this script, with the flags from conf/jvm.options.
# Under systemd, StateDirectory= sets STATE_DIRECTORY: JNA extracts its native library there, because
# ProtectSystem=strict/ProtectHome/PrivateTmp leave no other writable and executable place.
set -eu
home=$(dirname "$(dirname "$(readlink -f "$0")")")
jar="$home/lib/@EXPORTER@.jar"
opts=""
if [ -f "$home/conf/jvm.options" ]; then
  opts=$(sed -e 's/#.*//' "$home/conf/jvm.options" | tr '\n' ' ')
fi
if [ -n "${STATE_DIRECTORY:-}" ]; then
  opts="$opts -Djna.tmpdir=${STATE_DIRECTORY%%:*}"
fi
# lib/@EXPORTER@.jsa: the classes of a start and a scrape, archived by dist/build.sh (AppCDS). JDK 17 only uses it
# when the class path is the string it was made with, wherever the tarball is unpacked: so the jar is opened on
# fd 9 and run as /dev/fd/9 (-Daccelmon.jar names the real file). A stale or unusable archive is ignored quietly.
if [ -f "$home/lib/@EXPORTER@.jsa" ] && [ -z "${ACCELMON_NO_CDS:-}" ]; then
  exec 9<"$jar"
  opts="$opts -XX:SharedArchiveFile=$home/lib/@EXPORTER@.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -Daccelmon.jar=$jar"
  jar=/dev/fd/9
fi
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec "$home/runtime/bin/java" $opts ${ACCELMON_JAVA_OPTS:-} -jar "$jar" "$@"
