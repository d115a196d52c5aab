package io.rivulet.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.protocol.TestModels.EchoInput;
import io.rivulet.protocol.TestModels.EchoOutput;
import io.rivulet.protocol.TestModels.Inner;
import io.rivulet.protocol.TestModels.Item;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths against the general ones they replace, on many inputs: {@link RecordWriter}'s
 * cached plans against {@link LegacyRecordWriter} byte for byte; decoding ({@link
 * StreamingShapeReader}, {@link ShapeValidator}'s cached members and lazy paths, {@link
 * RecordBinder}'s plans) against the tree, {@link ShapeReader}, {@link LegacyShapeValidator} and
 * {@link LegacyRecordBinder}: the same bound values, or the same error code and message.
 */
class CodecEquivalenceTest {
  private static final ServiceModel KINESIS = TestModels.kinesis();
  private static final ServiceModel SMALL = TestModels.small();
  private static final WireFormat[] FORMATS = {WireFormat.CBOR_1_1, WireFormat.JSON_1_1, WireFormat.JSON_1_0};

  record Entry(byte[] data, String explicitHashKey, String partitionKey) {}

  record PutRecordsInput(String streamName, String streamARN, List<Entry> records) {}

  record PutRecordInput(String streamName, String streamARN, byte[] data, String partitionKey,
      String explicitHashKey, String sequenceNumberForOrdering) {}

  record GetRecordsInput(String shardIterator, Integer limit, String streamARN) {}

  record GetShardIteratorInput(String streamName, String shardId, String shardIteratorType,
      String startingSequenceNumber, Instant timestamp, String streamARN) {}

  record Rec(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data, String partitionKey,
      String encryptionType) {}

  record HashKeyRange(String startingHashKey, String endingHashKey) {}

  record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {}

  record GetRecordsOutput(List<Rec> records, String nextShardIterator, Long millisBehindLatest,
      List<ChildShard> childShards) {}

  record ResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {}

  record PutRecordsOutput(Integer failedRecordCount, List<ResultEntry> records, String encryptionType) {}

  enum Mode { A, B }

  record Anything(String name, Mode mode, Map<String, Object> tags, List<Object> mixed, short small,
      int count, boolean flag, double ratio, java.nio.ByteBuffer buffer) {}

  // ------------------------------------------------------------------ encoding

  @Test
  void encodesGetRecordsOutputsAsTheReflectiveWriter() {
    Random random = new Random(1);
    for (int n = 0; n < 200; n++) {
      List<Rec> records = new ArrayList<>();
      int count = random.nextInt(20);
      for (int i = 0; i < count; i++) {
        records.add(new Rec(random.nextInt(10) == 0 ? null : "49" + random.nextLong(),
            random.nextInt(10) == 0 ? null : Instant.ofEpochMilli(millis(random)),
            random.nextInt(10) == 0 ? null : bytes(random, random.nextInt(120)),
            random.nextInt(10) == 0 ? null : text(random),
            random.nextBoolean() ? null : "KMS"));
      }
      List<ChildShard> children = random.nextInt(3) == 0 ? null : random.nextBoolean() ? List.of()
          : List.of(new ChildShard("shardId-000000000002", List.of("shardId-000000000000"),
              new HashKeyRange("0", "170141183460469231731687303715884105727")));
      Object out = new GetRecordsOutput(random.nextInt(8) == 0 ? null : records,
          random.nextBoolean() ? "AAAA" + n : null, random.nextBoolean() ? (long) random.nextInt() : null, children);
      assertSameEncoding(KINESIS, "GetRecords", out);
    }
  }

  @Test
  void encodesPutRecordsOutputsAsTheReflectiveWriter() {
    Random random = new Random(2);
    for (int n = 0; n < 100; n++) {
      List<ResultEntry> entries = new ArrayList<>();
      for (int i = 0; i < random.nextInt(30); i++) {
        entries.add(random.nextInt(5) == 0
            ? new ResultEntry(null, null, "ProvisionedThroughputExceededException", "Rate exceeded é ☃")
            : new ResultEntry("49" + Math.abs(random.nextLong()), "shardId-00000000000" + random.nextInt(10), null, null));
      }
      assertSameEncoding(KINESIS, "PutRecords",
          new PutRecordsOutput(random.nextInt(5), entries, random.nextBoolean() ? "NONE" : null));
    }
  }

  @Test
  void encodesOtherValuesAsTheReflectiveWriter() {
    Random random = new Random(3);
    for (int n = 0; n < 100; n++) {
      Map<String, Object> tags = new LinkedHashMap<>();
      tags.put("k" + n, random.nextBoolean() ? "v" : null);
      tags.put("nested", new Item("key", bytes(random, 3), Instant.ofEpochMilli(millis(random))));
      List<Object> mixed = new ArrayList<>();
      mixed.add(null);
      mixed.add(1L << 40);
      mixed.add(new java.math.BigDecimal("1.50"));
      mixed.add(new Inner("A", new Inner(null, null)));
      mixed.add(List.of(1, 2));
      Object value = new Anything(random.nextBoolean() ? null : "name" + n, random.nextBoolean() ? Mode.B : null,
          tags, mixed, (short) n, n, random.nextBoolean(), random.nextDouble(),
          java.nio.ByteBuffer.wrap(bytes(random, 5)));
      EchoOutput echo = new EchoOutput("n", List.of(new Item("k", null, Instant.ofEpochMilli(millis(random)))),
          Instant.ofEpochMilli(millis(random)), bytes(random, 2), "arn");
      for (WireFormat f : FORMATS) {
        assertThat(encode(new RecordWriter(null), value, null, f))
            .isEqualTo(encode(new LegacyRecordWriter(null), value, null, f));
        assertThat(encode(new RecordWriter(SMALL), echo, SMALL.outputShape("Echo"), f))
            .isEqualTo(encode(new LegacyRecordWriter(SMALL), echo, SMALL.outputShape("Echo"), f));
        assertThat(encode(new RecordWriter(SMALL), value, SMALL.outputShape("Echo"), f))
            .isEqualTo(encode(new LegacyRecordWriter(SMALL), value, SMALL.outputShape("Echo"), f));
      }
    }
  }

  @Test
  void writesJsonTimestampsAsBigDecimalsPrintThem() {
    long[] samples = {1, 5, 10, 50, 99, 100, 120, 999, 1001, 1010, 1100, 1_732_550_000_123L,
        1_732_550_000_120L, 1_732_550_000_100L, 1_732_550_000_001L, Long.MAX_VALUE / 2 + 7};
    for (long millis : samples) {
      assertThat(RecordWriter.secondsWithFraction(millis))
          .isEqualTo(java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toString());
    }
  }

  private static void assertSameEncoding(ServiceModel model, String operation, Object output) {
    Shape shape = model.outputShape(operation);
    RecordWriter fast = new RecordWriter(model);
    LegacyRecordWriter legacy = new LegacyRecordWriter(model);
    for (WireFormat f : FORMATS) {
      byte[] expected = encode(legacy, output, shape, f);
      assertThat(encode(fast, output, shape, f)).isEqualTo(expected);
      assertThat(encode(fast, output, shape, f)).isEqualTo(expected); // cached plans too
      assertThat(new JsonRpcCodec(model).encodeOutput(operation, output, f)).isEqualTo(expected);
    }
  }

  private static byte[] encode(Object writer, Object value, Shape shape, WireFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JsonRpcCodec.factory(format).createGenerator(out)) {
      if (writer instanceof RecordWriter) {
        ((RecordWriter) writer).write(g, value, shape);
      } else {
        ((LegacyRecordWriter) writer).write(g, value, shape);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ decoding

  @Test
  void decodesPlainPutRecordsInOneStreamingPass() {
    Random random = new Random(4);
    Map<String, Object> body = putRecordsBody(random, 500);
    for (WireFormat f : FORMATS) {
      byte[] bytes = JsonRpcCodec.encode(body, f);
      Map<String, Object> fast = new StreamingShapeReader(KINESIS, f)
          .read(JsonRpcCodec.factory(f), bytes, KINESIS.inputShape("PutRecords"));
      assertThat(fast).isNotNull();
      Map<String, Object> general = new ShapeReader(KINESIS, f)
          .readStructure(JsonRpcCodec.parse(bytes, f), KINESIS.inputShape("PutRecords"));
      assertThat(show(fast)).isEqualTo(show(general));
      assertSameDecoding(KINESIS, "PutRecords", bytes, f, PutRecordsInput.class);
    }
  }

  @Test
  void decodesRandomPutRecordsAsTheGeneralPath() {
    Random random = new Random(5);
    for (int n = 0; n < 300; n++) {
      Map<String, Object> body = putRecordsBody(random, random.nextInt(12));
      mutate(random, body);
      for (WireFormat f : FORMATS) {
        assertSameDecoding(KINESIS, "PutRecords", JsonRpcCodec.encode(body, f), f, PutRecordsInput.class);
        assertSameDecoding(KINESIS, "PutRecord", JsonRpcCodec.encode(putRecordBody(random), f), f,
            PutRecordInput.class);
      }
    }
  }

  /** The README's edge cases and the bodies the fast path leaves to the general one. */
  @Test
  void decodesEdgeCasesAsTheGeneralPath() {
    String[] putRecords = {
      "{\"Records\":[{\"Data\":\"AAAA\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AAA\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA*A\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AB==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":true}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":12}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":[]}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":{}}],\"StreamName\":\"s\"}",
      "{\"Records\":{},\"StreamName\":\"s\"}",
      "{\"Records\":\"x\",\"StreamName\":\"s\"}",
      "{\"Records\":[1],\"StreamName\":\"s\"}",
      "{\"Records\":[[]],\"StreamName\":\"s\"}",
      "{\"Records\":[null],\"StreamName\":\"s\"}",
      "{\"Records\":[],\"StreamName\":\"s\"}",
      "{\"Records\":null,\"StreamName\":null}",
      "{\"Records\":[{}],\"StreamName\":\"a b\"}",
      "{\"Records\":[{},{},{},{},{},{},{},{}],\"StreamName\":\"\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\",\"ExplicitHashKey\":\"01\"}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\",\"Unknown\":{\"a\":[1,{\"b\":null}]}}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\",\"StreamName\":\"t t\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\",\"PartitionKey\":null}],\"StreamName\":\"s\"}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"} ",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"} {}",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\"",
      "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\"}],\"StreamName\":\"s\",\"X\":[}",
      "[{\"Records\":[]}]",
      "\"text\"",
      "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\",\"Records\":[{\"Data\":\"\",\"PartitionKey\":\"k\"}]}",
    };
    for (String body : putRecords) {
      for (WireFormat f : new WireFormat[] {WireFormat.JSON_1_1, WireFormat.JSON_1_0}) {
        assertSameDecoding(KINESIS, "PutRecords", body.getBytes(UTF_8), f, PutRecordsInput.class);
      }
      JsonNode tree = JsonRpcCodec.readTree(body.getBytes(UTF_8), WireFormat.JSON_1_1);
      if (tree != null && tree.isObject()) { // the same structure in CBOR (blobs as base64 text)
        assertSameDecoding(KINESIS, "PutRecords", cbor(tree), WireFormat.CBOR_1_1, PutRecordsInput.class);
      }
    }
    String[] others = {
      "{\"ShardIterator\":\"it\",\"Limit\":10}",
      "{\"ShardIterator\":\"it\",\"Limit\":0}",
      "{\"ShardIterator\":\"it\",\"Limit\":10001}",
      "{\"ShardIterator\":\"it\",\"Limit\":99999999999999999999}",
      "{\"ShardIterator\":\"it\",\"Limit\":-99999999999}",
      "{\"ShardIterator\":\"it\",\"Limit\":2.7}",
      "{\"ShardIterator\":\"it\",\"Limit\":\"5\"}",
      "{\"ShardIterator\":\"it\",\"Limit\":true}",
      "{\"ShardIterator\":\"\"}",
      "{}",
    };
    assertSameDecodingInEveryFormat("GetRecords", others, GetRecordsInput.class);
    String[] iterators = {
      "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1732550000}",
      "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1732550000.5}",
      "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":\"2024-01-01\"}",
      "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":9223372036854775807}",
      "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"BAD\"}",
    };
    assertSameDecodingInEveryFormat("GetShardIterator", iterators, GetShardIteratorInput.class);
  }

  /** Each JSON body as it is, and as the same structure in CBOR. */
  private static void assertSameDecodingInEveryFormat(String operation, String[] bodies, Class<?> type) {
    for (String body : bodies) {
      for (WireFormat f : FORMATS) {
        byte[] bytes = f.isCbor() ? cbor(JsonRpcCodec.readTree(body.getBytes(UTF_8), WireFormat.JSON_1_1))
            : body.getBytes(UTF_8);
        assertSameDecoding(KINESIS, operation, bytes, f, type);
      }
    }
  }

  @Test
  void decodesTheSmallModelAsTheGeneralPath() {
    String[] bodies = {
      "{\"Name\":\"ab\",\"Count\":3,\"Big\":12345678901,\"Ratio\":0.5,\"Flag\":true,\"Payload\":\"AQID\","
          + "\"When\":1732550000,\"Items\":[{\"Key\":\"k\",\"Data\":\"\"}],\"Labels\":{\"x\":\"y\"},"
          + "\"Groups\":{\"g\":{\"Key\":\"z\"},\"h\":{\"Key\":\"\"}},\"Mode\":\"A\","
          + "\"Inner\":{\"Deep\":{\"Mode\":\"C\"}},\"Keys\":[\"a\",\"\",null],\"ResourceARN\":\"arn\",\"Unknown\":[1]}",
      "{\"Name\":\"ab\",\"Flag\":\"yes\"}",
      "{\"Name\":\"ab\",\"Flag\":\"maybe\"}",
      "{\"Name\":\"ab\",\"Count\":300000000000}",
      "{\"Name\":\"ab\",\"Count\":-3}",
      "{\"Name\":\"ab\",\"Labels\":{\"x\":\"yyyy\",\"longer than eight\":\"y\",\"z\":null}}",
      "{\"Name\":\"ab\",\"Labels\":{\"x\":\"y\",\"x\":\"z\"}}",
      "{\"Name\":\"ab\",\"Items\":[{\"Key\":\"k\"},{\"Data\":\"AAAAAAAA\"},{},{}]}",
      "{\"Name\":\"AB\",\"Count\":0,\"Big\":-1,\"Payload\":\"AAAAAAAA\",\"Items\":[],\"Labels\":{\"a\":\"b\",\"c\":\"d\",\"e\":\"f\"},"
          + "\"Mode\":\"Z\",\"Keys\":[\"\"],\"Inner\":{\"Mode\":\"Q\",\"Deep\":{\"Mode\":\"R\"}},\"ResourceARN\":\"\"}",
      "{\"Count\":1}",
      "{\"Name\":null}",
    };
    for (String body : bodies) {
      for (WireFormat f : new WireFormat[] {WireFormat.JSON_1_0, WireFormat.JSON_1_1}) {
        assertSameDecoding(SMALL, "Echo", body.getBytes(UTF_8), f, EchoInput.class);
      }
      JsonNode tree = JsonRpcCodec.readTree(body.getBytes(UTF_8), WireFormat.JSON_1_1);
      assertSameDecoding(SMALL, "Echo", cbor(tree), WireFormat.CBOR_1_1, EchoInput.class);
    }
  }

  /** Decodes through the codec and through the general path; same record or same error. */
  private static <T> void assertSameDecoding(ServiceModel model, String operation, byte[] body,
      WireFormat format, Class<T> type) {
    String fast;
    try {
      fast = show(new JsonRpcCodec(model).decodeInput(operation, body, format, type));
    } catch (AwsException e) {
      fast = e.code().type() + ": " + e.getMessage();
    }
    String general;
    try {
      JsonNode tree = JsonRpcCodec.parse(body, format);
      Shape input = model.inputShape(operation);
      Map<String, Object> values = new ShapeReader(model, format).readStructure(tree, input);
      new LegacyShapeValidator(model).validate(values, input);
      general = show(LegacyRecordBinder.bind(values, type));
    } catch (AwsException e) {
      general = e.code().type() + ": " + e.getMessage();
    }
    assertThat(fast).as(new String(body, UTF_8)).isEqualTo(general);
  }

  /** Records, lists, maps and arrays printed with their contents. */
  private static String show(Object value) {
    if (value instanceof byte[]) {
      return Arrays.toString((byte[]) value);
    }
    if (value instanceof Record) {
      StringBuilder sb = new StringBuilder(value.getClass().getSimpleName()).append('(');
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          sb.append(c.getName()).append('=').append(show(accessor.invoke(value))).append(' ');
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return sb.append(')').toString();
    }
    if (value instanceof List) {
      List<String> items = new ArrayList<>();
      for (Object o : (List<?>) value) {
        items.add(show(o));
      }
      return items.toString() + value.getClass().getSimpleName().contains("Unmodifiable");
    }
    if (value instanceof Map) {
      Map<String, String> items = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        items.put(String.valueOf(e.getKey()), show(e.getValue()));
      }
      return items.toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  private static Map<String, Object> putRecordsBody(Random random, int count) {
    List<Object> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("Data", bytes(random, random.nextInt(110)));
      e.put("PartitionKey", text(random));
      if (random.nextInt(4) == 0) {
        e.put("ExplicitHashKey", String.valueOf(Math.abs(random.nextLong())));
      }
      records.add(e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      body.put("StreamName", "stream-" + random.nextInt(100));
    }
    body.put("Records", records);
    return body;
  }

  private static Map<String, Object> putRecordBody(Random random) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("StreamName", random.nextInt(6) == 0 ? "bad name" : "s");
    body.put("Data", random.nextInt(6) == 0 ? "not base64!" : bytes(random, 10));
    body.put("PartitionKey", random.nextInt(6) == 0 ? "" : text(random));
    if (random.nextBoolean()) {
      body.put("SequenceNumberForOrdering", random.nextBoolean() ? "123" : "x1");
    }
    return body;
  }

  /** Breaks some bodies: wrong types, nulls, empty keys, too many errors, unknown members. */
  @SuppressWarnings("unchecked")
  private static void mutate(Random random, Map<String, Object> body) {
    List<Object> records = (List<Object>) body.get("Records");
    switch (random.nextInt(10)) {
      case 0 -> body.put("StreamName", random.nextBoolean() ? "" : "bad name!");
      case 1 -> body.put("Records", random.nextBoolean() ? List.of() : null);
      case 2 -> records.replaceAll(e -> Map.of("PartitionKey", ""));
      case 3 -> {
        if (!records.isEmpty()) {
          records.set(random.nextInt(records.size()), random.nextBoolean() ? 7 : "x");
        }
      }
      case 4 -> body.put("Unknown", Map.of("Nested", List.of(1, 2, Map.of())));
      case 5 -> {
        for (Object e : records) {
          ((Map<String, Object>) e).put("Data", Base64.getEncoder().encodeToString(bytes(random, 4)));
        }
      }
      case 6 -> body.put("StreamARN", "arn:aws:kinesis:us-east-1:123456789012:stream/x");
      default -> { }
    }
  }

  private static byte[] cbor(JsonNode tree) {
    return JsonRpcCodec.encode(tree, WireFormat.CBOR_1_1);
  }

  private static long millis(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return 1_732_550_000_000L + 1000L * random.nextInt(1000);
      case 1:
        return -random.nextInt(5_000_000);
      default:
        return 1_732_550_000_000L + random.nextInt(1_000_000);
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String text(Random random) {
    int n = random.nextInt(8);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(random.nextInt(20) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }
}
