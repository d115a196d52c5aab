package io.rivulet.video.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoException;
import io.rivulet.video.store.FragmentStore;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoStreamsTest {
  static final VideoCall CALL = call("111122223333", "eu-west-1");
  static final VideoConfig CONFIG = VideoConfig.defaults()
      .withDelays(Duration.ofSeconds(2), Duration.ofSeconds(5));

  @TempDir Path dir;
  Instant now = Instant.parse("2026-11-26T03:00:00Z");
  final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  static VideoCall call(String account, String region) {
    return new VideoCall(new AwsRequest("POST", "/x", "", Map.of(), new byte[0], "req"), account, region);
  }

  VideoStreams streams(FragmentStore store) {
    return new VideoStreams(CONFIG, clock, dir.resolve("meta"), store);
  }

  @Test
  void statusesFollowTheClock() {
    VideoStreams s = streams(null);
    StreamMeta m = s.create(CALL, "cam", null, null, null, 1, Map.of(), null);
    assertThat(m.arn()).isEqualTo("arn:aws:kinesisvideo:eu-west-1:111122223333:stream/cam/"
        + now.toEpochMilli());
    assertThat(s.find("111122223333", "eu-west-1", "cam", null).orElseThrow().status())
        .isEqualTo("CREATING");
    assertThatThrownBy(() -> s.change(CALL, "cam", null, true, x -> x))
        .isInstanceOf(VideoException.class).hasMessageContaining("CREATING");
    now = now.plusSeconds(2);
    assertThat(s.find("111122223333", "eu-west-1", null, m.arn()).orElseThrow().status())
        .isEqualTo("ACTIVE");
    s.change(CALL, "cam", null, true, x -> x.updated("v2", "d", null, 1, null, s.updatingUntil()));
    assertThat(s.stream(CALL, "cam", null).status(s.clockMillis())).isEqualTo("UPDATING");
    now = now.plusSeconds(2);
    s.delete(CALL, m.arn(), "v2");
    assertThat(s.stream(CALL, "cam", null).status(s.clockMillis())).isEqualTo("DELETING");
    assertThatThrownBy(() -> s.create(CALL, "cam", null, null, null, 0, Map.of(), null))
        .isInstanceOf(VideoException.class).hasMessageContaining("already exists");
    now = now.plusSeconds(5);
    assertThat(s.find("111122223333", "eu-west-1", "cam", null)).isEmpty();
    assertThat(s.create(CALL, "cam", null, null, null, 0, Map.of(), null).arn()).isNotEqualTo(m.arn());
  }

  @Test
  void streamsAreScopedByAccountAndRegion() {
    VideoStreams s = streams(null);
    StreamMeta m = s.create(CALL, "cam", null, null, null, 0, Map.of(), null);
    assertThat(s.find("111122223333", "us-east-1", "cam", null)).isEmpty();
    assertThat(s.find("999999999999", "eu-west-1", null, m.arn())).isEmpty();
    assertThatThrownBy(() -> s.stream(call("111122223333", "us-east-1"), null, m.arn()))
        .isInstanceOf(VideoException.class)
        .satisfies(e -> assertThat(((VideoException) e).status()).isEqualTo(404));
    assertThatThrownBy(() -> s.create(call("1", "../x"), "cam", null, null, null, 0, Map.of(), null))
        .isInstanceOf(VideoException.class);
  }

  @Test
  void recordsAreReloadedAndUnreadableOnesSkipped() throws Exception {
    VideoStreams s = streams(null);
    s.create(CALL, "kept", "dev", "video/h264", null, 12, Map.of("k", "v"), "WARM");
    StreamMeta gone = s.create(CALL, "gone", null, null, null, 0, Map.of(), null);
    s.delete(CALL, gone.arn(), null);
    Path bad = dir.resolve("meta/111122223333/eu-west-1/stream-broken.json");
    Files.writeString(bad, "{not json");
    VideoStreams again = streams(null);
    assertThat(again.all()).extracting(StreamMeta::name).containsExactly("kept");
    StreamMeta kept = again.stream(CALL, "kept", null);
    assertThat(kept).isEqualTo(s.stream(CALL, "kept", null));
    assertThat(kept.tags()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void deletingAStreamDropsItsFragments() {
    List<String> dropped = new ArrayList<>();
    FragmentStore store = (FragmentStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {FragmentStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("deleteStream")) {
            dropped.add((String) args[0]);
          }
          return null;
        });
    VideoStreams s = streams(store);
    StreamMeta m = s.create(CALL, "media", null, null, null, 1, Map.of(), null);
    s.delete(CALL, m.arn(), m.version());
    assertThat(dropped).containsExactly(m.arn());
  }

  @Test
  void theStreamLimitHolds() {
    VideoStreams s = new VideoStreams(CONFIG.withStreamLimit(2), clock, null, null);
    s.create(CALL, "a", null, null, null, 0, Map.of(), null);
    s.create(CALL, "b", null, null, null, 0, Map.of(), null);
    assertThatThrownBy(() -> s.create(CALL, "c", null, null, null, 0, Map.of(), null))
        .isInstanceOf(VideoException.class)
        .satisfies(e -> assertThat(((VideoException) e).errorType())
            .isEqualTo("AccountStreamLimitExceededException"));
  }
}
