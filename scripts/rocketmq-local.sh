#!/usr/bin/env bash
# Local RocketMQ 5 (NameServer + proxy in local mode with the broker inside) without Docker.
#
#   scripts/rocketmq-local.sh start [TOPIC...]   start (idempotent), create topics, wait until ready
#   scripts/rocketmq-local.sh stop               stop both processes (TERM, then KILL after a grace period)
#   scripts/rocketmq-local.sh status             print state; exit 0 iff both processes run and ports listen
#   scripts/rocketmq-local.sh reset              stop, then delete the store and logs (keeps the jars)
#   scripts/rocketmq-local.sh group NAME...      create consumer groups on the running broker
#
# Version: RocketMQ >= 5.5.0. The gateway publishes its outbox in batches (several messages in one
# gRPC SendMessage); proxies before 5.5.0 store every message of such a batch with the first one's
# keys, tag and message id. A .rocketmq/lib holding an older version is replaced on start.
#
# Consumer groups: since 5.5 the gRPC proxy refuses consumers whose group does not exist ("group
# not found"; autoCreateSubscriptionGroup does not help), so start makes a pool of groups for the
# test suites, im-test-collector-0 .. im-test-collector-<TEST_GROUPS - 1> (test/support/rocketmq.ts
# takes them). On a new store they are written to the broker's store/config/subscriptionGroup.json
# before the broker starts (no cost); a store lacking some gets them from mqadmin (parallel, ~5-7 s).
# Other groups: `group NAME...`.
#
# Jars come from Maven Central (`mvn dependency:copy-dependencies`) into .rocketmq/lib on the first run.
# Everything (jars, configs, store, logs, pid files) lives under .rocketmq/ at the repo root.
#
# Environment:
#   TOPICS               extra topics to create besides im-c2c-msg-topic and im-c2c-test-topic (space/comma separated)
#   ROCKETMQ_VERSION     RocketMQ version (default: what .rocketmq/lib already holds if >= 5.5.0, else the
#                        newest 5.5.x on Maven Central that resolves, else 5.5.0)
#   TEST_GROUPS          size of the consumer group pool for the tests (default 32)
#   ROCKETMQ_DIR         state folder (default: <repo>/.rocketmq)
#   START_TIMEOUT        seconds to wait for readiness (default 180)
#   STOP_TIMEOUT         seconds to wait for a process to exit after TERM before KILL (default 30)
#   NAMESRV_JAVA_OPTS    JVM options for the NameServer (default: small heap)
#   PROXY_JAVA_OPTS      JVM options for the proxy+broker (default: small heap)
#   JAVA                 java binary (default: java)
#
# Ports: NameServer 9876, proxy gRPC 8081, proxy remoting 8080, broker 10911 (+10909 fast, 10912 HA).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RMQ_DIR="${ROCKETMQ_DIR:-$ROOT/.rocketmq}"
LIB_DIR="$RMQ_DIR/lib"
CONF_DIR="$RMQ_DIR/conf"
LOG_DIR="$RMQ_DIR/logs"              # stdout/stderr of the JVMs
RMQ_LOG_DIR="$LOG_DIR/rocketmqlogs"  # RocketMQ's own logback files (${user.home}/logs/rocketmqlogs)
STORE_DIR="$RMQ_DIR/store"
JAVA="${JAVA:-java}"
START_TIMEOUT="${START_TIMEOUT:-180}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

HOST=127.0.0.1
NAMESRV_PORT=9876
GRPC_PORT=8081
REMOTING_PORT=8080
BROKER_PORT=10911
CLUSTER=DefaultCluster
BROKER_NAME=broker-a
NAMESRV_ADDR="$HOST:$NAMESRV_PORT"
# The gateway's topic, and the one the test suites publish to and read back (kept apart so that a
# benchmark's millions of events never sit in front of what a test looks for).
DEFAULT_TOPICS=(im-c2c-msg-topic im-c2c-test-topic)
FALLBACK_VERSION=5.5.0
MIN_VERSION=5.5.0   # see the header: per-message keys/tag/id in multi-message sends
TEST_GROUP_PREFIX=im-test-collector-
TEST_GROUPS="${TEST_GROUPS:-32}"
[[ $TEST_GROUPS =~ ^[0-9]+$ ]] || { echo "TEST_GROUPS must be a number" >&2; exit 2; }
GROUP_FILE="$STORE_DIR/config/subscriptionGroup.json"

NAMESRV_PID_FILE="$RMQ_DIR/namesrv.pid"
PROXY_PID_FILE="$RMQ_DIR/proxy.pid"

# RocketMQ on JDK 9+ reflects into NIO internals (mmap cleaner, direct buffers).
JDK_OPENS=(
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
)
# user.home is redirected so nothing lands in ~/logs, ~/store or ~/namesrv.
COMMON_SYSPROPS=(
  "-Duser.home=$RMQ_DIR"
  "-Drocketmq.home.dir=$RMQ_DIR"
  "-Drocketmq.client.logRoot=$RMQ_LOG_DIR"
  -Dfile.encoding=UTF-8
  -Djava.net.preferIPv4Stack=true
)
read -r -a NAMESRV_OPTS <<<"${NAMESRV_JAVA_OPTS:--Xms64m -Xmx128m -XX:MaxDirectMemorySize=64m -XX:+UseG1GC -XX:ActiveProcessorCount=2}"
read -r -a PROXY_OPTS <<<"${PROXY_JAVA_OPTS:--Xms128m -Xmx256m -XX:MaxDirectMemorySize=128m -XX:+UseG1GC -XX:ActiveProcessorCount=2}"
TOOLS_OPTS=(-Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

log() { printf '[rocketmq-local] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- helpers

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") >/dev/null 2>&1; }

pid_alive() { # pid_alive FILE MARKER -> 0 if the pid in FILE is alive and is our JVM
  local file=$1 marker=$2 pid
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$marker"* ]]   # (no `| grep -q`: with pipefail its early exit SIGPIPEs tr)
}

namesrv_marker() { echo "-Dimconnect.rmq.role=namesrv:$RMQ_DIR"; }
proxy_marker() { echo "-Dimconnect.rmq.role=proxy:$RMQ_DIR"; }

# The ports are the machine's: an instance started from another checkout of this project (an
# older work tree, a CI clone) must give way, or this checkout could neither start nor stop its own.
stop_foreign() { # stop_foreign ROLE -> stops JVMs of ROLE whose marker names another state folder
  local role=$1 ours f pid cmdline pids=() i
  ours="-Dimconnect.rmq.role=$role:$RMQ_DIR "
  for f in /proc/[0-9]*/cmdline; do
    cmdline=$(tr '\0' ' ' 2>/dev/null <"$f") || continue
    [[ $cmdline == *"-Dimconnect.rmq.role=$role:"* && $cmdline != *"$ours"* ]] || continue
    pid=${f#/proc/}; pid=${pid%/cmdline}
    pids+=("$pid")
  done
  ((${#pids[@]} > 0)) || return 0
  log "stopping $role from another checkout (pid ${pids[*]}): it holds this machine's RocketMQ ports"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    kill -0 "${pids[@]}" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  sleep 0.5
}

namesrv_running() { pid_alive "$NAMESRV_PID_FILE" "$(namesrv_marker)"; }
proxy_running() { pid_alive "$PROXY_PID_FILE" "$(proxy_marker)"; }

classpath() { echo "$LIB_DIR/*"; }

newest_55_version() {
  local meta
  meta=$(curl -fsS --max-time 20 \
    https://repo1.maven.org/maven2/org/apache/rocketmq/rocketmq-proxy/maven-metadata.xml 2>/dev/null) || return 1
  tr -d ' \n\r\t' <<<"$meta" | grep -o '<version>5\.5\.[0-9]*</version>' \
    | sed -e 's/<[^>]*>//g' | sort -t. -k3,3n | tail -1
}

version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" == "$2" ]]; } # version_ge A B: A >= B

ensure_jars() {
  local want="${ROCKETMQ_VERSION:-}" have=""
  [[ -f $LIB_DIR/.version ]] && have=$(<"$LIB_DIR/.version")
  if [[ -n $want && $want == "$have" ]]; then return 0; fi
  if [[ -z $want && -n $have ]]; then
    version_ge "$have" "$MIN_VERSION" && return 0
    log "$LIB_DIR holds RocketMQ $have; this project needs >= $MIN_VERSION (batch sends), replacing it"
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch RocketMQ jars from Maven Central)"
  if [[ -n $want ]]; then assemble_jars "$want"; return; fi
  want=$(newest_55_version || true)
  [[ -n $want ]] || want=$FALLBACK_VERSION
  # The metadata may list a version whose artifacts are not all published (yet): fall back.
  if [[ $want != "$FALLBACK_VERSION" ]]; then
    (assemble_jars "$want") && return 0
    log "RocketMQ $want did not resolve from Maven Central, using $FALLBACK_VERSION"
  fi
  assemble_jars "$FALLBACK_VERSION"
}

assemble_jars() { # assemble_jars VERSION -> .rocketmq/lib holds VERSION's jars, or dies
  local want=$1
  log "assembling RocketMQ $want from Maven Central into $LIB_DIR (first run only; can take minutes)"
  local build="$RMQ_DIR/build"
  mkdir -p "$build"
  cat >"$build/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.imconnect</groupId>
  <artifactId>rocketmq-local</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.rocketmq</groupId><artifactId>rocketmq-namesrv</artifactId><version>$want</version></dependency>
    <dependency><groupId>org.apache.rocketmq</groupId><artifactId>rocketmq-proxy</artifactId><version>$want</version></dependency>
    <dependency><groupId>org.apache.rocketmq</groupId><artifactId>rocketmq-tools</artifactId><version>$want</version></dependency>
  </dependencies>
</project>
EOF
  local tmp="$RMQ_DIR/lib.tmp"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$build/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"$build/mvn.log" 2>&1; then
    tail -30 "$build/mvn.log" >&2
    die "maven could not resolve RocketMQ $want (full log: $build/mvn.log)"
  fi
  echo "$want" >"$tmp/.version"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  log "RocketMQ $want: $(find "$LIB_DIR" -name '*.jar' | wc -l) jars in $LIB_DIR"
}

write_configs() {
  mkdir -p "$CONF_DIR" "$LOG_DIR" "$STORE_DIR"
  cat >"$CONF_DIR/broker.conf" <<EOF
# generated by scripts/rocketmq-local.sh; edits are overwritten on start
brokerClusterName=$CLUSTER
brokerName=$BROKER_NAME
brokerId=0
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
brokerIP1=$HOST
listenPort=$BROKER_PORT
namesrvAddr=$NAMESRV_ADDR
autoCreateTopicEnable=true
autoCreateSubscriptionGroup=true
deleteWhen=04
fileReservedTime=48
storePathRootDir=$STORE_DIR
storePathCommitLog=$STORE_DIR/commitlog
storePathConsumeQueue=$STORE_DIR/consumequeue
storePathIndex=$STORE_DIR/index
storeCheckpoint=$STORE_DIR/checkpoint
abortFile=$STORE_DIR/abort
mappedFileSizeCommitLog=67108864
mappedFileSizeTimerLog=16777216
EOF
  cat >"$CONF_DIR/rmq-proxy.json" <<EOF
{
  "rocketMQClusterName": "$CLUSTER",
  "proxyMode": "LOCAL",
  "namesrvAddr": "$NAMESRV_ADDR",
  "grpcServerPort": $GRPC_PORT,
  "remotingListenPort": $REMOTING_PORT
}
EOF
}

launch() { # launch NAME PID_FILE MARKER JVM_OPTS_ARRAY_NAME MAIN ARGS...
  local name=$1 pid_file=$2 marker=$3 opts_name=$4 main=$5
  shift 5
  local -n opts_ref=$opts_name
  local out="$LOG_DIR/$name.out"
  # setsid: own session, so the JVM survives the caller's process group / terminal going away.
  ROCKETMQ_HOME="$RMQ_DIR" setsid "$JAVA" "$marker" "${opts_ref[@]}" "${JDK_OPENS[@]}" "${COMMON_SYSPROPS[@]}" \
    -cp "$(classpath)" "$main" "$@" </dev/null >>"$out" 2>&1 &
  local pid=$! i
  echo "$pid" >"$pid_file"
  # Until the forked shell has exec'd java, /proc/PID/cmdline lacks the marker and the JVM would
  # look dead to the startup checks.
  for ((i = 0; i < 100; i++)); do
    pid_alive "$pid_file" "$marker" && break
    sleep 0.05
  done
  log "started $name (pid $pid), stdout: $out"
}

start_namesrv() {
  if namesrv_running; then log "namesrv already running (pid $(<"$NAMESRV_PID_FILE"))"; return 0; fi
  stop_foreign namesrv
  port_open "$NAMESRV_PORT" && die "port $NAMESRV_PORT is in use by another process (not our namesrv)"
  launch namesrv "$NAMESRV_PID_FILE" "$(namesrv_marker)" NAMESRV_OPTS \
    org.apache.rocketmq.namesrv.NamesrvStartup
}

start_proxy() {
  if proxy_running; then log "proxy+broker already running (pid $(<"$PROXY_PID_FILE"))"; return 0; fi
  stop_foreign proxy
  local p
  for p in "$GRPC_PORT" "$REMOTING_PORT" "$BROKER_PORT" 10909 10912; do
    port_open "$p" && die "port $p is in use by another process (not our proxy/broker)"
  done
  launch proxy "$PROXY_PID_FILE" "$(proxy_marker)" PROXY_OPTS \
    org.apache.rocketmq.proxy.ProxyStartup -pm local \
    -bc "$CONF_DIR/broker.conf" -pc "$CONF_DIR/rmq-proxy.json" -n "$NAMESRV_ADDR"
}

mqadmin() {
  ROCKETMQ_HOME="$RMQ_DIR" "$JAVA" "${TOOLS_OPTS[@]}" "${COMMON_SYSPROPS[@]}" -cp "$(classpath)" \
    org.apache.rocketmq.tools.command.MQAdminStartup "$@" 2>&1
}

deadline_left() { echo $((DEADLINE - SECONDS)); }

wait_ports() {
  local p
  for p in "$NAMESRV_PORT" "$BROKER_PORT" "$REMOTING_PORT" "$GRPC_PORT"; do
    until port_open "$p"; do
      namesrv_running || die "namesrv died during startup; see $LOG_DIR/namesrv.out and $RMQ_LOG_DIR/"
      proxy_running || die "proxy died during startup; see $LOG_DIR/proxy.out and $RMQ_LOG_DIR/"
      (($(deadline_left) > 0)) || die "timed out waiting for port $p; see $LOG_DIR/ and $RMQ_LOG_DIR/"
      sleep 0.5
    done
  done
}

topic_routed() { # topic_routed TOPIC -> 0 if the NameServer returns a route to our broker
  local out
  out=$(mqadmin topicRoute -n "$NAMESRV_ADDR" -t "$1" || true)
  grep -q "\"$HOST:$BROKER_PORT\"" <<<"$out"
}

ensure_topic() { # create/update topic until the admin tool reports success, then wait for its route
  local topic=$1 out
  # Already there (idempotent start): one admin JVM instead of two. Note: does not re-apply attributes.
  if topic_routed "$topic"; then log "topic $topic ready (exists)"; return 0; fi
  while :; do
    out=$(mqadmin updateTopic -n "$NAMESRV_ADDR" -c "$CLUSTER" -t "$topic" -a +message.type=NORMAL || true)
    if grep -q "create topic to .* success" <<<"$out"; then break; fi
    (($(deadline_left) > 0)) || { echo "$out" >&2; die "could not create topic $topic"; }
    sleep 1
  done
  until topic_routed "$topic"; do
    (($(deadline_left) > 0)) || die "route of topic $topic not queryable from $NAMESRV_ADDR"
    sleep 1
  done
  log "topic $topic ready (created)"
}

test_groups() { local i; for ((i = 0; i < TEST_GROUPS; i++)); do echo "$TEST_GROUP_PREFIX$i"; done; }

group_json() { # group_json NAME -> one subscriptionGroupTable entry, as `mqadmin updateSubGroup` makes it
  printf '"%s":{"attributes":{},"brokerId":0,"consumeBroadcastEnable":false,"consumeEnable":true,"consumeFromMinEnable":false,"consumeMessageOrderly":false,"consumeTimeoutMinute":15,"groupName":"%s","groupRetryPolicy":{"type":"CUSTOMIZED"},"groupSysFlag":0,"notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}' "$1" "$1"
}

# A new store: the broker loads its subscription groups from this file at startup (and adds its own
# system groups), so the pool costs nothing. Only while the broker is down, and only if there is no
# file yet (an existing one is the broker's, with groups made since; see ensure_groups).
seed_groups() {
  [[ -e $GROUP_FILE || -e $GROUP_FILE.bak ]] && return 0
  ((TEST_GROUPS > 0)) || return 0
  mkdir -p "$(dirname "$GROUP_FILE")"
  local g sep="" body=""
  while read -r g; do body+="$sep$(group_json "$g")"; sep=","; done < <(test_groups)
  printf '{"dataVersion":{"counter":1,"stateVersion":0,"timestamp":%s000},"forbiddenTable":{},"subscriptionGroupTable":{%s}}\n' \
    "$(date +%s)" "$body" >"$GROUP_FILE.tmp"
  mv "$GROUP_FILE.tmp" "$GROUP_FILE"
  log "wrote $TEST_GROUPS consumer groups (${TEST_GROUP_PREFIX}0..$((TEST_GROUPS - 1))) into $GROUP_FILE"
}

group_known() { [[ -f $GROUP_FILE ]] && grep -qF "\"groupName\":\"$1\"" "$GROUP_FILE"; }

create_group() { # create_group NAME: on the running broker (one admin JVM)
  local g=$1 out
  while :; do
    out=$(mqadmin updateSubGroup -n "$NAMESRV_ADDR" -c "$CLUSTER" -g "$g" || true)
    if grep -q "create subscription group to .* success" <<<"$out"; then return 0; fi
    (($(deadline_left) > 0)) || { echo "$out" >&2; log "could not create consumer group $g"; return 1; }
    sleep 1
  done
}

ensure_groups() { # ensure_groups NAME... : create those the broker's file does not list, in parallel
  local g pids=() failed=0 pid made=()
  for g in "$@"; do
    group_known "$g" && continue
    create_group "$g" & pids+=($!); made+=("$g")
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  ((failed == 0)) || return 1
  ((${#made[@]} == 0)) || log "created consumer groups: ${made[*]}"
}

topics_wanted() {
  local t all=("${DEFAULT_TOPICS[@]}")
  local extra="${TOPICS:-}"
  for t in ${extra//,/ } "$@"; do
    [[ -n $t ]] && all+=("$t")
  done
  printf '%s\n' "${all[@]}" | awk '!seen[$0]++'
}

print_locations() {
  log "logs: JVM stdout in $LOG_DIR/{namesrv,proxy}.out; RocketMQ logs in $RMQ_LOG_DIR/ (proxy.log, broker.log, namesrv.log, ...)"
  log "endpoints: gRPC $HOST:$GRPC_PORT, remoting proxy $HOST:$REMOTING_PORT, namesrv $NAMESRV_ADDR, broker $HOST:$BROKER_PORT"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  command -v "$JAVA" >/dev/null || die "java not found"
  mkdir -p "$RMQ_DIR"
  local t0=$SECONDS
  ensure_jars
  write_configs
  DEADLINE=$((SECONDS + START_TIMEOUT))
  start_namesrv
  until port_open "$NAMESRV_PORT"; do
    namesrv_running || die "namesrv died during startup; see $LOG_DIR/namesrv.out"
    (($(deadline_left) > 0)) || die "timed out waiting for namesrv port $NAMESRV_PORT"
    sleep 0.3
  done
  proxy_running || seed_groups
  start_proxy
  wait_ports
  local topic topics
  mapfile -t topics < <(topics_wanted "$@")
  # One admin JVM costs ~4s (mostly client shutdown), so topics are handled in parallel.
  local pids=() failed=0 pid
  for topic in "${topics[@]}"; do ensure_topic "$topic" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  ((failed == 0)) || die "topic setup failed (see messages above)"
  local groups
  mapfile -t groups < <(test_groups)
  ensure_groups "${groups[@]}" || die "consumer group setup failed (see messages above)"
  print_locations
  log "ready in $((SECONDS - t0))s (namesrv pid $(<"$NAMESRV_PID_FILE"), proxy pid $(<"$PROXY_PID_FILE"))"
}

stop_one() { # stop_one NAME PID_FILE MARKER
  local name=$1 pid_file=$2 marker=$3 pid i
  if ! pid_alive "$pid_file" "$marker"; then
    rm -f "$pid_file"
    log "$name not running"
    return 0
  fi
  pid=$(<"$pid_file")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    pid_alive "$pid_file" "$marker" || break
    sleep 0.2
  done
  if pid_alive "$pid_file" "$marker"; then
    log "$name (pid $pid) did not exit after ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pid_file"
  log "stopped $name (pid $pid)"
}

cmd_stop() {
  stop_one proxy "$PROXY_PID_FILE" "$(proxy_marker)"
  stop_one namesrv "$NAMESRV_PID_FILE" "$(namesrv_marker)"
  # The machine has one RocketMQ on these ports: stop it even if another checkout started it.
  stop_foreign proxy
  stop_foreign namesrv
}

cmd_status() {
  local ok=0
  if namesrv_running; then
    log "namesrv: running (pid $(<"$NAMESRV_PID_FILE")), port $NAMESRV_PORT $(port_open $NAMESRV_PORT && echo open || echo CLOSED)"
    port_open "$NAMESRV_PORT" || ok=1
  else
    log "namesrv: not running"; ok=1
  fi
  if proxy_running; then
    local p states=""
    for p in "$GRPC_PORT" "$REMOTING_PORT" "$BROKER_PORT"; do
      if port_open "$p"; then states+=" $p:open"; else states+=" $p:CLOSED"; ok=1; fi
    done
    log "proxy+broker: running (pid $(<"$PROXY_PID_FILE")),$states"
  else
    log "proxy+broker: not running"; ok=1
  fi
  ((ok == 0)) && print_locations
  return $ok
}

cmd_group() {
  (($# > 0)) || die "usage: $0 group NAME..."
  namesrv_running && proxy_running && port_open "$BROKER_PORT" || die "RocketMQ is not running (start it first)"
  DEADLINE=$((SECONDS + START_TIMEOUT))
  ensure_groups "$@" || die "consumer group setup failed (see messages above)"
  log "consumer groups ready: $*"
}

cmd_reset() {
  cmd_stop
  rm -rf "$STORE_DIR" "$LOG_DIR"
  log "deleted $STORE_DIR and $LOG_DIR (jars kept in $LIB_DIR); run start again"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  group) shift; cmd_group "$@" ;;
  *) echo "usage: $0 start [TOPIC...] | stop | status | reset | group NAME..." >&2; exit 2 ;;
esac
