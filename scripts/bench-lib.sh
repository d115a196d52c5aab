# Shared by scripts/bench-compare.sh and scripts/bench-fanout.sh (sourced, not run). Expects
# $root (the repository) and $work_prefix; sets $bench_dir, $kafka_libs, $kafka_cp, $work, $pids,
# $loadgen_cp (after bench_build) and the EXIT trap that stops every process in $pids (by PID) and removes $work unless KEEP_LOGS=1.
KAFKA_VERSION=4.4.0
bench_dir="$root/rivulet-benchmarks"
kafka_libs="$bench_dir/target/kafka-libs"
kafka_cp="$kafka_libs/*"
bench_jar="$bench_dir/target/rivulet-benchmarks-0.1.0-SNAPSHOT.jar"
work="$(mktemp -d "${TMPDIR:-/tmp}/$work_prefix.XXXXXX")"
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
    fi
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  if [[ "${KEEP_LOGS:-0}" == 1 ]]; then
    echo "logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '\n== %s  %s\n' "$(date +%H:%M:%S)" "$*"; }

# A free TCP port on 127.0.0.1 (a random one nobody answers on).
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

# Value of a numeric field in a one-line JSON object.
json_num() { sed -n "s/.*\"$2\":\(-\{0,1\}[0-9.]*\).*/\1/p" <<<"$1"; }

stop_pid() {
  local p="$1"
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

# Builds Rivulet and the benchmarks unless SKIP_BUILD=1 and both jars exist, and fetches Kafka's
# jars from Maven Central (through Maven) into $kafka_libs when missing.
bench_build() {
  if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$bench_jar" || ! -f "$root/rivulet-cli/target/rivulet.jar" ]]; then
    # package, not install: the build stays in this tree and ~/.m2 is left alone
    log "building Rivulet and the benchmarks (mvn -DskipTests package)"
    mvn -B -q -f "$root/pom.xml" -DskipTests package
  fi
  if [[ ! -f "$kafka_libs/kafka_2.13-$KAFKA_VERSION.jar" || ! -f "$kafka_libs/kafka-tools-$KAFKA_VERSION.jar" ]]; then
    log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $kafka_libs"
    mvn -B -q -f "$bench_dir/kafka/pom.xml" dependency:copy-dependencies
  fi
  # private copies: a rebuild of the tree during the run must not swap classes under the JVMs
  cp "$root/rivulet-cli/target/rivulet.jar" "$work/rivulet.jar"
  cp "$bench_jar" "$work/bench.jar"
  loadgen_cp="$work/bench.jar:$bench_dir/target/lib/*"
  cat >"$work/log4j2.properties" <<'PROPS'
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
PROPS
}

kafka_jvm=(-Xmx1g -Xms1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
tool_jvm=(-Xmx512m) # what kafka-*-perf-test.sh use

# start_kafka DIR PARTITIONS [extra broker properties...]: formats and starts a KRaft broker
# (combined broker+controller) logging into DIR and creates topic "bench" with PARTITIONS
# partitions; sets KAFKA_PID and KAFKA_BOOTSTRAP.
start_kafka() {
  local dir="$1" partitions="$2"
  shift 2
  local broker_port controller_port
  broker_port="$(free_port)"
  controller_port="$(free_port)"
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=$partitions
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local prop
  for prop in "$@"; do echo "$prop" >>"$dir/server.properties"; done
  local cluster_id
  cluster_id="$(java "${tool_jvm[@]}" -cp "$kafka_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  java "${tool_jvm[@]}" -cp "$kafka_cp" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  java "${kafka_jvm[@]}" -Dlog4j2.configurationFile="$work/log4j2.properties" -cp "$kafka_cp" \
    kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
  KAFKA_PID=$!
  pids+=("$KAFKA_PID")
  KAFKA_BOOTSTRAP="127.0.0.1:$broker_port"
  local created=0
  for _ in $(seq 60); do
    if java "${tool_jvm[@]}" -cp "$kafka_cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
      --create --topic bench --partitions "$partitions" --replication-factor 1 >>"$dir/topic.log" 2>&1; then
      created=1
      break
    fi
    kill -0 "$KAFKA_PID" 2>/dev/null || { cat "$dir/broker.log" >&2; echo "Kafka broker died" >&2; exit 1; }
    sleep 1
  done
  [[ "$created" == 1 ]] || { echo "could not create the Kafka topic" >&2; exit 1; }
  echo "Kafka $KAFKA_VERSION broker pid $KAFKA_PID on $KAFKA_BOOTSTRAP ($*), topic bench with $partitions partition(s)"
}

# start_rivulet DIR [serve options...]: starts the server (the jar copied by bench_build) on a free
# port with its data in DIR/data, JVM options from RIVULET_JAVA_OPTS (-Xmx1g); sets RIVULET_PID
# and RIVULET_ENDPOINT.
start_rivulet() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  # shellcheck disable=SC2086 # RIVULET_JAVA_OPTS is a list of options
  java ${RIVULET_JAVA_OPTS:--Xmx1g} -jar "$work/rivulet.jar" serve --port 0 --data-dir "$dir/data" "$@" \
    >"$dir/server.log" 2>&1 &
  RIVULET_PID=$!
  pids+=("$RIVULET_PID")
  RIVULET_ENDPOINT=""
  for _ in $(seq 600); do
    RIVULET_ENDPOINT="$(sed -n 's/.*Rivulet listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$dir/server.log" | head -1)"
    [[ -n "$RIVULET_ENDPOINT" ]] && break
    kill -0 "$RIVULET_PID" 2>/dev/null || { cat "$dir/server.log" >&2; echo "Rivulet died" >&2; exit 1; }
    sleep 0.2
  done
  [[ -n "$RIVULET_ENDPOINT" ]] || { echo "Rivulet did not start" >&2; exit 1; }
}
