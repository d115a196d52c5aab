package io.rivulet.cli;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kms.KmsClient;
import picocli.CommandLine.Option;

/**
 * Where and as whom the user verbs connect, as the AWS CLI does: {@code --endpoint-url} (default:
 * {@code AWS_ENDPOINT_URL}, else the local server), {@code --region} (default: {@code AWS_REGION}
 * / {@code AWS_DEFAULT_REGION}, else us-east-1), credentials from the usual AWS chain
 * (environment, profiles), falling back to a local placeholder (Rivulet accepts any signature
 * unless started with --auth), and {@code --output table|json}.
 */
final class ClientOptions {
  @Option(names = "--endpoint-url", description = "Endpoint (default: $AWS_ENDPOINT_URL or http://127.0.0.1:4567).")
  String endpoint;

  @Option(names = "--region", description = "Region (default: $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1).")
  String region;

  /** How results are printed. */
  enum Format { TABLE, JSON }

  @Option(names = "--output", defaultValue = "table", description = "table or json (default: table).")
  Format output;

  URI endpoint() {
    String e = endpoint != null ? endpoint : System.getenv("AWS_ENDPOINT_URL");
    return URI.create(e != null ? e : "http://127.0.0.1:4567");
  }

  Region region() {
    String r = region != null ? region : System.getenv("AWS_REGION");
    r = r != null ? r : System.getenv("AWS_DEFAULT_REGION");
    return Region.of(r != null ? r : "us-east-1");
  }

  boolean json() {
    return output == Format.JSON;
  }

  KinesisClient kinesis() {
    return build(KinesisClient.builder());
  }

  FirehoseClient firehose() {
    return build(FirehoseClient.builder());
  }

  KinesisAnalyticsV2Client analytics() {
    return build(KinesisAnalyticsV2Client.builder());
  }

  KinesisVideoClient kinesisVideo() {
    return build(KinesisVideoClient.builder());
  }

  KmsClient kms() {
    return build(KmsClient.builder());
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    return builder.endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  private static AwsCredentialsProvider credentials() {
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(DefaultCredentialsProvider.builder().build(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }
}
