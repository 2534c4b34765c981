#!/usr/bin/env bash
# Load benchmark of the REST service on loopback: recommendations with explanations (default model, k=20)
# and the plain Cypher collaborative-filtering query (model=cypher-cf), in the same run, against a
# service already started with `./mmkg serve` (or `./mmkg demo`). Needs wrk (apt-get install wrk).
# Usage: [WARMUP=20s] [MMKG_URL=http://127.0.0.1:8080] service/bench/run.sh [duration=20s] [connections=8] [threads=2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${MMKG_URL:-http://127.0.0.1:8080}"
duration="${1:-20s}"; conns="${2:-8}"; threads="${3:-2}"
# warm-up (not measured): JIT, page cache, and the recommendation cache, which after 20 s has seen
# every Last.FM user once; set WARMUP=1s to measure a cold service
warmup="${WARMUP:-20s}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
curl -fsS "$base/q/health/ready" >/dev/null || { echo "no ready service at $base (start ./mmkg serve)" >&2; exit 1; }
run() {
  local name="$1" url="$2"
  wrk -t"$threads" -c"$conns" -d"$warmup" -s "$here/users.lua" "$url" >/dev/null
  echo "== $name: wrk -t$threads -c$conns -d$duration --latency '$url'"
  wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$here/users.lua" "$url" \
    | grep -E 'Requests/sec|Latency  |50%|90%|99%|requests in|Non-2xx'
}
run "default model (the active version, else hybrid), k=20, explanations" "$base/api/v1/users/{u}/recommendations?k=20&explain=true"
run "cypher-cf, k=20" "$base/api/v1/users/{u}/recommendations?k=20&model=cypher-cf"
