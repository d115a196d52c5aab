package io.rivulet.flink.connect;

import io.rivulet.streams.api.StreamsApi;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry through which a Flink job running in the server's own JVM (the embedded engine)
 * reaches the server's streams: the server registers its {@link StreamsApi} here, and the
 * connector's in-process mode uses it without any network hop. One registration per JVM (the
 * server's); registering while another is registered replaces it. Thread-safe.
 *
 * <p>Flink loads user code with a child-first class loader: a job jar that bundles this class
 * unrelocated sees its own, empty registry unless {@code io.rivulet.} is a parent-first pattern
 * ({@code classloader.parent-first-patterns.additional}) of the cluster the job runs on.
 */
public final class InProcessStreams {
  private static final AtomicReference<StreamsApi> REGISTERED = new AtomicReference<>();

  private InProcessStreams() {}

  /** Makes {@code api} the streams in-process jobs read and write. */
  public static void register(StreamsApi api) {
    REGISTERED.set(java.util.Objects.requireNonNull(api, "api"));
  }

  /** Removes {@code api} if it is the one registered (a later registration stays). */
  public static void unregister(StreamsApi api) {
    REGISTERED.compareAndSet(api, null);
  }

  /** The registered streams, if any. */
  public static Optional<StreamsApi> get() {
    return Optional.ofNullable(REGISTERED.get());
  }

  /** The registered streams; IllegalStateException when none is. */
  public static StreamsApi require() {
    StreamsApi api = REGISTERED.get();
    if (api == null) {
      throw new IllegalStateException("No Rivulet streams are registered in this JVM: in-process"
          + " mode works only inside the Rivulet server (its embedded Flink engine); on another"
          + " Flink cluster set 'aws.endpoint' to the server's URL");
    }
    return api;
  }
}
