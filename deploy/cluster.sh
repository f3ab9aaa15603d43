#!/usr/bin/env bash
# A local production-like deployment: a throwaway PostgreSQL, N API instances sharing the model registry, the
# database (log, outcomes, sessions, Data Protection key ring) and their configuration, and HAProxy in front with
# health checks on /health/ready.
#
#   deploy/cluster.sh start N   start everything; the cluster answers on http://127.0.0.1:${CLUSTER_PORT:-8080}
#   deploy/cluster.sh pids      one API instance PID per line
#   deploy/cluster.sh ports     one API instance port per line (instances listen on CLUSTER_PORT+1 ... CLUSTER_PORT+N)
#   deploy/cluster.sh stop      stop everything and delete the database
#
# The service's configuration environment (Auth__..., RateLimit__..., Models__...) reaches every instance as it is.
# CLUSTER_REGISTRY is the model registry (default: the repository's models/); CLUSTER_DIR holds the state.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${CLUSTER_PORT:-8080}
STATE=${CLUSTER_DIR:-/tmp/predictiveleads-cluster-$PORT}
REGISTRY=${CLUSTER_REGISTRY:-$ROOT/models}
PG_PORT=$((PORT + 100))

fail() { echo "cluster: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_ready() {
  local url=$1 tries=0
  until curl -sf "$url/health/ready" >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -gt 300 ] && fail "$url did not become ready; see $STATE/*.log"
    sleep 0.2
  done
}

start() {
  local count=${1:-}
  [[ "$count" =~ ^[1-9][0-9]?$ ]] || fail "start needs the number of instances (1-99), e.g. 'start 3'"
  [ -e "$STATE" ] && fail "$STATE exists: a cluster on port $PORT is running or was not stopped ('$0 stop')"
  command -v haproxy >/dev/null || fail "haproxy is not installed (apt-get install haproxy)"
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pgbin/initdb" ] || fail "PostgreSQL is not installed (apt-get install postgresql)"

  mkdir -p "$STATE"
  chmod 755 "$STATE"
  dotnet build "$ROOT/src/PredictiveLeads.Api" -c Release -v quiet -nologo >"$STATE/build.log" 2>&1 || fail "the API did not build; see $STATE/build.log"

  mkdir -p "$STATE/pg" && chown postgres "$STATE/pg" 2>/dev/null || true
  as_postgres "$pgbin/initdb" -D "$STATE/pg" -U postgres --auth=trust -E UTF8 >"$STATE/initdb.log" 2>&1 || fail "initdb failed; see $STATE/initdb.log"
  as_postgres "$pgbin/pg_ctl" -D "$STATE/pg" -l "$STATE/pg/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $STATE/pg" start >/dev/null || fail "PostgreSQL did not start; see $STATE/pg/server.log"
  local connection="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"

  # The first instance creates the tables before the others start, so no two create them at once.
  local i backends=""
  for i in $(seq 1 "$count"); do
    local port=$((PORT + i))
    Storage__PostgresConnectionString="$connection" Models__Registry="$REGISTRY" Proxy__TrustedProxies__0=127.0.0.1 \
      nohup dotnet "$ROOT/src/PredictiveLeads.Api/bin/Release/net10.0/PredictiveLeads.Api.dll" \
      --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/PredictiveLeads.Api" >"$STATE/api-$i.log" 2>&1 &
    echo $! >"$STATE/api-$i.pid"
    echo "$port" >"$STATE/api-$i.port"
    [ "$i" = 1 ] && wait_ready "http://127.0.0.1:$port"
    backends+="    server api$i 127.0.0.1:$port check inter 500ms fall 2 rise 2"$'\n'
  done
  for i in $(seq 2 "$count"); do wait_ready "http://127.0.0.1:$((PORT + i))"; done

  cat >"$STATE/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 2
    option redispatch
frontend api
    bind 127.0.0.1:$PORT
    option forwardfor
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
$backends
CFG
  haproxy -c -f "$STATE/haproxy.cfg" >/dev/null || fail "the HAProxy configuration is invalid: $STATE/haproxy.cfg"
  haproxy -D -f "$STATE/haproxy.cfg" -p "$STATE/haproxy.pid" || fail "HAProxy did not start"
  wait_ready "http://127.0.0.1:$PORT"
  echo "cluster: $count instances behind http://127.0.0.1:$PORT (PostgreSQL on $PG_PORT, state in $STATE)"
}

pids() { cat "$STATE"/api-*.pid 2>/dev/null || fail "no cluster on port $PORT"; }

ports() { cat "$STATE"/api-*.port 2>/dev/null || fail "no cluster on port $PORT"; }

stop() {
  [ -d "$STATE" ] || { echo "cluster: nothing to stop on port $PORT"; return 0; }
  [ -f "$STATE/haproxy.pid" ] && kill "$(cat "$STATE/haproxy.pid")" 2>/dev/null || true
  local pid
  for pid in $(cat "$STATE"/api-*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  for pid in $(cat "$STATE"/api-*.pid 2>/dev/null); do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -d "$STATE/pg" ] && as_postgres "$pgbin/pg_ctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$STATE"
  echo "cluster: stopped"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  pids) pids ;;
  ports) ports ;;
  stop) stop ;;
  *) echo "usage: $0 start N | pids | ports | stop" >&2; exit 2 ;;
esac
