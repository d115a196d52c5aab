package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code rivulet firehose create NAME}: the common delivery streams from flags (S3, or an HTTP
 * endpoint with an S3 bucket for failed data; buffering hints, prefixes, compression; DirectPut or
 * a data stream as the source), any other from {@code --config FILE}, a CreateDeliveryStream input
 * in the AWS shape (as {@code aws firehose create-delivery-stream --cli-input-json} takes it).
 * Flags and the file become one request, checked against the SDK's model before it is sent; then
 * it waits until the delivery stream is ACTIVE and describes it.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Create a delivery stream and wait until it is ACTIVE.",
        "Destination: --s3-bucket (S3), --http-url with --s3-bucket for failed data (HTTP endpoint),"
            + " or --config FILE for any destination (a CreateDeliveryStream input in the AWS shape)."})
final class FirehoseCreate implements Callable<Integer> {
  static final String DEFAULT_ROLE = "arn:aws:iam::000000000000:role/rivulet-firehose";

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--s3-bucket", paramLabel = "BUCKET",
      description = "S3 bucket (name or ARN): the destination, or with --http-url where failed data goes.")
  String bucket;
  @Option(names = "--prefix", description = "S3 key prefix (Firehose's default: YYYY/MM/dd/HH/).") String prefix;
  @Option(names = "--error-prefix", description = "S3 key prefix for records that failed.") String errorPrefix;
  @Option(names = "--buffer-mb", paramLabel = "MIB", description = "Deliver once this many MiB are buffered (1-128; default 5).")
  Integer bufferMb;
  @Option(names = "--buffer-seconds", paramLabel = "SECONDS", description = "...or once the oldest record is this old (0-900; default 300).")
  Integer bufferSeconds;
  @Option(names = "--compression", paramLabel = "FORMAT",
      description = "UNCOMPRESSED (default), GZIP, ZIP, Snappy or HADOOP_SNAPPY.")
  String compression;
  @Option(names = "--http-url", paramLabel = "URL", description = "HTTP endpoint destination (Firehose's HTTP request spec).")
  String httpUrl;
  @Option(names = "--http-name", description = "The HTTP endpoint's display name.") String httpName;
  @Option(names = "--http-access-key", paramLabel = "KEY", description = "Sent as X-Amz-Firehose-Access-Key.")
  String httpAccessKey;
  @Option(names = "--source-stream", paramLabel = "STREAM",
      description = "Read this data stream (name or ARN) instead of taking PutRecord calls.")
  String sourceStream;
  @Option(names = "--role-arn", description = "IAM role in the configuration (default: ${DEFAULT-VALUE}; Rivulet does not check it).",
      defaultValue = DEFAULT_ROLE)
  String roleArn;
  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
  Map<String, String> tags = new LinkedHashMap<>();
  @Option(names = "--config", paramLabel = "FILE",
      description = "A CreateDeliveryStream input in the AWS shape (JSON), for any destination and setting.")
  Path config;
  @Option(names = "--no-wait", description = "Return at once, while the delivery stream is CREATING.") boolean noWait;

  @Override
  public Integer call() throws InterruptedException {
    ObjectNode input = config != null ? fromFile() : fromFlags();
    input.put("DeliveryStreamName", name);
    if (!tags.isEmpty()) {
      ArrayNode list = input.withArray("Tags");
      tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    }
    try (FirehoseClient f = client.firehose()) {
      if (sourceStream != null) {
        if (input.has("KinesisStreamSourceConfiguration")) {
          throw CliError.input("--source-stream and the KinesisStreamSourceConfiguration of " + config
              + " both give a source; keep one");
        }
        input.put("DeliveryStreamType", "KinesisStreamAsSource");
        input.putObject("KinesisStreamSourceConfiguration")
            .put("KinesisStreamARN", streamArn(sourceStream)).put("RoleARN", roleArn);
      }
      CreateDeliveryStreamRequest request;
      try {
        request = SdkJson.fromJson(input, CreateDeliveryStreamRequest::builder, "");
      } catch (SdkJson.ShapeException e) {
        throw CliError.input((config != null ? config + ": " : "") + e.getMessage());
      }
      f.createDeliveryStream(request);
      System.err.print("creating " + name);
      if (!noWait) {
        DeliveryStreamDescription d = FirehoseCommand.awaitLeaving(f, name, DeliveryStreamStatus.CREATING);
        if (d.deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE) {
          throw new CliError(1, name + " is " + d.deliveryStreamStatusAsString()
              + (d.failureDescription() == null ? "" : ": " + d.failureDescription().details()));
        }
      } else {
        System.err.println();
      }
      FirehoseCommand.print(f, name, client.json());
    }
    return 0;
  }

  private ObjectNode fromFile() {
    List<String> flags = destinationFlags();
    if (!flags.isEmpty()) {
      throw CliError.input("--config gives the whole configuration: put what " + String.join(", ", flags)
          + " would set in the file instead");
    }
    JsonNode json;
    try {
      json = SdkJson.MAPPER.readTree(Files.readString(config));
    } catch (NoSuchFileException e) {
      throw CliError.input("--config " + config + ": no such file");
    } catch (IOException e) {
      throw CliError.input("--config " + config + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (json == null || !json.isObject()) {
      throw CliError.input("--config " + config + ": expected a JSON object (a CreateDeliveryStream input)");
    }
    JsonNode named = json.get("DeliveryStreamName");
    if (named != null && !named.asText().equals(name)) {
      throw CliError.input("--config " + config + " names the delivery stream " + named + ", not \"" + name + "\"");
    }
    return (ObjectNode) json;
  }

  private List<String> destinationFlags() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("--s3-bucket", bucket);
    given.put("--prefix", prefix);
    given.put("--error-prefix", errorPrefix);
    given.put("--buffer-mb", bufferMb);
    given.put("--buffer-seconds", bufferSeconds);
    given.put("--compression", compression);
    given.put("--http-url", httpUrl);
    given.put("--http-name", httpName);
    given.put("--http-access-key", httpAccessKey);
    given.put("--role-arn", roleArn.equals(DEFAULT_ROLE) ? null : roleArn);
    return given.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
  }

  /** ExtendedS3, or HTTP endpoint with S3 for failed data, from the flags. */
  private ObjectNode fromFlags() {
    if (bucket == null) {
      throw CliError.input(httpUrl != null
          ? "--http-url needs --s3-bucket too: Firehose keeps the records it cannot deliver in S3"
          : "no destination: give --s3-bucket BUCKET, --http-url URL --s3-bucket BUCKET, or --config FILE");
    }
    ObjectNode input = SdkJson.MAPPER.createObjectNode();
    ObjectNode s3 = SdkJson.MAPPER.createObjectNode()
        .put("RoleARN", roleArn)
        .put("BucketARN", bucket.startsWith("arn:") ? bucket : "arn:aws:s3:::" + bucket);
    putIfSet(s3, "Prefix", prefix);
    putIfSet(s3, "ErrorOutputPrefix", errorPrefix);
    putIfSet(s3, "CompressionFormat", compression == null ? null : compressionFormat(compression));
    if (httpUrl == null) {
      hints(s3);
      input.set("ExtendedS3DestinationConfiguration", s3);
      return input;
    }
    ObjectNode http = input.putObject("HttpEndpointDestinationConfiguration");
    ObjectNode endpoint = http.putObject("EndpointConfiguration").put("Url", httpUrl);
    putIfSet(endpoint, "Name", httpName);
    putIfSet(endpoint, "AccessKey", httpAccessKey);
    hints(http);
    http.put("RoleARN", roleArn);
    http.put("S3BackupMode", "FailedDataOnly");
    http.set("S3Configuration", s3);
    return input;
  }

  private void hints(ObjectNode destination) {
    if (bufferMb != null || bufferSeconds != null) {
      ObjectNode h = destination.putObject("BufferingHints");
      if (bufferMb != null) {
        h.put("SizeInMBs", bufferMb);
      }
      if (bufferSeconds != null) {
        h.put("IntervalInSeconds", bufferSeconds);
      }
    }
  }

  /** The format's name as Firehose spells it, matched without regard to case. */
  static String compressionFormat(String given) {
    for (CompressionFormat c : CompressionFormat.knownValues()) {
      if (c.toString().equalsIgnoreCase(given)) {
        return c.toString();
      }
    }
    throw CliError.input("--compression " + given + ": expected one of "
        + String.join(", ", CompressionFormat.knownValues().stream().map(String::valueOf).sorted().toList()));
  }

  private static void putIfSet(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  /** A data stream's ARN: given as one, or looked up by name (so a missing stream is named here). */
  private String streamArn(String stream) {
    if (stream.startsWith("arn:")) {
      return stream;
    }
    try (KinesisClient k = client.kinesis()) {
      return k.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
    }
  }
}
