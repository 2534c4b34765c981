#!/usr/bin/env bash
# The service benchmark matrix in one command: starts `./mmkg serve` on a store twice (answer cache
# off, then on), and for each runs wrk on loopback at 8 and 64 connections against
#   - the default model (the store's active trained version; hybrid where it has none),
#   - the hybrid recommender (model=hybrid),
#   - the plain Cypher collaborative-filtering query (model=cypher-cf),
# every request for a random user, k=20, explanations on (cypher-cf has none). Prints one markdown
# table (2xx answers/s, non-2xx responses, p50/p90/p99, socket errors) and the serving graph's size as the service logged it.
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

# 503 answers the service has sent so far, from its Prometheus metrics (wrk counts non-2xx only)
count503() {
  curl -fsS "$base/q/metrics" | awk '/^http_server_requests_seconds_count/ && /status="503"/ {n += $NF} END {printf "%d", n}'
}

# one wrk run: prints "total non2xx refused failed socket-errors seconds p50 p90 p99". 2xx/s: answers per second;
# refused: 503s from the route's concurrency limit (mmkg.api.limits.concurrent, 32 by default: at 64
# connections the excess is refused at once with Retry-After, by design); errors: socket errors,
# timeouts and any other non-2xx. Latency percentiles are over all responses, refusals included.
cell() {
  local c="$1" url="$2" out secs before
  before="$(count503)"
  out="$(wrk -t2 -c"$c" -d"$duration" --timeout 10s --latency -s "$here/users.lua" "$url")"
  secs="$(awk '/requests in/ {sub("s,$", "", $4); print $4}' <<<"$out")"
  local total non2xx sock p50 p90 p99
  total="$(awk '/requests in/ {print $1}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"; non2xx="${non2xx:-0}"
  sock="$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' <<<"$out")"; sock="${sock:-0}"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p90="$(awk '$1=="90%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  # 503s sent after wrk stopped counting (requests in flight at the end) are not this cell's
  local refused=$(($(count503) - before))
  [ "$refused" -gt "$non2xx" ] && refused="$non2xx"
  echo "$total $non2xx $refused $((non2xx - refused)) $sock $secs $p50 $p90 $p99"
}

declare -A routes=(
  [default]="/api/v1/users/{u}/recommendations?k=20&explain=true"
  [hybrid]="/api/v1/users/{u}/recommendations?k=20&explain=true&model=hybrid"
  [cypher-cf]="/api/v1/users/{u}/recommendations?k=20&model=cypher-cf"
)
table="| cache | connections | model | 2xx/s | refused (503) | p50 | p90 | p99 | errors |
|---|---|---|---|---|---|---|---|---|"
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
      read -r total non2xx refused failed sock secs p50 p90 p99 < <(cell "$c" "$base${routes[$r]}")
      ok="$(awk -v t="$total" -v n="$non2xx" -v s="$secs" 'BEGIN {printf "%.0f", (t - n) / s}')"
      table+=$'\n'"| $mode | $c | $name | $ok | $refused | $p50 | $p90 | $p99 | $((failed + sock)) |"
    done
  done
  grep -m1 -o "serving graph: .*" "$log" >&2 || true
  stop
done
echo "store: $data ($users users), wrk -t2 --latency, k=20, $duration per cell, $(nproc) cores"
echo "$table"
