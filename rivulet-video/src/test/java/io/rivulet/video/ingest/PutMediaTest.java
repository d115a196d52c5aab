package io.rivulet.video.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.video.store.FileFragmentStore;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import io.rivulet.video.testing.ManualClock;
import io.rivulet.video.testing.MemoryCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PutMedia sessions end to end below HTTP: headers, acks, ErrorIds, what is stored. */
@Timeout(30)
class PutMediaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1700000000000";

  @TempDir Path dir;
  final MemoryCatalog catalog = new MemoryCatalog();
  FileFragmentStore store;
  PutMedia putMedia;
  final io.rivulet.video.VideoStats stats = new io.rivulet.video.VideoStats();

  @BeforeEach
  void start() throws Exception {
    assertThat(catalog.add("cam", 24).streamArn()).isEqualTo(ARN);
    store = FileFragmentStore.open(dir, FsyncPolicy.group(), Clock.systemUTC(),
        FileFragmentStore.Config.defaults(), arn -> OptionalInt.of(24));
    putMedia = new PutMedia(catalog, store, AccessControl.off(), Clock.systemUTC(),
        IngestConfig.defaults().withRates(1000, 1e9), stats);
  }

  @AfterEach
  void stop() throws Exception {
    putMedia.close();
    store.close();
  }

  static Map<String, String> headers(String type) {
    Map<String, String> h = new HashMap<>();
    h.put("x-amzn-stream-name", "cam");
    h.put("x-amzn-fragment-timecode-type", type);
    h.put("x-amzn-producer-start-timestamp", "1795634974.808");
    h.put("x-amzn-fragment-acknowledgment-required", "1");
    return h;
  }

  /** The response and every ack line of a session over {@code body} (sent in 100-byte pieces). */
  record Result(AwsResponse response, List<JsonNode> acks) {
    List<String> types() {
      return acks.stream().map(a -> a.get("EventType").asText()).toList();
    }

    List<Integer> errors() {
      return acks.stream().filter(a -> a.has("ErrorId")).map(a -> a.get("ErrorId").asInt())
          .toList();
    }
  }

  Result put(Map<String, String> headers, byte[] body) throws Exception {
    return put(headers, new ChunkPublisher(body, 100, true));
  }

  Result put(Map<String, String> headers, ChunkPublisher body) throws Exception {
    AwsRequest head = new AwsRequest("POST", "/putMedia", "", headers, new byte[0], "req");
    assertThat(putMedia.accepts(head)).isTrue();
    AwsResponse response = putMedia.handle(head, body).get(5, TimeUnit.SECONDS);
    if (response.stream() == null) {
      return new Result(response, List.of());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    response.stream().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        synchronized (out) {
          out.write(item.array(), item.position(), item.remaining());
        }
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    done.get(20, TimeUnit.SECONDS);
    List<JsonNode> acks = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        acks.add(JSON.readTree(line));
      }
    }
    return new Result(response, acks);
  }

  @Test
  void fragmentsEndedByTheirTagAreAcknowledgedStoredAndPersisted() throws Exception {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("TEST_KEY_1", "TEST_VALUE_1");
    byte[] body = new ProducerMkv().header()
        .cluster(1_795_634_974_808L, 25).tags(meta).endOfFragment()
        .cluster(1_795_634_975_808L, 25).endOfFragment()
        .cluster(1_795_634_976_808L, 25).endOfFragment().bytes();
    Result r = put(headers("ABSOLUTE"), body);

    assertThat(r.response().status()).isEqualTo(200);
    assertThat(r.response().headers()).containsEntry("Content-Type", "application/json");
    assertThat(r.types()).containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "BUFFERING",
        "RECEIVED", "PERSISTED", "BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(r.acks()).extracting(a -> a.get("FragmentTimecode").asLong()).containsExactly(
        1_795_634_974_808L, 1_795_634_974_808L, 1_795_634_974_808L, 1_795_634_975_808L,
        1_795_634_975_808L, 1_795_634_975_808L, 1_795_634_976_808L, 1_795_634_976_808L,
        1_795_634_976_808L);
    List<String> numbers = r.acks().stream().map(a -> a.get("FragmentNumber").asText())
        .distinct().toList();
    assertThat(numbers).hasSize(3).isSorted();
    List<FragmentInfo> stored = store.list(ARN, TimestampKind.PRODUCER_TIMESTAMP, null, null,
        null, 10);
    assertThat(stored).extracting(FragmentInfo::fragmentNumber).containsExactlyElementsOf(numbers);
    assertThat(stored.get(0).producerTimestamp())
        .isEqualTo(Instant.ofEpochMilli(1_795_634_974_808L));
    assertThat(stored.get(0).durationMillis()).isEqualTo(1000);
    FragmentStore.Fragment first = store.read(ARN, numbers.get(0));
    assertThat(first.frames()).hasSize(25);
    assertThat(first.frames().get(1).timecodeMillis()).isEqualTo(1_795_634_974_848L);
    assertThat(first.tags()).containsExactly(Map.entry("TEST_KEY_1", "TEST_VALUE_1"));
    assertThat(first.header().tracks()).hasSize(1);
    assertThat(first.header().tracks().get(0).name()).isEqualTo("kvs_video_track");
    assertThat(store.read(ARN, numbers.get(1)).tags()).isEmpty();
    io.rivulet.video.VideoStats.StreamCounters c = stats.peek(ARN);
    assertThat(c.incomingFragments.sum()).isEqualTo(3);
    assertThat(c.persistedFragments.sum()).isEqualTo(3);
    assertThat(c.incomingFrames.sum()).isEqualTo(75);
    assertThat(c.incomingBytes.sum()).isGreaterThan(75 * 200);
    assertThat(c.errorAcks.sum()).isZero();
  }

  @Test
  void relativeTimecodesAddTheProducerStartAndFragmentsEndAtTheNextClusterOrTheBodysEnd()
      throws Exception {
    byte[] body = new ProducerMkv().header().cluster(0, 25).cluster(1000, 25).cluster(2000, 10)
        .bytes();
    Result r = put(headers("RELATIVE"), body);
    assertThat(r.types()).filteredOn("PERSISTED"::equals).hasSize(3);
    assertThat(r.acks().get(0).get("FragmentTimecode").asLong()).isZero();
    assertThat(store.list(ARN, TimestampKind.PRODUCER_TIMESTAMP, null, null, null, 10))
        .extracting(f -> f.producerTimestamp().toEpochMilli())
        .containsExactly(1_795_634_974_808L, 1_795_634_975_808L, 1_795_634_976_808L);
  }

  @Test
  void withoutRetentionThereIsNoPersistedAckAndNothingListed() throws Exception {
    catalog.add("cam", 0);
    List<FragmentInfo> live = new ArrayList<>();
    store.subscribe(ARN, live::add);
    Result r = put(headers("RELATIVE"), new ProducerMkv().header().cluster(0, 5).endOfFragment()
        .cluster(200, 5).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "RECEIVED", "BUFFERING", "RECEIVED");
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 10)).isEmpty();
    assertThat(live).hasSize(2);
    assertThat(store.read(ARN, live.get(1).fragmentNumber()).frames()).hasSize(5);
  }

  @Test
  void aTimecodeThatDoesNotIncreaseIs4004AndOnlyThatFragmentIsDropped() throws Exception {
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header()
        .cluster(5000, 5).endOfFragment()
        .cluster(4000, 5).endOfFragment()
        .cluster(6000, 5).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "ERROR",
        "BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(r.errors()).containsExactly(4004);
    assertThat(stats.peek(ARN).errorAcks.sum()).isEqualTo(1);
    assertThat(r.acks().get(3).get("FragmentTimecode").asLong()).isEqualTo(4000);
    assertThat(store.list(ARN, TimestampKind.PRODUCER_TIMESTAMP, null, null, null, 10))
        .extracting(f -> f.producerTimestamp().toEpochMilli()).containsExactly(5000L, 6000L);
  }

  @Test
  void aFragmentLongerThanTenSecondsIs4002() throws Exception {
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header()
        .cluster(1000, 1, List.of(0, 5000, 10_001), 10).endOfFragment()
        .cluster(20_000, 3).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "ERROR", "BUFFERING", "RECEIVED",
        "PERSISTED");
    assertThat(r.errors()).containsExactly(4002);
  }

  @Test
  void aFragmentOverTheSizeLimitIs4001() throws Exception {
    putMedia = new PutMedia(catalog, store, AccessControl.off(), Clock.systemUTC(),
        IngestConfig.defaults().withMaxFragmentBytes(10_000), stats);
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header()
        .cluster(1000, 1, List.of(0, 40, 80), 4000).endOfFragment()
        .cluster(2000, 1, List.of(0, 40), 4000).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "ERROR", "BUFFERING", "RECEIVED",
        "PERSISTED");
    assertThat(r.errors()).containsExactly(4001);
  }

  @Test
  void invalidMkvIs4006AndEndsTheSession() throws Exception {
    Result garbage = put(headers("ABSOLUTE"), "this is not matroska".getBytes());
    assertThat(garbage.types()).containsExactly("ERROR");
    assertThat(garbage.errors()).containsExactly(4006);
    byte[] good = new ProducerMkv().header().cluster(1000, 3).endOfFragment().bytes();
    byte[] broken = Arrays.copyOf(good, good.length + 4);
    broken[good.length] = 0; // an id byte no element can start with
    Result r = put(headers("ABSOLUTE"), broken);
    assertThat(r.types()).containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "ERROR");
    assertThat(r.errors()).containsExactly(4006);
    Result noTracks = put(headers("ABSOLUTE"),
        new ProducerMkv().raw(io.rivulet.video.mkv.Matroska.ebmlHeader("matroska"))
            .raw(io.rivulet.video.mkv.Matroska.segmentStart()).cluster(0, 2).bytes());
    assertThat(noTracks.errors()).containsExactly(4006);
  }

  @Test
  void aStreamThatIsNotActiveIs4008() throws Exception {
    catalog.add("cam", "DELETING", 24);
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header().cluster(1000, 3).bytes());
    assertThat(r.types()).containsExactly("ERROR");
    assertThat(r.errors()).containsExactly(4008);
  }

  @Test
  void moreThanThreeTracksIs4012AndAStrangeTrackNumberIs4010() throws Exception {
    List<TrackInfo> four = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      four.add(new TrackInfo(i, 1, "V_MPEG4/ISO/AVC", new byte[] {1}, "t" + i, 8, 8));
    }
    assertThat(put(headers("ABSOLUTE"), new ProducerMkv().header(four).cluster(0, 2).bytes())
        .errors()).containsExactly(4012);
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header()
        .cluster(1000, 5, List.of(0, 40), 10).endOfFragment()
        .cluster(2000, 2).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "ERROR", "BUFFERING", "RECEIVED",
        "PERSISTED");
    assertThat(r.errors()).containsExactly(4010);
  }

  @Test
  void moreThanTenMetadataTagsIs4009() throws Exception {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      tags.put("K" + i, "v");
    }
    Result r = put(headers("ABSOLUTE"), new ProducerMkv().header()
        .cluster(1000, 2).tags(tags).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("BUFFERING", "ERROR");
    assertThat(r.errors()).containsExactly(4009);
  }

  @Test
  void headerAndStreamErrorsAreAnsweredBeforeTheBody() throws Exception {
    Map<String, String> noType = headers("ABSOLUTE");
    noType.remove("x-amzn-fragment-timecode-type");
    AwsResponse r = put(noType, new byte[0]).response();
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers()).containsEntry("x-amzn-ErrorType", "InvalidArgumentException:");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"Message\"");
    Map<String, String> unknown = headers("ABSOLUTE");
    unknown.put("x-amzn-stream-name", "nope");
    assertThat(put(unknown, new byte[0]).response().status()).isEqualTo(404);
    assertThat(put(unknown, new byte[0]).response().headers())
        .containsEntry("x-amzn-ErrorType", "ResourceNotFoundException:");
    Map<String, String> both = headers("ABSOLUTE");
    both.put("x-amzn-stream-arn", ARN);
    assertThat(put(both, new byte[0]).response().status()).isEqualTo(400);
    Map<String, String> byArn = headers("ABSOLUTE");
    byArn.remove("x-amzn-stream-name");
    byArn.put("x-amzn-stream-arn", ARN);
    assertThat(put(byArn, new ProducerMkv().header().cluster(100, 2).bytes()).types())
        .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    Map<String, String> relativeNoStart = headers("RELATIVE");
    relativeNoStart.remove("x-amzn-producer-start-timestamp");
    assertThat(put(relativeNoStart, new byte[0]).response().status()).isEqualTo(400);
  }

  @Test
  void withoutAcknowledgementsOnlyErrorsAreSent() throws Exception {
    Map<String, String> h = headers("ABSOLUTE");
    h.put("x-amzn-fragment-acknowledgment-required", "0");
    Result r = put(h, new ProducerMkv().header().cluster(5000, 2).endOfFragment()
        .cluster(100, 2).endOfFragment().bytes());
    assertThat(r.types()).containsExactly("ERROR");
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 10)).hasSize(1);
  }

  @Test
  void aSilentUploadGetsIdleAcksAndEnds() throws Exception {
    putMedia = new PutMedia(catalog, store, AccessControl.off(), Clock.systemUTC(),
        IngestConfig.defaults().withIdle(Duration.ofMillis(50), Duration.ofMillis(400)), stats);
    Result r = put(headers("ABSOLUTE"), new ChunkPublisher(
        new ProducerMkv().header().cluster(1000, 2).endOfFragment().bytes(), 1 << 20, false));
    assertThat(r.types()).startsWith("BUFFERING", "RECEIVED", "PERSISTED", "IDLE");
    assertThat(r.types()).filteredOn("IDLE"::equals).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void theRateLimiterMakesCallersWaitForTokens() throws Exception {
    ManualClock clock = new ManualClock(1_000_000);
    List<Long> sleeps = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(5, 5, clock, sleeps::add);
    for (int i = 0; i < 5; i++) {
      limiter.acquire(1);
    }
    assertThat(sleeps).isEmpty();
    limiter.acquire(1);
    assertThat(sleeps).containsExactly(200L);
    clock.advance(Duration.ofSeconds(1));
    limiter.acquire(1);
    assertThat(sleeps).containsExactly(200L);
  }

  /** Publishes a body in pieces on demand; completes at the end, or stays open if not. */
  static final class ChunkPublisher implements Flow.Publisher<ByteBuffer> {
    private final byte[] body;
    private final int piece;
    private final boolean complete;

    ChunkPublisher(byte[] body, int piece, boolean complete) {
      this.body = body;
      this.piece = piece;
      this.complete = complete;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
      s.onSubscribe(new Flow.Subscription() {
        int offset;
        boolean done;

        @Override
        public synchronized void request(long n) {
          for (long i = 0; i < n && offset < body.length; i++) {
            int len = Math.min(piece, body.length - offset);
            s.onNext(ByteBuffer.wrap(Arrays.copyOfRange(body, offset, offset + len)));
            offset += len;
          }
          if (offset >= body.length && complete && !done) {
            done = true;
            s.onComplete();
          }
        }

        @Override
        public void cancel() {
          done = true;
        }
      });
    }
  }
}
