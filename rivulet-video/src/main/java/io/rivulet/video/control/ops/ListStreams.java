package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * ListStreams: the account's streams in the region by name, optionally those whose name begins
 * with a prefix, a page of MaxResults (default and most 10,000) and a NextToken to go on from.
 */
public final class ListStreams extends StreamOperation<ListStreams.Input, ListStreams.Output> {
  static final int DEFAULT_MAX = 10_000;

  public record NameCondition(String comparisonOperator, String comparisonValue) {}

  public record Input(Integer maxResults, String nextToken, NameCondition streamNameCondition) {}

  public record Output(List<StreamInfo> streamInfoList, String nextToken) {}

  public ListStreams(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    int max = in.maxResults() == null ? DEFAULT_MAX : in.maxResults();
    String after = in.nextToken() == null || in.nextToken().isEmpty() ? null : decode(in.nextToken());
    String prefix = in.streamNameCondition() == null ? null
        : in.streamNameCondition().comparisonValue();
    long now = streams.clockMillis();
    List<StreamInfo> page = new ArrayList<>();
    String next = null;
    for (StreamMeta m : streams.list(call.accountId(), call.region())) {
      if ((after != null && m.name().compareTo(after) <= 0)
          || (prefix != null && !m.name().startsWith(prefix))) {
        continue;
      }
      if (page.size() == max) {
        next = encode(page.get(page.size() - 1).streamName());
        break;
      }
      page.add(StreamInfo.of(m, now));
    }
    return new Output(page, next);
  }

  /** A page token: the last name returned, base64 (the model's token alphabet). */
  static String encode(String lastName) {
    return Base64.getEncoder().encodeToString(("v1:" + lastName).getBytes(StandardCharsets.UTF_8));
  }

  /** The last name a token names; InvalidArgumentException if it is not one of ours. */
  static String decode(String token) {
    try {
      String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("v1:") && s.length() > 3) {
        return s.substring(3);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw VideoError.INVALID_ARGUMENT.with("NextToken " + token + " is not valid.");
  }
}
