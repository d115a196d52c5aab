package io.rivulet.testkit.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.video.mkv.ClusterFrames;
import io.rivulet.video.mkv.MkvEvent;
import io.rivulet.video.mkv.MkvReader;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test video: an H.264 Matroska file made by ffmpeg's test source (one Cluster and one keyframe a
 * second), read back into tracks and per-cluster frames, and uploaded through {@link
 * PutMediaClient} one fragment per cluster. Immutable once read.
 *
 * @param clusters each cluster's frames, timecodes in ms from the file's start
 */
public record MkvSource(List<TrackInfo> tracks, List<List<Frame>> clusters) {

  /** {@code ffmpeg -f lavfi -i testsrc=size=320x240:rate=25 -t seconds -c:v libx264 -g 25 …}. */
  public static Path ffmpeg(Path dir, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve("testsrc-" + seconds + "s.mkv");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
        "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", Integer.toString(seconds), "-c:v",
        "libx264", "-profile:v", "baseline", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
        "-pix_fmt", "yuv420p", "-f", "matroska", "-cluster_time_limit", "1000", out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("ffmpeg failed: " + log);
    }
    return out;
  }

  /** Reads a Matroska file's tracks and clusters. */
  public static MkvSource read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MkvReader reader = new MkvReader(in);
      List<TrackInfo> tracks = List.of();
      List<List<Frame>> clusters = new ArrayList<>();
      List<Frame> current = null;
      long scale = 1_000_000;
      long timecode = 0;
      MkvEvent e;
      while ((e = reader.next()) != null) {
        if (e instanceof MkvEvent.Info info) {
          scale = info.timecodeScaleNanos();
        } else if (e instanceof MkvEvent.Tracks t) {
          tracks = t.tracks();
        } else if (e instanceof MkvEvent.ClusterStart) {
          current = new ArrayList<>();
          clusters.add(current);
        } else if (e instanceof MkvEvent.ClusterTimecode tc) {
          timecode = tc.timecode();
        } else if (e instanceof MkvEvent.BlockEvent b && current != null) {
          long ms = ClusterFrames.toMillis(timecode + b.block().relativeTimecode(), scale);
          for (byte[] data : b.block().frames()) {
            current.add(new Frame(b.block().trackNumber(), ms, b.block().keyframe(), data));
          }
        }
      }
      return new MkvSource(tracks, clusters);
    }
  }

  /** The first frame's timecode of cluster {@code i}, ms from the file's start. */
  public long clusterStart(int i) {
    return clusters.get(i).get(0).timecodeMillis();
  }

  /**
   * Uploads every cluster as one fragment (ABSOLUTE timecodes from {@code baseMillis}) in one
   * PutMedia session and waits for the last PERSISTED; returns the acks.
   */
  public List<JsonNode> upload(URI endpoint, String streamName, long baseMillis)
      throws IOException {
    try (PutMediaClient client = PutMediaClient.connect(endpoint,
        PutMediaClient.Options.absolute(streamName))) {
      if (client.status() != 200) {
        throw new IOException("PutMedia answered " + client.status() + ": " + client.errorBody());
      }
      client.start(tracks);
      for (int i = 0; i < clusters.size(); i++) {
        client.putFragment(baseMillis + clusterStart(i), clusters.get(i), Map.of());
      }
      return client.finish("PERSISTED", Duration.ofSeconds(30));
    }
  }
}
