package io.rivulet.firehose.format;

import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table with every type Firehose converts, records for it, and configurations. */
final class Fixtures {
  static final String DATABASE = "analytics";
  static final String TABLE = "events";
  static final String ROLE = "arn:aws:iam::123456789012:role/firehose";
  static final String STREAM_ARN = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/s";

  /** Every Glue type, nested ones included; names in mixed case, as a user might write them. */
  static final List<SchemaCatalog.Column> COLUMNS = List.of(
      new SchemaCatalog.Column("id", "int"),
      new SchemaCatalog.Column("Name", "string"),
      new SchemaCatalog.Column("big", "bigint"),
      new SchemaCatalog.Column("small", "smallint"),
      new SchemaCatalog.Column("tiny", "tinyint"),
      new SchemaCatalog.Column("price", "decimal(10,2)"),
      new SchemaCatalog.Column("ratio", "double"),
      new SchemaCatalog.Column("score", "float"),
      new SchemaCatalog.Column("active", "boolean"),
      new SchemaCatalog.Column("day", "date"),
      new SchemaCatalog.Column("ts", "timestamp"),
      new SchemaCatalog.Column("blob", "binary"),
      new SchemaCatalog.Column("tags", "array<string>"),
      new SchemaCatalog.Column("attrs", "map<string,int>"),
      new SchemaCatalog.Column("address",
          "struct<Street:string,zip:int,geo:struct<lat:double,lon:double>>"),
      new SchemaCatalog.Column("events", "array<struct<kind:string,at:timestamp>>"),
      new SchemaCatalog.Column("code", "varchar(3)"));

  /** Every column set; keys in other cases than the columns (CaseInsensitive is the default). */
  static final String FULL = "{\"ID\":1,\"Name\":\"Ann\",\"big\":9007199254740993,"
      + "\"small\":-300,\"tiny\":7,\"price\":12.345,\"ratio\":0.5,\"score\":1.25,"
      + "\"active\":true,\"day\":\"2024-02-29\",\"ts\":\"2024-02-29 12:34:56.789\","
      + "\"blob\":\"AAEC\",\"tags\":[\"a\",null,\"c\"],\"attrs\":{\"x\":1,\"y\":null},"
      + "\"address\":{\"STREET\":\"Main\",\"zip\":12345,\"geo\":{\"lat\":1.5,\"lon\":-2.25}},"
      + "\"events\":[{\"kind\":\"k\",\"at\":\"2024-01-01T00:00:00Z\"},null],"
      + "\"code\":\"ABCD\",\"unknown\":{\"ignored\":true}}";
  /** Only the id: every other column null. */
  static final String SPARSE = "{\"id\":2,\"tags\":[],\"attrs\":{}}";
  /** Two JSON objects in one record: two rows. */
  static final String TWO_ROWS = "{\"id\":3,\"name\":\"x\"} {\"id\":4,\"name\":\"y\"}";
  static final String NOT_JSON = "{\"id\":";
  static final String WRONG_TYPE = "{\"id\":\"abc\"}";

  private Fixtures() {}

  static InMemorySchemaCatalog catalog() {
    return new InMemorySchemaCatalog().put(DATABASE, TABLE, COLUMNS);
  }

  static List<FirehoseRecord> records(String... json) {
    List<FirehoseRecord> out = new ArrayList<>();
    for (int i = 0; i < json.length; i++) {
      out.add(new FirehoseRecord("r" + i, 1_700_000_000_000L + i,
          json[i].getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** A DataFormatConversionConfiguration with OpenX input and the given output SerDe. */
  static Map<String, Object> config(Map<String, Object> inputSerDe, String outputSerDe,
      Map<String, Object> outputOptions) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("DatabaseName", DATABASE);
    schema.put("TableName", TABLE);
    schema.put("RoleARN", ROLE);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("SchemaConfiguration", schema);
    config.put("InputFormatConfiguration", Map.of("Deserializer", inputSerDe));
    config.put("OutputFormatConfiguration",
        Map.of("Serializer", Map.of(outputSerDe, outputOptions)));
    return config;
  }

  static Map<String, Object> openX() {
    return Map.of("OpenXJsonSerDe", Map.of());
  }

  static Map<String, Object> parquet(Map<String, Object> options) {
    return config(openX(), "ParquetSerDe", options);
  }

  static Map<String, Object> orc(Map<String, Object> options) {
    return config(openX(), "OrcSerDe", options);
  }
}
