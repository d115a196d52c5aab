package io.rivulet.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.rivulet.protocol.TestModels.EchoInput;
import io.rivulet.protocol.TestModels.EchoOutput;
import io.rivulet.protocol.TestModels.Item;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {
  private final JsonRpcCodec codec = new JsonRpcCodec(TestModels.small());
  private final ObjectMapper json = new ObjectMapper();
  private final CBORMapper cbor = new CBORMapper();

  private EchoInput decodeJson(String body) {
    return codec.decodeInput("Echo", body.getBytes(UTF_8), WireFormat.JSON_1_0, EchoInput.class);
  }

  @Test
  void bindsEveryTypeFromJson() {
    EchoInput in =
        decodeJson(
            "{\"Name\":\"ab\",\"Count\":3.9,\"Big\":12345678901,\"Ratio\":0.5,\"Flag\":true,"
                + "\"Payload\":\"AQID\",\"When\":1732550000.123,\"Items\":[{\"Key\":\"k\",\"Data\":\"\"}],"
                + "\"Labels\":{\"x\":\"y\"},\"Groups\":{\"g\":{\"Key\":\"z\"}},\"Mode\":\"A\","
                + "\"Inner\":{\"Deep\":{\"Mode\":\"B\"}},\"Keys\":[],\"ResourceARN\":\"arn\",\"Unknown\":[1]}");
    assertThat(in.name()).isEqualTo("ab");
    assertThat(in.count()).isEqualTo(3);
    assertThat(in.big()).isEqualTo(12345678901L);
    assertThat(in.ratio()).isEqualTo(0.5);
    assertThat(in.flag()).isTrue();
    assertThat(in.payload()).containsExactly(1, 2, 3);
    assertThat(in.when()).isEqualTo(Instant.ofEpochMilli(1732550000123L));
    assertThat(in.items()).hasSize(1);
    assertThat(in.items().get(0).key()).isEqualTo("k");
    assertThat(in.items().get(0).data()).isEmpty();
    assertThat(in.labels()).isEqualTo(Map.of("x", "y"));
    assertThat(in.groups().get("g").key()).isEqualTo("z");
    assertThat(in.inner().deep().mode()).isEqualTo("B");
    assertThat(in.keys()).isEmpty();
    assertThat(in.resourceARN()).isEqualTo("arn");
  }

  @Test
  void nullsAndAbsentMembersBindToNull() {
    EchoInput in = decodeJson("{\"Name\":\"ab\",\"Count\":null}");
    assertThat(in.count()).isNull();
    assertThat(in.items()).isNull();
  }

  @Test
  void bindsCborWithByteStringsAndMillisecondTimestamps() throws Exception {
    ObjectNode body = cbor.createObjectNode();
    body.put("Name", "ab");
    body.put("Payload", new byte[] {9, 8});
    body.put("When", 1732550000123L);
    byte[] bytes = cbor.writeValueAsBytes(body);
    EchoInput in = codec.decodeInput("Echo", bytes, WireFormat.CBOR_1_1, EchoInput.class);
    assertThat(in.payload()).containsExactly(9, 8);
    assertThat(in.when()).isEqualTo(Instant.ofEpochMilli(1732550000123L));
  }

  @Test
  void acceptsTaggedCborTimestamps() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var g = new CBORFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("Name", "ab");
      g.writeFieldName("When");
      g.writeTag(1);
      g.writeNumber(1732550000123L);
      g.writeEndObject();
    }
    EchoInput in = codec.decodeInput("Echo", out.toByteArray(), WireFormat.CBOR_1_1, EchoInput.class);
    assertThat(in.when()).isEqualTo(Instant.ofEpochMilli(1732550000123L));
  }

  @Test
  void encodesJsonOmittingNullsKeepingEmptyLists() throws Exception {
    EchoOutput out = new EchoOutput("n", List.of(), Instant.ofEpochMilli(1732550000123L), new byte[] {1, 2, 3}, "a");
    String text = new String(codec.encodeOutput("Echo", out, WireFormat.JSON_1_1), UTF_8);
    assertThat(text)
        .isEqualTo("{\"Name\":\"n\",\"Items\":[],\"When\":1732550000.123,\"Payload\":\"AQID\",\"ResourceARN\":\"a\"}");
    EchoOutput sparse = new EchoOutput(null, null, Instant.ofEpochSecond(5), null, null);
    assertThat(new String(codec.encodeOutput("Echo", sparse, WireFormat.JSON_1_1), UTF_8))
        .isEqualTo("{\"When\":5}");
    assertThat(new String(codec.encodeOutput("Echo", null, WireFormat.JSON_1_1), UTF_8)).isEqualTo("{}");
  }

  @Test
  void encodesCborTimestampsAsTagOneMilliseconds() throws Exception {
    EchoOutput out =
        new EchoOutput(null, List.of(new Item("k", new byte[] {7}, null)), Instant.ofEpochMilli(1732550000123L), null, null);
    byte[] bytes = codec.encodeOutput("Echo", out, WireFormat.CBOR_1_1);
    try (CBORParser p = new CBORFactory().createParser(bytes)) {
      boolean sawTimestamp = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
          assertThat(p.getCurrentTag()).isEqualTo(1);
          assertThat(p.getLongValue()).isEqualTo(1732550000123L);
          sawTimestamp = true;
        }
      }
      assertThat(sawTimestamp).isTrue();
    }
    JsonNode tree = cbor.readTree(bytes);
    assertThat(tree.get("Items").get(0).get("Data").binaryValue()).containsExactly(7);
    assertThat(tree.get("Items").get(0).get("Key").asText()).isEqualTo("k");
  }

  @Test
  void roundTripsThroughBothFormats() {
    for (WireFormat format : WireFormat.values()) {
      EchoOutput out =
          new EchoOutput("x", List.of(new Item("k", new byte[] {1}, Instant.ofEpochMilli(1500))), Instant.ofEpochMilli(-1), new byte[0], null);
      byte[] bytes = codec.encodeOutput("Echo", out, format);
      EchoInput back = codec.decodeInput("Echo", bytes, format, EchoInput.class);
      assertThat(back.name()).isEqualTo("x");
      assertThat(back.items().get(0).at()).isEqualTo(Instant.ofEpochMilli(1500));
      assertThat(back.items().get(0).data()).containsExactly(1);
      assertThat(back.when()).isEqualTo(Instant.ofEpochMilli(-1));
      assertThat(back.payload()).isEmpty();
    }
  }

  @Test
  void encodesWithoutAModel() throws Exception {
    record Out(String streamName, Integer count, List<String> names) {}
    JsonNode tree = json.readTree(JsonRpcCodec.encode(new Out("s", null, List.of()), WireFormat.JSON_1_1));
    assertThat(tree.toString()).isEqualTo("{\"StreamName\":\"s\",\"Names\":[]}");
  }

  @Test
  void typeMismatchesAreSerializationExceptions() {
    assertSerialization("{\"Name\":true}", "class java.lang.Boolean can not be converted to an String");
    assertSerialization("{\"Name\":12}", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
    assertSerialization("{\"Name\":[]}", "Start of list found where not expected");
    assertSerialization("{\"Name\":{}}", "Start of structure or map found where not expected.");
    assertSerialization("{\"Count\":\"2\"}", "class java.lang.String can not be converted to an Integer");
    assertSerialization("{\"Big\":false}", "class java.lang.Boolean can not be converted to an Long");
    assertSerialization("{\"Flag\":\"maybe\"}", "'MAYBE' can not be converted to an Boolean");
    assertSerialization("{\"Flag\":1}", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean");
    assertSerialization("{\"When\":\"2024-01-01T00:00:00Z\"}", "class java.lang.String can not be converted to milliseconds since epoch");
    assertSerialization("{\"Items\":\"x\"}", "Expected list or null");
    assertSerialization("{\"Items\":{}}", "Start of structure or map found where not expected.");
    assertSerialization("{\"Labels\":3}", "Expected map or null");
    assertSerialization("{\"Labels\":[]}", "Start of list found where not expected");
    assertSerialization("{\"Inner\":\"x\"}", "Expected null");
    assertSerialization("{\"Inner\":[]}", "Start of list found where not expected");
    assertSerialization("{\"Items\":[{\"Key\":5}]}", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
  }

  @Test
  void invalidBase64IsASerializationException() {
    assertSerialization("{\"Payload\":true}", "class java.lang.Boolean can not be converted to a Blob");
    assertSerialization("{\"Payload\":\"23456\"}", "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
    assertSerialization("{\"Payload\":\"=+/=\"}", "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
    assertSerialization("{\"Payload\":\"ab$d\"}", "'ab$d' can not be converted to a Blob: Invalid Base64 character: '$'");
    assertSerialization("{\"Payload\":\"+/+=\"}", "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  }

  @Test
  void integersAreFlooredAndClampedLikeAws() {
    assertThatThrownBy(() -> decodeJson("{\"Name\":\"a\",\"Count\":100000000000}"))
        .hasMessage("1 validation error detected: Value '2147483647' at 'count' failed to satisfy constraint: "
            + "Member must have value less than or equal to 10");
    assertThat(decodeJson("{\"Name\":\"a\",\"Count\":2.99}").count()).isEqualTo(2);
  }

  @Test
  void malformedBodiesAreSerializationExceptionsWithoutMessage() {
    for (String body : new String[] {"hello", "true", "null", "[]", "{} x", "{\"a\":"}) {
      assertThatThrownBy(() -> JsonRpcCodec.parse(body.getBytes(UTF_8), WireFormat.JSON_1_1))
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
            assertThat(e.getMessage()).isNull();
          });
    }
    assertThatThrownBy(() -> JsonRpcCodec.parse(new byte[] {(byte) 0xff, 0x01}, WireFormat.CBOR_1_1))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void operationsWithoutInputTakeAnEmptyStructure() {
    assertThat(codec.decodeInput("NoInput", "{\"X\":1}".getBytes(UTF_8), WireFormat.JSON_1_0, TestModels.Empty.class))
        .isNotNull();
  }

  private void assertSerialization(String body, String message) {
    assertThatThrownBy(() -> decodeJson(body))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }
}
