package io.rivulet.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service's shapes (names, types and constraints derived from the AWS service model, without
 * documentation), loaded from a file written by {@code scripts/derive-model.py}. Immutable and
 * thread-safe.
 */
public final class ServiceModel {
  private static final Shape EMPTY_INPUT =
      new Shape(
          "",
          ShapeType.STRUCTURE,
          Map.of(),
          Set.of(),
          null,
          null,
          null,
          List.of(),
          null,
          null,
          null,
          false,
          null,
          false,
          false);

  private final Map<String, String> metadata;
  private final Map<String, OperationShape> operations;
  private final Map<String, Shape> shapes;

  private ServiceModel(
      Map<String, String> metadata,
      Map<String, OperationShape> operations,
      Map<String, Shape> shapes) {
    this.metadata = metadata;
    this.operations = operations;
    this.shapes = shapes;
  }

  /** Loads a derived model, e.g. {@code /io/rivulet/streams/kinesis-2013-12-02.shapes.json}. */
  public static ServiceModel fromResource(String classpathResource) {
    String path =
        classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ServiceModel.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no such resource: " + classpathResource);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classpathResource, e);
    }
  }

  /** Loads a derived model from a file. */
  public static ServiceModel fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads a derived model from a stream (not closed). */
  public static ServiceModel read(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("not a derived service model");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    root.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
    Map<String, OperationShape> operations = new LinkedHashMap<>();
    root.path("operations")
        .properties()
        .forEach(e -> operations.put(e.getKey(), operation(e.getKey(), e.getValue())));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    root.path("shapes").properties().forEach(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue())));
    return new ServiceModel(
        Collections.unmodifiableMap(metadata),
        Collections.unmodifiableMap(operations),
        Collections.unmodifiableMap(shapes));
  }

  private static OperationShape operation(String name, JsonNode node) {
    List<String> errors = new ArrayList<>();
    node.path("errors").forEach(e -> errors.add(e.asText()));
    return new OperationShape(
        name, text(node, "input"), text(node, "output"), Collections.unmodifiableList(errors));
  }

  private static Shape shape(String name, JsonNode node) {
    Map<String, String> members = new LinkedHashMap<>();
    node.path("members").properties().forEach(e -> members.put(e.getKey(), e.getValue().path("shape").asText()));
    Set<String> required = new LinkedHashSet<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    List<String> enumValues = new ArrayList<>();
    node.path("enum").forEach(v -> enumValues.add(v.asText()));
    JsonNode error = node.path("error");
    return new Shape(
        name,
        ShapeType.of(node.path("type").asText()),
        Collections.unmodifiableMap(members),
        Collections.unmodifiableSet(required),
        number(node, "min"),
        number(node, "max"),
        text(node, "pattern"),
        Collections.unmodifiableList(enumValues),
        text(node.path("member"), "shape"),
        text(node.path("key"), "shape"),
        text(node.path("value"), "shape"),
        node.path("exception").asBoolean(false),
        error.has("httpStatusCode") ? error.get("httpStatusCode").asInt() : null,
        node.path("event").asBoolean(false),
        node.path("eventstream").asBoolean(false));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static BigDecimal number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.decimalValue();
  }

  /** The {@code X-Amz-Target} prefix, e.g. {@code Kinesis_20131202}. */
  public String targetPrefix() {
    return metadata.get("targetPrefix");
  }

  /** The AWS JSON version, e.g. {@code 1.1}. */
  public String jsonVersion() {
    return metadata.get("jsonVersion");
  }

  /** The protocol, e.g. {@code json}. */
  public String protocol() {
    return metadata.get("protocol");
  }

  /** The API version, e.g. {@code 2013-12-02}. */
  public String apiVersion() {
    return metadata.get("apiVersion");
  }

  /** Operation names in model order. */
  public Set<String> operationNames() {
    return operations.keySet();
  }

  public Optional<OperationShape> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Optional<Shape> findShape(String name) {
    return Optional.ofNullable(shapes.get(name));
  }

  /** The named shape; a missing shape is a broken model. */
  public Shape shape(String name) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no shape " + name + " in model " + targetPrefix());
    }
    return s;
  }

  /** The operation's input shape, or an empty structure when the operation takes none. */
  public Shape inputShape(String operationName) {
    OperationShape op = operations.get(operationName);
    if (op == null) {
      throw new IllegalArgumentException("no operation " + operationName + " in model " + targetPrefix());
    }
    return op.input() == null ? EMPTY_INPUT : shape(op.input());
  }

  /** The operation's output shape, or null when it returns none. */
  public Shape outputShape(String operationName) {
    OperationShape op = operations.get(operationName);
    return op == null || op.output() == null ? null : shape(op.output());
  }

  /**
   * The Java-style prefix AWS uses when it prints a structure value in a validation message, e.g.
   * {@code com.amazonaws.kinesis.v20131202} for target prefix {@code Kinesis_20131202}.
   */
  String javaNamespace() {
    String prefix = targetPrefix() == null ? "service" : targetPrefix();
    int underscore = prefix.lastIndexOf('_');
    String service = underscore < 0 ? prefix : prefix.substring(0, underscore);
    String version = underscore < 0 ? "" : ".v" + prefix.substring(underscore + 1);
    return "com.amazonaws." + service.toLowerCase(java.util.Locale.ROOT) + version;
  }
}
