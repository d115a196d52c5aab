package io.rivulet.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoException;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.testing.Chunks;
import io.rivulet.video.testing.Collector;
import io.rivulet.video.testing.MemoryCatalog;
import io.rivulet.video.testing.MemoryFragmentStore;
import io.rivulet.video.testing.TestVideo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetMedia (each selector, live tail, idle end), GetMediaForFragmentList and ListFragments. */
class MediaEndpointTest {
  private static final Instant START = Instant.parse("2026-11-26T03:00:00Z");
  @TempDir static Path dir;
  static List<Fragment> fragments;

  MemoryCatalog catalog;
  MemoryFragmentStore store;
  MediaEndpoint endpoint;
  String arn;

  @BeforeAll
  static void makeVideo() throws Exception {
    assumeTrue(TestVideo.ffmpegAvailable(), "ffmpeg is not installed");
    TestVideo.Video video = TestVideo.make(dir, 160, 120, 6);
    fragments = TestVideo.fragments(video, "placeholder", 1, START, 200);
  }

  @BeforeEach
  void setUp() {
    catalog = new MemoryCatalog();
    arn = catalog.add("cam", 24).streamArn();
    store = new MemoryFragmentStore();
    Clock clock = Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC);
    endpoint = new MediaEndpoint(catalog, MediaAccess.off(), store, clock, Duration.ofMillis(400));
  }

  @AfterEach
  void tearDown() {
    endpoint.close();
  }

  /** The i-th test fragment (0-based) of this test's stream. */
  Fragment fragment(int i) {
    Fragment f = fragments.get(i);
    var info = f.info();
    return new Fragment(new io.rivulet.video.store.FragmentStore.FragmentInfo(arn,
        info.fragmentNumber(), info.producerTimestamp(), info.serverTimestamp(),
        info.durationMillis(), info.sizeBytes(), info.headerId()), f.header(), f.frames(),
        f.tags(), f.cluster());
  }

  void put(int... indexes) {
    for (int i : indexes) {
      store.add(fragment(i));
    }
  }

  AwsResponse call(String path, String json) {
    AwsRequest r = new AwsRequest("POST", path, "", Map.of("content-type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8), "req-1");
    assertThat(endpoint.accepts(r)).isTrue();
    try {
      return endpoint.handle(r).join();
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  Collector getMedia(String selector) {
    AwsResponse r = call("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":" + selector + "}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "video/webm");
    Collector c = new Collector();
    r.stream().subscribe(c);
    return c;
  }

  /** Fragment numbers of the chunks until the response ends (idle). */
  static List<String> numbers(Collector c) throws InterruptedException {
    assertThat(c.awaitEnd(10_000)).as("response ended").isTrue();
    assertThat(c.error()).isNull();
    List<String> out = new ArrayList<>();
    for (byte[] chunk : c.pieces) {
      out.add(Chunks.tags(chunk).get(MediaChunks.FRAGMENT_NUMBER));
    }
    return out;
  }

  static String n(int i) {
    return String.format("%020d", i + 1);
  }

  @Test
  void earliestSendsEveryStoredFragmentThenEndsWhenIdle() throws Exception {
    put(0, 1, 2);
    Collector c = getMedia("{\"StartSelectorType\":\"EARLIEST\"}");
    assertThat(numbers(c)).containsExactly(n(0), n(1), n(2));
    Map<String, String> tags = Chunks.tags(c.pieces.peek());
    assertThat(tags).containsEntry(MediaChunks.CONTINUATION_TOKEN, n(0))
        .containsEntry(MediaChunks.MILLIS_BEHIND_NOW, "59800");
    assertThat(store.subscriptions(arn)).isZero();
  }

  @Test
  void nowSendsOnlyFragmentsPersistedAfterTheCall() throws Exception {
    put(0, 1);
    Collector c = getMedia("{\"StartSelectorType\":\"NOW\"}");
    assertThat(c.next(200)).isNull();
    put(2);
    byte[] live = c.next(5_000);
    assertThat(live).isNotNull();
    assertThat(Chunks.tags(live)).containsEntry(MediaChunks.FRAGMENT_NUMBER, n(2));
    put(3);
    assertThat(Chunks.tags(c.next(5_000))).containsEntry(MediaChunks.FRAGMENT_NUMBER, n(3));
    assertThat(c.awaitEnd(5_000)).isTrue();
  }

  @Test
  void fragmentsOfAStreamWithoutRetentionComeFromTheAnnouncements() throws Exception {
    Collector c = getMedia("{\"StartSelectorType\":\"NOW\"}");
    store.announce(fragment(0));
    store.announce(fragment(1));
    assertThat(numbers(c)).containsExactly(n(0), n(1));
  }

  @Test
  void earliestCatchesUpThenFollowsLive() throws Exception {
    put(0);
    Collector c = getMedia("{\"StartSelectorType\":\"EARLIEST\"}");
    assertThat(Chunks.tags(c.next(5_000))).containsEntry(MediaChunks.FRAGMENT_NUMBER, n(0));
    put(1, 2);
    assertThat(numbers(c)).containsExactly(n(1), n(2));
  }

  @Test
  void fragmentNumberStartsAfterTheGivenFragment() throws Exception {
    put(0, 1, 2, 3);
    Collector c = getMedia("{\"StartSelectorType\":\"FRAGMENT_NUMBER\",\"AfterFragmentNumber\":\""
        + n(1) + "\"}");
    assertThat(numbers(c)).containsExactly(n(2), n(3));
  }

  @Test
  void continuationTokenResumesAfterTheLastChunk() throws Exception {
    put(0, 1, 2, 3);
    Collector first = getMedia("{\"StartSelectorType\":\"EARLIEST\"}");
    byte[] one = first.next(5_000);
    first.cancel();
    String token = Chunks.tags(one).get(MediaChunks.CONTINUATION_TOKEN);
    Collector c = getMedia("{\"StartSelectorType\":\"CONTINUATION_TOKEN\",\"ContinuationToken\":\""
        + token + "\"}");
    assertThat(numbers(c)).containsExactly(n(1), n(2), n(3));
  }

  @Test
  void timestampSelectorsStartWithTheFragmentContainingTheInstant() throws Exception {
    put(0, 1, 2, 3, 4);
    // producer: fragment i covers [START + i s, START + i+1 s); server 200 ms later
    String at = MediaRequests.epochSeconds(START.plusMillis(2500)).toPlainString();
    Collector p = getMedia("{\"StartSelectorType\":\"PRODUCER_TIMESTAMP\",\"StartTimestamp\":"
        + at + "}");
    assertThat(numbers(p)).containsExactly(n(2), n(3), n(4));
    String server = MediaRequests.epochSeconds(START.plusMillis(2100)).toPlainString();
    Collector s = getMedia("{\"StartSelectorType\":\"SERVER_TIMESTAMP\",\"StartTimestamp\":"
        + server + "}");
    assertThat(numbers(s)).containsExactly(n(1), n(2), n(3), n(4));
    Collector before = getMedia("{\"StartSelectorType\":\"PRODUCER_TIMESTAMP\","
        + "\"StartTimestamp\":1000}");
    assertThat(numbers(before)).hasSize(5);
    Collector after = getMedia("{\"StartSelectorType\":\"PRODUCER_TIMESTAMP\","
        + "\"StartTimestamp\":" + START.plusSeconds(3600).getEpochSecond() + "}");
    assertThat(numbers(after)).isEmpty();
  }

  @Test
  void aFragmentThatCannotBeReadEndsTheResponseWithAnErrorChunk() throws Exception {
    put(0, 1, 2);
    store.failReads(n(1));
    Collector c = getMedia("{\"StartSelectorType\":\"EARLIEST\"}");
    assertThat(c.awaitEnd(5_000)).isTrue();
    List<byte[]> chunks = new ArrayList<>(c.pieces);
    assertThat(chunks).hasSize(2);
    assertThat(Chunks.tags(chunks.get(1))).containsEntry(MediaChunks.FRAGMENT_NUMBER, n(1))
        .containsEntry(MediaChunks.ERROR_ID, "4000");
  }

  @Test
  void getMediaErrors() {
    assertThatThrownBy(() -> call("/getMedia", "{\"StreamName\":\"nope\","
        + "\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}"))
        .isInstanceOfSatisfying(VideoException.class, e -> {
          assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
          assertThat(e.status()).isEqualTo(404);
        });
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\"}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{}}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\","
        + "\"StartSelector\":{\"StartSelectorType\":\"LATEST\"}}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\","
        + "\"StartSelector\":{\"StartSelectorType\":\"FRAGMENT_NUMBER\"}}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\","
        + "\"StartSelector\":{\"StartSelectorType\":\"SERVER_TIMESTAMP\"}}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\","
        + "\"StartSelector\":{\"StartSelectorType\":\"CONTINUATION_TOKEN\"}}");
    assertInvalid("/getMedia", "{\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}");
    assertInvalid("/getMedia", "{\"StreamName\":\"cam\",\"StreamARN\":\"" + arn
        + "\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}");
  }

  void assertInvalid(String path, String json) {
    assertThatThrownBy(() -> call(path, json)).isInstanceOfSatisfying(VideoException.class,
        e -> assertThat(e.errorType()).isEqualTo("InvalidArgumentException"));
  }

  @Test
  void getMediaForFragmentListSendsTheListedFragmentsInOrderAndEnds() throws Exception {
    put(0, 1, 2, 3);
    AwsResponse r = call("/getMediaForFragmentList", "{\"StreamARN\":\"" + arn
        + "\",\"Fragments\":[\"" + n(3) + "\",\"" + n(1) + "\"]}");
    assertThat(r.headers()).containsEntry("Content-Type", "video/webm");
    Collector c = new Collector();
    r.stream().subscribe(c);
    assertThat(numbers(c)).containsExactly(n(3), n(1));
    assertThat(Chunks.tags(c.pieces.peek())).containsKeys(MediaChunks.SERVER_SIDE_TIMESTAMP,
        MediaChunks.PRODUCER_SIDE_TIMESTAMP).doesNotContainKey(MediaChunks.CONTINUATION_TOKEN);
    assertInvalid("/getMediaForFragmentList", "{\"StreamName\":\"cam\",\"Fragments\":[\"99\"]}");
    assertInvalid("/getMediaForFragmentList", "{\"StreamName\":\"cam\",\"Fragments\":[]}");
    assertInvalid("/getMediaForFragmentList", "{\"StreamName\":\"cam\",\"Fragments\":[\"x1\"]}");
  }

  @Test
  void listFragmentsPagesThroughARange() {
    put(0, 1, 2, 3, 4, 5);
    String range = "\"FragmentSelector\":{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\","
        + "\"TimestampRange\":{\"StartTimestamp\":" + START.plusSeconds(1).getEpochSecond()
        + ",\"EndTimestamp\":" + START.plusSeconds(4).getEpochSecond() + "}}";
    JsonNode page1 = json(call("/listFragments", "{\"StreamName\":\"cam\",\"MaxResults\":3,"
        + range + "}"));
    assertThat(page1.get("Fragments")).hasSize(3);
    JsonNode f = page1.get("Fragments").get(0);
    assertThat(f.get("FragmentNumber").asText()).isEqualTo(n(1));
    assertThat(f.get("ProducerTimestamp").decimalValue())
        .isEqualByComparingTo(MediaRequests.epochSeconds(START.plusSeconds(1)));
    assertThat(f.get("ServerTimestamp").decimalValue())
        .isEqualByComparingTo(MediaRequests.epochSeconds(START.plusMillis(1200)));
    assertThat(f.get("FragmentLengthInMilliseconds").asLong()).isEqualTo(1000);
    assertThat(f.get("FragmentSizeInBytes").asLong()).isEqualTo(fragment(1).cluster().length);
    String token = page1.get("NextToken").asText();
    JsonNode page2 = json(call("/listFragments", "{\"StreamName\":\"cam\",\"MaxResults\":3,"
        + "\"NextToken\":\"" + token + "\"}"));
    assertThat(page2.get("Fragments")).hasSize(1);
    assertThat(page2.get("Fragments").get(0).get("FragmentNumber").asText()).isEqualTo(n(4));
    assertThat(page2.has("NextToken")).isFalse();
    JsonNode all = json(call("/listFragments", "{\"StreamName\":\"cam\"}"));
    assertThat(all.get("Fragments")).hasSize(6);
    assertInvalid("/listFragments", "{\"StreamName\":\"cam\",\"MaxResults\":0}");
    assertInvalid("/listFragments", "{\"StreamName\":\"cam\",\"MaxResults\":1001}");
    assertInvalid("/listFragments", "{\"StreamName\":\"cam\",\"FragmentSelector\":"
        + "{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\"}}");
    assertInvalid("/listFragments", "{\"StreamName\":\"cam\",\"NextToken\":\"!!\"}");
  }

  static JsonNode json(AwsResponse r) {
    assertThat(r.status()).isEqualTo(200);
    try {
      return MediaRequests.JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
