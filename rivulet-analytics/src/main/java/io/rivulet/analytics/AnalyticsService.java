package io.rivulet.analytics;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationStore;
import io.rivulet.analytics.engine.CodeSource;
import io.rivulet.analytics.engine.CodeStore;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.FileApplicationStore;
import io.rivulet.analytics.engine.SchemaDiscovery;
import io.rivulet.analytics.ops.AddApplicationCloudWatchLoggingOption;
import io.rivulet.analytics.ops.AddApplicationInput;
import io.rivulet.analytics.ops.AddApplicationInputProcessingConfiguration;
import io.rivulet.analytics.ops.AddApplicationOutput;
import io.rivulet.analytics.ops.AddApplicationReferenceDataSource;
import io.rivulet.analytics.ops.AddApplicationVpcConfiguration;
import io.rivulet.analytics.ops.CreateApplication;
import io.rivulet.analytics.ops.CreateApplicationPresignedUrl;
import io.rivulet.analytics.ops.CreateApplicationSnapshot;
import io.rivulet.analytics.ops.DeleteApplication;
import io.rivulet.analytics.ops.DeleteApplicationCloudWatchLoggingOption;
import io.rivulet.analytics.ops.DeleteApplicationInputProcessingConfiguration;
import io.rivulet.analytics.ops.DeleteApplicationOutput;
import io.rivulet.analytics.ops.DeleteApplicationReferenceDataSource;
import io.rivulet.analytics.ops.DeleteApplicationSnapshot;
import io.rivulet.analytics.ops.DeleteApplicationVpcConfiguration;
import io.rivulet.analytics.ops.DescribeApplication;
import io.rivulet.analytics.ops.DescribeApplicationOperation;
import io.rivulet.analytics.ops.DescribeApplicationSnapshot;
import io.rivulet.analytics.ops.DescribeApplicationVersion;
import io.rivulet.analytics.ops.DiscoverInputSchema;
import io.rivulet.analytics.ops.ListApplicationOperations;
import io.rivulet.analytics.ops.ListApplicationSnapshots;
import io.rivulet.analytics.ops.ListApplicationVersions;
import io.rivulet.analytics.ops.ListApplications;
import io.rivulet.analytics.ops.ListTagsForResource;
import io.rivulet.analytics.ops.RollbackApplication;
import io.rivulet.analytics.ops.StartApplication;
import io.rivulet.analytics.ops.StopApplication;
import io.rivulet.analytics.ops.TagResource;
import io.rivulet.analytics.ops.UntagResource;
import io.rivulet.analytics.ops.UpdateApplication;
import io.rivulet.analytics.ops.UpdateApplicationMaintenanceConfiguration;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.protocol.Operation;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.streams.api.StreamsApi;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Managed Service for Apache Flink / Kinesis Data Analytics v2 as one service: the control plane
 * ({@link AnalyticsEngine}), its operation table (one line per operation) and its service
 * definition for the dispatcher ({@code KinesisAnalytics_20180523}, AWS JSON 1.1). Thread-safe.
 */
public final class AnalyticsService implements Closeable {
  public static final String TARGET_PREFIX = "KinesisAnalytics_20180523";
  public static final String MODEL_RESOURCE =
      "/io/rivulet/analytics/kinesisanalyticsv2-2018-05-23.shapes.json";

  private final AnalyticsEngine engine;
  private final ServiceDefinition definition;
  private final Path temporaryDir; // code and snapshots when in memory, else null
  private volatile URI consoleEndpoint = URI.create("http://127.0.0.1:4567");

  /**
   * @param stateDir {@code <data-dir>/analytics}: applications, code and snapshots; null keeps
   *     applications in memory (code and snapshots then go to a temporary directory removed on
   *     close)
   * @param streams the streams DiscoverInputSchema samples
   * @param s3 where S3ContentLocation code and S3 sample objects are read
   * @param runtimes the engines that run applications; the first that supports an application's
   *     runtime environment runs it; closed with this service
   */
  public AnalyticsService(Clock clock, Path stateDir, StreamsApi streams, CodeSource s3,
      List<ApplicationRuntime> runtimes) {
    try {
      this.temporaryDir = stateDir == null ? Files.createTempDirectory("rivulet-analytics-") : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path dir = stateDir != null ? stateDir : temporaryDir;
    ApplicationStore store = stateDir == null ? ApplicationStore.inMemory()
        : new FileApplicationStore(stateDir.resolve("applications"));
    this.engine = new AnalyticsEngine(clock, store, new CodeStore(dir.resolve("code"), s3),
        dir.resolve("snapshots"), runtimes);
    ServiceModel model = ServiceModel.fromResource(MODEL_RESOURCE);
    Descriptions d = new Descriptions(model);
    List<Operation<?, ?>> operations = List.of(
        new AddApplicationCloudWatchLoggingOption(engine, d),
        new AddApplicationInput(engine, d),
        new AddApplicationInputProcessingConfiguration(engine, d),
        new AddApplicationOutput(engine, d),
        new AddApplicationReferenceDataSource(engine, d),
        new AddApplicationVpcConfiguration(engine, d),
        new CreateApplication(engine, d),
        new CreateApplicationPresignedUrl(engine, d, () -> consoleEndpoint),
        new CreateApplicationSnapshot(engine, d),
        new DeleteApplication(engine, d),
        new DeleteApplicationCloudWatchLoggingOption(engine, d),
        new DeleteApplicationInputProcessingConfiguration(engine, d),
        new DeleteApplicationOutput(engine, d),
        new DeleteApplicationReferenceDataSource(engine, d),
        new DeleteApplicationSnapshot(engine, d),
        new DeleteApplicationVpcConfiguration(engine, d),
        new DescribeApplication(engine, d),
        new DescribeApplicationOperation(engine, d),
        new DescribeApplicationSnapshot(engine, d),
        new DescribeApplicationVersion(engine, d),
        new DiscoverInputSchema(engine, d, new SchemaDiscovery(streams, s3, clock)),
        new ListApplicationOperations(engine, d),
        new ListApplicationSnapshots(engine, d),
        new ListApplicationVersions(engine, d),
        new ListApplications(engine, d),
        new ListTagsForResource(engine, d),
        new RollbackApplication(engine, d),
        new StartApplication(engine, d),
        new StopApplication(engine, d),
        new TagResource(engine, d),
        new UntagResource(engine, d),
        new UpdateApplication(engine, d),
        new UpdateApplicationMaintenanceConfiguration(engine, d));
    OperationTable.Builder table = OperationTable.builder();
    operations.forEach(table::add);
    this.definition =
        new ServiceDefinition(TARGET_PREFIX, model, table.build(), AnalyticsAccess.rules());
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public AnalyticsEngine engine() {
    return engine;
  }

  /** Where the web console is served (for CreateApplicationPresignedUrl). */
  public void consoleEndpoint(URI endpoint) {
    this.consoleEndpoint = endpoint;
  }

  /** Stops the jobs (with a snapshot when snapshots are on) and closes the runtimes. */
  @Override
  public void close() {
    engine.close();
    if (temporaryDir != null) {
      io.rivulet.analytics.engine.CodeStore.deleteTree(temporaryDir);
    }
  }
}
