package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.RivuletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * kinesisanalyticsv2 with {@code --auth}: signatures verified for the signing name
 * {@code kinesisanalytics}, every call authorised on its application's ARN
 * ({@code arn:aws:kinesisanalytics:<region>:<account>:application/<name>}), with AWS's errors.
 */
@SuppressWarnings("unchecked") // the SDK builders take varargs of consumers
class AnalyticsAuthTest {
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAKAADMINAAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAKAOPERATORAAAAAA", "secretAccessKey": "operator-secret",
          "account": "111122223333", "user": "operator", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kinesisanalytics:DescribeApplication", "kinesisanalytics:TagResource"],
              "Resource": "arn:aws:kinesisanalytics:us-east-1:111122223333:application/team-*"}]}]}]}
      """;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);

  static KinesisAnalyticsV2Client client(String key, String secret) {
    return KinesisAnalyticsV2Client.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void callsAreAuthorisedOnTheApplicationArn() {
    try (KinesisAnalyticsV2Client admin = client("AKIAKAADMINAAAAAAAAA", "admin-secret");
        KinesisAnalyticsV2Client operator = client("AKIAKAOPERATORAAAAAA", "operator-secret");
        KinesisAnalyticsV2Client stranger = client("AKIAKAOPERATORAAAAAA", "wrong-secret")) {
      for (String name : new String[] {"team-a", "billing"}) {
        assertThat(admin.createApplication(r -> r.applicationName(name).runtimeEnvironment("FLINK-2_2")
            .serviceExecutionRole("arn:aws:iam::111122223333:role/r")).applicationDetail()
            .applicationARN()).isEqualTo("arn:aws:kinesisanalytics:us-east-1:111122223333:application/" + name);
      }
      assertThat(operator.describeApplication(r -> r.applicationName("team-a")).applicationDetail()
          .applicationName()).isEqualTo("team-a");
      operator.tagResource(r -> r.resourceARN(
          "arn:aws:kinesisanalytics:us-east-1:111122223333:application/team-a").tags(t -> t.key("k").value("v")));
      assertThatThrownBy(() -> operator.describeApplication(r -> r.applicationName("billing")))
          .isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
              .isEqualTo("AccessDeniedException"))
          .hasMessageContaining("kinesisanalytics:DescribeApplication")
          .hasMessageContaining("application/billing");
      assertThatThrownBy(() -> operator.startApplication(r -> r.applicationName("team-a")))
          .isInstanceOf(AwsServiceException.class).hasMessageContaining("is not authorized to perform");
      assertThatThrownBy(() -> operator.listApplications(r -> r.limit(5)))
          .isInstanceOf(AwsServiceException.class).hasMessageContaining("is not authorized to perform");
      assertThatThrownBy(() -> stranger.listApplications(r -> r.limit(5)))
          .isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
              .isEqualTo("InvalidSignatureException"));
    }
  }
}
