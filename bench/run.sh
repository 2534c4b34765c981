#!/usr/bin/env bash
# JMH microbenchmarks of the serving path on a loaded store (no service may hold it open):
#   bench/run.sh [-d DATA_DIR] [JMH options...]     e.g. bench/run.sh -d data/lastfm -f 1 'pathSearch'
# Builds the module when needed; JMH prints a table of average microseconds per call.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data=data/lastfm
if [ "${1:-}" = "-d" ]; then data="$2"; shift 2; fi
# (re)build when a source or pom changed since the last build by this script
stamp=bench/target/.built-by-run-sh
if [ ! -f bench/target/bench.classpath ] || [ ! -f "$stamp" ] \
    || [ -n "$(find pom.xml */pom.xml */src -newer "$stamp" -type f -print -quit)" ]; then
  ./mvnw -q -B -ntp install -DskipTests -pl bench -am >&2
  touch "$stamp"
fi
exec java -Xmx4g \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main \
  -jvmArgsAppend "-Dmmkg.bench.data=$root/$data" "$@"
