package io.rivulet.video.media;

import io.rivulet.protocol.AwsResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads streamed media responses run on (a cached pool of readers and one timer for idle
 * ends), and the {@code 200 video/webm} response over a {@link ChunkPublisher.Source}.
 * Thread-safe.
 */
public final class ChunkStreams implements AutoCloseable {
  public static final String CONTENT_TYPE = "video/webm";

  private final Duration idle;
  private final ExecutorService readers;
  private final ScheduledExecutorService timer;

  /** @param idle how long a live response waits for a new fragment before it ends */
  public ChunkStreams(Duration idle) {
    this.idle = idle;
    this.readers = Executors.newCachedThreadPool(daemon("video-media-reader"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("video-media-timer"));
  }

  /** {@code 200}, {@code Content-Type: video/webm}, the chunks as a streamed body. */
  public AwsResponse response(ChunkPublisher.Source source) {
    Flow.Publisher<ByteBuffer> body = new ChunkPublisher(source, readers, timer, idle);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    return new AwsResponse(200, headers, null, body);
  }

  /** Stops the threads (open responses end with an error). */
  @Override
  public void close() {
    readers.shutdownNow();
    timer.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
