#!/usr/bin/env bash
# A local Redis Cluster of three masters (no replicas) for the test suites, beside the standalone
# Redis on 6379.
#
#   scripts/redis-cluster-local.sh start    start the nodes, create the cluster once, wait for cluster_state:ok (idempotent)
#   scripts/redis-cluster-local.sh stop     shut the nodes down (SHUTDOWN NOSAVE)
#   scripts/redis-cluster-local.sh status   print each node's state; exit 0 iff every node answers and the cluster is ok
#   scripts/redis-cluster-local.sh reset    stop, then delete the data folder (the next start creates a new cluster)
#
# Environment:
#   REDIS_CLUSTER_DIR      data folder: one subfolder per port with nodes.conf and the log (default /tmp/im-redis-cluster)
#   REDIS_CLUSTER_PORTS    the masters' ports (default "7380 7381 7382"; the cluster bus uses port + 10000)
#   START_TIMEOUT          seconds to wait for cluster_state:ok (default 30)
set -euo pipefail

DIR="${REDIS_CLUSTER_DIR:-/tmp/im-redis-cluster}"
read -r -a PORTS <<<"${REDIS_CLUSTER_PORTS:-7380 7381 7382}"
START_TIMEOUT="${START_TIMEOUT:-30}"
HOST=127.0.0.1

cli() { local port=$1; shift; redis-cli -h "$HOST" -p "$port" "$@"; }
answers() { cli "$1" ping >/dev/null 2>&1; }
info_field() { cli "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n "s/^$2://p"; }

cluster_ok() {
  local port
  for port in "${PORTS[@]}"; do
    [[ "$(info_field "$port" cluster_state)" == ok ]] || return 1
  done
}

start_node() {
  local port=$1
  answers "$port" && return 0
  mkdir -p "$DIR/$port"
  # nodes.conf in the node's folder survives a stop, so a restarted node rejoins its cluster.
  redis-server --daemonize yes --bind "$HOST" --port "$port" --dir "$DIR/$port" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
    --save "" --appendonly no --logfile "$DIR/$port/redis.log" --pidfile "$DIR/$port/redis.pid"
}

start() {
  local port
  for port in "${PORTS[@]}"; do start_node "$port"; done
  for _ in $(seq 50); do
    local up=0
    for port in "${PORTS[@]}"; do answers "$port" && up=$((up + 1)); done
    [[ $up -eq ${#PORTS[@]} ]] && break
    sleep 0.1
  done
  for port in "${PORTS[@]}"; do
    answers "$port" || { echo "redis node $HOST:$port did not start; see $DIR/$port/redis.log" >&2; exit 1; }
  done

  # A cluster is created only from nodes that own no slots yet: never re-shard a running one.
  local assigned=0
  for port in "${PORTS[@]}"; do assigned=$((assigned + $(info_field "$port" cluster_slots_assigned))); done
  if [[ $assigned -eq 0 ]]; then
    local seeds=()
    for port in "${PORTS[@]}"; do seeds+=("$HOST:$port"); done
    redis-cli --cluster create "${seeds[@]}" --cluster-replicas 0 --cluster-yes >"$DIR/create.log" 2>&1 ||
      { cat "$DIR/create.log" >&2; exit 1; }
  fi

  local deadline=$((SECONDS + START_TIMEOUT))
  until cluster_ok; do
    if [[ $SECONDS -ge $deadline ]]; then
      echo "redis cluster not ok within ${START_TIMEOUT}s (try: $0 reset, then start)" >&2
      status >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  echo "redis cluster ok: ${PORTS[*]/#/$HOST:}"
}

stop() {
  local port
  for port in "${PORTS[@]}"; do
    if answers "$port"; then cli "$port" shutdown nosave >/dev/null 2>&1 || true; fi
  done
  for _ in $(seq 50); do
    local up=0
    for port in "${PORTS[@]}"; do answers "$port" && up=$((up + 1)); done
    [[ $up -eq 0 ]] && return 0
    sleep 0.1
  done
  echo "some redis cluster nodes still answer" >&2
  exit 1
}

status() {
  local port rc=0
  for port in "${PORTS[@]}"; do
    if answers "$port"; then
      echo "$HOST:$port up, cluster_state:$(info_field "$port" cluster_state), slots $(info_field "$port" cluster_slots_assigned)"
    else
      echo "$HOST:$port down"
      rc=1
    fi
  done
  [[ $rc -eq 0 ]] && cluster_ok
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) stop; rm -rf "$DIR" ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
