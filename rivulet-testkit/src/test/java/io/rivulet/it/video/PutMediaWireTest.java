package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;

/**
 * PutMedia on the wire: the testkit's producer-SDK-like client (100-continue, chunked MKV, END_OF
 * FRAGMENT tags, acks read while uploading) and ffmpeg as a camera against the real server, the
 * stream made and its data endpoint found with the SDK v2; what is stored is checked against the
 * source frames and re-written MKV is read by mkvinfo.
 */
@Timeout(120)
class PutMediaWireTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  @TempDir static Path dir;
  static KinesisVideoClient kvs;
  static MkvSource source;

  @BeforeAll
  static void setUp() throws Exception {
    kvs = Clients.kinesisVideoWithoutRetries(rivulet.endpoint());
    source = MkvSource.read(MkvSource.ffmpeg(dir, 3));
  }

  @AfterAll
  static void close() {
    kvs.close();
  }

  static String create(String name, int retentionHours) {
    return kvs.createStream(b -> b.streamName(name).mediaType("video/h264")
        .dataRetentionInHours(retentionHours)).streamARN();
  }

  static URI dataEndpoint(String name) {
    return URI.create(kvs.getDataEndpoint(b -> b.streamName(name).apiName(APIName.PUT_MEDIA))
        .dataEndpoint());
  }

  static List<FragmentInfo> stored(String arn) {
    return rivulet.server().fragments().list(arn, TimestampKind.SERVER_TIMESTAMP, null, null,
        null, 1000);
  }

  @Test
  void theProducerClientGetsEachAckBeforeSendingTheNextFragment() throws Exception {
    String arn = create("producer", 24);
    long base = System.currentTimeMillis();
    List<String> persisted = new ArrayList<>();
    try (PutMediaClient client = PutMediaClient.connect(dataEndpoint("producer"),
        PutMediaClient.Options.absolute("producer"))) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(client.responseHeaders()).containsEntry("content-type", "application/json")
          .containsEntry("transfer-encoding", "chunked");
      client.start(source.tracks());
      for (int i = 0; i < source.clusters().size(); i++) {
        long timecode = base + source.clusterStart(i);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("TEST_KEY_" + i, "TEST_VALUE_" + i);
        client.putFragment(timecode, source.clusters().get(i), meta);
        // the upload is still open: the ack must come now, not at the end of the body
        JsonNode ack = client.awaitAck(PutMediaClient.ack("PERSISTED", timecode),
            Duration.ofSeconds(10));
        persisted.add(ack.get("FragmentNumber").asText());
      }
      List<JsonNode> acks = client.finish("PERSISTED", Duration.ofSeconds(10));
      assertThat(acks).extracting(a -> a.get("EventType").asText()).containsExactly(
          "BUFFERING", "RECEIVED", "PERSISTED", "BUFFERING", "RECEIVED", "PERSISTED",
          "BUFFERING", "RECEIVED", "PERSISTED");
      assertThat(client.ackStreamEnded()).isTrue();
    }
    assertThat(persisted).isSorted().doesNotHaveDuplicates();
    assertThat(stored(arn)).extracting(FragmentInfo::fragmentNumber)
        .containsExactlyElementsOf(persisted);
    for (int i = 0; i < persisted.size(); i++) {
      Fragment f = rivulet.server().fragments().read(arn, persisted.get(i));
      assertThat(f.info().producerTimestamp()).isEqualTo(java.time.Instant.ofEpochMilli(
          base + source.clusterStart(i)));
      assertThat(f.frames()).hasSameSizeAs(source.clusters().get(i));
      for (int k = 0; k < f.frames().size(); k++) {
        assertThat(f.frames().get(k).data()).isEqualTo(source.clusters().get(i).get(k).data());
        assertThat(f.frames().get(k).keyframe()).isEqualTo(k == 0);
      }
      assertThat(f.tags()).containsExactly(Map.entry("TEST_KEY_" + i, "TEST_VALUE_" + i));
      assertThat(f.header().tracks().get(0).codecPrivate())
          .isEqualTo(source.tracks().get(0).codecPrivate());
    }
    assertMkvinfoReads(arn, persisted, 75);
  }

  /** The stored clusters behind the stored header, as a file mkvinfo reads block for block. */
  static void assertMkvinfoReads(String arn, List<String> numbers, int blocks) throws Exception {
    FragmentStore store = rivulet.server().fragments();
    Fragment first = store.read(arn, numbers.get(0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Matroska.ebmlHeader("matroska"));
    out.writeBytes(Matroska.segmentStart());
    out.writeBytes(Matroska.info(first.header().timecodeScaleNanos(), null, "rivulet"));
    out.writeBytes(Matroska.tracks(first.header().tracks()));
    for (String n : numbers) {
      out.writeBytes(store.read(arn, n).cluster());
    }
    Path file = Files.write(dir.resolve("stored-" + numbers.get(0) + ".mkv"), out.toByteArray());
    Process p = new ProcessBuilder("mkvinfo", "-v", file.toString()).redirectErrorStream(true)
        .start();
    String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(info).doesNotContain("Error:").contains("Codec ID: V_MPEG4/ISO/AVC")
        .contains("Pixel width: 320");
    Matcher m = Pattern.compile("Simple block: (key, )?track number 1").matcher(info);
    int count = 0;
    int keys = 0;
    while (m.find()) {
      count++;
      keys += m.group(1) != null ? 1 : 0;
    }
    assertThat(count).isEqualTo(blocks);
    assertThat(keys).isEqualTo(numbers.size());
  }

  @Test
  void ffmpegAsACameraPostsLiveMkvAndEveryClusterIsStored() throws Exception {
    String arn = create("camera", 1);
    URI endpoint = dataEndpoint("camera");
    String headers = "x-amzn-stream-name: camera\r\nx-amzn-fragment-timecode-type: RELATIVE\r\n"
        + "x-amzn-producer-start-timestamp: 1795636200.000\r\n";
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "3", "-c:v", "libx264",
        "-preset", "veryfast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
        "-f", "matroska", "-live", "1", "-cluster_time_limit", "1000", "-method", "POST",
        "-chunked_post", "1", "-headers", headers, endpoint + "/putMedia")
        .redirectErrorStream(true).start();
    String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as(log).isZero();
    List<FragmentInfo> fragments = waitForFragments(arn, 3);
    assertThat(fragments).extracting(f -> f.producerTimestamp().toEpochMilli())
        .containsExactly(1_795_636_200_000L, 1_795_636_201_000L, 1_795_636_202_000L);
    int frames = 0;
    for (FragmentInfo f : fragments) {
      frames += rivulet.server().fragments().read(arn, f.fragmentNumber()).frames().size();
      assertThat(f.durationMillis()).isBetween(900L, 1100L);
    }
    assertThat(frames).isEqualTo(75);
    assertMkvinfoReads(arn, fragments.stream().map(FragmentInfo::fragmentNumber).toList(), 75);
  }

  static List<FragmentInfo> waitForFragments(String arn, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stored(arn).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return stored(arn);
  }

  @Test
  void withoutRetentionFragmentsAreReceivedButNotPersisted() throws Exception {
    String arn = create("live-only", 0);
    try (PutMediaClient client = PutMediaClient.connect(dataEndpoint("live-only"),
        PutMediaClient.Options.absolute("live-only"))) {
      client.start(source.tracks());
      long base = System.currentTimeMillis();
      client.putFragment(base, source.clusters().get(0), Map.of());
      client.putFragment(base + 1000, source.clusters().get(1), Map.of());
      List<JsonNode> acks = client.finish("RECEIVED", Duration.ofSeconds(10));
      assertThat(acks).extracting(a -> a.get("EventType").asText())
          .containsExactly("BUFFERING", "RECEIVED", "BUFFERING", "RECEIVED");
    }
    assertThat(stored(arn)).isEmpty();
    assertThat(rivulet.server().fragments().latest(arn)).isPresent();
  }

  @Test
  void errorsBeforeAndDuringTheUpload() throws Exception {
    try (PutMediaClient missing = PutMediaClient.connect(rivulet.endpoint(),
        PutMediaClient.Options.absolute("no-such-stream"))) {
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.responseHeaders())
          .containsEntry("x-amzn-errortype", "ResourceNotFoundException:");
      assertThat(missing.errorBody()).contains("\"Message\"");
    }
    create("broken", 24);
    try (PutMediaClient client = PutMediaClient.connect(rivulet.endpoint(),
        PutMediaClient.Options.absolute("broken"))) {
      assertThat(client.status()).isEqualTo(200);
      client.start(source.tracks());
      long base = System.currentTimeMillis();
      client.putFragment(base, source.clusters().get(0), Map.of());
      client.putFragment(base - 5000, source.clusters().get(1), Map.of()); // goes back: 4004
      client.awaitAck(a -> a.path("ErrorId").asInt() == 4004, Duration.ofSeconds(10));
      client.chunk(new byte[] {0, 0, 0, 0}); // no EBML id starts with a zero byte
      client.awaitAck(a -> a.path("ErrorId").asInt() == 4006, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!client.ackStreamEnded() && System.nanoTime() < deadline) {
        Thread.sleep(10); // a fatal error ends the session: the ack stream ends, no more is read
      }
      assertThat(client.ackStreamEnded()).isTrue();
      List<JsonNode> acks = client.acks();
      assertThat(acks).extracting(a -> a.get("EventType").asText())
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "ERROR", "ERROR");
      assertThat(acks.get(3).get("FragmentTimecode").asLong()).isEqualTo(base - 5000);
    }
  }
}
