package io.rivulet.firehose.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery stream's record format conversion: reads the table from the catalog (again for every
 * batch, as Firehose does for VersionId LATEST), deserializes each record's JSON into rows, and
 * writes the rows of the records that fit into one Parquet or ORC file. A record that does not
 * fit is returned as failed with its Firehose error code; when the table cannot be read, every
 * record is. Immutable and thread-safe.
 */
final class JsonToColumnarConverter implements RecordFormatConverter {
  private static final Logger LOG = LoggerFactory.getLogger(JsonToColumnarConverter.class);
  static final String INTERNAL_ERROR = "DataFormatConversion.InternalError";

  private final SchemaCatalog catalog;
  private final SchemaCatalog.TableRef table;
  private final String catalogArn;
  private final JsonDeserializer deserializer;
  private final ColumnarSerializer serializer;

  JsonToColumnarConverter(SchemaCatalog catalog, SchemaCatalog.TableRef table, String catalogArn,
      JsonDeserializer deserializer, ColumnarSerializer serializer) {
    this.catalog = catalog;
    this.table = table;
    this.catalogArn = catalogArn;
    this.deserializer = deserializer;
    this.serializer = serializer;
  }

  @Override
  public Converted convert(List<FirehoseRecord> records) {
    TableSchema schema;
    try {
      schema = TableSchema.of(catalog.columns(table));
      deserializer.check(schema);
    } catch (ConversionException e) {
      return allFailed(records, e.errorCode(), e.getMessage());
    }
    List<FailedRecord> failed = new ArrayList<>();
    int converted = 0;
    ColumnarSerializer.Sink sink = null;
    try {
      for (FirehoseRecord r : records) {
        List<Object[]> rows;
        try {
          rows = deserializer.rows(r.data(), schema);
        } catch (ConversionException e) {
          failed.add(new FailedRecord(r, e.errorCode(), e.getMessage(), 1));
          continue;
        }
        if (sink == null) {
          sink = serializer.open(schema);
        }
        for (Object[] row : rows) {
          sink.write(row);
        }
        converted++;
      }
      byte[] file = sink == null ? new byte[0] : sink.finish();
      return new Converted(file, converted, failed);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("Format conversion to {} of table {}.{} failed", serializer.fileExtension(),
          table.databaseName(), table.tableName(), e);
      return allFailed(records, INTERNAL_ERROR,
          "An internal error occurred while converting the records: " + e);
    }
  }

  private static Converted allFailed(List<FirehoseRecord> records, String code, String message) {
    List<FailedRecord> failed = new ArrayList<>(records.size());
    for (FirehoseRecord r : records) {
      failed.add(new FailedRecord(r, code, message, 1));
    }
    return new Converted(new byte[0], 0, failed);
  }

  @Override
  public String fileExtension() {
    return serializer.fileExtension();
  }

  /** Firehose's line, with the {@code dataCatalogTable} the conversion used. */
  @Override
  public byte[] errorOutputLine(FailedRecord failed, long attemptEndingMillis) {
    ObjectNode line = RecordFormatConverter.errorOutputFields(failed, attemptEndingMillis);
    ObjectNode dataCatalogTable = JsonNodeFactory.instance.objectNode();
    dataCatalogTable.put("catalogId", table.catalogId());
    dataCatalogTable.put("databaseName", table.databaseName());
    dataCatalogTable.put("tableName", table.tableName());
    dataCatalogTable.put("region", table.region());
    dataCatalogTable.put("versionId", table.latest() ? "LATEST" : table.versionId());
    dataCatalogTable.put("catalogArn", catalogArn);
    line.set("dataCatalogTable", dataCatalogTable);
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }
}
