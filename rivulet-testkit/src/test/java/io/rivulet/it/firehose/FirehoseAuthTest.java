package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose with {@code --auth}: signatures are verified for the signing name {@code firehose} and
 * every call is authorised on its delivery stream's ARN
 * ({@code arn:aws:firehose:<region>:<account>:deliverystream/<name>}), with AWS's errors.
 */
class FirehoseAuthTest {
  static final String ACCOUNT = "111122223333";
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAFHADMINAAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAFHPRODUCERAAAAAA", "secretAccessKey": "producer-secret",
          "account": "111122223333", "user": "producer", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["firehose:PutRecord", "firehose:PutRecordBatch", "firehose:DescribeDeliveryStream"],
              "Resource": "arn:aws:firehose:us-east-1:111122223333:deliverystream/app-*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);

  static FirehoseClient client(URI endpoint, String key, String secret) {
    return FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static Record record(String s) {
    return Record.builder().data(SdkBytes.fromUtf8String(s)).build();
  }

  @Test
  void callsAreAuthorisedOnTheDeliveryStreamArn() {
    try (FirehoseClient admin = client(rivulet.endpoint(), "AKIAFHADMINAAAAAAAAA", "admin-secret");
        FirehoseClient producer = client(rivulet.endpoint(), "AKIAFHPRODUCERAAAAAA", "producer-secret")) {
      for (String name : new String[] {"app-clicks", "billing"}) {
        assertThat(admin.createDeliveryStream(b -> b.deliveryStreamName(name)
            .extendedS3DestinationConfiguration(s3("b", 5, 300))).deliveryStreamARN())
            .isEqualTo("arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/" + name);
      }
      assertThat(producer.putRecord(b -> b.deliveryStreamName("app-clicks").record(record("ok")))
          .recordId()).isNotBlank();
      assertThat(producer.putRecordBatch(b -> b.deliveryStreamName("app-clicks")
          .records(record("a"), record("b"))).failedPutCount()).isZero();

      var denied = error(() -> producer.putRecord(b -> b.deliveryStreamName("billing").record(record("no"))));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.statusCode()).isEqualTo(400);
      assertThat(denied.awsErrorDetails().errorMessage())
          .contains("arn:aws:iam::" + ACCOUNT + ":user/producer")
          .contains("firehose:PutRecord")
          .contains("arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/billing");
      assertThat(error(() -> producer.createDeliveryStream(b -> b.deliveryStreamName("app-new")
          .extendedS3DestinationConfiguration(s3("b", 5, 300)))).awsErrorDetails().errorCode())
          .isEqualTo("AccessDeniedException");
      assertThat(error(() -> producer.listDeliveryStreams(b -> b.limit(10))).awsErrorDetails()
          .errorCode()).isEqualTo("AccessDeniedException");
    }
  }

  @Test
  void aWrongSecretOrAnUnknownKeyIsRefused() {
    try (FirehoseClient wrong = client(rivulet.endpoint(), "AKIAFHADMINAAAAAAAAA", "not-the-secret");
        FirehoseClient unknown = client(rivulet.endpoint(), "AKIAFHNOBODYAAAAAAAA", "x")) {
      assertThat(error(() -> wrong.listDeliveryStreams(b -> b.limit(1))).awsErrorDetails().errorCode())
          .isEqualTo("InvalidSignatureException");
      assertThat(error(() -> unknown.listDeliveryStreams(b -> b.limit(1))).awsErrorDetails().errorCode())
          .isEqualTo("UnrecognizedClientException");
    }
  }
}
