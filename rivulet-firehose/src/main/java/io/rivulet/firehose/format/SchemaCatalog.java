package io.rivulet.firehose.format;

import java.nio.file.Path;
import java.util.List;

/**
 * Where record format conversion finds its schema: the stand-in for the AWS Glue Data Catalog that
 * a delivery stream's {@code SchemaConfiguration} names. Implementations are thread-safe and are
 * asked again for every batch, so a changed table (Firehose's default {@code VersionId} LATEST) is
 * picked up by the next delivery.
 */
public interface SchemaCatalog {

  /** The table a {@code SchemaConfiguration} names (CatalogId, Region, VersionId may be null). */
  record TableRef(String catalogId, String databaseName, String tableName, String region,
      String versionId) {

    /** True when the latest version is wanted (no VersionId, or {@code LATEST}). */
    public boolean latest() {
      return versionId == null || versionId.equals("LATEST");
    }
  }

  /** One column of the table's {@code StorageDescriptor}: Glue's {@code Name} and {@code Type}. */
  record Column(String name, String type) {}

  /**
   * The columns of the table, in order.
   *
   * @throws ConversionException {@link ConversionException#ENTITY_NOT_FOUND} for an unknown
   *     database or table, {@link ConversionException#INVALID_VERSION_ID} for an unknown version,
   *     {@link ConversionException#INVALID_SCHEMA} for an entry that cannot be read
   */
  List<Column> columns(TableRef table) throws ConversionException;

  /** A catalog kept in a directory: {@code <root>/<DatabaseName>/<TableName>.json}. */
  static SchemaCatalog directory(Path root) {
    return new DirectorySchemaCatalog(root);
  }
}
