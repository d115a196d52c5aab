package io.rivulet.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Validation wording, against the small test model and the real Kinesis model. */
class ShapeValidatorTest {
  private static final String PREFIX1 = "1 validation error detected: ";
  private final JsonRpcCodec small = new JsonRpcCodec(TestModels.small());
  private final JsonRpcCodec kinesis = new JsonRpcCodec(TestModels.kinesis());

  private static void assertValidation(JsonRpcCodec codec, String operation, String body, String message) {
    JsonNode tree = JsonRpcCodec.parse(body.getBytes(UTF_8), WireFormat.JSON_1_1);
    assertThatThrownBy(() -> codec.readAndValidate(operation, tree, WireFormat.JSON_1_1))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(CommonError.VALIDATION);
          org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  private static void assertValid(JsonRpcCodec codec, String operation, String body) {
    JsonNode tree = JsonRpcCodec.parse(body.getBytes(UTF_8), WireFormat.JSON_1_1);
    assertThatCode(() -> codec.readAndValidate(operation, tree, WireFormat.JSON_1_1)).doesNotThrowAnyException();
  }

  @Test
  void createStreamStreamNameRules() {
    assertValidation(kinesis, "CreateStream", "{}",
        PREFIX1 + "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    assertValidation(kinesis, "CreateStream", "{\"StreamName\":\"a b\"}",
        PREFIX1 + "Value 'a b' at 'streamName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    assertValidation(kinesis, "CreateStream", "{\"StreamName\":\"\",\"ShardCount\":0}",
        "3 validation errors detected: "
            + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
            + "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
            + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    String name = "a".repeat(129);
    assertValidation(kinesis, "CreateStream", "{\"StreamName\":\"" + name + "\"}",
        PREFIX1 + "Value '" + name + "' at 'streamName' failed to satisfy constraint: "
            + "Member must have length less than or equal to 128");
    assertValidation(kinesis, "CreateStream", "{\"StreamName\":\"s\",\"StreamModeDetails\":{\"StreamMode\":\"X\"}}",
        PREFIX1 + "Value 'X' at 'streamModeDetails.streamMode' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    assertValidation(kinesis, "CreateStream", "{\"StreamName\":\"s\",\"StreamModeDetails\":{}}",
        PREFIX1 + "Value null at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must not be null");
    assertValid(kinesis, "CreateStream", "{\"StreamName\":\"s-1.x_y\",\"ShardCount\":2,\"Unknown\":true}");
  }

  @Test
  void putRecordsNestedPaths() {
    assertValidation(kinesis, "PutRecords", "{}",
        PREFIX1 + "Value null at 'records' failed to satisfy constraint: Member must not be null");
    assertValidation(kinesis, "PutRecords", "{\"StreamName\":\"s\",\"Records\":[]}",
        PREFIX1 + "Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assertValidation(kinesis, "PutRecords",
        "{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"\"},{\"PartitionKey\":\"\",\"Data\":\"\",\"ExplicitHashKey\":\"\"}]}",
        "2 validation errors detected: "
            + "Value '' at 'records.2.member.explicitHashKey' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); "
            + "Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 1");
    assertValidation(kinesis, "PutRecords", "{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"p\"}]}",
        PREFIX1 + "Value null at 'records.1.member.data' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void blobValuesPrintAsJavaByteBuffers() {
    String data = java.util.Base64.getEncoder().encodeToString(new byte[10485761]);
    assertValidation(kinesis, "PutRecords",
        "{\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}]}",
        PREFIX1 + "Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]' at 'records.1.member.data' "
            + "failed to satisfy constraint: Member must have length less than or equal to 10485760");
  }

  @Test
  void tooManyRecordsPrintsEntriesAndStopsAtTenErrors() {
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < 501; i++) {
      records.append(i == 0 ? "" : ",").append("{\"PartitionKey\":\"\",\"Data\":\"\"}");
    }
    JsonNode tree = JsonRpcCodec.parse(("{\"Records\":[" + records + "]}").getBytes(UTF_8), WireFormat.JSON_1_1);
    assertThatThrownBy(() -> kinesis.readAndValidate("PutRecords", tree, WireFormat.JSON_1_1))
        .hasMessageStartingWith("10 validation errors detected: Value '[com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@")
        .hasMessageContaining("]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; "
            + "Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; ")
        .hasMessageEndingWith("Value '' at 'records.9.member.partitionKey' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 1");
  }

  @Test
  void getShardIteratorEnumAndSequenceNumber() {
    assertValidation(kinesis, "GetShardIterator", "{\"StreamName\":\"s\"}",
        "2 validation errors detected: "
            + "Value null at 'shardId' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null");
    assertValidation(kinesis, "GetShardIterator",
        "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"FIRST\",\"StartingSequenceNumber\":\"01\"}",
        "2 validation errors detected: "
            + "Value 'FIRST' at 'shardIteratorType' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]; "
            + "Value '01' at 'startingSequenceNumber' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
    assertValid(kinesis, "GetShardIterator",
        "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1.5}");
  }

  @Test
  void mapAndListMemberConstraintsAreReportedOnTheContainer() {
    assertValidation(kinesis, "AddTagsToStream", "{\"StreamName\":\"s\",\"Tags\":{}}",
        PREFIX1 + "Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assertValidation(kinesis, "AddTagsToStream", "{\"StreamName\":\"s\",\"Tags\":{\"\":\"v\"}}",
        PREFIX1 + "Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
            + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
    String longValue = "v".repeat(257);
    assertValidation(kinesis, "AddTagsToStream", "{\"StreamName\":\"s\",\"Tags\":{\"k\":\"" + longValue + "\"}}",
        PREFIX1 + "Value '{k=" + longValue + "}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: "
            + "[Member must have length less than or equal to 256, Member must have length greater than or equal to 0]");
    assertValidation(kinesis, "RemoveTagsFromStream", "{\"StreamName\":\"s\",\"TagKeys\":[\"a\",\"\"]}",
        PREFIX1 + "Value '[a, ]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
  }

  @Test
  void smallModelNestedStructuresAndMaps() {
    assertValidation(small, "Echo", "{\"Name\":\"a\",\"Inner\":{\"Deep\":{\"Mode\":\"C\"}}}",
        PREFIX1 + "Value 'C' at 'inner.deep.mode' failed to satisfy constraint: Member must satisfy enum value set: [A, B]");
    assertValidation(small, "Echo", "{\"Name\":\"a\",\"Groups\":{\"g\":{}}}",
        PREFIX1 + "Value null at 'groups.g.key' failed to satisfy constraint: Member must not be null");
    assertValidation(small, "Echo", "{\"Name\":\"a\",\"Payload\":\"AQIDBAU=\",\"Big\":-1}",
        "2 validation errors detected: "
            + "Value '-1' at 'big' failed to satisfy constraint: Member must have value greater than or equal to 0; "
            + "Value 'java.nio.HeapByteBuffer[pos=0 lim=5 cap=5]' at 'payload' failed to satisfy constraint: "
            + "Member must have length less than or equal to 4");
  }
}
