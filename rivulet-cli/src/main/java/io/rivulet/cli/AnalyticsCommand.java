package io.rivulet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSummary;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RunConfiguration;

/**
 * {@code rivulet analytics create|list|describe|start|stop|delete}: Analytics (Managed Service for
 * Apache Flink / SQL-1_0) applications over the kinesisanalyticsv2 API. {@code start} and {@code
 * stop} wait (with {@code --wait}) until the application is RUNNING or READY again and report a
 * failed start with the operation's error.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
    description = "Manage Analytics applications (SQL-1_0 and Flink).",
    subcommands = {AnalyticsCreate.class, AnalyticsCommand.ListApplications.class,
        AnalyticsCommand.Describe.class, AnalyticsCommand.Start.class, AnalyticsCommand.Stop.class,
        AnalyticsCommand.Delete.class})
final class AnalyticsCommand {
  private AnalyticsCommand() {}

  static ApplicationDetail describe(KinesisAnalyticsV2Client a, String name) {
    return a.describeApplication(b -> b.applicationName(name)).applicationDetail();
  }

  /** The application as a table, or the DescribeApplication response as JSON. */
  static void print(KinesisAnalyticsV2Client a, String name, boolean json) {
    DescribeApplicationResponse r = a.describeApplication(b -> b.applicationName(name));
    if (json) {
      SdkJson.printIndented(r);
      return;
    }
    ApplicationDetail d = r.applicationDetail();
    new Output("name", "status", "runtime", "version", "created", "arn")
        .row(d.applicationName(), d.applicationStatusAsString(), d.runtimeEnvironmentAsString(),
            d.applicationVersionId(), d.createTimestamp(), d.applicationARN())
        .print(System.out, false);
    var config = d.applicationConfigurationDescription();
    if (config != null && config.sqlApplicationConfigurationDescription() != null) {
      var sql = config.sqlApplicationConfigurationDescription();
      System.out.println();
      Output io = new Output("kind", "id", "in-application", "resource");
      sql.inputDescriptions().forEach(i -> io.row("input", i.inputId(),
          String.join(",", i.inAppStreamNames()), i.kinesisStreamsInputDescription() == null ? "-"
              : i.kinesisStreamsInputDescription().resourceARN()));
      sql.outputDescriptions().forEach(o -> io.row("output", o.outputId(), o.name(),
          o.kinesisStreamsOutputDescription() != null ? o.kinesisStreamsOutputDescription().resourceARN()
              : o.kinesisFirehoseOutputDescription() != null
                  ? o.kinesisFirehoseOutputDescription().resourceARN() : "-"));
      sql.referenceDataSourceDescriptions().forEach(x -> io.row("reference", x.referenceId(),
          x.tableName(), "s3://" + x.s3ReferenceDataSourceDescription().bucketARN()
              .replaceFirst("^arn:[^:]+:s3:::", "") + "/" + x.s3ReferenceDataSourceDescription().fileKey()));
      io.print(System.out, false);
    }
  }

  /** Waits while the application is in one of {@code statuses}, printing dots to stderr. */
  static ApplicationDetail awaitLeaving(KinesisAnalyticsV2Client a, String name, String... statuses)
      throws InterruptedException {
    ApplicationDetail d;
    while (java.util.List.of(statuses).contains((d = describe(a, name)).applicationStatusAsString())) {
      System.err.print(".");
      Thread.sleep(200);
    }
    System.err.println();
    return d;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List applications.")
  static final class ListApplications implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (KinesisAnalyticsV2Client a = client.analytics()) {
        Output out = new Output("name", "status", "runtime", "version", "mode");
        String token = null;
        do {
          String t = token;
          ListApplicationsResponse page = a.listApplications(b -> b.limit(50).nextToken(t));
          for (ApplicationSummary s : page.applicationSummaries()) {
            out.row(s.applicationName(), s.applicationStatusAsString(),
                s.runtimeEnvironmentAsString(), s.applicationVersionId(), s.applicationModeAsString());
          }
          token = page.nextToken();
        } while (token != null);
        out.print(System.out, client.json());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Show an application (--output json: the DescribeApplication response).")
  static final class Describe implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (KinesisAnalyticsV2Client a = client.analytics()) {
        print(a, name, client.json());
      }
      return 0;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start an application (Flink: from its latest snapshot unless told otherwise).")
  static final class Start implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--snapshot", paramLabel = "SNAPSHOT", description = "Restore this snapshot.")
    String snapshot;
    @Option(names = "--skip-restore", description = "Start without restoring a snapshot.")
    boolean skipRestore;
    @Option(names = "--wait", description = "Wait until it is RUNNING (or failed to start).")
    boolean await;

    @Override
    public Integer call() throws InterruptedException {
      try (KinesisAnalyticsV2Client a = client.analytics()) {
        RunConfiguration.Builder run = RunConfiguration.builder();
        if (snapshot != null || skipRestore) {
          run.applicationRestoreConfiguration(r -> r.applicationRestoreType(skipRestore
              ? ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT
              : ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT).snapshotName(snapshot));
        }
        String op = a.startApplication(b -> b.applicationName(name).runConfiguration(run.build()))
            .operationId();
        System.err.print("starting " + name);
        if (!await) {
          System.err.println();
          return 0;
        }
        ApplicationDetail d = awaitLeaving(a, name, "STARTING");
        if (d.applicationStatusAsString().equals("RUNNING")) {
          return 0;
        }
        String why = op == null ? "it is " + d.applicationStatusAsString()
            : failure(a, name, op);
        throw new CliError(1, name + " did not start: " + why);
      }
    }

    private static String failure(KinesisAnalyticsV2Client a, String name, String op) {
      software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfoDetails info;
      try {
        info = a.describeApplicationOperation(b -> b.applicationName(name).operationId(op))
            .applicationOperationInfoDetails();
      } catch (software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException e) {
        return "it is READY again (SQL-1_0 applications have no operation details; see the"
            + " server's log)"; // AWS lists operations of Flink applications only
      }
      return info.operationFailureDetails() == null ? info.operationStatusAsString()
          : info.operationFailureDetails().errorInfo().errorString();
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop an application (Flink: with a snapshot when snapshots are enabled).")
  static final class Stop implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--force", description = "Cancel the job at once, without a snapshot.")
    boolean force;
    @Option(names = "--wait", description = "Wait until it is READY.") boolean await;

    @Override
    public Integer call() throws InterruptedException {
      try (KinesisAnalyticsV2Client a = client.analytics()) {
        a.stopApplication(b -> b.applicationName(name).force(force ? Boolean.TRUE : null));
        System.err.print("stopping " + name);
        if (!await) {
          System.err.println();
          return 0;
        }
        awaitLeaving(a, name, "STOPPING", "FORCE_STOPPING");
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an application.")
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (KinesisAnalyticsV2Client a = client.analytics()) {
        ApplicationDetail d = describe(a, name);
        a.deleteApplication(b -> b.applicationName(name).createTimestamp(d.createTimestamp()));
        System.err.println("deleted " + name);
      }
      return 0;
    }
  }
}
