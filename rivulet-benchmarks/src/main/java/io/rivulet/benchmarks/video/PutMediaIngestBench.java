package io.rivulet.benchmarks.video;

import io.rivulet.server.RivuletServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivulet bench putmedia}: PutMedia ingest throughput with several concurrent streams.
 * ffmpeg encodes one clip once (testsrc2 at a fixed bitrate, a keyframe and so a fragment every
 * second); then every stream uploads it at the same moment, as fast as the server takes it, over
 * its own PutMedia connection (a producer-like socket client reading the acks while uploading).
 * The clock runs from the first byte sent to the last PERSISTED ack; reported: MB/s and fragments/s
 * over all streams and per stream, and whether every fragment was PERSISTED. The server's
 * per-stream limits (5 fragments/s, 12.5 MB/s) apply. Starts a server in-process unless
 * {@code --endpoint}. Not thread-safe.
 */
@Command(name = "putmedia", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure PutMedia ingest MB/s with several concurrent streams.")
public final class PutMediaIngestBench implements Callable<Integer> {
  static final double MB = 1024.0 * 1024.0;

  @Option(names = "--streams", defaultValue = "4", description = "Concurrent streams, one PutMedia connection each (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--duration", defaultValue = "20", description = "Seconds of video each stream sends (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--size", defaultValue = "1280x720", description = "Picture size (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--bitrate", defaultValue = "16M", description = "Video bitrate, ffmpeg's notation (default: ${DEFAULT-VALUE}: 2 MB fragments).")
  String bitrate;

  @Option(names = "--endpoint", description = "Target this server instead of starting one in-process.")
  URI endpoint;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

  /** What one stream did: bytes sent, fragments persisted, when its last PERSISTED came. */
  private record Outcome(String stream, long bytes, long persisted, long lastPersistedNanos) {}

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("rivulet-bench-putmedia");
    RivuletServer server = null;
    try {
      byte[] clip = encode(dir.resolve("clip.mkv"));
      long clusters = countClusters(clip);
      if (endpoint == null) {
        server = RivuletServer.start(RivuletServer.Options.forTests(dir.resolve("data")));
        endpoint = server.endpoint();
      }
      long tag = System.currentTimeMillis();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        names.add("bench-putmedia-" + tag + "-" + i);
        createStream(names.get(i));
      }
      List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      for (String name : names) {
        Thread t = new Thread(() -> outcomes.add(upload(name, clip)), "upload-" + name);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      report(clip.length, clusters, start, outcomes);
      boolean complete = outcomes.stream().allMatch(o -> o.persisted() == clusters);
      return errors.isEmpty() && complete ? 0 : 1;
    } finally {
      if (server != null) {
        server.close();
      }
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One clip, a keyframe (and so a Matroska cluster, a fragment) every second. */
  private byte[] encode(Path out) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=" + size + ":rate=25", "-t", Integer.toString(durationSeconds),
        "-c:v", "libx264", "-preset", "ultrafast", "-b:v", bitrate, "-minrate", bitrate,
        "-maxrate", bitrate, "-bufsize", bitrate, "-g", "25", "-keyint_min", "25",
        "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-f", "matroska", "-cluster_time_limit",
        "999", "-cluster_size_limit", "100000000", out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("ffmpeg failed: " + log);
    }
    return Files.readAllBytes(out);
  }

  /** Matroska Cluster elements (ID 1F 43 B6 75) in the clip: the fragments it makes. */
  static long countClusters(byte[] mkv) {
    long n = 0;
    for (int i = 0; i + 3 < mkv.length; i++) {
      if (mkv[i] == 0x1F && mkv[i + 1] == 0x43 && (mkv[i + 2] & 0xff) == 0xB6
          && mkv[i + 3] == 0x75) {
        n++;
      }
    }
    return n;
  }

  private Outcome upload(String stream, byte[] clip) {
    AtomicLong persisted = new AtomicLong();
    AtomicLong last = new AtomicLong();
    try (PutMediaUpload up = new PutMediaUpload(endpoint, stream, ack -> {
      if ("ERROR".equals(ack.eventType())) {
        errors.add(stream + ": " + ack.line());
      } else if ("PERSISTED".equals(ack.eventType())) {
        persisted.incrementAndGet();
        last.set(ack.receivedNanos());
      }
    })) {
      try (InputStream in = new java.io.ByteArrayInputStream(clip)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          up.write(buf, n);
        }
      }
      up.finish(60_000);
    } catch (IOException | InterruptedException e) {
      errors.add(stream + ": " + e);
    }
    return new Outcome(stream, clip.length, persisted.get(), last.get());
  }

  private void createStream(String name) throws IOException, InterruptedException {
    PutMediaUpload.createStream(http, endpoint, name);
  }

  private void report(long clipBytes, long clusters, long start, List<Outcome> outcomes) {
    System.out.printf(Locale.ROOT, "putmedia ingest: %d streams x %d s of %s at %s (%.2f MB, %d"
        + " fragments per stream)%n", streams, durationSeconds, size, bitrate, clipBytes / MB,
        clusters);
    long end = start;
    long bytes = 0;
    long fragments = 0;
    for (Outcome o : outcomes) {
      double seconds = (o.lastPersistedNanos() - start) / 1e9;
      System.out.printf(Locale.ROOT, "  %s: %d/%d PERSISTED, %.2f MB/s, %.2f fragments/s%n",
          o.stream(), o.persisted(), clusters, o.bytes() / MB / seconds, o.persisted() / seconds);
      end = Math.max(end, o.lastPersistedNanos());
      bytes += o.bytes();
      fragments += o.persisted();
    }
    double seconds = (end - start) / 1e9;
    System.out.printf(Locale.ROOT, "all streams: %.2f MB/s, %.2f fragments/s over %.1f s"
        + " (first byte sent -> last PERSISTED)%n", bytes / MB / seconds, fragments / seconds,
        seconds);
    errors.forEach(e -> System.out.println("error: " + e));
  }
}
