#!/usr/bin/env bash
# Scoring throughput through HAProxy with 1 and with 3 API instances on PostgreSQL (deploy/cluster.sh), in one run:
# single-lead scoring without reasons, and outcomes, with wrk. Usage: bench/cluster.sh   (DURATION=10s WARMUP=30s CONNECTIONS=16)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PY=${PYTHON:-/usr/bin/python3}
DURATION=${DURATION:-10s}
# Instances under full load on two shared cores need about 30 s before the JIT's optimised code is in: measured after
# 5 s, one instance scored 1,600-1,800 leads/s, and 2,500-2,800 from 30 s on (2026-12-04).
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-16}
export CLUSTER_PORT=${CLUSTER_PORT:-8480}
KEY=bench-key-0000000000
OUT=$HERE/out/cluster-$(date +%Y-%m-%d-%H%M)
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
"$PY" "$HERE/api_payloads.py" "$ROOT/training-data/sample-leads.csv" "$OUT"
export Logging__LogLevel__Default=Warning RateLimit__PermitsPerSecond=1000000
export Auth__ApiKeys__0__Name=bench Auth__ApiKeys__0__Role=admin Auth__ApiKeys__0__Key=$KEY
trap '"$ROOT/deploy/cluster.sh" stop >/dev/null 2>&1 || true' EXIT

cat > "$OUT/lead.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "$KEY"
local f = io.open("$OUT/lead.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
cat > "$OUT/outcome.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "$KEY"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"leadId": "bench-' .. math.random(1, 1000000000) .. '-' .. n .. '", "stage": "MQL"}')
end
LUA

rate() { # url script -> requests/s
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$2" "$1" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$1" > "$OUT/last.txt" 2>&1
  "$PY" -c 'import re,sys; t=open(sys.argv[1]).read(); e=re.search(r"Non-2xx or 3xx responses: (\d+)", t); print(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1), re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1), e.group(1) if e else 0)' "$OUT/last.txt"
}

declare -A score outcome
for n in 1 3; do
  "$ROOT/deploy/cluster.sh" start "$n" > "$OUT/start-$n.txt"
  score[$n]=$(rate "http://127.0.0.1:$CLUSTER_PORT/v1/leads/score?explain=false" "$OUT/lead.lua")
  outcome[$n]=$(rate "http://127.0.0.1:$CLUSTER_PORT/v1/outcomes" "$OUT/outcome.lua")
  "$ROOT/deploy/cluster.sh" stop > /dev/null
done

{
  echo "| through HAProxy, $CONNECTIONS connections | instances | requests/s | p50 | non-2xx |"
  echo "|---|---|---|---|---|"
  for n in 1 3; do
    read -r r p e <<<"${score[$n]}"; echo "| POST /v1/leads/score?explain=false | $n | $r | $p | $e |"
    read -r r p e <<<"${outcome[$n]}"; echo "| POST /v1/outcomes (PostgreSQL, synchronous commit) | $n | $r | $p | $e |"
  done
  "$PY" -c 'import os, sys; a,b,c,d=map(float,sys.argv[1:]); print(f"\n3 instances / 1: scoring {b/a:.2f}x, outcomes {d/c:.2f}x (on {os.cpu_count()} cores shared by wrk, HAProxy, PostgreSQL and the instances)")' \
    "$(cut -d' ' -f1 <<<"${score[1]}")" "$(cut -d' ' -f1 <<<"${score[3]}")" "$(cut -d' ' -f1 <<<"${outcome[1]}")" "$(cut -d' ' -f1 <<<"${outcome[3]}")"
} | tee "$OUT/table.md"
