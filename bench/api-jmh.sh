#!/usr/bin/env bash
# Builds and runs the api-exporter-lib benchmarks (not part of the test suite): JMH ObserveBenchmark with the GC
# profiler (ns/op wall and B/op), then CpuTimePerOp (thread CPU ns/op, steadier on a loaded machine), so the library's
# default, bare client_java summary and bare client_java histogram are measured side by side in one run.
# Usage: bench/api-jmh.sh [JMH args...]   e.g. bench/api-jmh.sh -t 2   or   bench/api-jmh.sh -wi 1 -i 2 -r 500ms
# Needs api-exporter-lib installed in the local repository: mvn -B -q -pl api-exporter-lib install -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [[ "${SKIP_LIB_INSTALL:-}" != "1" ]]; then
  (cd "$root" && mvn -B -q -pl api-exporter-lib install -DskipTests)
fi
(cd "$here/api-jmh" && mvn -B -q package)
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$here/api-jmh/target/api-jmh.jar" ObserveBenchmark -prof gc "$@"
echo "thread CPU time per observed request:"
java -cp "$here/api-jmh/target/api-jmh.jar" io.accelmon.bench.api.CpuTimePerOp
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
