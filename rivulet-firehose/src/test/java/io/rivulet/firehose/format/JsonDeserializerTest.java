package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDeserializerTest {
  private static final JsonDeserializer OPENX = JsonDeserializer.openX(true, false, Map.of());

  @Test
  void openXMatchesKeysCaseInsensitivelyByDefaultAndExactlyWhenAskedTo() throws Exception {
    TableSchema schema = schema("userid:string", "info:struct<city:string>");
    String json = "{\"UserId\":\"u1\",\"Info\":{\"CITY\":\"Oslo\"}}";

    Object[] insensitive = row(OPENX, json, schema);
    Object[] sensitive = row(JsonDeserializer.openX(false, false, Map.of()), json, schema);

    assertThat(insensitive[0]).isEqualTo("u1");
    assertThat((Object[]) insensitive[1]).containsExactly("Oslo");
    assertThat(sensitive).containsExactly(null, null);
    assertThat(row(JsonDeserializer.openX(false, false, Map.of()),
        "{\"userid\":\"u2\",\"info\":{\"city\":\"Rome\"}}", schema)[0]).isEqualTo("u2");
  }

  @Test
  void openXTurnsDotsIntoUnderscoresWhenAskedTo() throws Exception {
    TableSchema schema = schema("a_b:int", "outer:struct<c_d:int>");
    String json = "{\"a.b\":1,\"outer\":{\"c.d\":2}}";

    assertThat(row(JsonDeserializer.openX(true, true, Map.of()), json, schema)[0]).isEqualTo(1);
    assertThat((Object[]) row(JsonDeserializer.openX(true, true, Map.of()), json, schema)[1])
        .containsExactly(2);
    assertThat(row(OPENX, json, schema)[0]).isNull();
  }

  @Test
  void columnToJsonKeyMappingsNameTheKeyOfATopLevelColumn() throws Exception {
    TableSchema schema = schema("ts:string", "timestamp:string");
    JsonDeserializer mapped = JsonDeserializer.openX(true, false, Map.of("ts", "Timestamp"));

    Object[] row = row(mapped, "{\"timestamp\":\"t1\"}", schema);

    assertThat(row).containsExactly("t1", "t1");
    assertThat(row(OPENX, "{\"timestamp\":\"t1\"}", schema)).containsExactly(null, "t1");
  }

  @Test
  void openXReadsNumbersAndBooleansFromStringsAndNestedJsonIntoStrings() throws Exception {
    TableSchema schema = schema("n:int", "d:double", "b:boolean", "s:string", "m:decimal(5,1)");

    Object[] row = row(OPENX,
        "{\"n\":\" 42 \",\"d\":\"2.5\",\"b\":\"TRUE\",\"s\":{\"x\":[1,2]},\"m\":\"3.14\"}", schema);

    assertThat(row).containsExactly(42, 2.5, true, "{\"x\":[1,2]}", new BigDecimal("3.1"));
  }

  @Test
  void hiveTakesNumbersOnlyAsJsonNumbersAndNoNestedJsonInStrings() throws Exception {
    JsonDeserializer hive = JsonDeserializer.hive(null);

    assertThat(row(hive, "{\"N\":7}", schema("n:int"))).containsExactly(7);
    assertMalformed(hive, "{\"n\":\"7\"}", schema("n:int"), "'n'");
    assertMalformed(hive, "{\"s\":{\"x\":1}}", schema("s:string"), "'s'");
    assertThat(row(hive, "{\"s\":12}", schema("s:string"))).containsExactly("12");
  }

  @Test
  void hiveRefusesPeriodsInColumnNames() {
    assertThatThrownBy(() -> JsonDeserializer.hive(null).check(
        TableSchema.of(List.of(new SchemaCatalog.Column("a.b", "int")))))
        .isInstanceOf(ConversionException.class)
        .extracting(e -> ((ConversionException) e).errorCode())
        .isEqualTo(ConversionException.INVALID_SCHEMA);
  }

  @Test
  void openXReadsItsFiveTimestampForms() throws Exception {
    TableSchema schema = schema("t:timestamp");
    LocalDateTime expected = LocalDateTime.parse("2018-02-07T19:58:48.123");

    assertThat(row(OPENX, "{\"t\":\"2018-02-07T19:58:48.123Z\"}", schema)[0]).isEqualTo(expected);
    assertThat(row(OPENX, "{\"t\":\"2018-2-7 19:58:48.123\"}", schema)[0]).isEqualTo(expected);
    assertThat(row(OPENX, "{\"t\":1518033528123}", schema)[0]).isEqualTo(expected);
    assertThat(row(OPENX, "{\"t\":1518033528.123}", schema)[0]).isEqualTo(expected);
    assertThat(row(OPENX, "{\"t\":\"1518033528\"}", schema)[0])
        .isEqualTo(LocalDateTime.parse("2018-02-07T19:58:48"));
    assertThat(row(OPENX, "{\"t\":\"2018-02-07T20:58:48.123+01:00\"}", schema)[0])
        .isEqualTo(expected);
    assertMalformed(OPENX, "{\"t\":\"yesterday\"}", schema, "timestamp");
  }

  @Test
  void hiveReadsTimestampFormatsThenMillisThenTheDefault() throws Exception {
    TableSchema schema = schema("t:timestamp");
    JsonDeserializer hive = JsonDeserializer.hive(List.of("dd/MM/yyyy HH:mm", "millis"));

    assertThat(row(hive, "{\"t\":\"07/02/2018 19:58\"}", schema)[0])
        .isEqualTo(LocalDateTime.parse("2018-02-07T19:58"));
    assertThat(row(hive, "{\"t\":1518033528123}", schema)[0])
        .isEqualTo(LocalDateTime.parse("2018-02-07T19:58:48.123"));
    assertThat(row(hive, "{\"t\":\"2018-02-07 19:58:48.5\"}", schema)[0])
        .isEqualTo(LocalDateTime.parse("2018-02-07T19:58:48.500"));
    JsonDeserializer plain = JsonDeserializer.hive(null);
    assertMalformed(plain, "{\"t\":1518033528123}", schema, "timestamp");
    assertMalformed(plain, "{\"t\":\"2018-02-07T19:58:48Z\"}", schema, "timestamp");
    assertThatThrownBy(() -> JsonDeserializer.hive(List.of("yyyy-MM-dd {{"))).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void decimalsRoundHalfUpAndOverflowToNullAsHiveDoes() throws Exception {
    TableSchema schema = schema("d:decimal(4,2)");

    assertThat(row(OPENX, "{\"d\":12.345}", schema)[0]).isEqualTo(new BigDecimal("12.35"));
    assertThat(row(OPENX, "{\"d\":-1}", schema)[0]).isEqualTo(new BigDecimal("-1.00"));
    assertThat(row(OPENX, "{\"d\":123.4}", schema)[0]).isNull();
  }

  @Test
  void integersMustBeWholeAndInRange() throws Exception {
    assertThat(row(OPENX, "{\"n\":5.0}", schema("n:tinyint"))[0]).isEqualTo((byte) 5);
    assertMalformed(OPENX, "{\"n\":5.5}", schema("n:int"), "int");
    assertMalformed(OPENX, "{\"n\":128}", schema("n:tinyint"), "out of the range of tinyint");
    assertMalformed(OPENX, "{\"n\":40000}", schema("n:smallint"), "out of the range");
    assertMalformed(OPENX, "{\"n\":9223372036854775808}", schema("n:bigint"), "out of the range");
  }

  @Test
  void mapKeysTakeTheKeyTypeAndArraysAndStructsTheirShapes() throws Exception {
    TableSchema schema = schema("m:map<int,string>", "a:array<int>");

    Object[] row = row(OPENX, "{\"m\":{\"1\":\"one\",\"2\":null},\"a\":[1,null]}", schema);

    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) row[0];
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) row[1];
    assertThat(map).containsEntry(1, "one").containsEntry(2, null);
    assertThat(list).containsExactly(1, null);
    assertMalformed(OPENX, "{\"m\":{\"x\":\"one\"}}", schema, "'m (key)'");
    assertMalformed(OPENX, "{\"a\":1}", schema, "array<int>");
    assertMalformed(OPENX, "{\"a\":[\"x\"]}", schema, "'a[]'");
  }

  @Test
  void binaryColumnsTakeBase64AndDatesTakeIsoDates() throws Exception {
    TableSchema schema = schema("b:binary", "d:date");

    Object[] row = row(OPENX, "{\"b\":\"aGk=\",\"d\":\"2020-1-2\"}", schema);

    assertThat((byte[]) row[0]).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(row[1]).isEqualTo(java.time.LocalDate.of(2020, 1, 2));
    assertMalformed(OPENX, "{\"b\":\"not base64!\"}", schema, "binary");
    assertMalformed(OPENX, "{\"d\":\"2020-02-30\"}", schema, "date");
  }

  @Test
  void aRecordHoldsOneOrMoreJsonObjectsAndNothingElse() throws Exception {
    TableSchema schema = schema("a:int");

    assertThat(OPENX.rows(bytes("{\"a\":1}{\"a\":2}\n{\"a\":3}"), schema)).hasSize(3);
    assertThat(code(() -> OPENX.rows(bytes("[{\"a\":1},{\"a\":2}]"), schema)))
        .isEqualTo(ConversionException.MALFORMED_DATA);
    assertThat(code(() -> OPENX.rows(bytes("{\"a\":1"), schema)))
        .isEqualTo(ConversionException.PARSE_ERROR);
    assertThat(code(() -> OPENX.rows(bytes("  "), schema)))
        .isEqualTo(ConversionException.PARSE_ERROR);
    assertThat(code(() -> OPENX.rows(bytes("{\"a\":1} trailing"), schema)))
        .isEqualTo(ConversionException.PARSE_ERROR);
  }

  private static TableSchema schema(String... columns) throws ConversionException {
    return TableSchema.of(Arrays.stream(columns)
        .map(c -> new SchemaCatalog.Column(c.substring(0, c.indexOf(':')),
            c.substring(c.indexOf(':') + 1)))
        .toList());
  }

  private static Object[] row(JsonDeserializer d, String json, TableSchema schema)
      throws ConversionException {
    List<Object[]> rows = d.rows(bytes(json), schema);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void assertMalformed(JsonDeserializer d, String json, TableSchema schema,
      String messagePart) {
    assertThatThrownBy(() -> d.rows(bytes(json), schema))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((ConversionException) e).errorCode())
        .isEqualTo(ConversionException.MALFORMED_DATA);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static String code(Call call) {
    try {
      call.run();
      return "none";
    } catch (ConversionException e) {
      return e.errorCode();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
