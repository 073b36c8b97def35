#!/usr/bin/env bash
# Builds and runs the api-exporter-lib JMH benchmark (not part of the test suite).
# Usage: bench/api-jmh.sh [JMH args...]   e.g. bench/api-jmh.sh -t 2   or   bench/api-jmh.sh -wi 1 -i 2 -r 500ms
# Needs api-exporter-lib installed in the local repository: mvn -B -q -pl api-exporter-lib install -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [[ "${SKIP_LIB_INSTALL:-}" != "1" ]]; then
  (cd "$root" && mvn -B -q -pl api-exporter-lib install -DskipTests)
fi
(cd "$here/api-jmh" && mvn -B -q package)
exec java -jar "$here/api-jmh/target/api-jmh.jar" "$@"
