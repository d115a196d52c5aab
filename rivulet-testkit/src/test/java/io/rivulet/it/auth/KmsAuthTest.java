package io.rivulet.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS subset under {@code --auth}: signed for {@code kms}, authorised as {@code
 * kms:<Operation>} on the key ARN (an alias resolved to its key), CreateKey on {@code *}.
 */
class KmsAuthTest {
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAKMSADMINAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAKMSREADERAAAAAAA", "secretAccessKey": "reader-secret",
          "account": "111122223333", "user": "reader", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kms:DescribeKey", "kms:ListKeys"], "Resource": "*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);

  static KmsClient client(String key, String secret) {
    return KmsClient.builder().endpointOverride(rivulet.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void keyOperationsAreAuthorisedOnTheKeyArn() {
    try (KmsClient admin = client("AKIAKMSADMINAAAAAAAA", "admin-secret");
        KmsClient reader = client("AKIAKMSREADERAAAAAAA", "reader-secret");
        KmsClient wrong = client("AKIAKMSADMINAAAAAAAA", "not-the-secret")) {
      String arn = admin.createKey(b -> { }).keyMetadata().arn();
      assertThat(arn).startsWith("arn:aws:kms:us-east-1:111122223333:key/");
      admin.createAlias(b -> b.aliasName("alias/app").targetKeyId(arn));
      assertThat(reader.describeKey(b -> b.keyId("alias/app")).keyMetadata().arn()).isEqualTo(arn);
      AwsServiceException denied = catchThrowableOfType(AwsServiceException.class,
          () -> reader.rotateKeyOnDemand(b -> b.keyId("alias/app")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.awsErrorDetails().errorMessage())
          .contains("arn:aws:iam::111122223333:user/reader", "kms:RotateKeyOnDemand", arn);
      assertThat(catchThrowableOfType(AwsServiceException.class, () -> reader.createKey(b -> { }))
          .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(catchThrowableOfType(AwsServiceException.class, () -> wrong.listKeys(b -> { }))
          .awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    }
  }
}
