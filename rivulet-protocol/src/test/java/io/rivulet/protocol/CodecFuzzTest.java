package io.rivulet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.fuzz.SeedSweep;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets over the JSON and CBOR request decoders (docs/SECURITY.md, "Fuzzing"): parse,
 * {@link StreamingShapeReader} and {@link ShapeReader}, {@link ShapeValidator}, {@link
 * RecordBinder}, against the real Kinesis and DynamoDB models (DynamoDB's attribute values nest
 * without limit) and the small test model. The properties: decoding returns values or throws
 * {@code SerializationException}, validation returns or throws {@code ValidationException} (never
 * anything else: no NPE, ClassCast, IndexOutOfBounds, StackOverflow or OutOfMemory); the one-pass
 * reader, when it answers, answers exactly as the tree path; the cached binder and validator agree
 * with the reflective reference versions.
 *
 * <p>Input layout: byte 0 picks the format (bit 0: CBOR 1.1, else JSON 1.1) and the operation
 * (the other bits, modulo the model's operations in name order); the rest is the body.
 */
class CodecFuzzTest {
  static final ServiceModel KINESIS = TestModels.kinesis();
  static final ServiceModel DYNAMODB = ServiceModel.fromFile(
      Path.of("../rivulet-dynamodb/src/main/resources/io/rivulet/dynamodb/dynamodb-2012-08-10.shapes.json"));
  private static final Decoder KINESIS_DECODER = new Decoder(KINESIS);
  private static final Decoder DYNAMODB_DECODER = new Decoder(DYNAMODB);
  private static final Decoder SMALL_DECODER = new Decoder(TestModels.small());

  @FuzzTest(maxDuration = "5m")
  void kinesis(byte[] data) {
    KINESIS_DECODER.check(data);
  }

  @FuzzTest(maxDuration = "5m")
  void dynamodb(byte[] data) {
    DYNAMODB_DECODER.check(data);
  }

  /** The small model's Echo, bound to a record (nested records, lists, maps, a recursive shape). */
  @FuzzTest(maxDuration = "5m")
  void bind(byte[] data) {
    if (data.length == 0) {
      return;
    }
    WireFormat format = (data[0] & 1) == 1 ? WireFormat.CBOR_1_1 : WireFormat.JSON_1_1;
    byte[] body = Arrays.copyOfRange(data, 1, data.length);
    Map<String, Object> values = SMALL_DECODER.read("Echo", body, format);
    if (values == null || !SMALL_DECODER.validate("Echo", values)) {
      return;
    }
    TestModels.EchoInput bound;
    try {
      bound = SMALL_DECODER.codec.decodeInput("Echo", body, format, TestModels.EchoInput.class);
    } catch (AwsException e) {
      assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION); // an enum constant AWS does not know
      return;
    }
    assertThat(bound).usingRecursiveComparison()
        .isEqualTo(LegacyRecordBinder.bind(values, TestModels.EchoInput.class));
  }

  @Test
  void kinesisSweep() {
    assertThat(SeedSweep.run(getClass(), "kinesis", this::kinesis)).isPositive();
  }

  @Test
  void dynamodbSweep() {
    assertThat(SeedSweep.run(getClass(), "dynamodb", this::dynamodb)).isPositive();
  }

  @Test
  void bindSweep() {
    assertThat(SeedSweep.run(getClass(), "bind", this::bind)).isPositive();
  }

  /**
   * Found by {@link #kinesis}: the one-pass reader skipped unknown members without decoding their
   * text, so invalid UTF-8 there passed where the tree path (and so the documented contract) says
   * {@code SerializationException}.
   */
  @Test
  void invalidUtf8InAnUnknownCborMemberIsRefusedOnBothPaths() {
    byte[] body = {(byte) 0xa2, 0x64, 'N', 'a', 'm', 'e', 0x63, 'a', 'b', 'c',
      0x63, 'Z', 'z', 'z', (byte) 0x82, 0x62, (byte) 0xff, (byte) 0xfe, 0x01};
    ServiceModel small = SMALL_DECODER.model;
    assertThat(new StreamingShapeReader(small, WireFormat.CBOR_1_1)
        .read(JsonRpcCodec.factory(WireFormat.CBOR_1_1), body, small.inputShape("Echo"))).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SMALL_DECODER.codec.decodeInput(
            "Echo", body, WireFormat.CBOR_1_1, TestModels.EchoInput.class))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION));
  }

  /** One model's decoding steps, each checked for its allowed outcomes. */
  static final class Decoder {
    final ServiceModel model;
    final JsonRpcCodec codec;
    private final List<String> operations;
    private final ShapeValidator validator;
    private final LegacyShapeValidator legacyValidator;
    private final Map<WireFormat, StreamingShapeReader> streaming = new LinkedHashMap<>();

    Decoder(ServiceModel model) {
      this.model = model;
      this.codec = new JsonRpcCodec(model);
      this.operations = new ArrayList<>(model.operationNames());
      this.operations.sort(null);
      this.validator = new ShapeValidator(model);
      this.legacyValidator = new LegacyShapeValidator(model);
      for (WireFormat f : WireFormat.values()) {
        streaming.put(f, new StreamingShapeReader(model, f));
      }
    }

    void check(byte[] data) {
      if (data.length == 0) {
        return;
      }
      WireFormat format = (data[0] & 1) == 1 ? WireFormat.CBOR_1_1 : WireFormat.JSON_1_1;
      String operation = operations.get(((data[0] & 0xff) >>> 1) % operations.size());
      Map<String, Object> values = read(operation, Arrays.copyOfRange(data, 1, data.length), format);
      if (values != null) {
        validate(operation, values);
      }
    }

    /**
     * The values of the tree path, or null after a {@code SerializationException}; checks that the
     * one-pass reader gives up or agrees.
     */
    Map<String, Object> read(String operation, byte[] body, WireFormat format) {
      Shape input = model.inputShape(operation);
      Map<String, Object> tree = null;
      try {
        tree = new ShapeReader(model, format).readStructure(JsonRpcCodec.parse(body, format), input);
      } catch (AwsException e) {
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
      }
      Map<String, Object> fast = streaming.get(format).read(JsonRpcCodec.factory(format), body, input);
      if (fast != null) {
        assertThat(tree).as("the one-pass reader accepted what the tree path refuses").isNotNull();
        assertThat(comparable(fast)).isEqualTo(comparable(tree));
      }
      return tree;
    }

    /** Whether the values are valid; a failure must be a ValidationException as the reference words it. */
    boolean validate(String operation, Map<String, Object> values) {
      Shape input = model.inputShape(operation);
      List<String> failures = validator.failures(values, input);
      assertThat(failures).isEqualTo(legacyValidator.failures(values, input));
      if (failures.isEmpty()) {
        validator.validate(values, input);
        return true;
      }
      try {
        validator.validate(values, input);
      } catch (AwsException e) {
        assertThat(e.code()).isEqualTo(CommonError.VALIDATION);
        assertThat(e.getMessage()).isEqualTo(ShapeValidator.message(failures));
        return false;
      }
      throw new AssertionError("failures but no ValidationException: " + failures);
    }
  }

  /** Values with blobs as buffers, so that equal bytes compare equal. */
  static Object comparable(Object value) {
    if (value instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, comparable(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(CodecFuzzTest::comparable).toList();
    }
    return value;
  }
}
