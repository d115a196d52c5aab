package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** TagResource, UntagResource, ListTagsForResource and the resource-policy operations. */
@ParameterizedClass
@EnumSource(WireMode.class)
class ResourceTagsAndPoliciesTest {
  static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
      + " \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\":"
      + " \"kinesis:GetRecords\", \"Resource\": \"*\"}]}";
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  String arn;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "res-" + mode.name().toLowerCase() + "-" + (++counter);
    arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    createActive(kinesis, stream, 1);
  }

  @Test
  void streamArnTagsShareTheStreamsTagsAndRules() {
    kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("team", "data", "env", "test")));
    kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("cost", "1")));
    assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).containsExactly(
        Tag.builder().key("cost").value("1").build(), Tag.builder().key("env").value("test").build(),
        Tag.builder().key("team").value("data").build());
    kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("env", "absent"));
    assertThat(kinesis.listTagsForStream(b -> b.streamName(stream)).tags())
        .extracting(Tag::key).containsExactly("cost", "team");

    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    assertError(error(() -> kinesis.tagResource(b -> b.resourceARN(arn).tags(many))),
        "InvalidArgumentException", 400, "Failed to add tags to stream " + stream + " under account"
            + " 000000000000 because a given stream cannot have more than 50 tags associated with it.");
    assertError(error(() -> kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("bad*key", "v")))),
        "InvalidArgumentException", 400, "Some tags contain invalid characters. Valid characters:"
            + " Unicode letters, digits, white space, _ . / = + - % @.");
    String missing = "arn:aws:kinesis:us-east-1:000000000000:stream/absent";
    assertError(error(() -> kinesis.listTagsForResource(b -> b.resourceARN(missing))),
        "ResourceNotFoundException", 400, "Stream absent under account 000000000000 not found.");
    String consumer = arn + "/consumer/c1:1700000000";
    assertError(error(() -> kinesis.tagResource(b -> b.resourceARN(consumer).tags(Map.of("k", "v")))),
        "ResourceNotFoundException", 400, "Consumer " + consumer + " not found.");
    assertError(error(() -> kinesis.listTagsForResource(b -> b.resourceARN(consumer))),
        "ResourceNotFoundException", 400, "Consumer " + consumer + " not found.");
  }

  @Test
  void policiesAreStoredVerbatimAndValidated() {
    assertError(error(() -> kinesis.getResourcePolicy(b -> b.resourceARN(arn))),
        "ResourceNotFoundException", 400, "No resource policy exists for resource " + arn + ".");
    kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy(POLICY));
    assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(POLICY);
    assertError(error(() -> kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy("{not json"))),
        "InvalidArgumentException", 400, "Policy is not a valid JSON policy document.");
    assertError(error(() -> kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy("{\"Statement\": []}"))),
        "InvalidArgumentException", 400, "Policy must contain the elements Version and Statement.");
    assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(POLICY);
    kinesis.deleteResourcePolicy(b -> b.resourceARN(arn));
    assertError(error(() -> kinesis.getResourcePolicy(b -> b.resourceARN(arn))),
        "ResourceNotFoundException", 400, "No resource policy exists for resource " + arn + ".");
    assertError(error(() -> kinesis.deleteResourcePolicy(b -> b.resourceARN(arn))),
        "ResourceNotFoundException", 400, "No resource policy exists for resource " + arn + ".");
    String consumer = arn + "/consumer/c1:1700000000";
    assertError(error(() -> kinesis.putResourcePolicy(b -> b.resourceARN(consumer).policy(POLICY))),
        "ResourceNotFoundException", 400, "Consumer " + consumer + " not found.");
  }
}
