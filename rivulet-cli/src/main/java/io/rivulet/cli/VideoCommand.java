package io.rivulet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;

/**
 * {@code rivulet video create|list|describe|delete}: Kinesis Video Streams streams over the SDK's
 * KinesisVideoClient. {@code describe --output json} prints the DescribeStream response as the
 * AWS CLI does.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
    description = "Manage Kinesis Video Streams streams.",
    subcommands = {VideoCommand.Create.class, VideoCommand.ListStreams.class,
        VideoCommand.Describe.class, VideoCommand.Delete.class})
final class VideoCommand {
  private VideoCommand() {}

  static Output table() {
    return new Output("name", "status", "media_type", "retention_hours", "created", "arn");
  }

  static void row(Output out, StreamInfo s) {
    out.row(s.streamName(), s.statusAsString(), s.mediaType() == null ? "-" : s.mediaType(),
        s.dataRetentionInHours(), String.valueOf(s.creationTime()), s.streamARN());
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a video stream.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--retention-hours", defaultValue = "24",
        description = "Hours of media kept (0: none, live only; default: 24).")
    int retentionHours;
    @Option(names = "--media-type", description = "e.g. video/h264 or video/h264,audio/aac.")
    String mediaType;
    @Option(names = "--device-name", description = "The producing device's name.")
    String deviceName;
    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
    List<String> tags;

    @Override
    public Integer call() {
      Map<String, String> tagMap = new LinkedHashMap<>();
      for (String t : tags == null ? List.<String>of() : tags) {
        int eq = t.indexOf('=');
        if (eq <= 0) {
          throw CliError.input("--tag wants KEY=VALUE, not " + t);
        }
        tagMap.put(t.substring(0, eq), t.substring(eq + 1));
      }
      try (KinesisVideoClient v = client.kinesisVideo()) {
        String arn = v.createStream(b -> b.streamName(name).dataRetentionInHours(retentionHours)
            .mediaType(mediaType).deviceName(deviceName).tags(tagMap.isEmpty() ? null : tagMap))
            .streamARN();
        System.out.println(arn);
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List video streams.")
  static final class ListStreams implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--prefix", description = "Only streams whose name begins with this.")
    String prefix;

    @Override
    public Integer call() {
      try (KinesisVideoClient v = client.kinesisVideo()) {
        Output out = table();
        v.listStreamsPaginator(b -> {
          if (prefix != null) {
            b.streamNameCondition(c -> c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
                .comparisonValue(prefix));
          }
        }).streamInfoList().forEach(s -> row(out, s));
        out.print(System.out, client.json());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Show a video stream and its tags (--output json: the DescribeStream response).")
  static final class Describe implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws JsonProcessingException {
      try (KinesisVideoClient v = client.kinesisVideo()) {
        DescribeStreamResponse r = v.describeStream(b -> b.streamName(name));
        if (client.json()) {
          SdkJson.printIndented(r);
          return 0;
        }
        StreamInfo s = r.streamInfo();
        Output out = new Output("name", "status", "media_type", "device", "retention_hours",
            "version", "created", "arn");
        out.row(s.streamName(), s.statusAsString(), s.mediaType() == null ? "-" : s.mediaType(),
            s.deviceName() == null ? "-" : s.deviceName(), s.dataRetentionInHours(), s.version(),
            String.valueOf(s.creationTime()), s.streamARN());
        out.print(System.out, false);
        Map<String, String> tags = v.listTagsForStream(b -> b.streamName(name)).tags();
        if (!tags.isEmpty()) {
          System.out.println();
          Output t = new Output("tag", "value");
          tags.forEach(t::row);
          t.print(System.out, false);
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a video stream and its media.")
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (KinesisVideoClient v = client.kinesisVideo()) {
        String arn = v.describeStream(b -> b.streamName(name)).streamInfo().streamARN();
        v.deleteStream(b -> b.streamARN(arn));
        System.err.println("deleted " + name);
      }
      return 0;
    }
  }
}
