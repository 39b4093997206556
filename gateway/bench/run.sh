#!/usr/bin/env bash
# The gateway benchmark: a KRaft broker and the gateway in one JVM, wrk on loopback (docs/performance.md,
# "Gateway"). Options go to io.rawpipeline.gateway.GatewayBench, e.g.  gateway/bench/run.sh --seconds 15 --rate 10000
# Build first (and after changes): mvn -B -o -q -pl gateway -am install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: apt-get install -y wrk" >&2
  exit 2
fi
if [ ! -f gateway/target/test-classes/io/rawpipeline/gateway/GatewayBench.class ]; then
  mvn -B -o -q -pl gateway -am install -DskipTests
fi
classpath_file=gateway/target/bench.classpath
mvn -B -o -q -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

exec java -XX:+UseParallelGC -Xmx1g \
  -cp "gateway/target/test-classes:gateway/target/classes:$(cat "$classpath_file")" \
  io.rawpipeline.gateway.GatewayBench "$@"
