package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * {@code rivulet firehose create|list|describe|delete|put}: Firehose delivery streams. Tables show
 * each destination in one line (type, target, buffering hints, compression) whatever its kind,
 * read from the description in its AWS shape; {@code describe --output json} prints the
 * DescribeDeliveryStream response as the AWS CLI does.
 */
@Command(name = "firehose", mixinStandardHelpOptions = true,
    description = "Manage Firehose delivery streams and put records into them.",
    subcommands = {FirehoseCreate.class, FirehoseCommand.ListStreams.class,
        FirehoseCommand.Describe.class, FirehoseCommand.Delete.class, FirehosePut.class})
final class FirehoseCommand {
  private static final String SUFFIX = "DestinationDescription";

  private FirehoseCommand() {}

  /** One destination of a delivery stream, as the tables show it. */
  record Destination(String id, String type, String target, String buffering, String compression) {}

  static DeliveryStreamDescription describe(FirehoseClient f, String name) {
    return f.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
  }

  /** Waits while the delivery stream is {@code from}, printing progress dots to stderr. */
  static DeliveryStreamDescription awaitLeaving(FirehoseClient f, String name, DeliveryStreamStatus from)
      throws InterruptedException {
    DeliveryStreamDescription d;
    while ((d = describe(f, name)).deliveryStreamStatus() == from) {
      System.err.print(".");
      Thread.sleep(200);
    }
    System.err.println();
    return d;
  }

  /** "DirectPut", or the source data stream's name for KinesisStreamAsSource. */
  static String source(DeliveryStreamDescription d) {
    if (d.source() != null && d.source().kinesisStreamSourceDescription() != null) {
      String arn = d.source().kinesisStreamSourceDescription().kinesisStreamARN();
      return "kinesis:" + arn.substring(arn.indexOf(":stream/") + ":stream/".length());
    }
    return d.deliveryStreamTypeAsString();
  }

  /**
   * Every destination of the description, whatever its kind. (An ExtendedS3 destination is
   * described twice, as ExtendedS3 and as S3: the S3 description counts only when alone.)
   */
  static List<Destination> destinations(DeliveryStreamDescription d) {
    List<Destination> out = new ArrayList<>();
    for (var dest : d.destinations()) {
      Map.Entry<String, JsonNode> kind = null;
      for (Map.Entry<String, JsonNode> e : SdkJson.toJson(dest).properties()) {
        if (e.getKey().endsWith(SUFFIX) && (kind == null || kind.getKey().equals("S3" + SUFFIX))) {
          kind = e;
        }
      }
      if (kind != null) {
        String type = kind.getKey().substring(0, kind.getKey().length() - SUFFIX.length());
        out.add(destination(dest.destinationId(), type, kind.getValue()));
      }
    }
    return out;
  }

  private static Destination destination(String id, String type, JsonNode c) {
    JsonNode s3 = c.path("S3DestinationDescription");
    JsonNode hints = c.has("BufferingHints") ? c.path("BufferingHints") : s3.path("BufferingHints");
    String buffering = hints.isMissingNode() ? "-"
        : hints.path("SizeInMBs").asText("?") + " MiB / " + hints.path("IntervalInSeconds").asText("?") + " s";
    String compression = c.has("CompressionFormat") ? c.path("CompressionFormat").asText()
        : c.at("/RequestConfiguration/ContentEncoding").asText("-"); // HTTP endpoints
    return new Destination(id, type.equals("ExtendedS3") ? "S3" : type, target(c), buffering, compression);
  }

  /** Where a destination delivers: s3://bucket/prefix, a URL, a JDBC URL, an index, … */
  private static String target(JsonNode c) {
    if (c.has("BucketARN")) {
      return "s3://" + c.path("BucketARN").asText().replaceFirst("^arn:[^:]+:s3:::", "") + "/"
          + c.path("Prefix").asText("");
    }
    for (String path : List.of("/EndpointConfiguration/Url", "/ClusterJDBCURL", "/HECEndpoint",
        "/ClusterEndpoint", "/DomainARN", "/CollectionEndpoint", "/AccountUrl", "/CatalogConfiguration/CatalogARN")) {
      JsonNode v = c.at(path);
      if (v.isTextual()) {
        String index = c.path("IndexName").asText(c.path("CopyCommand").path("DataTableName").asText(""));
        return index.isEmpty() ? v.asText() : v.asText() + " (" + index + ")";
      }
    }
    return "-";
  }

  static String buffering(List<Destination> ds) {
    return ds.isEmpty() ? "-" : ds.get(0).buffering();
  }

  static String types(List<Destination> ds) {
    return ds.isEmpty() ? "-" : String.join(",", ds.stream().map(Destination::type).toList());
  }

  /** The description as tables (stream, then destinations), or the response as JSON. */
  static void print(FirehoseClient f, String name, boolean json) {
    DescribeDeliveryStreamResponse r = f.describeDeliveryStream(b -> b.deliveryStreamName(name));
    if (json) {
      SdkJson.printIndented(r);
      return;
    }
    DeliveryStreamDescription d = r.deliveryStreamDescription();
    new Output("name", "status", "source", "version", "encryption", "created", "arn")
        .row(d.deliveryStreamName(), d.deliveryStreamStatusAsString(), source(d), d.versionId(),
            d.deliveryStreamEncryptionConfiguration() == null ? "-"
                : d.deliveryStreamEncryptionConfiguration().statusAsString(),
            d.createTimestamp(), d.deliveryStreamARN())
        .print(System.out, false);
    if (d.failureDescription() != null) {
      System.out.println("failure: " + d.failureDescription().typeAsString() + ": "
          + d.failureDescription().details());
    }
    System.out.println();
    Output dests = new Output("destination", "type", "target", "buffering", "compression");
    for (Destination dest : destinations(d)) {
      dests.row(dest.id(), dest.type(), dest.target(), dest.buffering(), dest.compression());
    }
    dests.print(System.out, false);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List delivery streams.")
  static final class ListStreams implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--type", description = "Only DirectPut or KinesisStreamAsSource delivery streams.")
    String type;

    @Override
    public Integer call() {
      try (FirehoseClient f = client.firehose()) {
        Output out = new Output("name", "status", "source", "destination", "buffering", "created");
        for (String name : names(f)) {
          DeliveryStreamDescription d;
          try {
            d = describe(f, name);
          } catch (ResourceNotFoundException deletedMeanwhile) {
            continue;
          }
          List<Destination> ds = destinations(d);
          out.row(name, d.deliveryStreamStatusAsString(), source(d), types(ds), buffering(ds),
              String.valueOf(d.createTimestamp()));
        }
        out.print(System.out, client.json());
      }
      return 0;
    }

    private List<String> names(FirehoseClient f) {
      List<String> names = new ArrayList<>();
      ListDeliveryStreamsResponse page;
      do {
        String after = names.isEmpty() ? null : names.get(names.size() - 1);
        page = f.listDeliveryStreams(b -> b.limit(100).deliveryStreamType(type)
            .exclusiveStartDeliveryStreamName(after));
        names.addAll(page.deliveryStreamNames());
      } while (Boolean.TRUE.equals(page.hasMoreDeliveryStreams()) && !page.deliveryStreamNames().isEmpty());
      return names;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Show a delivery stream and its destinations (--output json: the DescribeDeliveryStream response).")
  static final class Describe implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (FirehoseClient f = client.firehose()) {
        print(f, name, client.json());
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a delivery stream.")
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--wait", description = "Wait until it is gone.") boolean await;

    @Override
    public Integer call() throws InterruptedException {
      try (FirehoseClient f = client.firehose()) {
        f.deleteDeliveryStream(b -> b.deliveryStreamName(name));
        System.err.print("deleting " + name);
        if (!await) {
          System.err.println();
          return 0;
        }
        try {
          awaitLeaving(f, name, DeliveryStreamStatus.DELETING);
        } catch (ResourceNotFoundException gone) {
          System.err.println(" deleted");
        }
      }
      return 0;
    }
  }
}
