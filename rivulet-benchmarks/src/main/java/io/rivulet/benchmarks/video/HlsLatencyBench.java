package io.rivulet.benchmarks.video;

import io.rivulet.server.RivuletServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivulet bench hls}: the time from a fragment's PERSISTED acknowledgement to its presence
 * in a LIVE HLS media playlist (the Video issue's target: p99 under 100 ms). Per stream, ffmpeg
 * encodes testsrc in real time into live Matroska, a {@link PutMediaUpload} sends it and reads
 * the acks; after the first PERSISTED a LIVE session is opened, and at every later PERSISTED the
 * media playlist is fetched (again at once if the fragment is not listed yet) until it lists that
 * fragment. The time from reading the ack to reading the playlist that lists the fragment is
 * recorded. Starts a server in-process unless {@code --endpoint}. See docs/benchmarks.md. Not
 * thread-safe.
 */
@Command(name = "hls", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure PERSISTED -> listed in the live HLS playlist latency with ffmpeg cameras"
        + " sending PutMedia.")
public final class HlsLatencyBench implements Callable<Integer> {
  private static final Pattern URL = Pattern.compile("\"HLSStreamingSessionURL\"\\s*:\\s*\"([^\"]+)\"");

  @Option(names = "--streams", defaultValue = "2", description = "Concurrent cameras, one stream each (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--duration", defaultValue = "30", description = "Seconds each camera sends (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--gop", defaultValue = "10", description = "Frames per keyframe interval at 25 fps; one fragment each (default: ${DEFAULT-VALUE}).")
  int gop;

  @Option(names = "--size", defaultValue = "320x240", description = "Picture size (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--endpoint", description = "Target this server instead of starting one in-process.")
  URI endpoint;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
  private final AtomicInteger missed = new AtomicInteger();
  private final AtomicInteger persisted = new AtomicInteger();
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  /** One thread per outstanding check, so a check never waits behind another. */
  private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hls-check");
    t.setDaemon(true);
    return t;
  });

  @Override
  public Integer call() throws Exception {
    RivuletServer server = null;
    Path dir = null;
    if (endpoint == null) {
      dir = Files.createTempDirectory("rivulet-bench-hls");
      server = RivuletServer.start(RivuletServer.Options.forTests(dir));
      endpoint = server.endpoint();
    }
    try {
      List<Thread> cams = new ArrayList<>();
      long tag = System.currentTimeMillis();
      for (int i = 0; i < streams; i++) {
        String name = "bench-hls-" + tag + "-" + i;
        createStream(name);
        Thread t = new Thread(() -> camera(name), "camera-" + i);
        t.start();
        cams.add(t);
      }
      for (Thread t : cams) {
        t.join();
      }
      checks.shutdown();
      checks.awaitTermination(30, TimeUnit.SECONDS);
      report();
      return errors.isEmpty() && latency.getTotalCount() > 0 ? 0 : 1;
    } finally {
      if (server != null) {
        server.close();
        deleteTree(dir);
      }
    }
  }

  private void camera(String stream) {
    java.util.concurrent.CompletableFuture<String> playlist = new java.util.concurrent.CompletableFuture<>();
    Process ffmpeg = null;
    try {
      ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
          "-i", "testsrc=size=" + size + ":rate=25", "-t", Integer.toString(durationSeconds),
          "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", Integer.toString(gop),
          "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-pix_fmt", "yuv420p",
          "-f", "matroska", "-live", "1", "-cluster_time_limit", "10000", "pipe:1")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (PutMediaUpload up = new PutMediaUpload(endpoint, stream, ack -> {
        if ("ERROR".equals(ack.eventType())) {
          errors.add(stream + ": " + ack.line());
        }
        if (!"PERSISTED".equals(ack.eventType())) {
          return;
        }
        persisted.incrementAndGet();
        if (!playlist.isDone()) {
          // the first fragment opens the session; the following ones are measured
          checks.execute(() -> open(stream, playlist));
          return;
        }
        checks.execute(() -> check(stream, playlist, ack));
      })) {
        InputStream mkv = ffmpeg.getInputStream();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = mkv.read(buf)) > 0; ) {
          up.write(buf, n);
        }
        up.finish(15_000);
      }
    } catch (IOException | InterruptedException e) {
      errors.add(stream + ": " + e);
    } finally {
      if (ffmpeg != null) {
        ffmpeg.destroy();
      }
    }
  }

  /** Opens the stream's LIVE session (once). */
  private void open(String stream, java.util.concurrent.CompletableFuture<String> playlist) {
    synchronized (playlist) {
      if (playlist.isDone()) {
        return;
      }
      try {
        String body = post("/getHLSStreamingSessionURL", "{\"StreamName\":\"" + stream
            + "\",\"PlaybackMode\":\"LIVE\",\"MaxMediaPlaylistFragmentResults\":5}");
        Matcher m = URL.matcher(body);
        if (!m.find()) {
          throw new IOException("no session URL in " + body);
        }
        String token = m.group(1).substring(m.group(1).indexOf("SessionToken=") + 13);
        playlist.complete(endpoint + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token
            + "&TrackNumber=1");
      } catch (IOException | InterruptedException e) {
        errors.add(stream + ": " + e);
        playlist.completeExceptionally(e);
      }
    }
  }

  /**
   * Measures one fragment: fetches the playlist (again at once while it does not list the
   * fragment) and records the time from reading the PERSISTED ack to reading the listing.
   */
  private void check(String stream, java.util.concurrent.CompletableFuture<String> playlist,
      PutMediaUpload.Ack ack) {
    try {
      String url = playlist.get(10, TimeUnit.SECONDS);
      String wanted = "FragmentNumber=" + ack.fragmentNumber() + "&";
      long deadline = ack.receivedNanos() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (body.contains(wanted)) {
          latency.recordValue(Math.max(0, (System.nanoTime() - ack.receivedNanos()) / 1000));
          return;
        }
      }
      missed.incrementAndGet();
    } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      errors.add(stream + ": " + e);
    }
  }

  private void createStream(String name) throws IOException, InterruptedException {
    PutMediaUpload.createStream(http, endpoint, name);
  }

  private String post(String path, String json) throws IOException, InterruptedException {
    return PutMediaUpload.post(http, endpoint, path, json);
  }

  private void report() {
    System.out.printf(Locale.ROOT, "hls live-playlist latency (PERSISTED ack read -> playlist listing the"
        + " fragment read), %d streams x %d s, %s, keyframe every %d frames at 25 fps%n", streams,
        durationSeconds, size, gop);
    System.out.printf(Locale.ROOT, "fragments persisted %d, measured %d, not listed within 5 s %d%n",
        persisted.get(), latency.getTotalCount(), missed.get());
    System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (target p99 < 100: %s)%n",
        ms(50), ms(90), ms(99), latency.getMaxValue() / 1000.0, ms(99) < 100 ? "met" : "MISSED");
    errors.forEach(e -> System.out.println("error: " + e));
  }

  private double ms(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
