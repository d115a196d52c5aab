#!/usr/bin/env bash
# Rivulet vs Apache Kafka 4.4 on this machine, interleaved:
#   1. Kafka (KRaft, one combined broker+controller, 4 partitions): ProducerPerformance, acks=all,
#      then ConsumerPerformance over what it produced
#   2. Rivulet (--fsync group, the default; the server jar copied to the temporary directory):
#      load generator, PUT 500 x 100 B then GET
#   3. Kafka again, fresh broker with log.flush.interval.messages=1 (fsync every append)
#   4. Rivulet again (--fsync group), PUT 500 x 100 B then GET
#   5. Rivulet (--fsync group), PUT 500 x 1 KiB then GET
# and prints a table and the ratios against the targets in docs/benchmarks.md.
#
# Everything binds to 127.0.0.1; every process started here is stopped by PID on exit and the
# temporary directory is removed. Kafka's jars come from Maven Central through Maven into
# rivulet-benchmarks/target/kafka-libs (never committed).
#
# Knobs (environment): DURATION (measured PUT seconds, 20), WARMUP (5), CONNECTIONS (8),
# CLIENT (sync|async, sync), KAFKA_RECORDS (6000000), KAFKA_FLUSH_RECORDS (3000000),
# KAFKA_BATCH_SIZE (65536), KAFKA_LINGER_MS (5), SKIP_BUILD (0), PROFILE (0; 1 records a JFR of
# Rivulet's run 2 into rivulet-benchmarks/target/bench-profile.jfr), KEEP_LOGS (0).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-8}"
CLIENT="${CLIENT:-sync}"
KAFKA_RECORDS="${KAFKA_RECORDS:-6000000}"
KAFKA_FLUSH_RECORDS="${KAFKA_FLUSH_RECORDS:-3000000}"
KAFKA_BATCH_SIZE="${KAFKA_BATCH_SIZE:-65536}"
KAFKA_LINGER_MS="${KAFKA_LINGER_MS:-5}"
KAFKA_KEYS=10000 # same number of distinct keys as the load generator's --partition-keys default
PROFILE="${PROFILE:-0}"
work_prefix=rivulet-bench
# shellcheck source=scripts/bench-lib.sh
source "$root/scripts/bench-lib.sh"

# CPU time (utime+stime) of a process, in clock ticks.
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
clk_tck="$(getconf CLK_TCK)"

bench_build

# ---------------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------------
# run_kafka NAME RECORDS [extra broker properties...]: sets KAFKA_PRODUCE_LINE (the tool's
# summary), KAFKA_PRODUCE_RPS, KAFKA_PRODUCE_MBS, KAFKA_PRODUCE_P99, KAFKA_BROKER_US,
# KAFKA_CONSUME_RPS, KAFKA_CONSUME_MBS, KAFKA_CONSUME_US (broker CPU per record consumed)
run_kafka() {
  local name="$1" records="$2"
  shift 2
  local dir="$work/$name"
  start_kafka "$dir" 4 "$@"
  local kpid="$KAFKA_PID" bootstrap="$KAFKA_BOOTSTRAP"

  local warmup=$((records / 5)) t0 t1
  t0="$(cpu_ticks "$kpid")"
  java "${tool_jvm[@]}" -cp "$kafka_cp" org.apache.kafka.tools.ProducerPerformance \
    --topic bench --num-records "$records" --warmup-records "$warmup" --record-size 100 --throughput -1 \
    --key-distribution random --record-key-range "$KAFKA_KEYS" \
    --command-property bootstrap.servers="$bootstrap" acks=all batch.size="$KAFKA_BATCH_SIZE" \
    linger.ms="$KAFKA_LINGER_MS" compression.type=none 2>&1 | grep -v '^SLF4J' | tee "$dir/produce.log"
  t1="$(cpu_ticks "$kpid")"
  # the steady-state summary (after the warm-up records) if printed, else the overall one
  KAFKA_PRODUCE_LINE="$(grep -i 'steady state' "$dir/produce.log" | tail -1 || true)"
  [[ -n "$KAFKA_PRODUCE_LINE" ]] || KAFKA_PRODUCE_LINE="$(grep 'records sent' "$dir/produce.log" | tail -1)"
  KAFKA_PRODUCE_RPS="$(sed -n 's/.* \([0-9.]*\) records\/sec.*/\1/p' <<<"$KAFKA_PRODUCE_LINE")"
  KAFKA_PRODUCE_MBS="$(sed -n 's/.*(\([0-9.]*\) MB\/sec).*/\1/p' <<<"$KAFKA_PRODUCE_LINE")"
  KAFKA_PRODUCE_P99="$(sed -n 's/.* \([0-9.]*\) ms 99th.*/\1/p' <<<"$KAFKA_PRODUCE_LINE")"
  KAFKA_BROKER_US="$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" -v n="$records" 'BEGIN { printf "%.2f", d / hz * 1e6 / n }')"
  echo "broker CPU over the whole produce run: $KAFKA_BROKER_US us/record"

  t0="$(cpu_ticks "$kpid")"
  java "${tool_jvm[@]}" -cp "$kafka_cp" org.apache.kafka.tools.ConsumerPerformance \
    --bootstrap-server "$bootstrap" --topic bench --num-records "$records" --timeout 30000 \
    2>&1 | grep -v '^SLF4J' | tee "$dir/consume.log"
  # start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
  # rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  t1="$(cpu_ticks "$kpid")"
  KAFKA_CONSUME_US="$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" -v n="$records" 'BEGIN { printf "%.2f", d / hz * 1e6 / n }')"
  local row
  row="$(grep -E '^[0-9]{4}-' "$dir/consume.log" | tail -1)"
  KAFKA_CONSUME_RPS="$(awk -F', *' '{ print $10 }' <<<"$row")"
  KAFKA_CONSUME_MBS="$(awk -F', *' '{ print $9 }' <<<"$row")"
  stop_pid "$kpid"
}

# ---------------------------------------------------------------------------------------------
# Rivulet
# ---------------------------------------------------------------------------------------------
# run_rivulet NAME RECORD_SIZE FSYNC: sets RV_PUT and RV_GET (the load generator's JSON lines)
run_rivulet() {
  local name="$1" size="$2" fsync="$3"
  local dir="$work/$name"
  local jvm="-Xmx1g"
  if [[ "$PROFILE" == 1 && "$name" == rivulet-2 ]]; then
    jvm="$jvm -XX:StartFlightRecording=filename=$bench_dir/target/bench-profile.jfr,settings=profile"
  fi
  RIVULET_JAVA_OPTS="$jvm" start_rivulet "$dir" --fsync "$fsync"
  local rpid="$RIVULET_PID" endpoint="$RIVULET_ENDPOINT"
  echo "Rivulet pid $rpid on $endpoint (--fsync $fsync)"
  java -Xmx1g -cp "$loadgen_cp" io.rivulet.benchmarks.LoadGenerator --endpoint "$endpoint" \
    --server-pid "$rpid" --shards 4 --connections "$CONNECTIONS" --client "$CLIENT" --batch 500 \
    --record-size "$size" --warmup "$WARMUP" --duration "$DURATION" --json 2>&1 | tee "$dir/loadgen.log"
  RV_PUT="$(grep '^{"phase":"put"' "$dir/loadgen.log" | tail -1)"
  RV_GET="$(grep '^{"phase":"get"' "$dir/loadgen.log" | tail -1)"
  stop_pid "$rpid"
}

# ---------------------------------------------------------------------------------------------
# the interleaved runs
# ---------------------------------------------------------------------------------------------
log "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), load: $(cut -d' ' -f1-3 /proc/loadavg)"

log "1/5 Kafka, acks=all, default flush policy (page cache)"
run_kafka kafka-1 "$KAFKA_RECORDS"
k1_rps="$KAFKA_PRODUCE_RPS" k1_mbs="$KAFKA_PRODUCE_MBS" k1_p99="$KAFKA_PRODUCE_P99" k1_cpu="$KAFKA_BROKER_US"
kc_rps="$KAFKA_CONSUME_RPS" kc_mbs="$KAFKA_CONSUME_MBS" kc_cpu="$KAFKA_CONSUME_US"

log "2/5 Rivulet, --fsync group, 500 x 100 B"
run_rivulet rivulet-1 100 group
r1_put="$RV_PUT" r1_get="$RV_GET"

log "3/5 Kafka, acks=all, log.flush.interval.messages=1 (fsync every append)"
run_kafka kafka-2 "$KAFKA_FLUSH_RECORDS" log.flush.interval.messages=1
k2_rps="$KAFKA_PRODUCE_RPS" k2_mbs="$KAFKA_PRODUCE_MBS" k2_p99="$KAFKA_PRODUCE_P99" k2_cpu="$KAFKA_BROKER_US"
kc2_rps="$KAFKA_CONSUME_RPS" kc2_mbs="$KAFKA_CONSUME_MBS" kc2_cpu="$KAFKA_CONSUME_US"

log "4/5 Rivulet, --fsync group, 500 x 100 B (again)"
run_rivulet rivulet-2 100 group
r2_put="$RV_PUT" r2_get="$RV_GET"

log "5/5 Rivulet, --fsync group, 500 x 1 KiB"
run_rivulet rivulet-3 1024 group
r3_put="$RV_PUT" r3_get="$RV_GET"

# ---------------------------------------------------------------------------------------------
# summary
# ---------------------------------------------------------------------------------------------
row() {
  awk -v n="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" 'function f(x, p) { return x ~ /^-?[0-9.]+$/ ? sprintf(p, x) : x }
    BEGIN { printf "%-48s %12s %9s %9s %12s\n", n, f(a, "%.0f"), f(b, "%.2f"), f(c, "%.1f"), f(d, "%.2f") }'
}
rv_row() {
  row "$1" "$(json_num "$2" recordsPerSec)" "$(json_num "$2" mbPerSec)" "$(json_num "$2" p99Ms)" \
    "$(json_num "$2" serverCpuUsPerRecord)"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { if (r == "n/a") print "n/a"; else if (r + 0 >= t + 0) print "met"; else printf "MISSED (%.0f%% of target)", 100 * r / t }'; }

log "summary (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-48s %12s %9s %9s %12s\n' "run" "records/s" "MB/s" "p99 ms" "srv us/rec"
row "Kafka produce, acks=all" "$k1_rps" "$k1_mbs" "$k1_p99" "$k1_cpu"
row "Kafka consume (fetch rate)" "$kc_rps" "$kc_mbs" "-" "$kc_cpu"
rv_row "Rivulet PUT 500x100B, fsync group (run 2)" "$r1_put"
rv_row "Rivulet GET (run 2)" "$r1_get"
row "Kafka produce, acks=all, flush.messages=1" "$k2_rps" "$k2_mbs" "$k2_p99" "$k2_cpu"
row "Kafka consume after flush run (fetch rate)" "$kc2_rps" "$kc2_mbs" "-" "$kc2_cpu"
rv_row "Rivulet PUT 500x100B, fsync group (run 4)" "$r2_put"
rv_row "Rivulet GET (run 4)" "$r2_get"
rv_row "Rivulet PUT 500x1KiB, fsync group (run 5)" "$r3_put"
rv_row "Rivulet GET 1 KiB (run 5)" "$r3_get"

put1="$(ratio "$(json_num "$r1_put" recordsPerSec)" "$k1_rps")"
put2="$(ratio "$(json_num "$r2_put" recordsPerSec)" "$k2_rps")"
get_avg="$(awk -v a="$(json_num "$r1_get" recordsPerSec)" -v b="$(json_num "$r2_get" recordsPerSec)" 'BEGIN { printf "%.1f", (a + b) / 2 }')"
get1="$(ratio "$get_avg" "$kc_rps")"
echo
printf '%-72s %6s  %-6s %s\n' "target" "ratio" "needed" "verdict"
printf '%-72s %6s  %-6s %s\n' "PUT 100 B, Rivulet (fsync group) / Kafka (acks=all)" "$put1" ">=1.0" "$(verdict "$put1" 1.0)"
printf '%-72s %6s  %-6s %s\n' "PUT 100 B, Rivulet (fsync group) / Kafka (flush.messages=1)" "$put2" ">=2.0" "$(verdict "$put2" 2.0)"
printf '%-72s %6s  %-6s %s\n' "GET, Rivulet GetRecords (mean of runs 2, 4) / Kafka consumer" "$get1" ">=0.5" "$(verdict "$get1" 0.5)"

if [[ "$PROFILE" == 1 && -f "$bench_dir/target/bench-profile.jfr" ]] && command -v jfr >/dev/null; then
  log "Rivulet run 4: JFR execution samples, top frames (self) and top Rivulet frames (inclusive)"
  jfr print --events jdk.ExecutionSample "$bench_dir/target/bench-profile.jfr" >"$work/samples.txt"
  awk '/jdk.ExecutionSample/ { n++ } /stackTrace = \[/ { getline; f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); c[f]++ }
    END { for (f in c) printf "%5.1f%% %s\n", 100 * c[f] / n, f }' "$work/samples.txt" | sort -rn | head -15
  echo
  awk '/jdk.ExecutionSample/ { n++; delete seen } /^[ \t]+io\.rivulet.*line:/ { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (!(f in seen)) { seen[f] = 1; c[f]++ } }
    END { for (f in c) printf "%5.1f%% %s\n", 100 * c[f] / n, f }' "$work/samples.txt" | sort -rn | head -20
  echo "(recording: $bench_dir/target/bench-profile.jfr; open it with JDK Mission Control or 'jfr print')"
fi
