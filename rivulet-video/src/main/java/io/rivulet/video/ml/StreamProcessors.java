package io.rivulet.video.ml;

import io.rivulet.protocol.AwsException;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.control.MetaFiles;
import io.rivulet.video.images.FrameDecoder;
import io.rivulet.video.store.FragmentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream processors of every account and region: their records (durable under the metadata
 * directory, one file each) and the runners of the started ones. A server restart resumes each
 * RUNNING processor after the last fragment it finished. Thread-safe (synchronised).
 *
 * <p>Rivulet extensions, set as tags at CreateStreamProcessor: {@value #DETECTOR_TAG} picks the
 * detector ({@code motion}, the default, or {@code onnx:<file>} for an ONNX text-detection model
 * in the models directory), and {@value #SAMPLING_TAG} the time between analysed frames in
 * milliseconds ({@value #MIN_SAMPLING_MS} to {@value #MAX_SAMPLING_MS}, default {@value
 * #DEFAULT_SAMPLING_MS}).
 */
public final class StreamProcessors implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamProcessors.class);
  public static final String DETECTOR_TAG = "rivulet:detector";
  public static final String SAMPLING_TAG = "rivulet:sampling-interval-ms";
  static final long DEFAULT_SAMPLING_MS = 1000;
  static final long MIN_SAMPLING_MS = 100;
  static final long MAX_SAMPLING_MS = 60_000;
  static final String KIND = "processor";

  /**
   * What processors need: fragments to read, the video streams, the data streams to write to, a
   * frame decoder, the directory ONNX models are taken from (null: none allowed), the metadata
   * directory (null: in memory) and the clock.
   */
  public record Env(FragmentStore store, VideoStreamCatalog catalog, StreamsApi streams,
      FrameDecoder decoder, Path modelsDir, Path metaDir, Clock clock) {}

  private record Key(String account, String region, String name) {}

  private final Env env;
  private final MetaFiles files;
  private final Map<Key, ProcessorMeta> processors = new HashMap<>();
  private final Map<Key, ProcessorRunner> runners = new HashMap<>();

  public StreamProcessors(Env env) {
    this.env = env;
    this.files = new MetaFiles(env.metaDir());
    for (ProcessorMeta m : files.load(KIND, ProcessorMeta.class)) {
      processors.put(new Key(m.account(), m.region(), m.name()), m);
    }
    for (ProcessorMeta m : List.copyOf(processors.values())) {
      if ("RUNNING".equals(m.status()) || "STARTING".equals(m.status())) {
        log.info("resuming stream processor {} after fragment {}", m.name(), m.lastFragment());
        run(m, new ProcessorRunner.Start(m.lastFragment(), null, null), 0);
      }
    }
  }

  /** Creates a stopped processor after checking its input, output, settings and tags. */
  public synchronized ProcessorMeta create(ProcessorMeta requested) {
    Key key = new Key(requested.account(), requested.region(), requested.name());
    if (processors.containsKey(key)) {
      throw RekognitionError.RESOURCE_IN_USE.with("A stream processor named "
          + requested.name() + " already exists");
    }
    check(requested);
    long now = env.clock().millis();
    String arn = "arn:aws:rekognition:" + requested.region() + ":" + requested.account()
        + ":streamprocessor/" + requested.name();
    ProcessorMeta m = new ProcessorMeta(requested.name(), arn, requested.account(),
        requested.region(), "STOPPED", null, now, now, requested.input(), requested.output(),
        requested.roleArn(), requested.settings(), requested.tags(),
        requested.notificationChannel(), requested.kmsKeyId(), requested.regionsOfInterest(),
        requested.dataSharingPreference(), null, null);
    save(m);
    return m;
  }

  private void check(ProcessorMeta m) {
    String video = m.videoStreamArn();
    if (video == null) {
      throw invalid("Input.KinesisVideoStream.Arn is required");
    }
    VideoStreamCatalog.Stream stream = env.catalog().find(m.account(), m.region(), null, video)
        .orElseThrow(() -> invalid("The Kinesis video stream " + video + " does not exist"));
    if (stream.dataRetentionInHours() < 0) {
      throw invalid("The Kinesis video stream " + video + " is not usable");
    }
    if (m.dataStreamArn() == null) {
      throw invalid("Output.KinesisDataStream.Arn is required: Rivulet writes stream processor"
          + " results to a Kinesis data stream (S3Destination is not supported)");
    }
    try {
      env.streams().describe(m.dataStreamArn());
    } catch (StreamsApiException e) {
      throw invalid("The Kinesis data stream " + m.dataStreamArn() + " does not exist");
    }
    if (m.settings() == null || m.settings().get("FaceSearch") != null) {
      throw invalid("Settings.ConnectedHome is required: Rivulet has no face collections, so"
          + " FaceSearch stream processors are not supported");
    }
    if (m.settings().get("ConnectedHome") == null) {
      throw invalid("Settings.ConnectedHome is required");
    }
    detectorSpec(m.tags());
    samplingMillis(m.tags());
  }

  /** Starts a stopped or failed processor; its session id. */
  public synchronized String start(String account, String region, String name,
      String atFragment, Long producerTimestampMillis, long maxDurationSeconds) {
    Key key = new Key(account, region, name);
    ProcessorMeta m = get(key);
    if ("RUNNING".equals(m.status()) || "STARTING".equals(m.status())
        || "STOPPING".equals(m.status())) {
      throw RekognitionError.RESOURCE_IN_USE.with("Stream processor " + name + " is "
          + m.status());
    }
    check(m);
    String session = UUID.randomUUID().toString();
    long now = env.clock().millis();
    ProcessorMeta started = m.withSession(session, now).withStatus("RUNNING", null, now)
        .withLastFragment(null);
    save(started);
    run(started, new ProcessorRunner.Start(null, atFragment, producerTimestampMillis == null
        ? null : Instant.ofEpochMilli(producerTimestampMillis)), maxDurationSeconds);
    return session;
  }

  private void run(ProcessorMeta m, ProcessorRunner.Start start, long maxDurationSeconds) {
    Key key = new Key(m.account(), m.region(), m.name());
    Detector detector;
    try {
      detector = detector(m.tags());
    } catch (RuntimeException e) {
      save(m.withStatus("FAILED", e.getMessage(), env.clock().millis()));
      return;
    }
    ProcessorRunner runner = new ProcessorRunner(m, start, env.store(), env.streams(),
        env.decoder(), detector, samplingMillis(m.tags()), maxDurationSeconds,
        new ProcessorRunner.Listener() {
          @Override
          public void done(String fragmentNumber) {
            progressed(key, fragmentNumber);
          }

          @Override
          public void ended(String status, String message) {
            finished(key, status, message);
          }
        });
    runners.put(key, runner);
    runner.start();
  }

  private synchronized void progressed(Key key, String fragmentNumber) {
    ProcessorMeta m = processors.get(key);
    if (m != null && "RUNNING".equals(m.status())) {
      save(m.withLastFragment(fragmentNumber));
    }
  }

  private synchronized void finished(Key key, String status, String message) {
    ProcessorMeta m = processors.get(key);
    runners.remove(key);
    if (m != null && "RUNNING".equals(m.status())) {
      save(m.withStatus(status, message, env.clock().millis()));
    }
  }

  /** Stops a running processor (waits for its thread). */
  public void stop(String account, String region, String name) {
    Key key = new Key(account, region, name);
    ProcessorRunner runner;
    synchronized (this) {
      ProcessorMeta m = get(key);
      if (!"RUNNING".equals(m.status()) && !"STARTING".equals(m.status())) {
        throw RekognitionError.RESOURCE_IN_USE.with("Stream processor " + name
            + " is not running (" + m.status() + ")");
      }
      save(m.withStatus("STOPPING", null, env.clock().millis()));
      runner = runners.remove(key);
    }
    if (runner != null) {
      runner.close();
    }
    synchronized (this) {
      ProcessorMeta m = processors.get(key);
      if (m != null && "STOPPING".equals(m.status())) {
        save(m.withStatus("STOPPED", null, env.clock().millis()));
      }
    }
  }

  /** The processor, or ResourceNotFoundException. */
  public synchronized ProcessorMeta describe(String account, String region, String name) {
    return get(new Key(account, region, name));
  }

  /** The account's processors in the region, by name, from {@code after} (exclusive). */
  public synchronized List<ProcessorMeta> list(String account, String region, String after) {
    List<ProcessorMeta> out = new ArrayList<>();
    for (ProcessorMeta m : processors.values()) {
      if (m.account().equals(account) && m.region().equals(region)
          && (after == null || m.name().compareTo(after) > 0)) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(ProcessorMeta::name));
    return out;
  }

  /** Deletes a processor that is not running. */
  public synchronized void delete(String account, String region, String name) {
    Key key = new Key(account, region, name);
    ProcessorMeta m = get(key);
    if ("RUNNING".equals(m.status()) || "STARTING".equals(m.status())
        || "STOPPING".equals(m.status())) {
      throw RekognitionError.RESOURCE_IN_USE.with("Stream processor " + name + " is "
          + m.status() + "; stop it before deleting it");
    }
    processors.remove(key);
    files.delete(account, region, KIND, name);
  }

  /** Replaces settings of a processor that is not running. */
  public synchronized void update(String account, String region, String name,
      Map<String, Object> connectedHome, List<Object> regions, Map<String, Object> sharing,
      List<String> parametersToDelete) {
    ProcessorMeta m = get(new Key(account, region, name));
    if ("RUNNING".equals(m.status()) || "STARTING".equals(m.status())) {
      throw RekognitionError.RESOURCE_IN_USE.with("Stream processor " + name + " is running");
    }
    Map<String, Object> settings = new LinkedHashMap<>(m.settings());
    if (connectedHome != null) {
      Map<String, Object> home = new LinkedHashMap<>(asMap(settings.get("ConnectedHome")));
      home.putAll(connectedHome);
      settings.put("ConnectedHome", home);
    }
    List<String> deleted = parametersToDelete == null ? List.of() : parametersToDelete;
    if (deleted.contains("ConnectedHomeMinConfidence")) {
      Map<String, Object> home = new LinkedHashMap<>(asMap(settings.get("ConnectedHome")));
      home.remove("MinConfidence");
      settings.put("ConnectedHome", home);
    }
    List<Object> newRegions = deleted.contains("RegionsOfInterest") ? null
        : regions != null ? regions : m.regionsOfInterest();
    save(m.withSettings(settings, newRegions, sharing != null ? sharing
        : m.dataSharingPreference(), env.clock().millis()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The processor an ARN names, if any. */
  public synchronized Optional<ProcessorMeta> byArn(String arn) {
    return processors.values().stream().filter(m -> m.arn().equals(arn)).findFirst();
  }

  /** Replaces a processor's tags. */
  public synchronized void tags(ProcessorMeta m, Map<String, String> tags) {
    ProcessorMeta tagged = m.withTags(tags);
    detectorSpec(tagged.tags());
    samplingMillis(tagged.tags());
    save(tagged);
  }

  private ProcessorMeta get(Key key) {
    ProcessorMeta m = processors.get(key);
    if (m == null) {
      throw RekognitionError.RESOURCE_NOT_FOUND.with("Stream processor " + key.name()
          + " not found");
    }
    return m;
  }

  private void save(ProcessorMeta m) {
    files.write(m.account(), m.region(), KIND, m.name(), m);
    processors.put(new Key(m.account(), m.region(), m.name()), m);
  }

  private Detector detector(Map<String, String> tags) {
    String spec = detectorSpec(tags);
    return spec.equals("motion") ? new MotionDetector()
        : new OnnxTextDetector(model(spec.substring("onnx:".length())));
  }

  private String detectorSpec(Map<String, String> tags) {
    String spec = tags.getOrDefault(DETECTOR_TAG, "motion");
    if (spec.equals("motion")) {
      return spec;
    }
    if (!spec.startsWith("onnx:")) {
      throw invalid("Tag " + DETECTOR_TAG + " must be motion or onnx:<model file>, not " + spec);
    }
    model(spec.substring("onnx:".length()));
    return spec;
  }

  private Path model(String file) {
    if (env.modelsDir() == null) {
      throw invalid("ONNX detectors need a models directory (serve --detector-models DIR)");
    }
    Path dir = env.modelsDir().toAbsolutePath().normalize();
    Path model = dir.resolve(file).normalize();
    if (!model.startsWith(dir) || !Files.isRegularFile(model)) {
      throw invalid("No model file " + file + " in the models directory " + dir);
    }
    return model;
  }

  private static long samplingMillis(Map<String, String> tags) {
    String v = tags.get(SAMPLING_TAG);
    if (v == null) {
      return DEFAULT_SAMPLING_MS;
    }
    try {
      long ms = Long.parseLong(v);
      if (ms >= MIN_SAMPLING_MS && ms <= MAX_SAMPLING_MS) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw invalid("Tag " + SAMPLING_TAG + " must be a number of milliseconds from "
        + MIN_SAMPLING_MS + " to " + MAX_SAMPLING_MS + ", not " + v);
  }

  private static AwsException invalid(String message) {
    return RekognitionError.INVALID_PARAMETER.with(message);
  }

  /** Stops every runner (their records keep RUNNING, so the next start resumes them). */
  @Override
  public void close() {
    List<ProcessorRunner> all;
    synchronized (this) {
      all = List.copyOf(runners.values());
      runners.clear();
    }
    all.forEach(ProcessorRunner::close);
  }
}
