package io.rivulet.firehose.format;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import java.util.Map;

/**
 * Builds and checks record format conversion from an {@code ExtendedS3DestinationConfiguration}'s
 * {@code DataFormatConversionConfiguration}, exactly as the request carried it. Stateless and
 * thread-safe.
 *
 * <p>Conversion is on when the structure is present and {@code Enabled} is not false (AWS's
 * default is true). It then needs all of {@code SchemaConfiguration} (DatabaseName, TableName,
 * RoleARN), {@code InputFormatConfiguration.Deserializer} (exactly one of OpenXJsonSerDe,
 * HiveJsonSerDe) and {@code OutputFormatConfiguration.Serializer} (exactly one of ParquetSerDe,
 * OrcSerDe). The schema is read from a {@link SchemaCatalog} at delivery time.
 */
public final class FormatConverters {
  /** BufferingHints.SizeInMBs when conversion is on and the request gave none. */
  public static final int DEFAULT_SIZE_IN_MBS = 128;
  /** The smallest BufferingHints.SizeInMBs AWS accepts with conversion on. */
  public static final int MIN_SIZE_IN_MBS = 64;

  private FormatConverters() {}

  /** True when {@code dataFormatConversionConfiguration} is present and not disabled. */
  public static boolean enabled(Map<String, Object> dataFormatConversionConfiguration) {
    return dataFormatConversionConfiguration != null
        && Config.bool(dataFormatConversionConfiguration, "Enabled", true);
  }

  /**
   * The converter, or null when conversion is off. CatalogId defaults to the account of the
   * RoleARN; Region is left out of the error output's {@code dataCatalogTable} unless given.
   *
   * @throws io.rivulet.protocol.AwsException InvalidArgumentException, as {@link #validate}
   */
  public static RecordFormatConverter from(Map<String, Object> dataFormatConversionConfiguration,
      SchemaCatalog catalog) {
    return from(dataFormatConversionConfiguration, catalog, null);
  }

  /**
   * The converter, or null when conversion is off; CatalogId and Region default to the account
   * and region of {@code deliveryStreamArn} (they only appear in the error output).
   *
   * @throws io.rivulet.protocol.AwsException InvalidArgumentException, as {@link #validate}
   */
  public static RecordFormatConverter from(Map<String, Object> dataFormatConversionConfiguration,
      SchemaCatalog catalog, String deliveryStreamArn) {
    if (!enabled(dataFormatConversionConfiguration)) {
      return null;
    }
    try {
      return build(dataFormatConversionConfiguration, catalog, deliveryStreamArn);
    } catch (IllegalArgumentException e) {
      throw FirehoseError.INVALID_ARGUMENT.with(e.getMessage());
    }
  }

  /**
   * Checks a {@code DataFormatConversionConfiguration} (the whole one, after an UpdateDestination
   * is merged in) beyond what the model's constraints check. Nothing is checked when it is absent
   * or disabled.
   *
   * @throws io.rivulet.protocol.AwsException InvalidArgumentException with what is wrong
   */
  public static void validate(Map<String, Object> dataFormatConversionConfiguration) {
    if (!enabled(dataFormatConversionConfiguration)) {
      return;
    }
    try {
      build(dataFormatConversionConfiguration, new InMemorySchemaCatalog(), null);
    } catch (IllegalArgumentException e) {
      throw FirehoseError.INVALID_ARGUMENT.with(e.getMessage());
    }
  }

  /**
   * Checks an {@code ExtendedS3DestinationConfiguration} (or a merged update) for what conversion
   * requires of the rest of the destination: {@code CompressionFormat} UNCOMPRESSED (the columnar
   * file compresses itself) and {@code BufferingHints.SizeInMBs} of at least 64; then
   * {@link #validate} on its {@code DataFormatConversionConfiguration}.
   *
   * @throws io.rivulet.protocol.AwsException InvalidArgumentException with what is wrong
   */
  public static void validateS3Destination(Map<String, Object> extendedS3Configuration) {
    Map<String, Object> conversion;
    try {
      conversion = Config.struct(extendedS3Configuration, "DataFormatConversionConfiguration");
      if (!enabled(conversion)) {
        return;
      }
      String compression = Config.string(extendedS3Configuration, "CompressionFormat");
      if (compression != null && !compression.equals("UNCOMPRESSED")) {
        throw new IllegalArgumentException("CompressionFormat must be UNCOMPRESSED when"
            + " DataFormatConversionConfiguration is enabled; the " + "serializer compresses"
            + " the data itself (CompressionFormat was " + compression + ").");
      }
      Map<String, Object> hints = Config.struct(extendedS3Configuration, "BufferingHints");
      long size = Config.number(hints, "SizeInMBs", DEFAULT_SIZE_IN_MBS);
      if (size < MIN_SIZE_IN_MBS) {
        throw new IllegalArgumentException("BufferingHints.SizeInMBs must be at least "
            + MIN_SIZE_IN_MBS + " when DataFormatConversionConfiguration is enabled (was " + size
            + ").");
      }
    } catch (IllegalArgumentException e) {
      throw FirehoseError.INVALID_ARGUMENT.with(e.getMessage());
    }
    validate(conversion);
  }

  private static RecordFormatConverter build(Map<String, Object> config, SchemaCatalog catalog,
      String deliveryStreamArn) {
    Map<String, Object> schema = required(config, "SchemaConfiguration");
    Map<String, Object> input = required(config, "InputFormatConfiguration");
    Map<String, Object> output = required(config, "OutputFormatConfiguration");
    SchemaCatalog.TableRef table = table(schema, deliveryStreamArn);
    String catalogArn = table.region() == null || table.catalogId() == null ? null
        : "arn:aws:glue:" + table.region() + ":" + table.catalogId() + ":catalog";
    return new JsonToColumnarConverter(catalog, table, catalogArn, deserializer(input),
        serializer(output));
  }

  private static SchemaCatalog.TableRef table(Map<String, Object> schema,
      String deliveryStreamArn) {
    String database = requiredString(schema, "SchemaConfiguration", "DatabaseName");
    String table = requiredString(schema, "SchemaConfiguration", "TableName");
    String role = requiredString(schema, "SchemaConfiguration", "RoleARN");
    String[] streamArn = deliveryStreamArn == null ? new String[0] : deliveryStreamArn.split(":");
    String[] roleArn = role.split(":");
    String catalogId = Config.string(schema, "CatalogId");
    if (catalogId == null) {
      catalogId = streamArn.length > 4 ? streamArn[4] : roleArn.length > 4 ? roleArn[4] : null;
    }
    String region = Config.string(schema, "Region");
    if (region == null && streamArn.length > 3) {
      region = streamArn[3];
    }
    return new SchemaCatalog.TableRef(catalogId, database, table, region,
        Config.string(schema, "VersionId"));
  }

  private static JsonDeserializer deserializer(Map<String, Object> input) {
    Map<String, Object> deserializer =
        required(input, "InputFormatConfiguration", "Deserializer");
    String which = Config.oneOf(deserializer, "Deserializer", "OpenXJsonSerDe", "HiveJsonSerDe");
    Map<String, Object> serDe = Config.struct(deserializer, which);
    if (which.equals("HiveJsonSerDe")) {
      try {
        return JsonDeserializer.hive(Config.strings(serDe, "TimestampFormats"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "HiveJsonSerDe.TimestampFormats has a format that is not valid: " + e.getMessage());
      }
    }
    return JsonDeserializer.openX(Config.bool(serDe, "CaseInsensitive", true),
        Config.bool(serDe, "ConvertDotsInJsonKeysToUnderscores", false),
        Config.stringMap(serDe, "ColumnToJsonKeyMappings"));
  }

  private static ColumnarSerializer serializer(Map<String, Object> output) {
    Map<String, Object> serializer = required(output, "OutputFormatConfiguration", "Serializer");
    String which = Config.oneOf(serializer, "Serializer", "ParquetSerDe", "OrcSerDe");
    Map<String, Object> serDe = Config.struct(serializer, which);
    return which.equals("ParquetSerDe") ? ParquetSerializer.from(serDe)
        : OrcSerializer.from(serDe);
  }

  private static Map<String, Object> required(Map<String, Object> config, String member) {
    return required(config, null, member);
  }

  private static Map<String, Object> required(Map<String, Object> config, String parent,
      String member) {
    Map<String, Object> m = Config.struct(config, member);
    if (m == null) {
      throw new IllegalArgumentException((parent == null ? "" : parent + ".") + member
          + " is required when DataFormatConversionConfiguration is enabled.");
    }
    return m;
  }

  private static String requiredString(Map<String, Object> config, String parent,
      String member) {
    String s = Config.string(config, member);
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(parent + "." + member + " is required when"
          + " DataFormatConversionConfiguration is enabled.");
    }
    return s;
  }
}
