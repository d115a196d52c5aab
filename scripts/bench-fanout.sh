#!/usr/bin/env bash
# Put -> push latency over SubscribeToShard (Rivulet) next to Kafka 4.4's end-to-end latency, on
# this machine:
#   1. Rivulet (--fsync group, the default), load generator --mode fanout, 100 B records, 4 shards:
#      for each RATE (1000 10000): 0 consumers (producer alone), 1 consumer, CONSUMERS (5)
#   2. Kafka (KRaft, one combined broker+controller): org.apache.kafka.tools.EndToEndLatency,
#      acks=all, 100 B records, KAFKA_E2E_RECORDS records one at a time (send, wait for the ack,
#      poll until the consumer has it), on a fresh 1-partition topic
# and prints a table of p50/p99/p999 and the ratio of Rivulet's p99 to Kafka's (target <= 1).
#
# Everything binds to 127.0.0.1; every process started here is stopped by PID on exit and the
# temporary directory is removed. Kafka's jars come from Maven Central through Maven into
# rivulet-benchmarks/target/kafka-libs. Shared parts: scripts/bench-lib.sh.
#
# Knobs (environment): RATES ("1000 10000"), CONSUMERS (5), DURATION (measured seconds per run,
# 30), WARMUP (10), KAFKA_E2E_RECORDS (20000), SKIP_BUILD (0), KEEP_LOGS (0).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATES="${RATES:-1000 10000}"
CONSUMERS="${CONSUMERS:-5}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
KAFKA_E2E_RECORDS="${KAFKA_E2E_RECORDS:-20000}"
work_prefix=rivulet-fanout
# shellcheck source=scripts/bench-lib.sh
source "$root/scripts/bench-lib.sh"
bench_build

log "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), load: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------------
# Rivulet
# ---------------------------------------------------------------------------------------------
start_rivulet "$work/rivulet"
rpid="$RIVULET_PID"
endpoint="$RIVULET_ENDPOINT"
log "Rivulet pid $rpid on $endpoint (--fsync group)"

declare -A result
for rate in $RATES; do
  for consumers in 0 1 "$CONSUMERS"; do
    log "Rivulet fan-out: $rate records/s, $consumers consumer(s), ${WARMUP} s warm-up + ${DURATION} s"
    java -Xmx1g -cp "$loadgen_cp" io.rivulet.benchmarks.LoadGenerator --endpoint "$endpoint" \
      --server-pid "$rpid" --shards 4 --record-size 100 --mode fanout --rate "$rate" \
      --consumers "$consumers" --warmup "$WARMUP" --duration "$DURATION" --json 2>&1 \
      | grep -v 'Http2PingHandler' | tee "$work/fanout-$rate-$consumers.log" || true
    result[$rate-$consumers]="$(grep '^{"phase":"fanout"' "$work/fanout-$rate-$consumers.log" | tail -1)"
  done
done
stop_pid "$rpid"

# ---------------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------------
start_kafka "$work/kafka" 1
kpid="$KAFKA_PID"
bootstrap="$KAFKA_BOOTSTRAP"
log "Kafka $KAFKA_VERSION pid $kpid on $bootstrap: EndToEndLatency, acks=all, 100 B, $KAFKA_E2E_RECORDS records"
start_ns="$(date +%s%N)"
java -Xmx512m -cp "$kafka_cp" org.apache.kafka.tools.EndToEndLatency --bootstrap-server "$bootstrap" \
  --topic bench --num-records "$KAFKA_E2E_RECORDS" --producer-acks all --record-size 100 2>&1 \
  | grep -v '^SLF4J' | tee "$work/kafka/e2e.log"
kafka_secs="$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
kafka_avg="$(sed -n 's/.*Avg latency: \([0-9.]*\) ms.*/\1/p' "$work/kafka/e2e.log")"
read -r k50 k99 k999 < <(sed -n 's/.*50th = \([0-9]*\), 99th = \([0-9]*\), 99.9th = \([0-9]*\).*/\1 \2 \3/p' "$work/kafka/e2e.log")

# ---------------------------------------------------------------------------------------------
# summary
# ---------------------------------------------------------------------------------------------
log "summary (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-44s %10s %10s %8s %8s %8s %8s\n' run "acked/s" "put p99" "p50 ms" "p99 ms" "p999 ms" "pushed"
for rate in $RATES; do
  for consumers in 0 1 "$CONSUMERS"; do
    r="${result[$rate-$consumers]}"
    printf '%-44s %10s %10s %8s %8s %8s %8s\n' "Rivulet $rate/s, $consumers consumer(s)" \
      "$(json_num "$r" ackedPerSec)" "$(json_num "$r" putP99Ms)" "$(json_num "$r" p50Ms)" \
      "$(json_num "$r" p99Ms)" "$(json_num "$r" p999Ms)" "$(json_num "$r" received)/$(json_num "$r" expected)"
  done
done
printf '%-44s %10s %10s %8s %8s %8s %8s\n' "Kafka EndToEndLatency (1 in flight)" \
  "$(awk -v n="$KAFKA_E2E_RECORDS" -v s="$kafka_secs" 'BEGIN { printf "%.0f", n / s }')" "-" "$k50" "$k99" "$k999" "avg $kafka_avg"
echo "(Kafka's tool prints whole milliseconds; its rate is whatever one record in flight allows)"
echo
for rate in $RATES; do
  p99="$(json_num "${result[$rate-1]}" p99Ms)"
  awk -v r="$rate" -v a="$p99" -v k="$k99" 'BEGIN { kk = (k > 0 ? k : 1);
    printf "p99 at %s/s, 1 consumer: Rivulet %.2f ms / Kafka %s ms = %.2f (target <= 1.0: %s)\n",
      r, a, k, a / kk, (a <= kk ? "met" : "MISSED") }'
done
for rate in $RATES; do
  awk -v r="$rate" -v a="$(json_num "${result[$rate-0]}" ackedPerSec)" -v b="$(json_num "${result[$rate-$CONSUMERS]}" ackedPerSec)" \
    -v c="$CONSUMERS" 'BEGIN { printf "producer at %s/s: %.0f records/s alone, %.0f with %s consumers (%.1f%%)\n", r, a, b, c, 100 * b / a }'
done
