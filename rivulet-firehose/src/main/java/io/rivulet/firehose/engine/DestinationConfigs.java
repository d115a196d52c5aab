package io.rivulet.firehose.engine;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.format.FormatConverters;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.Shape;
import io.rivulet.protocol.ShapeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of destination configurations, derived from the service model: which one a
 * CreateDeliveryStream names, how an UpdateDestination merges into it, what DescribeDeliveryStream
 * shows of it (the {@code *DestinationDescription} shapes: only their members, so secrets such as
 * an HTTP endpoint's AccessKey or a Redshift Password are not echoed; AWS's defaults filled in,
 * 128 MiB buffers for record format conversion) and the buffering hints delivery follows. Immutable and thread-safe.
 */
public final class DestinationConfigs {
  public static final String EXTENDED_S3 = "ExtendedS3";
  public static final String REDSHIFT = "Redshift";
  public static final String ELASTICSEARCH = "Elasticsearch";
  public static final String OPENSEARCH = "Amazonopensearchservice";
  public static final String OPENSEARCH_SERVERLESS = "AmazonOpenSearchServerless";
  public static final String SPLUNK = "Splunk";
  public static final String HTTP_ENDPOINT = "HttpEndpoint";
  /** The destination types a delivery stream can have here, as configuration-name prefixes. */
  public static final List<String> TYPES = List.of(EXTENDED_S3, REDSHIFT, ELASTICSEARCH,
      OPENSEARCH, OPENSEARCH_SERVERLESS, SPLUNK, HTTP_ENDPOINT);
  private static final Set<String> OPENSEARCH_FAMILY =
      Set.of(ELASTICSEARCH, OPENSEARCH, OPENSEARCH_SERVERLESS);
  private static final Set<String> UNSUPPORTED = Set.of("Snowflake", "Iceberg");
  private static final long MIB = 1024L * 1024;

  /** Delivery's thresholds: deliver at this many buffered bytes or this age of the oldest record. */
  public record BufferingHints(long sizeBytes, long intervalMillis) {}

  /** A destination as a request names it: its type and its configuration (AWS member names). */
  public record Destination(String type, Map<String, Object> config) {}

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final ServiceModel model;

  public DestinationConfigs(ServiceModel model) {
    this.model = model;
  }

  // ------------------------------------------------------------------ create

  /**
   * The one destination of a CreateDeliveryStream, from its {@code <Type>DestinationConfiguration}
   * members that are present (by member name); an {@code S3DestinationConfiguration} becomes an
   * ExtendedS3 destination, as on AWS.
   */
  public Destination fromCreate(Map<String, Map<String, Object>> configurations) {
    List<Map.Entry<String, Map<String, Object>>> given = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
      if (e.getValue() != null && e.getKey().endsWith("DestinationConfiguration")) {
        given.add(e);
      }
    }
    if (given.size() != 1) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "Exactly one destination configuration must be specified for a delivery stream.");
    }
    String member = given.get(0).getKey();
    String type = member.substring(0, member.length() - "DestinationConfiguration".length());
    checkSupported(type);
    return new Destination(type.equals("S3") ? EXTENDED_S3 : type,
        normalize(given.get(0).getValue()));
  }

  /**
   * A configuration as it reads back from the metadata file (whole numbers that fit an int are
   * Integers, others Longs), so plug-ins see the same types before and after a restart.
   */
  static Map<String, Object> normalize(Map<String, Object> config) {
    try {
      return JSON.readValue(JSON.writeValueAsBytes(config), MAP);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void checkSupported(String type) {
    if (UNSUPPORTED.contains(type)) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          type + " destinations are not supported by this server.");
    }
  }

  // ------------------------------------------------------------------ update

  /**
   * The destination after an UpdateDestination with one {@code <Type>DestinationUpdate} (by
   * member name): merged into the current configuration when the type is the same (an S3 update
   * merges into an ExtendedS3 destination), else replacing it, when it must be complete.
   */
  public Destination update(Destination current, String updateMember, Map<String, Object> update) {
    String type = updateMember.substring(0, updateMember.length() - "DestinationUpdate".length());
    checkSupported(type);
    if (type.equals("S3")) {
      type = EXTENDED_S3;
    }
    Map<String, Object> renamed = normalize(renameUpdate(update));
    if (type.equals(current.type())) {
      return new Destination(type, merge(current.config(), renamed));
    }
    if (OPENSEARCH_FAMILY.contains(type) != OPENSEARCH_FAMILY.contains(current.type())) {
      throw FirehoseError.INVALID_ARGUMENT.with("Changing the destination type to or from "
          + (OPENSEARCH_FAMILY.contains(type) ? type : current.type())
          + " is not supported at this time.");
    }
    Shape shape = model.shape(type + "DestinationConfiguration");
    for (String required : shape.required()) {
      if (renamed.get(required) == null) {
        throw FirehoseError.INVALID_ARGUMENT.with("Changing the destination type to " + type
            + " requires a complete configuration: " + required + " is missing.");
      }
    }
    return new Destination(type, renamed);
  }

  /** Update member names to configuration member names ({@code S3Update} is an S3Configuration). */
  private static Map<String, Object> renameUpdate(Map<String, Object> update) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : update.entrySet()) {
      String name = switch (e.getKey()) {
        case "S3Update" -> "S3Configuration";
        case "S3BackupUpdate" -> "S3BackupConfiguration";
        default -> e.getKey();
      };
      out.put(name, e.getValue());
    }
    return out;
  }

  /** {@code base} with {@code change} laid over it: structures merge, anything else is replaced. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> change) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : change.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), merge((Map<String, Object>) old, (Map<String, Object>) e.getValue()));
      } else if (e.getValue() != null) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ describe

  /**
   * The DestinationDescription of a destination: its id and its {@code <Type>DestinationDescription}
   * (for ExtendedS3 also the S3DestinationDescription AWS adds).
   */
  public Map<String, Object> describe(Destination d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("DestinationId", DeliveryStreamMeta.DESTINATION_ID);
    if (d.type().equals(EXTENDED_S3)) {
      out.put("S3DestinationDescription", description("S3DestinationDescription", d.config()));
    }
    out.put(d.type() + "DestinationDescription",
        description(d.type() + "DestinationDescription", d.config()));
    if (convertsFormat(d) && !(nested(d.config(), "BufferingHints").get("SizeInMBs") instanceof Number)) {
      for (Object desc : out.values()) {
        if (desc instanceof Map<?, ?> m && m.get("BufferingHints") instanceof Map<?, ?> hints) {
          @SuppressWarnings("unchecked")
          Map<String, Object> h = (Map<String, Object>) hints;
          h.put("SizeInMBs", FormatConverters.DEFAULT_SIZE_IN_MBS);
        }
      }
    }
    return out;
  }

  /** Whether an ExtendedS3 destination converts records to Parquet/ORC (default size 128 MiB). */
  @SuppressWarnings("unchecked")
  private static boolean convertsFormat(Destination d) {
    return d.type().equals(EXTENDED_S3)
        && d.config().get("DataFormatConversionConfiguration") instanceof Map<?, ?> c
        && FormatConverters.enabled((Map<String, Object>) c);
  }

  /** The members of {@code descShape} found in {@code config} (renamed where AWS renames them). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> description(String descShape, Map<String, Object> config) {
    Shape shape = model.shape(descShape);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : shape.members().entrySet()) {
      Object value = config.get(sourceMember(m.getKey()));
      Shape memberShape = model.shape(m.getValue());
      if (value instanceof Map && memberShape.type() == ShapeType.STRUCTURE) {
        value = description(memberShape.name(), (Map<String, Object>) value);
      }
      value = withDefault(m.getKey(), memberShape, value);
      if (value != null) {
        out.put(m.getKey(), value);
      }
    }
    return out;
  }

  private static String sourceMember(String descriptionMember) {
    return switch (descriptionMember) {
      case "S3DestinationDescription" -> "S3Configuration";
      case "S3BackupDescription" -> "S3BackupConfiguration";
      case "VpcConfigurationDescription" -> "VpcConfiguration";
      default -> descriptionMember;
    };
  }

  /** What AWS shows for members left out of a configuration. */
  private static Object withDefault(String member, Shape shape, Object value) {
    if (member.equals("BufferingHints")) {
      Map<String, Object> hints = new LinkedHashMap<>();
      Map<?, ?> given = value instanceof Map<?, ?> m ? m : Map.of();
      int interval = shape.name().startsWith(SPLUNK) ? 60 : 300;
      for (String m : shape.members().keySet()) {
        Object v = given.get(m);
        hints.put(m, v != null ? v : m.equals("SizeInMBs") ? 5 : interval);
      }
      return hints;
    }
    if (value != null) {
      return value;
    }
    return switch (member) {
      case "CompressionFormat" -> "UNCOMPRESSED";
      case "EncryptionConfiguration" -> Map.of("NoEncryptionConfig", "NoEncryption");
      case "CloudWatchLoggingOptions" -> Map.of("Enabled", false);
      case "S3BackupMode" -> shape.enumValues().contains("Disabled") ? "Disabled" : null;
      default -> null;
    };
  }

  // ------------------------------------------------------------------ buffering

  /** The buffering hints delivery follows, with each destination type's AWS defaults. */
  public static BufferingHints bufferingHints(Destination d) {
    Map<?, ?> hints = switch (d.type()) {
      case REDSHIFT -> nested(nested(d.config(), "S3Configuration"), "BufferingHints");
      default -> nested(d.config(), "BufferingHints");
    };
    int defaultInterval = d.type().equals(SPLUNK) ? 60 : 300;
    long size = hints.get("SizeInMBs") instanceof Number n ? n.longValue()
        : convertsFormat(d) ? FormatConverters.DEFAULT_SIZE_IN_MBS : 5;
    long interval = hints.get("IntervalInSeconds") instanceof Number n ? n.longValue()
        : defaultInterval;
    return new BufferingHints(size * MIB, interval * 1000);
  }

  private static Map<?, ?> nested(Map<?, ?> map, String member) {
    return map.get(member) instanceof Map<?, ?> m ? m : Map.of();
  }
}
