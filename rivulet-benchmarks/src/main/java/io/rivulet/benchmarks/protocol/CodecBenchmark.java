package io.rivulet.benchmarks.protocol;

import io.rivulet.protocol.JsonRpcCodec;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kinesis codec on the two hot paths: decoding a PutRecords request of 500 × 100 B records
 * (parse, read, validate, bind) and encoding a GetRecords response of 10,000 × 100 B records, in
 * CBOR (the SDK's default) and JSON. Scores are microseconds per call; divide by 500 or 10,000 for
 * the cost per record. The input and output records mirror {@code ops/PutRecords.Input} and {@code
 * ops/GetRecords.Output} (same component names, so the same member names and shapes) without
 * depending on the operations' classes. Run with {@code java -cp
 * 'rivulet-benchmarks/target/rivulet-benchmarks-0.1.0-SNAPSHOT.jar:rivulet-benchmarks/target/lib/*'
 * org.openjdk.jmh.Main CodecBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class CodecBenchmark {
  static final String MODEL = "/io/rivulet/streams/kinesis-2013-12-02.shapes.json";
  static final int PUT_RECORDS = 500;
  static final int GET_RECORDS = 10_000;
  static final int RECORD_BYTES = 100;

  /** As {@code ops/PutRecords.Entry}. */
  public record Entry(byte[] data, String explicitHashKey, String partitionKey) {}

  /** As {@code ops/PutRecords.Input}. */
  public record PutInput(String streamName, String streamARN, List<Entry> records) {}

  /** As {@code ops/GetRecords.Record}. */
  public record Rec(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data,
      String partitionKey, String encryptionType) {}

  /** As {@code ops/GetRecords.Output} (child shards are null until a shard is read to its end). */
  public record GetOutput(List<Rec> records, String nextShardIterator, Long millisBehindLatest,
      List<Object> childShards) {}

  /** As {@code ops/SubscribeToShard.SubscribeToShardEvent}: written without a model. */
  public record Event(List<Rec> records, String continuationSequenceNumber,
      Long millisBehindLatest, List<Object> childShards) {}

  @Param({"CBOR_1_1", "JSON_1_1"})
  public String format;

  private JsonRpcCodec codec;
  private WireFormat wire;
  private byte[] putBody;
  private GetOutput getOutput;
  private Event event;

  @Setup
  public void setUp() {
    codec = new JsonRpcCodec(ServiceModel.fromResource(MODEL));
    wire = WireFormat.valueOf(format);
    Random random = new Random(42);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < PUT_RECORDS; i++) {
      byte[] data = new byte[RECORD_BYTES];
      random.nextBytes(data);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("Data", data);
      e.put("PartitionKey", "partition-key-" + random.nextInt(10_000));
      entries.add(e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Records", entries);
    body.put("StreamName", "bench-stream");
    putBody = JsonRpcCodec.encode(body, wire);
    List<Rec> records = new ArrayList<>(GET_RECORDS);
    long now = 1_732_550_000_123L;
    for (int i = 0; i < GET_RECORDS; i++) {
      byte[] data = new byte[RECORD_BYTES];
      random.nextBytes(data);
      String seq = "49" + String.format("%012d%013d%020d", 1, now - 60_000, i);
      records.add(new Rec(seq, Instant.ofEpochMilli(now + i / 100), data,
          "partition-key-" + random.nextInt(10_000), null));
    }
    getOutput = new GetOutput(records, "AAAAAAAAAAFzc2hhcmQtaXRlcmF0b3ItdG9rZW4tZm9yLWJlbmNobWFya3M=",
        0L, null);
    event = new Event(records.subList(0, 10), records.get(9).sequenceNumber(), 0L, null);
  }

  /** Parses, reads, validates and binds a 500-record PutRecords body. */
  @Benchmark
  public PutInput decodePutRecords() {
    return codec.decodeInput("PutRecords", putBody, wire, PutInput.class);
  }

  /** Encodes a 10,000-record GetRecords response. */
  @Benchmark
  public byte[] encodeGetRecords() {
    return codec.encodeOutput("GetRecords", getOutput, wire);
  }

  /**
   * Encodes one 10-record SubscribeToShardEvent payload as the event stream does (no model): what
   * fan-out pays per pushed event at 1,000-10,000 records/s.
   */
  @Benchmark
  public byte[] encodeSubscribeEvent() {
    return JsonRpcCodec.encode(event, wire);
  }
}
