package io.rivulet.firehose.s3;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A Prefix or ErrorOutputPrefix as Firehose reads it: literal text and {@code !{namespace:value}}
 * expressions, parsed once and evaluated per S3 object. Immutable and thread-safe.
 *
 * <p>The namespaces:
 * <ul>
 *   <li>{@code !{timestamp:<java.time DateTimeFormatter pattern>}}: the arrival time of the
 *       oldest record in the object, in UTC or the stream's CustomTimeZone; every timestamp in
 *       one prefix evaluates the same instant; text in single quotes is literal.</li>
 *   <li>{@code !{firehose:random-string}}: 11 characters, a new one per occurrence (Rivulet
 *       derives them from the object's identity, so a redelivery picks the same ones).</li>
 *   <li>{@code !{firehose:error-output-type}}: the failure kind, such as
 *       {@code processing-failed}; ErrorOutputPrefix only.</li>
 *   <li>{@code !{partitionKeyFromQuery:key}} and {@code !{partitionKeyFromLambda:key}}: a record's
 *       dynamic-partitioning key (from MetadataExtraction or from the Lambda's
 *       {@code metadata.partitionKeys}); Prefix only, with dynamic partitioning enabled.</li>
 * </ul>
 * The sequence {@code !{} may appear only as the start of such an expression.
 */
public final class PrefixExpression {
  static final String TIMESTAMP = "timestamp";
  static final String FIREHOSE = "firehose";
  static final String FROM_QUERY = "partitionKeyFromQuery";
  static final String FROM_LAMBDA = "partitionKeyFromLambda";
  static final String RANDOM_STRING = "random-string";
  static final String ERROR_OUTPUT_TYPE = "error-output-type";

  /** One piece of a prefix. */
  sealed interface Part permits Literal, Timestamp, RandomString, ErrorOutputType, PartitionKey {}

  record Literal(String text) implements Part {}

  record Timestamp(String pattern, DateTimeFormatter formatter) implements Part {}

  record RandomString() implements Part {}

  record ErrorOutputType() implements Part {}

  /** {@code namespace} is {@link #FROM_QUERY} or {@link #FROM_LAMBDA}. */
  record PartitionKey(String namespace, String key) implements Part {}

  /** What an evaluation needs: the instant, the failure kind, the record group's keys, randomness. */
  public record Values(ZonedDateTime time, String errorOutputType, Map<String, String> partitionKeys,
      IntFunction<String> randomString) {}

  /** A prefix that cannot be evaluated for a group of records (a partition key is missing). */
  public static final class EvaluationException extends Exception {
    EvaluationException(String message) {
      super(message);
    }
  }

  private final String source;
  private final List<Part> parts;

  private PrefixExpression(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** Parses {@code text} (null is empty); throws IllegalArgumentException saying what is wrong. */
  public static PrefixExpression parse(String text) {
    String s = text == null ? "" : text;
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int start = s.indexOf("!{", i);
      if (start < 0) {
        parts.add(new Literal(s.substring(i)));
        break;
      }
      if (start > i) {
        parts.add(new Literal(s.substring(i, start)));
      }
      int end = s.indexOf('}', start + 2);
      if (end < 0) {
        throw new IllegalArgumentException("The sequence '!{' can only appear in"
            + " '!{namespace:value}' expressions; an expression starting at position " + start
            + " is not closed");
      }
      parts.add(expression(s.substring(start + 2, end)));
      i = end + 1;
    }
    return new PrefixExpression(s, parts);
  }

  private static Part expression(String body) {
    int colon = body.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("The expression '!{" + body + "}' is not of the form"
          + " '!{namespace:value}'");
    }
    String namespace = body.substring(0, colon);
    String value = body.substring(colon + 1);
    switch (namespace) {
      case TIMESTAMP -> {
        try {
          return new Timestamp(value, DateTimeFormatter.ofPattern(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("The timestamp expression '!{" + body + "}' is not a"
              + " valid Java DateTimeFormatter pattern: " + e.getMessage(), e);
        }
      }
      case FIREHOSE -> {
        if (value.equals(RANDOM_STRING)) {
          return new RandomString();
        }
        if (value.equals(ERROR_OUTPUT_TYPE)) {
          return new ErrorOutputType();
        }
        throw new IllegalArgumentException("The firehose namespace value '" + value + "' is not"
            + " supported; use '" + RANDOM_STRING + "' or '" + ERROR_OUTPUT_TYPE + "'");
      }
      case FROM_QUERY, FROM_LAMBDA -> {
        if (value.isEmpty()) {
          throw new IllegalArgumentException("The expression '!{" + body + "}' names no partition key");
        }
        return new PartitionKey(namespace, value);
      }
      default -> throw new IllegalArgumentException("The namespace '" + namespace + "' in '!{"
          + body + "}' is not supported; use timestamp, firehose, " + FROM_QUERY + " or "
          + FROM_LAMBDA);
    }
  }

  /** This expression followed by {@code more}. */
  PrefixExpression append(PrefixExpression more) {
    List<Part> all = new ArrayList<>(parts);
    all.addAll(more.parts);
    return new PrefixExpression(source + more.source, all);
  }

  /** The text as configured. */
  public String source() {
    return source;
  }

  List<Part> parts() {
    return parts;
  }

  public boolean isEmpty() {
    return source.isEmpty();
  }

  public boolean hasExpressions() {
    return parts.stream().anyMatch(p -> !(p instanceof Literal));
  }

  public boolean hasTimestamp() {
    return parts.stream().anyMatch(p -> p instanceof Timestamp);
  }

  public boolean hasErrorOutputType() {
    return parts.stream().anyMatch(p -> p instanceof ErrorOutputType);
  }

  public boolean hasPartitionKeys() {
    return parts.stream().anyMatch(p -> p instanceof PartitionKey);
  }

  /** Evaluates the prefix; throws when a partition key it names is not among the values' keys. */
  public String evaluate(Values values) throws EvaluationException {
    StringBuilder out = new StringBuilder();
    int randoms = 0;
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Timestamp t) {
        out.append(t.formatter().format(values.time()));
      } else if (p instanceof RandomString) {
        out.append(values.randomString().apply(randoms++));
      } else if (p instanceof ErrorOutputType) {
        out.append(values.errorOutputType() == null ? "" : values.errorOutputType());
      } else if (p instanceof PartitionKey k) {
        String v = values.partitionKeys().get(k.key());
        if (v == null) {
          throw new EvaluationException("partition key '" + k.key() + "' (" + k.namespace()
              + ") is missing from the record");
        }
        out.append(v);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
