#!/bin/sh
# Starts @EXPORTER@ on the runtime bundled next to this script, with the flags from conf/jvm.options.
# Under systemd, StateDirectory= sets STATE_DIRECTORY: JNA extracts its native library there, because
# ProtectSystem=strict/ProtectHome/PrivateTmp leave no other writable and executable place.
set -eu
home=$(dirname "$(dirname "$(readlink -f "$0")")")
opts=""
if [ -f "$home/conf/jvm.options" ]; then
  opts=$(sed -e 's/#.*//' "$home/conf/jvm.options" | tr '\n' ' ')
fi
if [ -n "${STATE_DIRECTORY:-}" ]; then
  opts="$opts -Djna.tmpdir=${STATE_DIRECTORY%%:*}"
fi
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec "$home/runtime/bin/java" $opts ${ACCELMON_JAVA_OPTS:-} -jar "$home/lib/@EXPORTER@.jar" "$@"
