package io.rivulet.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The AWS JSON 1.0/1.1 and CBOR 1.1 body codec of one service: parses a body, reads it against an
 * operation's input shape (type errors become {@code SerializationException}), validates it
 * ({@code ValidationException} with AWS's wording) and binds it to the operation's input record;
 * encodes output records in the request's format. Immutable and thread-safe.
 */
public final class JsonRpcCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final CBORMapper CBOR =
      CBORMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ServiceModel model;
  private final ShapeValidator validator;
  private final RecordWriter writer;
  private final RecordBinder binder;
  private final StreamingShapeReader cborReader;
  private final StreamingShapeReader jsonReader;

  public JsonRpcCodec(ServiceModel model) {
    this.model = model;
    this.validator = new ShapeValidator(model);
    this.writer = new RecordWriter(model);
    this.binder = new RecordBinder(model);
    this.cborReader = new StreamingShapeReader(model, WireFormat.CBOR_1_1);
    this.jsonReader = new StreamingShapeReader(model, WireFormat.JSON_1_1);
  }

  public ServiceModel model() {
    return model;
  }

  /**
   * Parses a body; anything that is not one JSON (or CBOR) object is a {@code
   * SerializationException} without a message, as AWS answers it.
   */
  public static JsonNode parse(byte[] body, WireFormat format) {
    JsonNode node;
    try {
      node = (format.isCbor() ? CBOR : JSON).readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new AwsException(CommonError.SERIALIZATION, null);
    }
    if (node == null || !node.isObject()) {
      throw new AwsException(CommonError.SERIALIZATION, null);
    }
    return node;
  }

  /** Parses, reads, validates and binds a request body to {@code inputType}. */
  public <I> I decodeInput(String operation, byte[] body, WireFormat format, Class<I> inputType) {
    return decodeInput(operation, parseInput(operation, body, format), inputType);
  }

  /** Reads, validates and binds a parsed request body to {@code inputType}. */
  public <I> I decodeInput(String operation, JsonNode body, WireFormat format, Class<I> inputType) {
    Map<String, Object> values = readAndValidate(operation, body, format);
    return binder.bind(values, inputType, model.inputShape(operation));
  }

  /**
   * The first step of {@link #decodeInput(String, byte[], WireFormat, Class)}: parses the body
   * (the same {@code SerializationException} as {@link #parse} when it is not one object) and,
   * where the operation is known and the body is plain, reads it already, in one streaming pass
   * ({@link StreamingShapeReader}); otherwise keeps the tree for the general path.
   */
  Parsed parseInput(String operation, byte[] body, WireFormat format) {
    if (model.operation(operation).isPresent()) {
      Shape input = model.inputShape(operation);
      Map<String, Object> values =
          (format.isCbor() ? cborReader : jsonReader).read(factory(format), body, input);
      if (values != null) {
        return new Parsed(null, values, format);
      }
    }
    return new Parsed(parse(body, format), null, format);
  }

  /** The second step: reads (if not yet), validates and binds. */
  <I> I decodeInput(String operation, Parsed parsed, Class<I> inputType) {
    return bind(operation, values(operation, parsed), inputType);
  }

  /** The second step's first half: the values read (if not yet) and validated. */
  Map<String, Object> values(String operation, Parsed parsed) {
    if (parsed.values == null) {
      return readAndValidate(operation, parsed.tree, parsed.format);
    }
    validator.validate(parsed.values, model.inputShape(operation));
    return parsed.values;
  }

  /** The second step's second half: validated values bound to the input record. */
  <I> I bind(String operation, Map<String, Object> values, Class<I> inputType) {
    return binder.bind(values, inputType, model.inputShape(operation));
  }

  /** A parsed body: its tree, or the values the streaming reader read from it. */
  static final class Parsed {
    final JsonNode tree;
    final Map<String, Object> values;
    final WireFormat format;

    Parsed(JsonNode tree, Map<String, Object> values, WireFormat format) {
      this.tree = tree;
      this.values = values;
      this.format = format;
    }
  }

  /**
   * Reads and validates a parsed body against the operation's input shape, returning the plain
   * values (member name to value; see {@link ShapeReader}).
   */
  public Map<String, Object> readAndValidate(String operation, JsonNode body, WireFormat format) {
    Shape input = model.inputShape(operation);
    Map<String, Object> values = new ShapeReader(model, format).readStructure(body, input);
    validator.validate(values, input);
    return values;
  }

  /** Encodes an operation's output (a record, a map, or null for an empty object). */
  public byte[] encodeOutput(String operation, Object output, WireFormat format) {
    Shape shape = model.operation(operation).isPresent() ? model.outputShape(operation) : null;
    return encode(writer, output, shape, format);
  }

  /** Encodes any value (record, map, list, scalar) without a model: member names capitalised. */
  public static byte[] encode(Object value, WireFormat format) {
    return encode(RecordWriter.MODEL_LESS, value, null, format);
  }

  /** The parsed tree of a JSON or CBOR body, for tests and tools; null if it does not parse. */
  public static JsonNode readTree(byte[] body, WireFormat format) {
    try {
      return (format.isCbor() ? CBOR : JSON).readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] encode(RecordWriter writer, Object value, Shape shape, WireFormat format) {
    ByteArrayBuilder out = new ByteArrayBuilder(256); // grows by segments: one copy at the end
    try (JsonGenerator g = factory(format).createGenerator(out)) {
      if (value == null) {
        g.writeStartObject();
        g.writeEndObject();
      } else {
        writer.write(g, value, shape);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static JsonFactory factory(WireFormat format) {
    return format.isCbor() ? CBOR.getFactory() : JSON.getFactory();
  }
}
