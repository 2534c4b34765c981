#!/usr/bin/env bash
# The service benchmark matrix in one command: starts `./mmkg serve` on a store twice (answer cache
# off, then on), and for each runs wrk on loopback at 8 and 64 connections against
#   - the default model (the store's active trained version; hybrid where it has none),
#   - the hybrid recommender (model=hybrid),
#   - the plain Cypher collaborative-filtering query (model=cypher-cf),
# every request for a random user, k=20, explanations on (cypher-cf has none). Prints one markdown
# table (req/s, p50/p90/p99, errors) and the serving graph's size as the service logged it.
# Needs wrk (apt-get install wrk) and a loaded store (./mmkg load; ./mmkg train for a version).
#
# Usage: service/bench/matrix.sh [-d DIR] [-u USERS] [-t DURATION] [-w WARMUP] [-p PORT] [-c "8 64"] [-m "off on"]
#   -d  data directory of the store (default data/lastfm)
#   -u  how many users the store has; ids 0..USERS-1 are drawn uniformly (default 1872, Last.FM)
#   -t  measured seconds per cell (default 20s); -w  unmeasured warm-up per cache setting (default 20s)
#   -c  connection counts (default "8 64"); -m  cache settings (default "off on")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data=data/lastfm users=1872 duration=20s warmup=20s port=8090 conns="8 64" modes="off on"
while getopts "d:u:t:w:p:c:m:" opt; do
  case "$opt" in
    d) data="$OPTARG" ;; u) users="$OPTARG" ;; t) duration="$OPTARG" ;; w) warmup="$OPTARG" ;;
    p) port="$OPTARG" ;; c) conns="$OPTARG" ;; m) modes="$OPTARG" ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
base="http://127.0.0.1:$port"
export USERS="$users"
log="$(mktemp -t mmkg-bench.XXXXXX.log)"
pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; pid=""; }
trap stop EXIT

start() {
  local ttl="$1"
  (cd "$root" && MMKG_CACHE_TTL="$ttl" exec ./mmkg serve -d "$data" -p "$port" --no-browser) >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    curl -fsS "$base/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the service did not start; its log:" >&2; cat "$log" >&2; exit 1; }
    sleep 1
  done
  echo "the service was not ready after 300 s; its log: $log" >&2; exit 1
}

# one wrk run: prints "req/s | p50 | p90 | p99 | errors"
cell() {
  local c="$1" url="$2" out
  out="$(wrk -t2 -c"$c" -d"$duration" --timeout 10s --latency -s "$here/users.lua" "$url")"
  local rps p50 p90 p99 errs
  rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p90="$(awk '$1=="90%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  errs="$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",", ""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")"
  echo "$rps | $p50 | $p90 | $p99 | $errs"
}

declare -A routes=(
  [default]="/api/v1/users/{u}/recommendations?k=20&explain=true"
  [hybrid]="/api/v1/users/{u}/recommendations?k=20&explain=true&model=hybrid"
  [cypher-cf]="/api/v1/users/{u}/recommendations?k=20&model=cypher-cf"
)
table="| cache | connections | model | req/s | p50 | p90 | p99 | errors |
|---|---|---|---|---|---|---|---|"
for mode in $modes; do
  ttl=0; [ "$mode" = on ] && ttl=30s
  start "$ttl"
  model="$(curl -fsS "$base/api/v1/users/0/recommendations?k=1&explain=false" | sed -n 's/.*"model":"\([^"]*\)".*/\1/p')"
  echo "== cache $mode (mmkg.cache.ttl=$ttl), default model: $model; warm-up $warmup per route" >&2
  for r in default hybrid cypher-cf; do
    wrk -t2 -c8 -d"$warmup" -s "$here/users.lua" "$base${routes[$r]}" >/dev/null
  done
  for c in $conns; do
    for r in default hybrid cypher-cf; do
      echo "   $c connections, $r ..." >&2
      name="$r"; [ "$r" = default ] && name="default ($model)"
      table+=$'\n'"| $mode | $c | $name | $(cell "$c" "$base${routes[$r]}") |"
    done
  done
  grep -m1 -o "serving graph: .*" "$log" >&2 || true
  stop
done
echo "store: $data ($users users), wrk -t2 --latency, k=20, $duration per cell, $(nproc) cores"
echo "$table"
