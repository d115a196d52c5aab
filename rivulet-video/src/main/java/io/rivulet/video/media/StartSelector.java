package io.rivulet.video.media;

import io.rivulet.video.VideoException;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GetMedia's StartSelector and where it starts reading a stream, as Kinesis Video Streams
 * resolves it:
 *
 * <ul>
 *   <li>EARLIEST: the oldest stored fragment;
 *   <li>NOW: fragments persisted after the call (the newest stored one is not sent);
 *   <li>FRAGMENT_NUMBER: the fragments after AfterFragmentNumber (which need not be stored);
 *   <li>SERVER_TIMESTAMP / PRODUCER_TIMESTAMP: the first fragment (in fragment-number order) that
 *       contains StartTimestamp or starts after it; when none does, as NOW;
 *   <li>CONTINUATION_TOKEN: the fragments after the one whose chunk carried the token (a token
 *       is that chunk's fragment number).
 * </ul>
 *
 * Every position then continues in fragment-number order, live. Immutable.
 *
 * @param type the StartSelectorType
 * @param afterFragmentNumber FRAGMENT_NUMBER's AfterFragmentNumber
 * @param startTimestamp the timestamp selectors' StartTimestamp
 * @param continuationToken CONTINUATION_TOKEN's token
 */
public record StartSelector(String type, String afterFragmentNumber, Instant startTimestamp,
    String continuationToken) {

  public static final String[] TYPES = {"FRAGMENT_NUMBER", "SERVER_TIMESTAMP",
      "PRODUCER_TIMESTAMP", "NOW", "EARLIEST", "CONTINUATION_TOKEN"};

  /** The longest fragment (10 s): a fragment containing an instant started at most this before. */
  static final Duration MAX_FRAGMENT = Duration.ofSeconds(10);

  private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
  private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9_.\\-]+$");
  private static final int PAGE = 100;

  /** Checks the members the type needs, as AWS does (InvalidArgumentException). */
  public StartSelector {
    if (type == null) {
      throw MediaRequests.constraint(null, "startSelector.startSelectorType",
          "Member must not be null");
    }
    switch (type) {
      case "FRAGMENT_NUMBER" -> {
        if (afterFragmentNumber == null) {
          throw VideoException.invalidArgument(
              "AfterFragmentNumber is required when StartSelectorType is FRAGMENT_NUMBER.");
        }
        if (!DIGITS.matcher(afterFragmentNumber).matches()) {
          throw MediaRequests.constraint(afterFragmentNumber,
              "startSelector.afterFragmentNumber",
              "Member must satisfy regular expression pattern: ^[0-9]+$");
        }
      }
      case "SERVER_TIMESTAMP", "PRODUCER_TIMESTAMP" -> {
        if (startTimestamp == null) {
          throw VideoException.invalidArgument(
              "StartTimestamp is required when StartSelectorType is " + type + ".");
        }
      }
      case "CONTINUATION_TOKEN" -> {
        if (continuationToken == null) {
          throw VideoException.invalidArgument(
              "ContinuationToken is required when StartSelectorType is CONTINUATION_TOKEN.");
        }
        if (!TOKEN.matcher(continuationToken).matches()
            || !DIGITS.matcher(continuationToken).matches()) {
          throw VideoException.invalidArgument("The ContinuationToken is not valid.");
        }
      }
      case "NOW", "EARLIEST" -> { }
      default -> throw MediaRequests.constraint(type, "startSelector.startSelectorType",
          "Member must satisfy enum value set: " + java.util.Arrays.toString(TYPES));
    }
  }

  /**
   * Where reading starts.
   *
   * @param first the first fragment to send, or null to start with those after {@code after}
   * @param after send the fragments after this fragment number (null: from the oldest)
   */
  public record Position(FragmentInfo first, String after) {}

  /** Resolves the selector against the stream's stored fragments, now. */
  public Position resolve(FragmentStore store, String streamArn) {
    return switch (type) {
      case "EARLIEST" -> new Position(null, null);
      case "NOW" -> now(store, streamArn);
      case "FRAGMENT_NUMBER" -> new Position(null, afterFragmentNumber);
      case "CONTINUATION_TOKEN" -> new Position(null, continuationToken);
      case "SERVER_TIMESTAMP" -> at(store, streamArn, TimestampKind.SERVER_TIMESTAMP);
      case "PRODUCER_TIMESTAMP" -> at(store, streamArn, TimestampKind.PRODUCER_TIMESTAMP);
      default -> throw new IllegalStateException(type);
    };
  }

  private static Position now(FragmentStore store, String streamArn) {
    return new Position(null,
        store.latest(streamArn).map(FragmentInfo::fragmentNumber).orElse(null));
  }

  private Position at(FragmentStore store, String streamArn, TimestampKind kind) {
    Instant from = startTimestamp.minus(MAX_FRAGMENT);
    String after = null;
    while (true) {
      List<FragmentInfo> page = store.list(streamArn, kind, from, null, after, PAGE);
      for (FragmentInfo f : page) {
        Instant start = kind == TimestampKind.SERVER_TIMESTAMP
            ? f.serverTimestamp() : f.producerTimestamp();
        if (!start.isBefore(startTimestamp)
            || start.plusMillis(f.durationMillis()).isAfter(startTimestamp)) {
          return new Position(f, null);
        }
      }
      if (page.size() < PAGE) {
        return now(store, streamArn);
      }
      after = page.get(page.size() - 1).fragmentNumber();
    }
  }
}
