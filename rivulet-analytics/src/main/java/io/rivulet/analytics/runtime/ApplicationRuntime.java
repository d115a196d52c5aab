package io.rivulet.analytics.runtime;

import java.nio.file.Path;

/**
 * Runs the applications of some runtime environments ({@code SQL-1_0}, {@code FLINK-2_2},
 * {@code FLINK-1_20}, ...) on an engine: the embedded Flink session cluster, a remote Flink
 * cluster, or a child JVM. The control plane ({@code AnalyticsService}) picks the first runtime
 * that {@link #supports} an application's environment. Implementations are thread-safe.
 */
public interface ApplicationRuntime extends AutoCloseable {

  /** True if this runtime runs applications of {@code runtimeEnvironment}, e.g. "FLINK-2_2". */
  boolean supports(String runtimeEnvironment);

  /**
   * Submits the application and returns once its job is submitted (it may still be starting).
   * {@code restoreFrom} is a snapshot directory written earlier by {@link RunningApplication} (a
   * Flink savepoint), or null to start without state.
   *
   * @throws RuntimeFailure when the application cannot be started (bad code, bad SQL, engine down);
   *     the message is what the user sees
   */
  RunningApplication start(ApplicationSpec spec, Path restoreFrom, boolean allowNonRestoredState)
      throws RuntimeFailure;

  /** Stops every job this runtime started and releases the engine; idempotent. */
  @Override
  void close();
}
