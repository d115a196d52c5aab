package io.rivulet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialScopeTest {
  @Test
  void twelveDigitKeysSelectTheAccount() {
    assertThat(CredentialScope.parse("123456789012/20261125/us-west-2/kinesis/aws4_request"))
        .isEqualTo(new CredentialScope("123456789012", "123456789012", "us-west-2"));
    assertThat(CredentialScope.parse("AKIDEXAMPLE/20261125/eu-central-1/kinesis/aws4_request").accountId())
        .isEqualTo("000000000000");
    assertThat(CredentialScope.parse("1234/x").region()).isEqualTo("us-east-1");
    assertThat(CredentialScope.parse(null).accountId()).isEqualTo("000000000000");
  }

  @Test
  void readsHeaderThenQuery() {
    AwsRequest header = new AwsRequest("POST", "/", "", Map.of("authorization",
        "AWS4-HMAC-SHA256 Credential=000011112222/20261125/ap-south-1/kinesis/aws4_request,SignedHeaders=host,Signature=x"),
        new byte[0], "r");
    assertThat(CredentialScope.of(header).accountId()).isEqualTo("000011112222");
    assertThat(CredentialScope.of(header).region()).isEqualTo("ap-south-1");
    AwsRequest query = new AwsRequest("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
        + "AKID%2F20261125%2Fsa-east-1%2Fkinesis%2Faws4_request", Map.of(), new byte[0], "r");
    assertThat(CredentialScope.of(query).region()).isEqualTo("sa-east-1");
  }
}
